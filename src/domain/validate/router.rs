//! The router side (README "Router configs"): the `routers` settings, and the on-premises prefixes of a
//! private peering's families. A plan without `routers` and without on-premises prefixes raises nothing
//! here: the router side is optional and its defaults are valid.

use super::{
    peering_label, remove_fix, set_fix, Checked, CheckedPeering, Checker, ListEntry, ListRules,
};
use crate::domain::document::{FamilyDoc, PlanDocument};
use crate::domain::field::{AddressFamily, FamilyPart, FieldPath, Link, RouterField};
use crate::domain::findings::{quote, Code, Finding};
use crate::domain::peering::PeeringType;
use crate::domain::router::{
    on_premises_limit, Encapsulation, EncapsulationKind, InterfaceName, MaxPrefix,
    OnPremisesPrefix, RouterPlan, Vendor, LINUX_IFNAME_MAX,
};
use crate::domain::subnet::LinkSubnet;
use crate::domain::vlan::VlanId;
use ipnet::IpNet;

impl Checker {
    /// The typed router settings; `None` when one of them has an error.
    pub(super) fn routers(&mut self, doc: &PlanDocument) -> Option<RouterPlan> {
        let Some(routers) = &doc.routers else {
            return Some(RouterPlan::default());
        };
        let at = FieldPath::Router;
        let vendor =
            self.router_value(RouterField::Vendor, Vendor::parse_optional(&routers.vendor));
        let kind = self.router_value(
            RouterField::Encapsulation,
            EncapsulationKind::parse(&routers.encapsulation),
        );
        let max_prefix = self.router_value(
            RouterField::MaxPrefix,
            MaxPrefix::parse_optional(&routers.max_prefix),
        );
        let mut interfaces: [Option<InterfaceName>; 2] = [None, None];
        let mut interfaces_ok = true;
        for (slot, link) in Link::ALL.into_iter().enumerate() {
            let text = match link {
                Link::Primary => &routers.primary_interface,
                Link::Secondary => &routers.secondary_interface,
            };
            match self.router_value(
                RouterField::Interface(link),
                InterfaceName::parse_optional(text),
            ) {
                Some(name) => interfaces[slot] = name,
                None => interfaces_ok = false,
            }
        }
        let s_tag_path = at(RouterField::STag);
        let encapsulation = match kind {
            Some(EncapsulationKind::QinQ) => {
                if routers.s_tag.trim().is_empty() {
                    self.required(
                        s_tag_path,
                        "QinQ needs the outer tag (S-tag): type the S-tag your provider or ExpressRoute Direct port uses (1-4094), or choose dot1q.",
                    );
                    None
                } else {
                    match VlanId::parse(&routers.s_tag) {
                        Ok(s_tag) => Some(Encapsulation::QinQ { s_tag }),
                        Err(e) => {
                            self.raise(Finding::new(
                                e.code(),
                                s_tag_path,
                                format!("the S-tag: {e}"),
                            ));
                            None
                        }
                    }
                }
            }
            Some(EncapsulationKind::Dot1q) => {
                if !routers.s_tag.trim().is_empty() {
                    self.raise(
                        Finding::new(
                            Code::FieldIgnored,
                            s_tag_path,
                            format!(
                                "the S-tag {} applies to QinQ only: with dot1q the configs tag the peering's VLAN alone; choose qinq, or remove the S-tag.",
                                quote(routers.s_tag.trim())
                            ),
                        )
                        .with_fix(remove_fix(s_tag_path, "Remove")),
                    );
                }
                Some(Encapsulation::Dot1q)
            }
            None => None,
        };
        self.linux_names(doc, &interfaces, encapsulation);
        if !interfaces_ok {
            return None;
        }
        Some(RouterPlan {
            vendor: vendor?,
            encapsulation: encapsulation?,
            bfd: routers.bfd,
            max_prefix: max_prefix?,
            interfaces,
        })
    }

