//! The plan validator: document in, findings and (when no error) a typed plan out (§2-7, §11.2).
//!
//! How findings combine (§11.2 policy): one error per bad value, the most specific one, raised by the
//! value's own parser; a value that failed is left out of the cross-field checks; whitespace around a
//! value is ignored everywhere except in the shared key. Findings come out in document order.

use super::asn::{self, Asn, AsnError};
use super::document::{FamilyDoc, PeeringDoc, PlanDocument};
use super::findings::{quote, Code, Edit, Finding, Findings, Fix, Severity};
use super::ipplan::{IpPlan, IpPlanRow, Link};
use super::key::{self, SharedKey};
use super::model::{
    Circuit, FamilyPlan, LiveBaseline, LiveFamily, LivePeering, MicrosoftConfig, ValidPeering,
    ValidPlan,
};
use super::names::{CircuitName, NameError, ResourceGroupName, RouteFilterRef, SubscriptionId};
use super::peering::PeeringType;
use super::pointer::join;
use super::prefix::{special_purpose_overlap, AdvertisedPrefix};
use super::registry::{self, RoutingRegistry};
use super::subnet::{parse_cidr, truncated, AddressFamily, Cidr, LinkSubnet, SubnetError};
use super::vlan::VlanId;
use ipnet::IpNet;
use std::collections::HashMap;

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
            Code::Required,
            "/peerings",
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
    if let Some(baseline) = &doc.baseline {
        check.change_mode(doc, &baseline.peerings, &peerings);
    }

    let mut raised = check.raised;
    raised.sort_by_cached_key(|r| document_order(&r.finding.path));
    let findings = Findings(raised.into_iter().map(|r| r.finding).collect());
    let ip_plan = ip_plan(&peerings);
    let plan = if findings.has_errors() {
        None
    } else {
        valid_plan(circuit, &peerings).map(|mut plan| {
            plan.baseline = doc.baseline.as_ref().map(live_baseline);
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
    /// IPv4 then IPv6; `None` when the family is not configured.
    families: [Option<CheckedFamily>; 2],
}

struct CheckedFamily {
    family: AddressFamily,
    primary: Checked<LinkSubnet>,
    secondary: Checked<LinkSubnet>,
    /// Microsoft peering only.
    microsoft: Option<CheckedMicrosoft>,
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
}

/// A finding and whether change mode may downgrade it: only policy errors on values the typed plan can
/// still carry (a reserved ASN, a private link subnet, an overlap, ...) are downgraded; an error whose
/// value cannot be represented (a syntax error) stays an error, since nothing could be emitted for it.
/// `involves` lists every pointer whose value the finding compares (its own path first): change mode
/// downgrades it only when all of them are unchanged.
struct Raised {
    finding: Finding,
    downgradable: bool,
    involves: Vec<String>,
}

#[derive(Default)]
struct Checker {
    raised: Vec<Raised>,
}

fn peering_path(index: usize) -> String {
    format!("/peerings/{index}")
}

fn family_path(index: usize, family: AddressFamily) -> String {
    join(&peering_path(index), &[family.key()])
}

/// Human numbering for messages: peerings are counted from 1.
fn peering_label(index: usize, peering_type: Option<PeeringType>) -> String {
    match peering_type {
        Some(t) => format!("peering {} ({t})", index + 1),
        None => format!("peering {}", index + 1),
    }
}

fn set_fix(path: &str, value: String) -> Fix {
    Fix {
        label: format!("Use {value}"),
        edits: vec![Edit::Set {
            pointer: path.to_string(),
            value,
        }],
    }
}

fn remove_fix(path: &str, label: &str) -> Fix {
    Fix {
        label: label.to_string(),
        edits: vec![Edit::Remove {
            pointer: path.to_string(),
        }],
    }
}

impl Checker {
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
    fn raise_relational(&mut self, finding: Finding, others: Vec<String>) {
        let mut involves = vec![finding.path.clone()];
        involves.extend(others);
        self.raised.push(Raised {
            finding,
            downgradable: true,
            involves,
        });
    }

    fn required(&mut self, path: &str, message: &str) {
        self.raise(Finding::new(Code::Required, path, message));
    }

    /// A name of §7 that is present: parsed, or one finding with the parser's message.
    fn name<T>(
        &mut self,
        path: &str,
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

    fn circuit(&mut self, doc: &PlanDocument) -> CheckedCircuit {
        let circuit = &doc.circuit;
        let subscription = match circuit.subscription.trim() {
            "" => Checked::ok(None),
            text => self
                .name("/circuit/subscription", text, SubscriptionId::parse)
                .optional(),
        };
        let resource_group = if circuit.resource_group.trim().is_empty() {
            self.required(
                "/circuit/resourceGroup",
                "the resource group is required: type the resource group of the ExpressRoute circuit.",
            );
            Checked::failed()
        } else {
            self.name(
                "/circuit/resourceGroup",
                &circuit.resource_group,
                ResourceGroupName::parse,
            )
        };
        let name = if circuit.name.trim().is_empty() {
            self.required(
                "/circuit/name",
                "the circuit name is required: type the name of the ExpressRoute circuit.",
            );
            Checked::failed()
        } else {
            self.name("/circuit/name", &circuit.name, CircuitName::parse)
        };
        CheckedCircuit {
            subscription,
            resource_group,
            name,
        }
    }

    /// §2: each `vnetAddressSpaces` entry must be a CIDR (`vnet.syntax`). Host bits are tolerated here
    /// (only the overlap check uses these) and the network is compared.
    fn vnet_address_spaces(&mut self, doc: &PlanDocument) -> Vec<IpNet> {
        let mut spaces = Vec::new();
        for (k, text) in doc.vnet_address_spaces.iter().enumerate() {
            let path = format!("/vnetAddressSpaces/{k}");
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
                    let mut finding = Finding::new(Code::VnetSyntax, &path, message);
                    if input.is_empty() {
                        finding = finding.with_fix(remove_fix(&path, "Remove the empty entry"));
                    }
                    self.raise(finding);
                }
            }
        }
        spaces
    }

    fn peering(
        &mut self,
        index: usize,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> CheckedPeering {
        let base = peering_path(index);
        let peering_type = self.peering_type(&base, doc, earlier);
        let known_type = peering_type.clean_value().copied();
        let peer_asn = self.peer_asn(&base, doc, known_type);
        let vlan_id = self.vlan_id(&base, doc, earlier);
        let shared_key = self.shared_key(&base, doc);
        if doc.ipv4.is_none() && doc.ipv6.is_none() {
            self.raise(Finding::new(
                Code::PeeringNoFamily,
                &base,
                format!(
                    "{} has no address family: configure IPv4, IPv6 or both.",
                    peering_label(index, known_type)
                ),
            ));
        }
        let families = [
            doc.ipv4
                .as_ref()
                .map(|f| self.family(index, AddressFamily::Ipv4, f, known_type)),
            doc.ipv6
                .as_ref()
                .map(|f| self.family(index, AddressFamily::Ipv6, f, known_type)),
        ];
        let ipv6_path = family_path(index, AddressFamily::Ipv6);
        if known_type == Some(PeeringType::MicrosoftPeering)
            && doc.ipv6.is_some()
            && doc.ipv4.is_none()
        {
            self.raise(Finding::new(
                Code::PeeringIpv6OnlyMicrosoft,
                &ipv6_path,
                format!(
                    "{} has IPv6 only: an IPv6-only Microsoft peering is unproven (in 2017 the service required IPv4 first); configure IPv4 too if you can.",
                    peering_label(index, known_type)
                ),
            ));
        }
        if doc.ipv4.is_some() && doc.ipv6.is_some() {
            self.raise(Finding::new(
                Code::CliIpv6UpdateDropsIpv4,
                &ipv6_path,
                format!(
                    "{} is dual-stack: the documented \"az network express-route peering update --ip-version IPv6\" removes its IPv4 settings; the planner's commands add IPv6 with --set instead, so use them rather than the documented command.",
                    peering_label(index, known_type)
                ),
            ));
        }
        CheckedPeering {
            index,
            peering_type,
            peer_asn,
            vlan_id,
            shared_key,
            families,
        }
    }

    fn peering_type(
        &mut self,
        base: &str,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> Checked<PeeringType> {
        let path = join(base, &["type"]);
        match PeeringType::parse(&doc.peering_type) {
            Ok(t) => {
                if let Some(first) = earlier
                    .iter()
                    .find(|p| p.peering_type.clean_value() == Some(&t))
                {
                    self.raise(Finding::new(
                        Code::PeeringDuplicateType,
                        &path,
                        format!(
                            "{} already has type {t}: a circuit has at most one peering of each type; remove this one or change its type.",
                            peering_label(first.index, None)
                        ),
                    ));
                }
                Checked::ok(t)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), &path, e.to_string()));
                Checked::failed()
            }
        }
    }

    fn peer_asn(
        &mut self,
        base: &str,
        doc: &PeeringDoc,
        peering_type: Option<PeeringType>,
    ) -> Checked<Asn> {
        let path = join(base, &["peerAsn"]);
        let input = doc.peer_asn.trim();
        if input.is_empty() {
            self.required(
                &path,
                "the peer ASN is required: type the ASN of your own routers (asplain 65010 or asdot 1.10).",
            );
            return Checked::failed();
        }
        match Asn::parse_peer(input) {
            Ok(asn) => {
                if peering_type == Some(PeeringType::MicrosoftPeering) && asn.is_private() {
                    self.raise(Finding::new(
                        Code::AsnPrivateOnMicrosoft,
                        &path,
                        asn::private_on_microsoft_message(input, asn),
                    ));
                }
                Checked::ok(asn)
            }
            Err(e) => self.asn_error(&path, e),
        }
    }

    /// A refused ASN: a reserved or private number is a policy error that keeps its value (change mode
    /// may downgrade it); a syntax or range error has no value.
    fn asn_error(&mut self, path: &str, e: AsnError) -> Checked<Asn> {
        let finding = Finding::new(e.code(), path, e.to_string());
        match e.policy_value() {
            Some(asn) => {
                self.raise_policy(finding);
                Checked::policy_failed(asn)
            }
            None => {
                self.raise(finding);
                Checked::failed()
            }
        }
    }

    fn vlan_id(
        &mut self,
        base: &str,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> Checked<VlanId> {
        let path = join(base, &["vlanId"]);
        if doc.vlan_id.trim().is_empty() {
            self.required(
                &path,
                "the VLAN ID is required: type a number from 1 to 4094 that no other peering of this circuit uses.",
            );
            return Checked::failed();
        }
        match VlanId::parse(&doc.vlan_id) {
            Ok(vlan) => {
                let same = earlier
                    .iter()
                    .find(|p| p.vlan_id.clean_value() == Some(&vlan));
                if let Some(first) = same {
                    self.raise_relational(
                        Finding::new(
                            Code::VlanDuplicate,
                            &path,
                            format!(
                                "VLAN {vlan} is already used by {}: each peering of a circuit needs its own VLAN ID.",
                                peering_label(first.index, first.peering_type.clean_value().copied())
                            ),
                        ),
                        vec![join(&peering_path(first.index), &["vlanId"])],
                    );
                }
                Checked::ok(vlan)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), &path, e.to_string()));
                Checked::failed()
            }
        }
    }

    /// §6: optional; never trimmed.
    fn shared_key(&mut self, base: &str, doc: &PeeringDoc) -> Checked<Option<SharedKey>> {
        if doc.shared_key.is_empty() {
            return Checked::ok(None);
        }
        let path = join(base, &["sharedKey"]);
        match SharedKey::parse(&doc.shared_key) {
            Ok(key) => {
                if key.starts_with_digit() {
                    self.raise(Finding::new(
                        Code::KeyLeadingDigit,
                        &path,
                        key::LEADING_DIGIT_MESSAGE,
                    ));
                }
                Checked::ok(Some(key))
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), &path, e.to_string()));
                Checked::failed()
            }
        }
    }

    fn family(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        peering_type: Option<PeeringType>,
    ) -> CheckedFamily {
        let base = family_path(index, family);
        let microsoft = peering_type == Some(PeeringType::MicrosoftPeering);
        let primary = self.link(&base, family, Link::Primary, &doc.primary, microsoft);
        let secondary = self.link(&base, family, Link::Secondary, &doc.secondary, microsoft);
        if let (Some(p), Some(s)) = (primary.clean_value(), secondary.clean_value()) {
            if p.overlaps(s.net()) {
                let relation = if p == s {
                    "is the same subnet as"
                } else {
                    "overlaps"
                };
                self.raise_relational(
                    Finding::new(
                        Code::SubnetOverlap,
                        join(&base, &["secondary"]),
                        format!(
                            "the secondary link {} {relation} the primary link {p}: each link needs its own /{}; use two different subnets, e.g. the two halves of one /{}.",
                            quote(doc.secondary.trim()),
                            family.link_len(),
                            family.link_len() - 1
                        ),
                    ),
                    vec![join(&base, &["primary"])],
                );
            }
        }
        let microsoft_config = match peering_type {
            Some(PeeringType::MicrosoftPeering) => {
                Some(self.microsoft_extras(&base, family, doc, [&primary, &secondary]))
            }
            Some(PeeringType::AzurePrivatePeering) => {
                self.ignored_fields(&base, doc);
                None
            }
            None => None,
        };
        CheckedFamily {
            family,
            primary,
            secondary,
            microsoft: microsoft_config,
        }
    }

    fn link(
        &mut self,
        base: &str,
        family: AddressFamily,
        link: Link,
        text: &str,
        microsoft: bool,
    ) -> Checked<LinkSubnet> {
        let path = join(base, &[link.key()]);
        if text.trim().is_empty() {
            self.required(
                &path,
                &format!(
                    "the {} {family} link subnet is required: type a /{} (or one /{} to split into both links).",
                    link.key(),
                    family.link_len(),
                    family.link_len() - 1
                ),
            );
            return Checked::failed();
        }
        match LinkSubnet::parse_for(text, family) {
            Ok(subnet) => {
                if microsoft {
                    if let Some(range) = special_purpose_overlap(subnet.net()) {
                        self.raise_policy(Finding::new(
                            Code::SubnetNotPublic,
                            &path,
                            format!(
                                "{} overlaps {range} ({}): Microsoft peering needs public link subnets registered to you or your provider.",
                                quote(text.trim()),
                                range.name
                            ),
                        ));
                        return Checked::policy_failed(subnet);
                    }
                }
                Checked::ok(subnet)
            }
            Err(e) => {
                let fix = match &e {
                    SubnetError::BareAddress { suggestion, .. } => {
                        Some(set_fix(&path, suggestion.to_string()))
                    }
                    SubnetError::HostBits { network, .. } => {
                        Some(set_fix(&path, network.to_string()))
                    }
                    SubnetError::Split {
                        primary, secondary, ..
                    } => Some(Fix {
                        label: format!("Split into {primary} and {secondary}"),
                        edits: vec![
                            Edit::Set {
                                pointer: join(base, &["primary"]),
                                value: primary.to_string(),
                            },
                            Edit::Set {
                                pointer: join(base, &["secondary"]),
                                value: secondary.to_string(),
                            },
                        ],
                    }),
                    _ => None,
                };
                let mut finding = Finding::new(e.code(), &path, e.to_string());
                finding.fix = fix;
                self.raise(finding);
                Checked::failed()
            }
        }
    }

    /// §7: Microsoft-only fields on a private peering are not emitted; warn so nobody expects them.
    fn ignored_fields(&mut self, base: &str, doc: &FamilyDoc) {
        // (key, present, the subject with its verb, the pronoun for it)
        let fields = [
            (
                "advertisedPrefixes",
                !doc.advertised_prefixes.is_empty(),
                "advertised prefixes apply",
                "them",
            ),
            (
                "customerAsn",
                !doc.customer_asn.trim().is_empty(),
                "a customer ASN applies",
                "it",
            ),
            (
                "routingRegistry",
                RoutingRegistry::parse_optional(&doc.routing_registry) != Ok(None),
                "a routing registry applies",
                "it",
            ),
            (
                "routeFilter",
                !doc.route_filter.trim().is_empty(),
                "a route filter applies",
                "it",
            ),
        ];
        for (key, present, what, it) in fields {
            if present {
                let path = join(base, &[key]);
                self.raise(
                    Finding::new(
                        Code::FieldIgnored,
                        &path,
                        format!(
                            "{what} to MicrosoftPeering only: AzurePrivatePeering ignores {it} and the outputs leave {it} out; remove {it}."
                        ),
                    )
                    .with_fix(remove_fix(&path, "Remove")),
                );
            }
        }
    }

    fn microsoft_extras(
        &mut self,
        base: &str,
        family: AddressFamily,
        doc: &FamilyDoc,
        links: [&Checked<LinkSubnet>; 2],
    ) -> CheckedMicrosoft {
        let prefixes = self.advertised_prefixes(base, family, doc, links);
        let customer_asn = self.customer_asn(base, doc);
        let registry_path = join(base, &["routingRegistry"]);
        let routing_registry = match RoutingRegistry::parse_optional(&doc.routing_registry) {
            Ok(registry) => {
                let has_prefixes = doc.advertised_prefixes.iter().any(|p| !p.trim().is_empty());
                if registry.is_none() && has_prefixes {
                    self.raise(Finding::new(
                        Code::RegistryMissing,
                        &registry_path,
                        registry::MISSING_MESSAGE,
                    ));
                }
                Checked::ok(registry)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), &registry_path, e.to_string()));
                Checked::failed()
            }
        };
        let filter_path = join(base, &["routeFilter"]);
        let route_filter = if doc.route_filter.trim().is_empty() {
            self.raise(Finding::new(
                Code::RouteFilterMissing,
                &filter_path,
                format!(
                    "no {family} route filter is named: circuits configured after 2017-08-01 receive no Microsoft prefixes until a route filter is attached; name one (a name or a resource ID), or attach it later."
                ),
            ));
            Checked::ok(None)
        } else {
            self.name(&filter_path, &doc.route_filter, RouteFilterRef::parse)
                .optional()
        };
        CheckedMicrosoft {
            prefixes,
            customer_asn,
            routing_registry,
            route_filter,
        }
    }

    /// §5: each prefix on its own, then the list: at least one, at most 200, duplicates (a warning at
    /// the later copy; the first is kept) and overlaps with the peering's link subnets (a warning).
    fn advertised_prefixes(
        &mut self,
        base: &str,
        family: AddressFamily,
        doc: &FamilyDoc,
        links: [&Checked<LinkSubnet>; 2],
    ) -> Checked<Vec<AdvertisedPrefix>> {
        let list_path = join(base, &["advertisedPrefixes"]);
        // Clean prefixes and the position of their first copy, for the duplicate check (a map, so a
        // pasted list of thousands stays linear); and every prefix the typed plan would carry, in order
        // (clean ones, and refused-by-policy ones that change mode may let through).
        let mut first_copy: HashMap<AdvertisedPrefix, usize> = HashMap::new();
        let mut plan_prefixes: Vec<AdvertisedPrefix> = Vec::new();
        let mut all_valid = true;
        let mut all_clean = true;
        let mut distinct = 0usize;
        for (k, text) in doc.advertised_prefixes.iter().enumerate() {
            let path = join(&list_path, &[&k.to_string()]);
            if text.trim().is_empty() {
                self.raise(
                    Finding::new(
                        Code::Required,
                        &path,
                        "this advertised prefix entry is empty: type a public prefix, or remove the entry.",
                    )
                    .with_fix(remove_fix(&path, "Remove the empty entry")),
                );
                all_valid = false;
                continue;
            }
            match AdvertisedPrefix::parse_for(text, family) {
                Ok(prefix) => {
                    if let Some(first) = first_copy.get(&prefix) {
                        self.raise(
                            Finding::new(
                                Code::PrefixDuplicate,
                                &path,
                                format!(
                                    "{} repeats the prefix at position {} ({prefix}): only the first copy is kept; remove this one.",
                                    quote(text.trim()),
                                    first + 1
                                ),
                            )
                            .with_fix(remove_fix(&path, "Remove the duplicate")),
                        );
                        continue;
                    }
                    distinct += 1;
                    let overlapped = links
                        .iter()
                        .filter_map(|l| l.clean_value())
                        .find(|l| prefix.overlaps(l.net()));
                    if let Some(link) = overlapped {
                        self.raise(Finding::new(
                            Code::PrefixOverlapsLink,
                            &path,
                            format!(
                                "{} overlaps the link subnet {link}: Microsoft advises against using link addresses (for example for SNAT); advertise a prefix outside the link subnets.",
                                quote(text.trim())
                            ),
                        ));
                    }
                    first_copy.insert(prefix, k);
                    plan_prefixes.push(prefix);
                }
                Err(e) => {
                    distinct += 1;
                    all_clean = false;
                    let mut finding = Finding::new(e.code(), &path, e.to_string());
                    if let Some(value) = e.suggestion() {
                        finding = finding.with_fix(set_fix(&path, value));
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
                &list_path,
                format!(
                    "MicrosoftPeering needs at least one {label} advertised public prefix: add the public prefixes you will advertise over this session (the service refuses the peering without them)."
                ),
            ));
        } else if distinct > MAX_PREFIXES_PER_FAMILY {
            self.raise_policy(Finding::new(
                Code::PrefixTooMany,
                &list_path,
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

    fn customer_asn(&mut self, base: &str, doc: &FamilyDoc) -> Checked<Option<Asn>> {
        let input = doc.customer_asn.trim();
        if input.is_empty() {
            return Checked::ok(None);
        }
        let path = join(base, &["customerAsn"]);
        match Asn::parse_customer(input) {
            Ok(asn) => {
                if asn.value() > Asn::INT32_MAX {
                    self.raise(Finding::new(
                        Code::AsnCustomerInt32,
                        &path,
                        asn::customer_int32_message(input, asn),
                    ));
                }
                Checked::ok(Some(asn))
            }
            Err(e) => self.asn_error(&path, e).optional(),
        }
    }

    /// §2: a link subnet must not overlap a link subnet of another peering of the circuit. Reported at
    /// the later link, once, naming the first link it overlaps.
    fn cross_peering_overlaps(&mut self, peerings: &[CheckedPeering]) {
        let links = clean_links(peerings);
        for (later_pos, later) in links.iter().enumerate() {
            let earlier = links[..later_pos].iter().find(|e| {
                e.peering_index != later.peering_index && e.subnet.overlaps(later.subnet.net())
            });
            if let Some(first) = earlier {
                self.raise_relational(
                    Finding::new(
                        Code::SubnetCrossPeeringOverlap,
                        &later.path,
                        format!(
                            "{} overlaps {}, the {} {} link of {}: each peering needs its own link subnets; use another /{}.",
                            quote(&later.subnet.to_string()),
                            first.subnet,
                            first.link.key(),
                            first.subnet.family(),
                            peering_label(first.peering_index, Some(first.peering_type)),
                            later.subnet.prefix_len()
                        ),
                    ),
                    vec![first.path.clone()],
                );
            }
        }
    }

    /// §2 (ROUTING): a private-peering link subnet must not overlap any VNet address space.
    fn vnet_overlaps(&mut self, peerings: &[CheckedPeering], vnets: &[IpNet]) {
        for link in clean_links(peerings) {
            if link.peering_type != PeeringType::AzurePrivatePeering {
                continue;
            }
            if let Some(space) = vnets.iter().find(|v| link.subnet.overlaps(**v)) {
                self.raise_policy(Finding::new(
                    Code::SubnetVnetOverlap,
                    &link.path,
                    format!(
                        "{} overlaps the VNet address space {space}: private-peering link subnets must be outside every VNet address space; use addresses your VNets do not use.",
                        quote(&link.subnet.to_string())
                    ),
                ));
            }
        }
    }

    /// Change mode (§11.1, §11.2): findings on values unchanged from the live peering of the same type
    /// become warnings; a changed VLAN, link subnet, peer ASN or (non-empty) key resets BGP.
    fn change_mode(
        &mut self,
        doc: &PlanDocument,
        baseline: &[super::document::BaselinePeering],
        peerings: &[CheckedPeering],
    ) {
        let live_of = |checked: &CheckedPeering| {
            let t = checked.peering_type.clean_value()?;
            baseline
                .iter()
                .map(|b| &b.peering)
                .find(|b| PeeringType::parse(&b.peering_type).as_ref() == Ok(t))
        };
        let unchanged = |path: &str| {
            let Some((index, relative)) = split_peering_path(path) else {
                return false;
            };
            let (Some(planned), Some(checked)) = (doc.peerings.get(index), peerings.get(index))
            else {
                return false;
            };
            live_of(checked).is_some_and(|live| same_value(planned, live, relative))
        };
        for raised in &mut self.raised {
            if !raised.downgradable || raised.finding.severity != Severity::Error {
                continue;
            }
            if raised.involves.iter().all(|path| unchanged(path)) {
                raised.finding.severity = Severity::Warning;
                let finding = &mut raised.finding;
                finding.message = format!(
                    "{} (unchanged from the live peering, so only a warning).",
                    finding.message.trim_end_matches('.')
                );
            }
        }
        for checked in peerings {
            let (Some(live), Some(planned)) = (live_of(checked), doc.peerings.get(checked.index))
            else {
                continue;
            };
            self.resets_bgp(checked, planned, live);
        }
        // A live peering the plan no longer holds: left alone by the script, deleted only by the
        // clean-up block (§11.3).
        let mut seen: Vec<PeeringType> = Vec::new();
        for live in baseline {
            let Ok(t) = PeeringType::parse(&live.peering.peering_type) else {
                continue;
            };
            let planned = doc
                .peerings
                .iter()
                .any(|p| PeeringType::parse(&p.peering_type).as_ref() == Ok(&t));
            if planned || seen.contains(&t) {
                continue;
            }
            seen.push(t);
            self.raise(Finding::new(
                Code::ChangePeeringDropped,
                "/peerings",
                format!(
                    "the live {} is not in the plan: the script leaves it as it is, and the clean-up block deletes it (its BGP sessions and traffic stop); add it back to keep it out of the clean-up.",
                    t.as_str()
                ),
            ));
        }
    }

    fn resets_bgp(&mut self, checked: &CheckedPeering, planned: &PeeringDoc, live: &PeeringDoc) {
        let base = peering_path(checked.index);
        let label = peering_label(checked.index, checked.peering_type.clean_value().copied());
        let mut changes: Vec<(String, &str, String, String)> = Vec::new();
        let mut compare = |path: String, what: &'static str, new: &str, old: &str, same: bool| {
            if !new.trim().is_empty() && !same {
                changes.push((path, what, old.trim().to_string(), new.trim().to_string()));
            }
        };
        let same_parsed =
            |a: &str, b: &str, parse: &dyn Fn(&str) -> Option<String>| match (parse(a), parse(b)) {
                (Some(x), Some(y)) => x == y,
                _ => a.trim() == b.trim(),
            };
        let vlan = |t: &str| VlanId::parse(t).ok().map(|v| v.to_string());
        let asn = |t: &str| Asn::parse(t).ok().map(|a| a.to_string());
        compare(
            join(&base, &["vlanId"]),
            "the VLAN ID",
            &planned.vlan_id,
            &live.vlan_id,
            same_parsed(&planned.vlan_id, &live.vlan_id, &vlan),
        );
        compare(
            join(&base, &["peerAsn"]),
            "the peer ASN",
            &planned.peer_asn,
            &live.peer_asn,
            same_parsed(&planned.peer_asn, &live.peer_asn, &asn),
        );
        for family in AddressFamily::ALL {
            let pick = |p: &PeeringDoc| match family {
                AddressFamily::Ipv4 => p.ipv4.clone(),
                AddressFamily::Ipv6 => p.ipv6.clone(),
            };
            let (Some(new_family), Some(old_family)) = (pick(planned), pick(live)) else {
                continue;
            };
            let subnet = |t: &str| LinkSubnet::parse_for(t, family).ok().map(|s| s.to_string());
            for (link, new, old) in [
                (Link::Primary, &new_family.primary, &old_family.primary),
                (
                    Link::Secondary,
                    &new_family.secondary,
                    &old_family.secondary,
                ),
            ] {
                let what = match (link, family) {
                    (Link::Primary, AddressFamily::Ipv4) => "the primary IPv4 link subnet",
                    (Link::Secondary, AddressFamily::Ipv4) => "the secondary IPv4 link subnet",
                    (Link::Primary, AddressFamily::Ipv6) => "the primary IPv6 link subnet",
                    (Link::Secondary, AddressFamily::Ipv6) => "the secondary IPv6 link subnet",
                };
                compare(
                    join(&base, &[family.key(), link.key()]),
                    what,
                    new,
                    old,
                    same_parsed(new, old, &subnet),
                );
            }
        }
        for (path, what, old, new) in changes {
            self.raise(Finding::new(
                Code::ChangeResetsBgp,
                path,
                format!(
                    "{what} changes from {} to {}: this resets the BGP sessions of {label}; plan a maintenance window.",
                    quote(&old),
                    quote(&new)
                ),
            ));
        }
        if !planned.shared_key.is_empty() && planned.shared_key != live.shared_key {
            self.raise(Finding::new(
                Code::ChangeResetsBgp,
                join(&base, &["sharedKey"]),
                format!(
                    "the shared key changes: this resets the BGP sessions of {label}; change the key on your routers at the same time and plan a maintenance window."
                ),
            ));
        }
    }
}

/// A clean link subnet with where it lives, for the cross-field checks.
struct LinkRef {
    peering_index: usize,
    peering_type: PeeringType,
    link: Link,
    subnet: LinkSubnet,
    path: String,
}

fn clean_links(peerings: &[CheckedPeering]) -> Vec<LinkRef> {
    let mut links = Vec::new();
    for peering in peerings {
        let Some(&peering_type) = peering.peering_type.clean_value() else {
            continue;
        };
        for family in peering.families.iter().flatten() {
            for (link, checked) in family.links() {
                if let Some(&subnet) = checked.clean_value() {
                    links.push(LinkRef {
                        peering_index: peering.index,
                        peering_type,
                        link,
                        subnet,
                        path: join(&family_path(peering.index, family.family), &[link.key()]),
                    });
                }
            }
        }
    }
    links
}

/// `/peerings/3/ipv4/primary` → `(3, "/ipv4/primary")`; `/peerings/3` → `(3, "")`.
fn split_peering_path(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("/peerings/")?;
    let digits = rest.find('/').unwrap_or(rest.len());
    let index = rest.get(..digits)?.parse().ok()?;
    Some((index, rest.get(digits..)?))
}

/// True when the value at `relative` (a pointer inside a peering) is the same in both peerings,
/// ignoring surrounding whitespace (an absent value and an empty one are the same).
fn same_value(planned: &PeeringDoc, live: &PeeringDoc, relative: &str) -> bool {
    fn normalized(value: Option<&serde_json::Value>) -> serde_json::Value {
        use serde_json::Value;
        match value {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(s)) if s.trim().is_empty() => Value::Null,
            Some(Value::String(s)) => Value::String(s.trim().to_string()),
            Some(Value::Array(items)) if items.is_empty() => Value::Null,
            Some(Value::Array(items)) => {
                Value::Array(items.iter().map(|i| normalized(Some(i))).collect())
            }
            Some(other) => other.clone(),
        }
    }
    let (Ok(planned), Ok(live)) = (serde_json::to_value(planned), serde_json::to_value(live))
    else {
        return false;
    };
    normalized(planned.pointer(relative)) == normalized(live.pointer(relative))
}

/// Sort key for document order (§11.2: findings in document order): each pointer token becomes its
/// position in the plan document as written in §11.1.
fn document_order(path: &str) -> Vec<usize> {
    const ORDER: &[&str] = &[
        "circuit",
        "subscription",
        "resourceGroup",
        "name",
        "vnetAddressSpaces",
        "peerings",
        "type",
        "peerAsn",
        "vlanId",
        "sharedKey",
        "ipv4",
        "ipv6",
        "primary",
        "secondary",
        "advertisedPrefixes",
        "customerAsn",
        "routingRegistry",
        "routeFilter",
    ];
    path.split('/')
        .skip(1)
        .map(|token| {
            token
                .parse::<usize>()
                .ok()
                .or_else(|| ORDER.iter().position(|o| *o == token))
                .unwrap_or(usize::MAX)
        })
        .collect()
}

/// The IP plan: a row for every clean link of a peering whose type is known (§11.2: rows whose inputs
/// are valid show even when other fields fail; the VLAN and ASN columns stay empty while theirs fail).
fn ip_plan(peerings: &[CheckedPeering]) -> IpPlan {
    let rows = clean_links(peerings)
        .into_iter()
        .filter_map(|link| {
            let peering = peerings.iter().find(|p| p.index == link.peering_index)?;
            Some(IpPlanRow::new(
                link.peering_index,
                link.peering_type,
                link.link,
                link.subnet,
                peering.vlan_id.clean_value().copied(),
                peering.peer_asn.clean_value().copied(),
            ))
        })
        .collect();
    IpPlan { rows }
}

/// The typed plan; `None` if some value is missing, which cannot happen once no error is left (every
/// missing value raised an error that change mode never downgrades).
fn valid_plan(circuit: CheckedCircuit, peerings: &[CheckedPeering]) -> Option<ValidPlan> {
    let circuit = Circuit {
        subscription: circuit.subscription.value?,
        resource_group: circuit.resource_group.value?,
        name: circuit.name.value?,
    };
    let mut valid = Vec::with_capacity(peerings.len());
    for peering in peerings {
        let family = |index: usize| -> Option<Option<FamilyPlan>> {
            let Some(checked) = &peering.families[index] else {
                return Some(None);
            };
            let microsoft = match &checked.microsoft {
                Some(m) => Some(MicrosoftConfig {
                    advertised_prefixes: m.prefixes.value.clone()?,
                    customer_asn: m.customer_asn.value?,
                    routing_registry: m.routing_registry.value?,
                    route_filter: m.route_filter.value.clone()?,
                }),
                None => None,
            };
            Some(Some(FamilyPlan {
                primary: checked.primary.value?,
                secondary: checked.secondary.value?,
                microsoft,
            }))
        };
        valid.push(ValidPeering {
            index: peering.index,
            peering_type: peering.peering_type.value?,
            peer_asn: peering.peer_asn.value?,
            vlan_id: peering.vlan_id.value?,
            shared_key: peering.shared_key.value.clone()?,
            ipv4: family(0)?,
            ipv6: family(1)?,
        });
    }
    Some(ValidPlan {
        circuit,
        peerings: valid,
        baseline: None,
    })
}

/// The typed baseline (change mode), parsed leniently: a live value that does not parse is `None` in
/// its typed field (its text stays in `raw`); a live peering whose type does not parse is left out.
pub fn live_baseline(baseline: &super::document::Baseline) -> LiveBaseline {
    let family = |doc: &Option<FamilyDoc>, family: AddressFamily| -> Option<LiveFamily> {
        let doc = doc.as_ref()?;
        let prefixes: Option<Vec<AdvertisedPrefix>> = doc
            .advertised_prefixes
            .iter()
            .map(|p| {
                AdvertisedPrefix::parse_for(p, family)
                    .ok()
                    .or_else(|| AdvertisedPrefix::parse_for(p, family).err()?.policy_value())
            })
            .collect();
        Some(LiveFamily {
            primary: LinkSubnet::parse_for(&doc.primary, family).ok(),
            secondary: LinkSubnet::parse_for(&doc.secondary, family).ok(),
            advertised_prefixes: prefixes,
            customer_asn: Asn::parse(&doc.customer_asn).ok(),
            routing_registry: RoutingRegistry::parse_optional(&doc.routing_registry)
                .ok()
                .flatten(),
            route_filter: RouteFilterRef::parse(&doc.route_filter).ok(),
            raw: doc.clone(),
        })
    };
    let mut peerings: Vec<LivePeering> = Vec::new();
    for live in &baseline.peerings {
        let doc = &live.peering;
        let Ok(peering_type) = PeeringType::parse(&doc.peering_type) else {
            continue;
        };
        if peerings.iter().any(|p| p.peering_type == peering_type) {
            continue;
        }
        let mut raw = doc.clone();
        raw.shared_key.clear();
        peerings.push(LivePeering {
            peering_type,
            peer_asn: Asn::parse(&doc.peer_asn).ok(),
            vlan_id: VlanId::parse(&doc.vlan_id).ok(),
            ipv4: family(&doc.ipv4, AddressFamily::Ipv4),
            ipv6: family(&doc.ipv6, AddressFamily::Ipv6),
            connections: live.connections.clone(),
            raw,
        });
    }
    LiveBaseline { peerings }
}
