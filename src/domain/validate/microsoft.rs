//! The Microsoft-peering settings of a family (§5, §7): advertised prefixes, customer ASN, routing
//! registry, route filter.

use super::{
    set_fix, Checked, CheckedMicrosoft, Checker, ListEntry, ListRules, MAX_PREFIXES_PER_FAMILY,
};
use crate::domain::asn::{self, Asn};
use crate::domain::document::FamilyDoc;
use crate::domain::field::{AddressFamily, FamilyPart, FieldPath};
use crate::domain::findings::{quote, Code, Finding};
use crate::domain::names::RouteFilterRef;
use crate::domain::prefix::AdvertisedPrefix;
use crate::domain::registry::{self, RoutingRegistry};
use crate::domain::subnet::LinkSubnet;

impl Checker {
    pub(super) fn microsoft_extras(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        links: [&Checked<LinkSubnet>; 2],
    ) -> CheckedMicrosoft {
        let prefixes = self.advertised_prefixes(index, family, doc, links);
        let customer_asn = self.customer_asn(index, family, doc);
        let registry_path = FieldPath::family(index, family, FamilyPart::RoutingRegistry);
        let routing_registry = match RoutingRegistry::parse_optional(&doc.routing_registry) {
            Ok(registry) => {
                let has_prefixes = doc.advertised_prefixes.iter().any(|p| !p.trim().is_empty());
                if registry.is_none() && has_prefixes {
                    self.raise(Finding::new(
                        Code::RegistryMissing,
                        registry_path,
                        registry::MISSING_MESSAGE,
                    ));
                }
                Checked::ok(registry)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), registry_path, e.to_string()));
                Checked::failed()
            }
        };
        let filter_path = FieldPath::family(index, family, FamilyPart::RouteFilter);
        let route_filter = if doc.route_filter.trim().is_empty() {
            self.raise(Finding::new(
                Code::RouteFilterMissing,
                filter_path,
                format!(
                    "no {family} route filter is named: circuits configured after 2017-08-01 receive no Microsoft prefixes until a route filter is attached; name one (a name or a resource ID), or attach it later."
                ),
            ));
            Checked::ok(None)
        } else {
            self.name(filter_path, &doc.route_filter, RouteFilterRef::parse)
                .optional()
        };
        let filter_rule = self.filter_rule(index, family, doc, &route_filter);
        CheckedMicrosoft {
            prefixes,
            customer_asn,
            routing_registry,
            route_filter,
            filter_rule,
        }
    }

    /// §5: each prefix on its own, then the list: at least one, at most 200, duplicates (a warning at
    /// the later copy; the first is kept) and overlaps with the peering's link subnets (a warning).
    fn advertised_prefixes(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        links: [&Checked<LinkSubnet>; 2],
    ) -> Checked<Vec<AdvertisedPrefix>> {
        let list_path = FieldPath::family(index, family, FamilyPart::AdvertisedPrefixes);
        // Every prefix the typed plan would carry, in order: clean ones, and refused-by-policy ones
        // that change mode may let through.
        let mut plan_prefixes: Vec<AdvertisedPrefix> = Vec::new();
        let mut all_clean = true;
        let (entries, mut all_valid) = self.list_entries(
            &doc.advertised_prefixes,
            |k| FieldPath::family(index, family, FamilyPart::AdvertisedPrefix(k)),
            ListRules {
                empty: "this advertised prefix entry is empty: type a public prefix, or remove the entry.",
                duplicate: Code::PrefixDuplicate,
                repeat: &|text, first, prefix| {
                    format!(
                        "{} repeats the prefix at position {} ({prefix}): only the first copy is kept; remove this one.",
                        quote(text.trim()),
                        first + 1
                    )
                },
            },
            |text| AdvertisedPrefix::parse_for(text, family),
        );
        let distinct = entries.len();
        for ListEntry {
            path, text, parsed, ..
        } in entries
        {
            match parsed {
                Ok(prefix) => {
                    let overlapped = links
                        .iter()
                        .filter_map(|l| l.clean_value())
                        .find(|l| prefix.overlaps(l.net()));
                    if let Some(link) = overlapped {
                        self.raise(Finding::new(
                            Code::PrefixOverlapsLink,
                            path,
                            format!(
                                "{} overlaps the link subnet {link}: Microsoft advises against using link addresses (for example for SNAT); advertise a prefix outside the link subnets.",
                                quote(text.trim())
                            ),
                        ));
                    }
                    plan_prefixes.push(prefix);
                }
                Err(e) => {
                    all_clean = false;
                    let mut finding = Finding::new(e.code(), path, e.to_string());
                    if let Some(value) = e.suggestion() {
                        finding = finding.with_fix(set_fix(path, value));
                    }
                    match e.policy_value() {
                        Some(prefix) => {
                            self.raise_policy(finding);
                            if !plan_prefixes.contains(&prefix) {
                                plan_prefixes.push(prefix);
                            }
                        }
                        None => {
                            all_valid = false;
                            self.raise(finding);
                        }
                    }
                }
            }
        }
        let label = family.label();
        if doc.advertised_prefixes.is_empty() {
            self.raise_policy(Finding::new(
                Code::PrefixMissing,
                list_path,
                format!(
                    "MicrosoftPeering needs at least one {label} advertised public prefix: add the public prefixes you will advertise over this session (the service refuses the peering without them)."
                ),
            ));
        } else if distinct > MAX_PREFIXES_PER_FAMILY {
            self.raise_policy(Finding::new(
                Code::PrefixTooMany,
                list_path,
                format!(
                    "there are {distinct} {label} advertised prefixes: a BGP session takes at most {MAX_PREFIXES_PER_FAMILY} per address family; aggregate them or remove some."
                ),
            ));
        }
        match (all_valid, all_clean) {
            (true, true) => Checked::ok(plan_prefixes),
            (true, false) => Checked::policy_failed(plan_prefixes),
            (false, _) => Checked::failed(),
        }
    }

    fn customer_asn(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
    ) -> Checked<Option<Asn>> {
        let input = doc.customer_asn.trim();
        if input.is_empty() {
            return Checked::ok(None);
        }
        let path = FieldPath::family(index, family, FamilyPart::CustomerAsn);
        match Asn::parse_customer(input) {
            Ok(asn) => {
                if asn.value() > Asn::INT32_MAX {
                    self.raise(Finding::new(
                        Code::AsnCustomerInt32,
                        path,
                        asn::customer_int32_message(input, asn),
                    ));
                }
                Checked::ok(Some(asn))
            }
            Err(e) => self.asn_error(path, e).optional(),
        }
    }
}
