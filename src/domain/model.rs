//! The typed plan: what the validator produces from a [`PlanDocument`](super::document::PlanDocument)
//! that has no error. Emitters take only this, so they never see an unchecked value, and the rules that
//! used to live in comments are types here:
//! - a peering has at least one address family ([`Families`] has no empty variant, §2 `peering.no_family`);
//! - the Microsoft-only settings (advertised prefixes, customer ASN, registry, route filter) exist only on
//!   a Microsoft peering, on every one of its families ([`PeeringKind::Microsoft`], §5, §7).

use super::asn::Asn;
use super::communities::Community;
use super::field::{AddressFamily, Link};
use super::key::SharedKey;
use super::names::{CircuitName, ResourceGroupName, RouteFilterRef, SubscriptionId};
use super::peering::PeeringType;
use super::prefix::AdvertisedPrefix;
use super::registry::RoutingRegistry;
use super::router::{OnPremisesPrefix, RouterPlan};
use super::subnet::LinkSubnet;
use super::vlan::VlanId;
use ipnet::IpNet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPlan {
    pub circuit: Circuit,
    pub peerings: Vec<Peering>,
    /// The router side (defaults when the plan has no `routers`).
    pub routers: RouterPlan,
    /// Change mode: the live peerings (`None` when the plan has no `baseline`).
    pub baseline: Option<LiveBaseline>,
}

impl ValidPlan {
    /// The live peering of a type, in change mode.
    pub fn live(&self, peering_type: PeeringType) -> Option<&LivePeering> {
        self.baseline.as_ref()?.peering(peering_type)
    }
    /// The planned peering of a type.
    pub fn planned(&self, peering_type: PeeringType) -> Option<&Peering> {
        self.peerings
            .iter()
            .find(|p| p.peering_type() == peering_type)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circuit {
    /// `None`: the account's current subscription (§7).
    pub subscription: Option<SubscriptionId>,
    pub resource_group: ResourceGroupName,
    pub name: CircuitName,
}

/// At least one address family: IPv4, IPv6 or both (§2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Families<T> {
    Ipv4(T),
    Ipv6(T),
    Dual { ipv4: T, ipv6: T },
}

impl<T> Families<T> {
    /// From the two optional families; `None` when both are absent.
    pub fn from_options(ipv4: Option<T>, ipv6: Option<T>) -> Option<Families<T>> {
        match (ipv4, ipv6) {
            (Some(ipv4), Some(ipv6)) => Some(Families::Dual { ipv4, ipv6 }),
            (Some(v4), None) => Some(Families::Ipv4(v4)),
            (None, Some(v6)) => Some(Families::Ipv6(v6)),
            (None, None) => None,
        }
    }
    pub fn get(&self, family: AddressFamily) -> Option<&T> {
        match (self, family) {
            (Families::Ipv4(t), AddressFamily::Ipv4)
            | (Families::Ipv6(t), AddressFamily::Ipv6)
            | (Families::Dual { ipv4: t, .. }, AddressFamily::Ipv4)
            | (Families::Dual { ipv6: t, .. }, AddressFamily::Ipv6) => Some(t),
            _ => None,
        }
    }
    /// The configured families, IPv4 first.
    pub fn iter(&self) -> impl Iterator<Item = (AddressFamily, &T)> {
        AddressFamily::ALL
            .into_iter()
            .filter_map(move |f| self.get(f).map(|t| (f, t)))
    }
    /// The family a peering is created with (§8: IPv4 first; IPv6 for an IPv6-only peering).
    pub fn first(&self) -> (AddressFamily, &T) {
        match self {
            Families::Ipv4(t) | Families::Dual { ipv4: t, .. } => (AddressFamily::Ipv4, t),
            Families::Ipv6(t) => (AddressFamily::Ipv6, t),
        }
    }
    pub fn has(&self, family: AddressFamily) -> bool {
        self.get(family).is_some()
    }
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Families<U> {
        match self {
            Families::Ipv4(t) => Families::Ipv4(f(t)),
            Families::Ipv6(t) => Families::Ipv6(f(t)),
            Families::Dual { ipv4, ipv6 } => Families::Dual {
                ipv4: f(ipv4),
                ipv6: f(ipv6),
            },
        }
    }
    /// "IPv4", "IPv6 only", "IPv4 + IPv6".
    pub fn label(&self) -> &'static str {
        match self {
            Families::Ipv4(_) => "IPv4",
            Families::Ipv6(_) => "IPv6 only",
            Families::Dual { .. } => "IPv4 + IPv6",
        }
    }
}