    /// A router value from its parser; its error raised at its field.
    fn router_value<T>(
        &mut self,
        field: RouterField,
        result: Result<T, crate::domain::router::RouterError>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.raise(Finding::new(
                    e.code(),
                    FieldPath::Router(field),
                    e.to_string(),
                ));
                None
            }
        }
    }

    /// FRR runs on Linux, whose interface names are at most 15 bytes: the VLAN sub-interface
    /// `<parent>.<vlan>` (QinQ `<parent>.<s-tag>.<vlan>`) must fit, or `ip link add` refuses it.
    fn linux_names(
        &mut self,
        doc: &PlanDocument,
        interfaces: &[Option<InterfaceName>; 2],
        encapsulation: Option<Encapsulation>,
    ) {
        let wants_frr = doc
            .routers
            .as_ref()
            .is_some_and(|r| Vendor::parse_optional(&r.vendor) == Ok(Some(Vendor::Frr)));
        if !wants_frr {
            return;
        }
        let longest_vlan = doc
            .peerings
            .iter()
            .filter_map(|p| VlanId::parse(&p.vlan_id).ok())
            .map(|v| v.to_string().len())
            .max()
            .unwrap_or(4);
        let s_tag_len = match encapsulation {
            Some(Encapsulation::QinQ { s_tag }) => s_tag.to_string().len() + 1,
            _ => 0,
        };
        for (slot, link) in Link::ALL.into_iter().enumerate() {
            let Some(name) = &interfaces[slot] else {
                continue;
            };
            let total = name.as_str().len() + s_tag_len + 1 + longest_vlan;
            if total > LINUX_IFNAME_MAX {
                self.raise(Finding::new(
                    Code::RouterInterface,
                    FieldPath::Router(RouterField::Interface(link)),
                    format!(
                        "{} is too long for Linux: its VLAN sub-interface name would have {total} characters and Linux allows {LINUX_IFNAME_MAX}; use a shorter parent name (rename the interface, e.g. to eth1).",
                        quote(name.as_str())
                    ),
                ));
            }
        }
    }

    /// A private peering family's on-premises prefixes: each on its own (syntax, family, host bits),
    /// then the list: duplicates (a warning at the later copy), the default route (a warning), overlaps
    /// with the peering's link subnets (a warning), and the per-session limits.
    pub(super) fn on_premises_prefixes(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        links: [&Checked<LinkSubnet>; 2],
    ) -> CheckedOnPremises {
        let mut positions = Vec::new();
        let mut prefixes = Vec::new();
        let (entries, mut valid) = self.list_entries(
            &doc.on_premises_prefixes,
            |k| FieldPath::family(index, family, FamilyPart::OnPremisesPrefix(k)),
            ListRules {
                empty: "this on-premises prefix entry is empty: type a prefix your routers advertise to Azure, or remove the entry.",
                duplicate: Code::PrefixDuplicate,
                repeat: &|text, first, prefix| {
                    format!(
                        "{} repeats the on-premises prefix at position {} ({prefix}): only the first copy is kept; remove this one.",
                        quote(text.trim()),
                        first + 1
                    )
                },
            },
            |text| OnPremisesPrefix::parse_for(text, family),
        );
        for ListEntry {
            k,
            path,
            text,
            parsed,
        } in entries
        {
            match parsed {
                Ok(prefix) => {
                    if prefix.is_default_route() {
                        self.raise(Finding::new(
                            Code::RouterDefaultRoute,
                            path,
                            format!(
                                "{} is a default route: Azure then sends all VNet traffic without a more specific route to your network, Windows VM activation (KMS) included; advertise your own prefixes unless you mean to force-tunnel.",
                                quote(text.trim())
                            ),
                        ));
                    }
                    let overlapped = links
                        .iter()
                        .filter_map(|l| l.clean_value())
                        .find(|l| prefix.overlaps(l.net()));
                    if let Some(link) = overlapped.filter(|_| !prefix.is_default_route()) {
                        self.raise(Finding::new(
                            Code::PrefixOverlapsLink,
                            path,
                            format!(
                                "{} overlaps the link subnet {link}: the link subnets are the BGP sessions themselves; advertise your on-premises networks, not them.",
                                quote(text.trim())
                            ),
                        ));
                    }
                    prefixes.push(prefix);
                    positions.push(k);
                }
                Err(e) => {
                    valid = false;
                    let mut finding = Finding::new(e.code(), path, e.to_string());
                    if let Some(value) = e.suggestion() {
                        finding = finding.with_fix(set_fix(path, value));
                    }
                    self.raise(finding);
                }
            }
        }
        let list_path = FieldPath::family(index, family, FamilyPart::OnPremisesPrefixes);
        let count = prefixes.len();
        let label = family.label();
        match on_premises_limit(family) {
            (_, Some(premium)) if count > premium => {
                self.raise(Finding::new(
                    Code::RouterPrefixesTooMany,
                    list_path,
                    format!(
                        "there are {count} {label} on-premises prefixes: a private peering takes at most {premium} per BGP session even with ExpressRoute Premium, and drops the session above it; aggregate them."
                    ),
                ));
                valid = false;
            }
            (standard, Some(premium)) if count > standard => {
                self.raise(Finding::new(
                    Code::RouterPrefixesNeedPremium,
                    list_path,
                    format!(
                        "there are {count} {label} on-premises prefixes: a standard circuit takes at most {standard} per BGP session and drops the session above it; {premium} need ExpressRoute Premium. Aggregate them, or make sure the circuit is Premium."
                    ),
                ));
            }
            (standard, None) if count > standard => {
                self.raise(Finding::new(
                    Code::RouterPrefixesTooMany,
                    list_path,
                    format!(
                        "there are {count} {label} on-premises prefixes: a private peering takes at most {standard} per BGP session and drops the session above it; aggregate them."
                    ),
                ));
                valid = false;
            }
            _ => {}
        }
        CheckedOnPremises {
            prefixes: if valid {
                Checked::ok(prefixes)
            } else {
                Checked::failed()
            },
            positions,
        }
    }

    /// On-premises prefixes apply to private peering only: warn so nobody expects them on a Microsoft
    /// peering (whose routers advertise exactly its advertised prefixes).
    pub(super) fn ignored_on_premises(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
    ) {
        if doc.on_premises_prefixes.is_empty() {
            return;
        }
        let path = FieldPath::family(index, family, FamilyPart::OnPremisesPrefixes);
        self.raise(
            Finding::new(
                Code::FieldIgnored,
                path,
                "on-premises prefixes apply to AzurePrivatePeering only: a MicrosoftPeering's routers advertise exactly its advertised prefixes, so the configs leave these out; remove them.",
            )
            .with_fix(remove_fix(path, "Remove")),
        );
    }

    /// A private peering whose routers would advertise nothing (only once the plan has router settings:
    /// before that nobody is planning routers).
    pub(super) fn routers_advertise_nothing(
        &mut self,
        doc: &PlanDocument,
        peerings: &[CheckedPeering],
    ) {
        if doc.routers.is_none() {
            return;
        }
        for peering in peerings {
            if peering.peering_type.clean_value() != Some(&PeeringType::AzurePrivatePeering) {
                continue;
            }
            let Some(pdoc) = doc.peerings.get(peering.index) else {
                continue;
            };
            for family in peering.families.iter().flatten() {
                let listed = pdoc
                    .family(family.family)
                    .as_ref()
                    .is_some_and(|f| !f.on_premises_prefixes.is_empty());
                if !listed {
                    self.raise(Finding::new(
                        Code::RouterNoPrefixes,
                        FieldPath::family(peering.index, family.family, FamilyPart::OnPremisesPrefixes),
                        format!(
                            "{} lists no {} on-premises prefixes: its router configs advertise nothing to Azure, and your VNets learn no route to your network until they do; list the prefixes to advertise.",
                            peering_label(peering.index, Some(PeeringType::AzurePrivatePeering)),
                            family.family
                        ),
                    ));
                }
            }
        }
    }

    /// An on-premises prefix that overlaps a VNet address space: Azure prefers its own VNet routes, so
    /// that part of your network is unreachable from the VNet.
    pub(super) fn on_premises_vnet_overlaps(
        &mut self,
        peerings: &[CheckedPeering],
        vnets: &[IpNet],
    ) {
        for peering in peerings {
            for family in peering.families.iter().flatten() {
                let Some(on_premises) = &family.on_premises else {
                    continue;
                };
                let Some(prefixes) = on_premises.prefixes.clean_value() else {
                    continue;
                };
                for (prefix, k) in prefixes.iter().zip(&on_premises.positions) {
                    if prefix.is_default_route() {
                        continue;
                    }
                    if let Some(space) = vnets.iter().find(|v| prefix.overlaps(**v)) {
                        self.raise(Finding::new(
                            Code::RouterPrefixOverlapsVnet,
                            FieldPath::family(peering.index, family.family, FamilyPart::OnPremisesPrefix(*k)),
                            format!(
                                "{prefix} overlaps the VNet address space {space}: the VNet keeps its own routes, so that part of your network is unreachable from Azure; advertise prefixes outside your VNets."
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// A private family's on-premises prefixes after their checks, with each clean prefix's position in
/// the document list (for pointers).
pub(super) struct CheckedOnPremises {
    pub(super) prefixes: Checked<Vec<OnPremisesPrefix>>,
    pub(super) positions: Vec<usize>,
}
