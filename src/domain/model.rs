//! The typed plan: what the validator produces from a [`PlanDocument`](super::document::PlanDocument)
//! that has no error. Emitters take only this, so they never see an unchecked value.

use super::asn::Asn;
use super::key::SharedKey;
use super::names::{CircuitName, ResourceGroupName, RouteFilterRef, SubscriptionId};
use super::peering::PeeringType;
use super::prefix::AdvertisedPrefix;
use super::registry::RoutingRegistry;
use super::subnet::LinkSubnet;
use super::vlan::VlanId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPlan {
    pub circuit: Circuit,
    pub peerings: Vec<ValidPeering>,
    /// Change mode: the live peerings (`None` when the plan has no `baseline`).
    pub baseline: Option<LiveBaseline>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circuit {
    /// `None`: the account's current subscription (§7).
    pub subscription: Option<SubscriptionId>,
    pub resource_group: ResourceGroupName,
    pub name: CircuitName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPeering {
    /// Position in the document's `peerings` array (for pointers and labels).
    pub index: usize,
    pub peering_type: PeeringType,
    pub peer_asn: Asn,
    pub vlan_id: VlanId,
    pub shared_key: Option<SharedKey>,
    pub ipv4: Option<FamilyPlan>,
    pub ipv6: Option<FamilyPlan>,
}

impl ValidPeering {
    pub fn is_dual_stack(&self) -> bool {
        self.ipv4.is_some() && self.ipv6.is_some()
    }
}

/// One address family of a peering: the two links, and for Microsoft peering its extras.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyPlan {
    pub primary: LinkSubnet,
    pub secondary: LinkSubnet,
    /// Always `Some` on Microsoft peering, always `None` on private peering (ignored fields are dropped).
    pub microsoft: Option<MicrosoftConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MicrosoftConfig {
    /// Canonical form, in the user's order, later duplicates removed (§5).
    pub advertised_prefixes: Vec<AdvertisedPrefix>,
    pub customer_asn: Option<Asn>,
    pub routing_registry: Option<RoutingRegistry>,
    pub route_filter: Option<RouteFilterRef>,
}

/// Change mode (§11.1, §11.2): the live peerings the plan was imported from, parsed leniently. A live
/// value that does not parse is `None` in its typed field and kept as typed in `raw`; emitters treat
/// such a value as unknown (so it always counts as changed when the plan holds a value for it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LiveBaseline {
    pub peerings: Vec<LivePeering>,
}

impl LiveBaseline {
    /// The live peering of a type.
    pub fn peering(&self, peering_type: PeeringType) -> Option<&LivePeering> {
        self.peerings
            .iter()
            .find(|p| p.peering_type == peering_type)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LivePeering {
    pub peering_type: PeeringType,
    pub peer_asn: Option<Asn>,
    pub vlan_id: Option<VlanId>,
    pub ipv4: Option<LiveFamily>,
    pub ipv6: Option<LiveFamily>,
    /// Global Reach connections exactly as imported (§9: a PUT must keep them).
    pub connections: Vec<serde_json::Value>,
    /// The live peering as imported (key always empty).
    pub raw: crate::domain::document::PeeringDoc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFamily {
    pub primary: Option<LinkSubnet>,
    pub secondary: Option<LinkSubnet>,
    /// `None` when some live prefix does not parse; otherwise canonical, in the live order.
    pub advertised_prefixes: Option<Vec<AdvertisedPrefix>>,
    pub customer_asn: Option<Asn>,
    pub routing_registry: Option<RoutingRegistry>,
    pub route_filter: Option<RouteFilterRef>,
    pub raw: crate::domain::document::FamilyDoc,
}
