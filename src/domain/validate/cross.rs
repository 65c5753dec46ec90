//! Checks across peerings (§2): link subnets of different peerings must not overlap; private-peering
//! link subnets must stay out of the VNet address spaces. And the IP plan, which lists the clean links.

use super::{peering_label, CheckedPeering, Checker};
use crate::domain::field::{FamilyPart, FieldPath, Link};
use crate::domain::findings::{quote, Code, Finding};
use crate::domain::ipplan::{IpPlan, IpPlanRow};
use crate::domain::peering::PeeringType;
use crate::domain::subnet::LinkSubnet;
use ipnet::IpNet;

impl Checker {
    /// the later link, once, naming the first link it overlaps.
    pub(super) fn cross_peering_overlaps(&mut self, peerings: &[CheckedPeering]) {
        let links = clean_links(peerings);
        for (later_pos, later) in links.iter().enumerate() {
            let earlier = links[..later_pos].iter().find(|e| {
                e.peering_index != later.peering_index && e.subnet.overlaps(later.subnet.net())
            });
            if let Some(first) = earlier {
                self.raise_relational(
                    Finding::new(
                        Code::SubnetCrossPeeringOverlap,
                        later.path,
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
                    vec![first.path],
                );
            }
        }
    }

    /// §2 (ROUTING): a private-peering link subnet must not overlap any VNet address space.
    pub(super) fn vnet_overlaps(&mut self, peerings: &[CheckedPeering], vnets: &[IpNet]) {
        for link in clean_links(peerings) {
            if link.peering_type != PeeringType::AzurePrivatePeering {
                continue;
            }
            if let Some(space) = vnets.iter().find(|v| link.subnet.overlaps(**v)) {
                self.raise_policy(Finding::new(
                    Code::SubnetVnetOverlap,
                    link.path,
                    format!(
                        "{} overlaps the VNet address space {space}: private-peering link subnets must be outside every VNet address space; use addresses your VNets do not use.",
                        quote(&link.subnet.to_string())
                    ),
                ));
            }
        }
    }
}

/// A clean link subnet with where it lives, for the cross-field checks.
struct LinkRef {
    peering_index: usize,
    peering_type: PeeringType,
    link: Link,
    subnet: LinkSubnet,
    path: FieldPath,
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
                        path: FieldPath::family(
                            peering.index,
                            family.family,
                            FamilyPart::Link(link),
                        ),
                    });
                }
            }
        }
    }
    links
}

/// The IP plan: a row for every clean link of a peering whose type is known (§11.2: rows whose inputs
/// are valid show even when other fields fail; the VLAN and ASN columns stay empty while theirs fail).
pub(super) fn ip_plan(peerings: &[CheckedPeering]) -> IpPlan {
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
