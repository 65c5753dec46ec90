//! The plan validator: document in, findings and (when no error) a typed plan out (§2-7, §11.2).
//!
//! How findings combine (§11.2 policy): one error per bad value, the most specific one, raised by the
//! value's own parser; a value that failed is left out of the cross-field checks; whitespace around a
//! value is ignored everywhere except in the shared key. Findings come out in document order.
//!
//! One file per concern: [`circuit`] (names, VNet address spaces), [`peering`] (type, ASN, VLAN, key,
//! families and links), [`microsoft`] (prefixes, customer ASN, registry, route filter), [`cross`]
//! (overlaps between peerings and with VNets), [`change`] (change mode: downgrades and `change.*`
//! findings from the one [`PeeringChange`](super::change::PeeringChange)), [`typed`] (the typed plan and
//! baseline). This file holds what they share.

mod change;
mod circuit;
mod cross;
mod filters;
mod microsoft;
mod peering;
mod router;
mod typed;

use super::asn::Asn;
use super::document::PlanDocument;
use super::field::{AddressFamily, FieldPath, Link};
use super::findings::{Code, Edit, Finding, Findings, Fix};
use super::ipplan::IpPlan;
use super::key::SharedKey;
use super::model::ValidPlan;
use super::names::{CircuitName, ResourceGroupName, RouteFilterRef, SubscriptionId};
use super::peering::PeeringType;
use super::prefix::AdvertisedPrefix;
use super::registry::RoutingRegistry;
use super::subnet::LinkSubnet;
use super::vlan::VlanId;

pub use typed::live_baseline;

/// At most 200 advertised prefixes per BGP session, i.e. per address family (ROUTING).
pub const MAX_PREFIXES_PER_FAMILY: usize = 200;

/// Everything the UI shows about a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub findings: Findings,
    /// `Some` exactly when no finding has error severity.
    pub plan: Option<ValidPlan>,
    /// The rows whose inputs are valid, even when other fields have errors.
    pub ip_plan: IpPlan,
}

/// Validates a plan document (§2-7, §11.2). Total: never panics, whatever the document holds.
pub fn analyze(doc: &PlanDocument) -> Analysis {
    let mut check = Checker::default();
    let circuit = check.circuit(doc);
    let vnets = check.vnet_address_spaces(doc);
    if doc.peerings.is_empty() {
        check.raise(Finding::new(
            super::findings::Code::Required,
            FieldPath::Peerings,
            "the plan has no peering: add an AzurePrivatePeering or a MicrosoftPeering.",
        ));
    }
    let mut peerings = Vec::with_capacity(doc.peerings.len());
    for (index, peering) in doc.peerings.iter().enumerate() {
        let checked = check.peering(index, peering, &peerings);
        peerings.push(checked);
    }
    check.cross_peering_overlaps(&peerings);
    check.vnet_overlaps(&peerings, &vnets);
    check.on_premises_vnet_overlaps(&peerings, &vnets);
    check.filter_conflicts(&peerings);
    check.filter_subscriptions(doc, &peerings);
    check.routers_advertise_nothing(doc, &peerings);
    let routers = check.routers(doc);
    let baseline = doc.baseline.as_ref().map(live_baseline);
    if let Some(baseline) = &baseline {
        check.change_mode(doc, &circuit, baseline, &peerings);
    }

    let mut raised = check.raised;
    // Stable: findings at the same path keep the order they were raised in.
    raised.sort_by_key(|r| r.finding.path);
    let findings = Findings(raised.into_iter().map(|r| r.finding).collect());
    let ip_plan = cross::ip_plan(&peerings);
    let plan = if findings.has_errors() {
        None
    } else {
        typed::valid_plan(circuit, &peerings, routers).map(|mut plan| {
            plan.baseline = baseline;
            plan
        })
    };
    Analysis {
        findings,
        plan,
        ip_plan,
    }
}

/// A value after its own checks. `value` is what the typed plan would carry; `clean` is false when the
/// value raised an error of its own (then it is left out of the cross-field checks and the IP plan). A
/// value can be present but not clean after a policy error that change mode may downgrade.
#[derive(Debug, Clone)]
struct Checked<T> {
    value: Option<T>,
    clean: bool,
}

impl<T> Checked<T> {
    fn ok(value: T) -> Checked<T> {
        Checked {
            value: Some(value),
            clean: true,
        }
    }
    fn failed() -> Checked<T> {
        Checked {
            value: None,
            clean: false,
        }
    }
    fn policy_failed(value: T) -> Checked<T> {
        Checked {
            value: Some(value),
            clean: false,
        }
    }
    /// The same check for an optional value that is present.
    fn optional(self) -> Checked<Option<T>> {
        Checked {
            value: self.value.map(Some),
            clean: self.clean,
        }
    }
    fn clean_value(&self) -> Option<&T> {
        self.value.as_ref().filter(|_| self.clean)
    }
}

struct CheckedCircuit {
    subscription: Checked<Option<SubscriptionId>>,
    resource_group: Checked<ResourceGroupName>,
    name: Checked<CircuitName>,
}

struct CheckedPeering {
    index: usize,
    peering_type: Checked<PeeringType>,
    peer_asn: Checked<Asn>,
    vlan_id: Checked<VlanId>,
    shared_key: Checked<Option<SharedKey>>,
    /// By [`AddressFamily::slot`]; `None` when the family is not configured.
    families: [Option<CheckedFamily>; 2],
}