/// The two link subnets of one family (§2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Links {
    pub primary: LinkSubnet,
    pub secondary: LinkSubnet,
}

impl Links {
    pub fn get(&self, link: Link) -> LinkSubnet {
        match link {
            Link::Primary => self.primary,
            Link::Secondary => self.secondary,
        }
    }
}

/// One family of a Microsoft peering: its links and its Microsoft settings (§5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MicrosoftFamily {
    pub links: Links,
    /// Canonical form, in the user's order, later duplicates removed (§5). Empty only in change mode,
    /// where an unchanged live list that breaks the policy is let through as a warning.
    pub advertised_prefixes: Vec<AdvertisedPrefix>,
    pub customer_asn: Option<Asn>,
    pub routing_registry: Option<RoutingRegistry>,
    pub route_filter: Option<RouteFilterRef>,
    /// The plan creates `route_filter` (then always `Some`) with this rule.
    pub filter_rule: Option<PlannedFilter>,
}

/// A route filter the plan creates (README "Route filters"): its resource group (`None`: the one its
/// reference names, else the circuit's), region and one rule that allows `communities`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFilter {
    pub resource_group: Option<ResourceGroupName>,
    /// The region's programmatic name (`westeurope`).
    pub location: String,
    pub rule_name: String,
    pub communities: Vec<Community>,
}

/// One family of a private peering: its links and the on-premises prefixes its routers advertise
/// (router side only; Azure never sees this list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateFamily {
    pub links: Links,
    /// Canonical form, in the user's order, later duplicates removed. Empty: the routers advertise
    /// nothing (the configs say so).
    pub on_premises: Vec<OnPremisesPrefix>,
}

/// What a peering is, with exactly the settings its type has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeeringKind {
    Private(Families<PrivateFamily>),
    /// Boxed: a Microsoft family is four times the size of a private one.
    Microsoft(Box<Families<MicrosoftFamily>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peering {
    /// Position in the document's `peerings` array (for paths and labels).
    pub index: usize,
    pub peer_asn: Asn,
    pub vlan_id: VlanId,
    pub shared_key: Option<SharedKey>,
    pub kind: PeeringKind,
}

impl Peering {
    pub fn peering_type(&self) -> PeeringType {
        match self.kind {
            PeeringKind::Private(_) => PeeringType::AzurePrivatePeering,
            PeeringKind::Microsoft(_) => PeeringType::MicrosoftPeering,
        }
    }
    pub fn is_microsoft(&self) -> bool {
        matches!(self.kind, PeeringKind::Microsoft(_))
    }
    /// The links of each configured family.
    pub fn links(&self) -> Families<Links> {
        match &self.kind {
            PeeringKind::Private(families) => families.map(|p| p.links),
            PeeringKind::Microsoft(families) => families.map(|m| m.links),
        }
    }
    pub fn has(&self, family: AddressFamily) -> bool {
        self.links().has(family)
    }
    /// The prefixes the customer's routers advertise over a family's sessions: a Microsoft peering's
    /// advertised public prefixes, a private peering's on-premises prefixes.
    pub fn router_prefixes(&self, family: AddressFamily) -> Vec<IpNet> {
        match &self.kind {
            PeeringKind::Private(families) => families
                .get(family)
                .map(|p| p.on_premises.iter().map(|x| x.net()).collect())
                .unwrap_or_default(),
            PeeringKind::Microsoft(families) => families
                .get(family)
                .map(|m| m.advertised_prefixes.iter().map(|x| x.net()).collect())
                .unwrap_or_default(),
        }
    }

    /// The Microsoft settings of a family (Microsoft peering only).
    pub fn microsoft(&self, family: AddressFamily) -> Option<&MicrosoftFamily> {
        match &self.kind {
            PeeringKind::Microsoft(families) => families.get(family),
            PeeringKind::Private(_) => None,
        }
    }
}

/// Change mode (§11.1, §11.2): the live peerings the plan was imported from, parsed leniently. A live
/// value that does not parse is kept as [`LiveValue::Unparsed`], so it always counts as changed when the
/// plan holds a value for it, and a rollback says it cannot restore it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LiveBaseline {
    pub peerings: Vec<LivePeering>,
    /// Route filters as imported (the plan manages them: minimal rule updates).
    pub route_filters: Vec<LiveFilter>,
}

