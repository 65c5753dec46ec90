//! The one table of how az and ARM spell each field of a peering (§8, §9). Every output reads it:
//! the create and update commands, the generic `--set`/`--add`/`--remove` edits, the live-state checks
//! of the scripts (the path is also the JMESPath of the value in az's output), and the ARM body. A new
//! output adds a column here, not a new code path.
//!
//! [`TABLE`] below is that table, one row per field; the README shows it as a table (checked against
//! this one by `tests/emit_fields.rs`).
//!
//! The IPv6 flags of `peering update` (`--ip-version IPv6`) send a body without the IPv4 settings in
//! az 2.91 (§8), so IPv6 is only ever edited through its `--set` path.

use crate::domain::change::PeeringField;
use crate::domain::field::{AddressFamily, Link};

/// How a field's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A JSON number (ASNs, VLAN).
    Number,
    /// A JSON string (subnets, registry).
    Text,
    /// A JSON list of strings: one az argument per item (never one comma-joined string).
    List,
    /// `{"id": "<resource ID>"}`: the path ends in `.id`; clearing removes the parent object.
    ResourceId,
    /// The shared key: always `--shared-key=<value>` (a value may start with `-`, §8).
    Secret,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub field: PeeringField,
    /// `az network express-route peering create` flag; `None`: set in a later step (route filters).
    pub create_flag: Option<&'static str>,
    /// `az network express-route peering update` flag that is a pure merge; `None` for IPv6 fields.
    pub update_flag: Option<&'static str>,
    /// The generic-update path, without `properties.`; also where az's output holds the value.
    pub path: &'static str,
    /// The ARM property path under `properties`.
    pub arm: &'static str,
    /// The argument of `azurerm_express_route_circuit_peering` (azurerm 4.x), dotted through its nested
    /// blocks (`ipv6.microsoft_peering.customer_asn`).
    pub terraform: &'static str,
    pub kind: ValueKind,
}

impl FieldSpec {
    /// What `--remove` names to clear the field.
    pub fn remove_path(&self) -> &'static str {
        match self.kind {
            ValueKind::ResourceId => self.path.strip_suffix(".id").unwrap_or(self.path),
            _ => self.path,
        }
    }
}

const fn row(
    field: PeeringField,
    create_flag: Option<&'static str>,
    update_flag: Option<&'static str>,
    path: &'static str,
    terraform: &'static str,
    kind: ValueKind,
) -> FieldSpec {
    FieldSpec {
        field,
        create_flag,
        update_flag,
        path,
        arm: path,
        terraform,
        kind,
    }
}

use AddressFamily::{Ipv4, Ipv6};
use PeeringField as F;
use ValueKind::{List, Number, ResourceId, Secret, Text};

/// Every row, in document order.
#[rustfmt::skip]
pub const TABLE: [FieldSpec; 15] = [
    row(F::PeerAsn, Some("--peer-asn"), Some("--peer-asn"), "peerASN", "peer_asn", Number),
    row(F::VlanId, Some("--vlan-id"), Some("--vlan-id"), "vlanId", "vlan_id", Number),
    row(F::SharedKey, Some("--shared-key"), Some("--shared-key"), "sharedKey", "shared_key", Secret),
    row(F::Link(Ipv4, Link::Primary), Some("--primary-peer-subnet"), Some("--primary-peer-subnet"), "primaryPeerAddressPrefix", "primary_peer_address_prefix", Text),
    row(F::Link(Ipv4, Link::Secondary), Some("--secondary-peer-subnet"), Some("--secondary-peer-subnet"), "secondaryPeerAddressPrefix", "secondary_peer_address_prefix", Text),
    row(F::AdvertisedPrefixes(Ipv4), Some("--advertised-public-prefixes"), Some("--advertised-public-prefixes"), "microsoftPeeringConfig.advertisedPublicPrefixes", "microsoft_peering_config.advertised_public_prefixes", List),
    row(F::CustomerAsn(Ipv4), Some("--customer-asn"), Some("--customer-asn"), "microsoftPeeringConfig.customerASN", "microsoft_peering_config.customer_asn", Number),
    row(F::RoutingRegistry(Ipv4), Some("--routing-registry-name"), Some("--routing-registry-name"), "microsoftPeeringConfig.routingRegistryName", "microsoft_peering_config.routing_registry_name", Text),
    row(F::RouteFilter(Ipv4), None, Some("--route-filter"), "routeFilter.id", "route_filter_id", ResourceId),
    row(F::Link(Ipv6, Link::Primary), Some("--primary-peer-subnet"), None, "ipv6PeeringConfig.primaryPeerAddressPrefix", "ipv6.primary_peer_address_prefix", Text),
    row(F::Link(Ipv6, Link::Secondary), Some("--secondary-peer-subnet"), None, "ipv6PeeringConfig.secondaryPeerAddressPrefix", "ipv6.secondary_peer_address_prefix", Text),
    row(F::AdvertisedPrefixes(Ipv6), Some("--advertised-public-prefixes"), None, "ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes", "ipv6.microsoft_peering.advertised_public_prefixes", List),
    row(F::CustomerAsn(Ipv6), Some("--customer-asn"), None, "ipv6PeeringConfig.microsoftPeeringConfig.customerASN", "ipv6.microsoft_peering.customer_asn", Number),
    row(F::RoutingRegistry(Ipv6), Some("--routing-registry-name"), None, "ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName", "ipv6.microsoft_peering.routing_registry_name", Text),
    row(F::RouteFilter(Ipv6), None, None, "ipv6PeeringConfig.routeFilter.id", "ipv6.route_filter_id", ResourceId),
];