struct CheckedFamily {
    family: AddressFamily,
    primary: Checked<LinkSubnet>,
    secondary: Checked<LinkSubnet>,
    /// Microsoft peering only.
    microsoft: Option<CheckedMicrosoft>,
    /// Private peering only.
    on_premises: Option<router::CheckedOnPremises>,
}

impl CheckedFamily {
    fn links(&self) -> [(Link, &Checked<LinkSubnet>); 2] {
        [
            (Link::Primary, &self.primary),
            (Link::Secondary, &self.secondary),
        ]
    }
}

struct CheckedMicrosoft {
    /// The prefixes the typed plan carries, first copies only, in the user's order; `None` when one of
    /// them cannot be represented (a syntax error, an empty entry).
    prefixes: Checked<Vec<AdvertisedPrefix>>,
    customer_asn: Checked<Option<Asn>>,
    routing_registry: Checked<Option<RoutingRegistry>>,
    route_filter: Checked<Option<RouteFilterRef>>,
    /// The filter the plan creates as `route_filter`, when it creates one.
    filter_rule: Checked<Option<crate::domain::model::PlannedFilter>>,
}

/// A finding and whether change mode may downgrade it: only policy errors on values the typed plan can
/// still carry (a reserved ASN, a private link subnet, an overlap, ...) are downgraded; an error whose
/// value cannot be represented (a syntax error) stays an error, since nothing could be emitted for it.
/// `involves` lists every path whose value the finding compares (its own path first): change mode
/// downgrades it only when all of them are unchanged.
struct Raised {
    finding: Finding,
    downgradable: bool,
    involves: Vec<FieldPath>,
}

#[derive(Default)]
struct Checker {
    raised: Vec<Raised>,
}

/// Human numbering for messages: peerings are counted from 1.
fn peering_label(index: usize, peering_type: Option<PeeringType>) -> String {
    match peering_type {
        Some(t) => format!("peering {} ({t})", index + 1),
        None => format!("peering {}", index + 1),
    }
}

fn set_fix(path: FieldPath, value: String) -> Fix {
    Fix {
        label: format!("Use {value}"),
        edits: vec![Edit::Set { path, value }],
    }
}

fn remove_fix(path: FieldPath, label: &str) -> Fix {
    Fix {
        label: label.to_string(),
        edits: vec![Edit::Remove { path }],
    }
}

/// One entry of a list field (advertised or on-premises prefixes, communities) that passed the checks
/// every list shares: not empty, not a repeat of an earlier value.
pub(super) struct ListEntry<'a, T, E> {
    pub k: usize,
    pub path: FieldPath,
    pub text: &'a str,
    pub parsed: Result<T, E>,
}

/// How one list field words its shared findings.
pub(super) struct ListRules<'m, T> {
    /// The message of an empty entry (`required`).
    pub empty: &'m str,
    /// The code of a repeated value.
    pub duplicate: Code,
    /// The message of a repeat: (the entry as typed, the first copy's index, the value).
    pub repeat: &'m dyn Fn(&str, usize, &T) -> String,
}

impl Checker {
    /// Walks a list field: an empty entry is `required` and a value that parses to one already listed
    /// is `rules.duplicate`, each with a fix that removes the entry; the other entries come back, in
    /// order, for the list's own checks, with whether there was no empty entry. The first copies are
    /// kept in a map, so a pasted list of thousands stays linear.
    fn list_entries<'a, T: Clone + Eq + std::hash::Hash, E>(
        &mut self,
        texts: &'a [String],
        path_of: impl Fn(usize) -> FieldPath,
        rules: ListRules<'_, T>,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> (Vec<ListEntry<'a, T, E>>, bool) {
        let mut first_copy: std::collections::HashMap<T, usize> = Default::default();
        let mut entries = Vec::new();
        let mut none_empty = true;
        for (k, text) in texts.iter().enumerate() {
            let path = path_of(k);
            if text.trim().is_empty() {
                self.raise(
                    Finding::new(Code::Required, path, rules.empty)
                        .with_fix(remove_fix(path, "Remove the empty entry")),
                );
                none_empty = false;
                continue;
            }
            let parsed = parse(text);
            if let Ok(value) = &parsed {
                if let Some(first) = first_copy.get(value) {
                    self.raise(
                        Finding::new(rules.duplicate, path, (rules.repeat)(text, *first, value))
                            .with_fix(remove_fix(path, "Remove the duplicate")),
                    );
                    continue;
                }
                first_copy.insert(value.clone(), k);
            }
            entries.push(ListEntry {
                k,
                path,
                text: text.as_str(),
                parsed,
            });
        }
        (entries, none_empty)
    }

    /// Records a finding that change mode leaves as it is.
    fn raise(&mut self, finding: Finding) {
        self.raised.push(Raised {
            finding,
            downgradable: false,
            involves: Vec::new(),
        });
    }

    /// Records a policy error that change mode downgrades when its value is unchanged.
    fn raise_policy(&mut self, finding: Finding) {
        self.raise_relational(finding, Vec::new());
    }

    /// Records a policy error comparing its value with the values at `others`: change mode downgrades
    /// it only when its own value and every other value are unchanged.
    fn raise_relational(&mut self, finding: Finding, others: Vec<FieldPath>) {
        let mut involves = vec![finding.path];
        involves.extend(others);
        self.raised.push(Raised {
            finding,
            downgradable: true,
            involves,
        });
    }

    fn required(&mut self, path: FieldPath, message: &str) {
        self.raise(Finding::new(super::findings::Code::Required, path, message));
    }
}
