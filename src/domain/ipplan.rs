//! The IP plan: per peering, family and link, which address goes where (§2, §10).

use super::asn::Asn;
use super::field::AddressFamily;
pub use super::field::Link;
use super::peering::PeeringType;
use super::subnet::LinkSubnet;
use super::vlan::VlanId;
use std::net::{IpAddr, Ipv4Addr};

/// One row: one link of one family of one peering, with every address spelled out (§2 policy: always
/// print the explicit addresses so nobody has to interpret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpPlanRow {
    /// Position in the document's `peerings` array.
    pub peering_index: usize,
    pub peering_type: PeeringType,
    pub family: AddressFamily,
    pub link: Link,
    pub subnet: LinkSubnet,
    /// First usable address (§2).
    pub customer_router_ip: IpAddr,
    /// Second usable address (§2).
    pub microsoft_router_ip: IpAddr,
    pub prefix_len: u8,
    /// IPv4 only, e.g. 255.255.255.252.
    pub netmask: Option<Ipv4Addr>,
    /// `None` while the peering's VLAN is invalid.
    pub vlan_id: Option<VlanId>,
    /// `None` while the peering's peer ASN is invalid.
    pub peer_asn: Option<Asn>,
    /// Always 12076 (ROUTING).
    pub microsoft_asn: Asn,
}

impl IpPlanRow {
    pub fn new(
        peering_index: usize,
        peering_type: PeeringType,
        link: Link,
        subnet: LinkSubnet,
        vlan_id: Option<VlanId>,
        peer_asn: Option<Asn>,
    ) -> IpPlanRow {
        IpPlanRow {
            peering_index,
            peering_type,
            family: subnet.family(),
            link,
            subnet,
            customer_router_ip: subnet.customer_router_ip(),
            microsoft_router_ip: subnet.microsoft_router_ip(),
            prefix_len: subnet.prefix_len(),
            netmask: subnet.netmask_v4(),
            vlan_id,
            peer_asn,
            microsoft_asn: Asn::MICROSOFT,
        }
    }
}

/// The rows whose inputs are valid, in document order (peering, then IPv4 before IPv6, then primary
/// before secondary). Shown even when other fields of the plan have errors (§11.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpPlan {
    pub rows: Vec<IpPlanRow>,
}
