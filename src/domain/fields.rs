//! Typed access to the values of a plan document by JSON Pointer (§11.1): what a form control with
//! `data-field="<pointer>"` reads and edits. A pointer is parsed once into a [`FieldRef`]; reading and
//! writing then follow the same reference, so the two can never disagree on what a pointer means.
//! (Fixes go through [`PlanDocument::apply_edit`], which follows any pointer generically.)

use super::document::{FamilyDoc, PeeringDoc, PlanDocument};
use super::pointer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Ipv4,
    Ipv6,
}

/// What a pointer names, when it names an editable value of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldRef {
    Subscription,
    ResourceGroup,
    CircuitName,
    PeeringType(usize),
    PeerAsn(usize),
    VlanId(usize),
    SharedKey(usize),
    /// `/peerings/N/<family>/<key>` for a text key (`primary`, `customerAsn`, ...).
    FamilyText(usize, Family, &'static str),
    VnetAddressSpaces,
    AdvertisedPrefixes(usize, Family),
    /// `/peerings/N/<family>` itself (configured or not).
    Family(usize, Family),
}

const FAMILY_TEXT_KEYS: [&str; 5] = [
    "primary",
    "secondary",
    "customerAsn",
    "routingRegistry",
    "routeFilter",
];

fn parse(at: &str) -> Option<FieldRef> {
    let tokens = pointer::tokens(at).ok()?;
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let family = |f: &str| match f {
        "ipv4" => Some(Family::Ipv4),
        "ipv6" => Some(Family::Ipv6),
        _ => None,
    };
    Some(match t.as_slice() {
        ["circuit", "subscription"] => FieldRef::Subscription,
        ["circuit", "resourceGroup"] => FieldRef::ResourceGroup,
        ["circuit", "name"] => FieldRef::CircuitName,
        ["vnetAddressSpaces"] => FieldRef::VnetAddressSpaces,
        ["peerings", i, rest @ ..] => {
            let i = pointer::index(i)?;
            match rest {
                ["type"] => FieldRef::PeeringType(i),
                ["peerAsn"] => FieldRef::PeerAsn(i),
                ["vlanId"] => FieldRef::VlanId(i),
                ["sharedKey"] => FieldRef::SharedKey(i),
                [f] => FieldRef::Family(i, family(f)?),
                [f, "advertisedPrefixes"] => FieldRef::AdvertisedPrefixes(i, family(f)?),
                [f, key] => {
                    let key = FAMILY_TEXT_KEYS.iter().find(|k| *k == key)?;
                    FieldRef::FamilyText(i, family(f)?, key)
                }
                _ => return None,
            }
        }
        _ => return None,
    })
}

fn family_slot(p: &PeeringDoc, f: Family) -> &Option<FamilyDoc> {
    match f {
        Family::Ipv4 => &p.ipv4,
        Family::Ipv6 => &p.ipv6,
    }
}

fn family_slot_mut(p: &mut PeeringDoc, f: Family) -> &mut Option<FamilyDoc> {
    match f {
        Family::Ipv4 => &mut p.ipv4,
        Family::Ipv6 => &mut p.ipv6,
    }
}

fn family_text<'a>(f: &'a FamilyDoc, key: &str) -> &'a String {
    match key {
        "primary" => &f.primary,
        "secondary" => &f.secondary,
        "customerAsn" => &f.customer_asn,
        "routingRegistry" => &f.routing_registry,
        _ => &f.route_filter,
    }
}

fn family_text_mut<'a>(f: &'a mut FamilyDoc, key: &str) -> &'a mut String {
    match key {
        "primary" => &mut f.primary,
        "secondary" => &mut f.secondary,
        "customerAsn" => &mut f.customer_asn,
        "routingRegistry" => &mut f.routing_registry,
        _ => &mut f.route_filter,
    }
}

impl PlanDocument {
    /// The text value at `at` (a circuit name, a peering's ASN, a family's link subnet, ...); `None` when
    /// the pointer names no text value or its peering or family does not exist.
    pub fn text_at(&self, at: &str) -> Option<&str> {
        let p = |i: usize| self.peerings.get(i);
        let text = match parse(at)? {
            FieldRef::Subscription => &self.circuit.subscription,
            FieldRef::ResourceGroup => &self.circuit.resource_group,
            FieldRef::CircuitName => &self.circuit.name,
            FieldRef::PeeringType(i) => &p(i)?.peering_type,
            FieldRef::PeerAsn(i) => &p(i)?.peer_asn,
            FieldRef::VlanId(i) => &p(i)?.vlan_id,
            FieldRef::SharedKey(i) => &p(i)?.shared_key,
            FieldRef::FamilyText(i, f, key) => family_text(family_slot(p(i)?, f).as_ref()?, key),
            _ => return None,
        };
        Some(text)
    }

    pub fn text_at_mut(&mut self, at: &str) -> Option<&mut String> {
        let field = parse(at)?;
        let c = &mut self.circuit;
        let peerings = &mut self.peerings;
        Some(match field {
            FieldRef::Subscription => &mut c.subscription,
            FieldRef::ResourceGroup => &mut c.resource_group,
            FieldRef::CircuitName => &mut c.name,
            FieldRef::PeeringType(i) => &mut peerings.get_mut(i)?.peering_type,
            FieldRef::PeerAsn(i) => &mut peerings.get_mut(i)?.peer_asn,
            FieldRef::VlanId(i) => &mut peerings.get_mut(i)?.vlan_id,
            FieldRef::SharedKey(i) => &mut peerings.get_mut(i)?.shared_key,
            FieldRef::FamilyText(i, f, key) => {
                family_text_mut(family_slot_mut(peerings.get_mut(i)?, f).as_mut()?, key)
            }
            _ => return None,
        })
    }

    /// The list at `at`: `/vnetAddressSpaces` or `/peerings/N/<family>/advertisedPrefixes`.
    pub fn list_at(&self, at: &str) -> Option<&Vec<String>> {
        match parse(at)? {
            FieldRef::VnetAddressSpaces => Some(&self.vnet_address_spaces),
            FieldRef::AdvertisedPrefixes(i, f) => Some(
                &family_slot(self.peerings.get(i)?, f)
                    .as_ref()?
                    .advertised_prefixes,
            ),
            _ => None,
        }
    }

    pub fn list_at_mut(&mut self, at: &str) -> Option<&mut Vec<String>> {
        match parse(at)? {
            FieldRef::VnetAddressSpaces => Some(&mut self.vnet_address_spaces),
            FieldRef::AdvertisedPrefixes(i, f) => Some(
                &mut family_slot_mut(self.peerings.get_mut(i)?, f)
                    .as_mut()?
                    .advertised_prefixes,
            ),
            _ => None,
        }
    }

    /// The family slot `/peerings/N/ipv4` or `/peerings/N/ipv6` (`Some(None)`: not configured).
    pub fn family_at(&self, at: &str) -> Option<&Option<FamilyDoc>> {
        match parse(at)? {
            FieldRef::Family(i, f) => Some(family_slot(self.peerings.get(i)?, f)),
            _ => None,
        }
    }

    pub fn family_at_mut(&mut self, at: &str) -> Option<&mut Option<FamilyDoc>> {
        match parse(at)? {
            FieldRef::Family(i, f) => Some(family_slot_mut(self.peerings.get_mut(i)?, f)),
            _ => None,
        }
    }
}