/// A live route filter as imported, its texts as az printed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFilter {
    pub name: String,
    pub resource_group: String,
    pub location: String,
    pub rule_name: String,
    pub communities: Vec<String>,
}

impl LiveBaseline {
    /// The live peering of a type.
    pub fn peering(&self, peering_type: PeeringType) -> Option<&LivePeering> {
        self.peerings
            .iter()
            .find(|p| p.peering_type == peering_type)
    }
}

/// A live value as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveValue<T> {
    Absent,
    Known(T),
    /// The text did not parse (kept as imported, trimmed).
    Unparsed(String),
}

impl<T> LiveValue<T> {
    /// From an imported text: empty is absent.
    pub fn read<E>(text: &str, parse: impl FnOnce(&str) -> Result<T, E>) -> LiveValue<T> {
        let text = text.trim();
        if text.is_empty() {
            return LiveValue::Absent;
        }
        match parse(text) {
            Ok(value) => LiveValue::Known(value),
            Err(_) => LiveValue::Unparsed(text.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LivePeering {
    pub peering_type: PeeringType,
    pub peer_asn: LiveValue<Asn>,
    pub vlan_id: LiveValue<VlanId>,
    pub ipv4: Option<LiveFamily>,
    pub ipv6: Option<LiveFamily>,
    /// Global Reach connections exactly as imported (§9: a PUT must keep them).
    pub connections: Vec<serde_json::Value>,
    /// The live values a whole-peering PUT carries over, by ARM property path
    /// ([`CARRIED_PROPERTIES`](super::document::CARRIED_PROPERTIES)).
    pub live_properties: Vec<(String, serde_json::Value)>,
    /// The live peering as imported, text as az printed it (key always empty): what a script expects
    /// to read back from az when it checks that nothing changed since the import.
    pub raw: super::document::PeeringDoc,
}

impl LivePeering {
    pub fn family(&self, family: AddressFamily) -> Option<&LiveFamily> {
        match family {
            AddressFamily::Ipv4 => self.ipv4.as_ref(),
            AddressFamily::Ipv6 => self.ipv6.as_ref(),
        }
    }
    /// The names of its Global Reach connections, as imported.
    pub fn connection_names(&self) -> Vec<String> {
        self.connections
            .iter()
            .filter_map(|c| c.get("name").and_then(|n| n.as_str()).map(str::to_string))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFamily {
    pub primary: LiveValue<LinkSubnet>,
    pub secondary: LiveValue<LinkSubnet>,
    /// `Unparsed` when some live prefix does not parse; otherwise canonical, in the live order.
    pub advertised_prefixes: LiveValue<Vec<AdvertisedPrefix>>,
    pub customer_asn: LiveValue<Asn>,
    pub routing_registry: LiveValue<RoutingRegistry>,
    pub route_filter: LiveValue<RouteFilterRef>,
}