/// The row of a field.
pub fn spec(field: PeeringField) -> FieldSpec {
    TABLE
        .iter()
        .copied()
        .find(|s| s.field == field)
        .unwrap_or(TABLE[0])
}

/// The parts of a family that are not a [`PeeringField`]: its on/off state and, for IPv6, the object
/// that holds it all (§8, §9).
pub struct FamilySpec {
    /// The family's state (`Enabled` / `Disabled`): the top-level `state` is IPv4's.
    pub state: &'static str,
    /// The object to `--remove` to drop the family (IPv6); IPv4 lives at the top level.
    pub container: Option<&'static str>,
    /// What else to `--remove` with IPv4 on a Microsoft peering.
    pub microsoft_container: &'static str,
    /// The Terraform boolean that holds the state (`true` for `Enabled`).
    pub terraform_enabled: &'static str,
}

pub fn family_spec(family: AddressFamily) -> FamilySpec {
    match family {
        Ipv4 => FamilySpec {
            state: "state",
            container: None,
            microsoft_container: "microsoftPeeringConfig",
            terraform_enabled: "ipv4_enabled",
        },
        Ipv6 => FamilySpec {
            state: "ipv6PeeringConfig.state",
            container: Some("ipv6PeeringConfig"),
            microsoft_container: "ipv6PeeringConfig.microsoftPeeringConfig",
            terraform_enabled: "ipv6.enabled",
        },
    }
}

/// The Terraform argument of a live property a change carries over
/// ([`CARRIED_PROPERTIES`](crate::domain::document::CARRIED_PROPERTIES)) other than a family's state;
/// `None` where azurerm 4.x has no argument for it (`legacyMode`: the provider never sends it).
pub fn carried_terraform(arm_path: &str) -> Option<&'static str> {
    match arm_path {
        "microsoftPeeringConfig.advertisedCommunities" => {
            Some("microsoft_peering_config.advertised_communities")
        }
        "ipv6PeeringConfig.microsoftPeeringConfig.advertisedCommunities" => {
            Some("ipv6.microsoft_peering.advertised_communities")
        }
        _ => None,
    }
}

/// The columns of the scripts' one read of the circuit (§8 pre-flight): for each live peering its name,
/// then these values as az's `to_string()` prints them. The readable fields of the table (the key is
/// never read back), its Global Reach connections and its Virtual WAN connection.
pub fn snapshot_columns() -> Vec<&'static str> {
    let mut columns: Vec<&'static str> = TABLE
        .iter()
        .filter(|s| s.kind != Secret)
        .map(|s| s.path)
        .collect();
    // The VLAN first: the shells' VLAN check reads the column right after the name.
    columns.sort_by_key(|c| *c != "vlanId");
    columns.push(CONNECTIONS_COLUMN);
    columns.push(VWAN_COLUMN);
    columns
}

/// The names of a peering's Global Reach connections (§9 `connections`).
pub const CONNECTIONS_COLUMN: &str = "connections[].name";
/// The Virtual WAN (ExpressRoute gateway) connection of a peering.
pub const VWAN_COLUMN: &str = "expressRouteConnection.id";
