//! Example plans: the §11.1 sample (for a "load example" control, docs and tests) and a large
//! dual-stack plan (for the benchmark). Both are valid: [`analyze`](super::validate::analyze) finds
//! no error in them.

use super::document::{CircuitDoc, FamilyDoc, PeeringDoc, PlanDocument, PLAN_VERSION};

/// A circuit with a private peering (IPv4) and a Microsoft peering (IPv4) that raises no finding at
/// all: public peer ASN, registry and route filter named.
pub fn sample_plan() -> PlanDocument {
    PlanDocument {
        version: PLAN_VERSION,
        circuit: CircuitDoc {
            subscription: "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e".into(),
            resource_group: "ExpressRouteResourceGroup".into(),
            name: "MyCircuit".into(),
        },
        vnet_address_spaces: vec!["10.1.0.0/16".into()],
        peerings: vec![
            PeeringDoc {
                peering_type: "AzurePrivatePeering".into(),
                peer_asn: "65010".into(),
                vlan_id: "200".into(),
                ipv4: Some(FamilyDoc {
                    primary: "192.168.100.128/30".into(),
                    secondary: "192.168.100.132/30".into(),
                    ..FamilyDoc::default()
                }),
                ..PeeringDoc::default()
            },
            PeeringDoc {
                peering_type: "MicrosoftPeering".into(),
                peer_asn: "1234".into(),
                vlan_id: "300".into(),
                ipv4: Some(FamilyDoc {
                    primary: "123.0.0.0/30".into(),
                    secondary: "123.0.0.4/30".into(),
                    advertised_prefixes: vec!["123.1.0.0/24".into()],
                    routing_registry: "ARIN".into(),
                    route_filter: "MyRouteFilter".into(),
                    ..FamilyDoc::default()
                }),
                ..PeeringDoc::default()
            },
        ],
        routers: None,
        baseline: None,
    }
}

/// The IPv6 family of [`sample_plan`]'s Microsoft peering, for dual-stack cases.
pub fn sample_microsoft_ipv6() -> FamilyDoc {
    FamilyDoc {
        primary: "2a01:111:f100::/126".into(),
        secondary: "2a01:111:f100::4/126".into(),
        advertised_prefixes: vec!["2a01:111:f200::/48".into()],
        routing_registry: "ARIN".into(),
        route_filter: "MyRouteFilter".into(),
        ..FamilyDoc::default()
    }
}

/// Two dual-stack peerings (private and Microsoft) with `prefixes_per_family` distinct public
/// advertised prefixes per family on the Microsoft peering (at most 200 keeps it valid).
pub fn dual_stack_plan(prefixes_per_family: usize) -> PlanDocument {
    let mut plan = sample_plan();
    plan.peerings[0].ipv6 = Some(FamilyDoc {
        primary: "fd00:10::/126".into(),
        secondary: "fd00:10::4/126".into(),
        ..FamilyDoc::default()
    });
    let mut ipv6 = sample_microsoft_ipv6();
    ipv6.advertised_prefixes = (0..prefixes_per_family)
        .map(|i| format!("2a01:111:{:x}::/48", 0x1000 + i))
        .collect();
    plan.peerings[1].ipv6 = Some(ipv6);
    if let Some(ipv4) = plan.peerings[1].ipv4.as_mut() {
        ipv4.advertised_prefixes = (0..prefixes_per_family)
            .map(|i| format!("123.{}.{}.0/24", 1 + i / 256, i % 256))
            .collect();
    }
    plan
}
