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
