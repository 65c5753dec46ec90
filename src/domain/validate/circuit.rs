//! The circuit's names (§7) and the VNet address spaces (§2).

use super::{remove_fix, Checked, CheckedCircuit, Checker};
use crate::domain::document::PlanDocument;
use crate::domain::field::{AddressFamily, CircuitField, FieldPath};
use crate::domain::findings::{quote, Code, Finding};
use crate::domain::names::{CircuitName, NameError, ResourceGroupName, SubscriptionId};
use crate::domain::subnet::{parse_cidr, truncated, Cidr};
use ipnet::IpNet;

impl Checker {
    /// A name of §7 that is present: parsed, or one finding with the parser's message.
    pub(super) fn name<T>(
        &mut self,
        path: FieldPath,
        text: &str,
        parse: fn(&str) -> Result<T, NameError>,
    ) -> Checked<T> {
        match parse(text) {
            Ok(value) => Checked::ok(value),
            Err(e) => {
                self.raise(Finding::new(e.code(), path, e.to_string()));
                Checked::failed()
            }
        }
    }

    pub(super) fn circuit(&mut self, doc: &PlanDocument) -> CheckedCircuit {
        let circuit = &doc.circuit;
        let subscription = match circuit.subscription.trim() {
            "" => Checked::ok(None),
            text => self
                .name(
                    FieldPath::Circuit(CircuitField::Subscription),
                    text,
                    SubscriptionId::parse,
                )
                .optional(),
        };
        let resource_group = if circuit.resource_group.trim().is_empty() {
            self.required(
                FieldPath::Circuit(CircuitField::ResourceGroup),
                "the resource group is required: type the resource group of the ExpressRoute circuit.",
            );
            Checked::failed()
        } else {
            self.name(
                FieldPath::Circuit(CircuitField::ResourceGroup),
                &circuit.resource_group,
                ResourceGroupName::parse,
            )
        };
        let name = if circuit.name.trim().is_empty() {
            self.required(
                FieldPath::Circuit(CircuitField::Name),
                "the circuit name is required: type the name of the ExpressRoute circuit.",
            );
            Checked::failed()
        } else {
            self.name(
                FieldPath::Circuit(CircuitField::Name),
                &circuit.name,
                CircuitName::parse,
            )
        };
        CheckedCircuit {
            subscription,
            resource_group,
            name,
        }
    }

    /// §2: each `vnetAddressSpaces` entry must be a CIDR (`vnet.syntax`). Host bits are tolerated here
    /// (only the overlap check uses these) and the network is compared.
    pub(super) fn vnet_address_spaces(&mut self, doc: &PlanDocument) -> Vec<IpNet> {
        let mut spaces = Vec::new();
        for (k, text) in doc.vnet_address_spaces.iter().enumerate() {
            let path = FieldPath::VnetAddressSpace(k);
            let input = text.trim();
            let parsed = match parse_cidr(input) {
                Some(Cidr::Net { addr, len }) if len <= AddressFamily::of(addr).max_len() => {
                    Ok(truncated(addr, len as u8))
                }
                Some(Cidr::Net { .. }) => Err(format!(
                    "VNet address space {} has a prefix length above the maximum: type the address space as listed on the VNet, e.g. 10.1.0.0/16.",
                    quote(input)
                )),
                Some(Cidr::Bare(addr)) => Err(format!(
                    "VNet address space {} has no prefix length: type it as listed on the VNet, e.g. {}/16.",
                    quote(input),
                    addr
                )),
                None if input.is_empty() => Err(
                    "this VNet address space entry is empty: type a CIDR such as 10.1.0.0/16, or remove the entry."
                        .to_string(),
                ),
                None => Err(format!(
                    "VNet address space {} is not a CIDR: type an address and its length, e.g. 10.1.0.0/16.",
                    quote(input)
                )),
            };
            match parsed {
                Ok(net) => spaces.push(net),
                Err(message) => {
                    let mut finding = Finding::new(Code::VnetSyntax, path, message);
                    if input.is_empty() {
                        finding = finding.with_fix(remove_fix(path, "Remove the empty entry"));
                    }
                    self.raise(finding);
                }
            }
        }
        spaces
    }
}
