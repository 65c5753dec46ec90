//! What `analyze()` hands to the emitters and the UI beyond the rule table: the typed plan (canonical
//! values), the IP plan, one-click fixes and `apply_edit`, document order, how findings combine,
//! change mode, and reading plans (`plan.unreadable`).
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::asn::Asn;
use peering_planner::domain::document::{Baseline, BaselinePeering, FamilyDoc, PlanDocument};
use peering_planner::domain::examples::{dual_stack_plan, sample_microsoft_ipv6, sample_plan};
use peering_planner::domain::field::{FamilyPart, FieldPath, PeeringPart};
use peering_planner::domain::findings::{Code, Edit, Finding, Fix, Severity};
use peering_planner::domain::ipplan::Link;
use peering_planner::domain::model::{Families, PeeringKind};
use peering_planner::domain::names::RouteFilterRef;
use peering_planner::domain::peering::PeeringType;
use peering_planner::domain::registry::RoutingRegistry;
use peering_planner::domain::subnet::AddressFamily;
use peering_planner::domain::validate::analyze;
use std::collections::BTreeMap;

fn ipv4(plan: &mut PlanDocument, peering: usize) -> &mut FamilyDoc {
    plan.peerings[peering]
        .ipv4
        .as_mut()
        .expect("the sample peerings have IPv4")
}

/// The path a JSON Pointer names; a test that misspells one fails here rather than finding nothing.
#[track_caller]
fn path(pointer: &str) -> FieldPath {
    FieldPath::parse(pointer).unwrap_or_else(|| panic!("{pointer:?} names no field of a plan"))
}

/// (code, severity, JSON Pointer) of every finding, in order.
fn summary(plan: &PlanDocument) -> Vec<(Code, Severity, String)> {
    analyze(plan)
        .findings
        .iter()
        .map(|f| (f.code, f.severity, f.path.to_string()))
        .collect()
}

#[track_caller]
fn finding(plan: &PlanDocument, code: Code, pointer: &str) -> Finding {
    let at = path(pointer);
    let analysis = analyze(plan);
    let found = analysis
        .findings
        .iter()
        .find(|f| f.code == code && f.path == at)
        .cloned();
    found.unwrap_or_else(|| panic!("{code} not raised at {at}: {:?}", analysis.findings))
}

#[test]
fn the_sample_becomes_a_typed_plan() {
    let plan = analyze(&sample_plan()).plan.expect("the sample is valid");
    assert_eq!(
        plan.circuit.subscription.as_ref().map(|s| s.as_str()),
        Some("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e")
    );
    assert_eq!(
        plan.circuit.resource_group.as_str(),
        "ExpressRouteResourceGroup"
    );
    assert_eq!(plan.circuit.name.as_str(), "MyCircuit");
    assert_eq!(plan.baseline, None, "no baseline: not change mode");
    let [private, microsoft] = &plan.peerings[..] else {
        panic!("two peerings")
    };
    assert_eq!(
        (private.index, private.peering_type()),
        (0, PeeringType::AzurePrivatePeering)
    );
    assert_eq!(
        (private.peer_asn.value(), private.vlan_id.value()),
        (65010, 200)
    );
    assert!(private.shared_key.is_none());
    assert!(!private.is_microsoft());
    assert!(private.has(AddressFamily::Ipv4) && !private.has(AddressFamily::Ipv6));
    let PeeringKind::Private(Families::Ipv4(private_family)) = &private.kind else {
        panic!("a private IPv4-only peering: {:?}", private.kind)
    };
    // No on-premises prefixes listed: the routers advertise nothing.
    assert!(private_family.on_premises.is_empty());
    let private_v4 = &private_family.links;
    assert_eq!(private_v4.primary.to_string(), "192.168.100.128/30");
    assert_eq!(private_v4.secondary.to_string(), "192.168.100.132/30");
    assert_eq!(private_v4.get(Link::Secondary), private_v4.secondary);
    assert_eq!(private.links(), Families::Ipv4(*private_v4));
    assert_eq!(private.links().label(), "IPv4");
    // A private peering has no Microsoft settings: PeeringKind::Private has no place for them.
    assert!(private.microsoft(AddressFamily::Ipv4).is_none());

    assert_eq!(
        (microsoft.index, microsoft.peering_type()),
        (1, PeeringType::MicrosoftPeering)
    );
    assert!(microsoft.is_microsoft());
    let PeeringKind::Microsoft(families) = &microsoft.kind else {
        panic!("a Microsoft peering: {:?}", microsoft.kind)
    };
    let Families::Ipv4(config) = families.as_ref() else {
        panic!("a Microsoft IPv4-only peering: {:?}", microsoft.kind)
    };
    assert_eq!(microsoft.microsoft(AddressFamily::Ipv4), Some(config));
    assert_eq!(microsoft.microsoft(AddressFamily::Ipv6), None);
    assert_eq!(
        (
            config.links.primary.to_string(),
            config.links.secondary.to_string()
        ),
        ("123.0.0.0/30".to_string(), "123.0.0.4/30".to_string())
    );
    assert_eq!(microsoft.links(), Families::Ipv4(config.links));
    assert_eq!(
        config
            .advertised_prefixes
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        ["123.1.0.0/24"]
    );
    assert_eq!(config.customer_asn, None);
    assert_eq!(config.routing_registry, Some(RoutingRegistry::Arin));
    assert_eq!(
        config.route_filter.as_ref().map(|r| r.to_string()),
        Some("MyRouteFilter".into())
    );
    assert_eq!(
        plan.planned(PeeringType::MicrosoftPeering).map(|p| p.index),
        Some(1)
    );
}

#[test]
fn the_typed_plan_carries_canonical_values() {
    let mut doc = sample_plan();
    doc.circuit.subscription = " AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E ".into();
    doc.peerings[1].peer_asn = "3.10".into();
    doc.peerings[1].vlan_id = "0300".into();
    doc.peerings[1].shared_key = "Key1".into();
    let mut v6 = sample_microsoft_ipv6();
    v6.primary = " 2A01:111:F100:0::/126".into();
    v6.advertised_prefixes = vec![
        "2A01:0111:F200::/48".into(),
        "2a01:111:f200::/48".into(),
        "2a01:111:f300::/48".into(),
    ];
    v6.customer_asn = "0.1234".into();
    v6.routing_registry = "ripencc".into();
    v6.route_filter = "/SUBSCRIPTIONS/AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E/resourcegroups/rg/providers/microsoft.network/routefilters/rf6".into();
    doc.peerings[1].ipv6 = Some(v6);
    let analysis = analyze(&doc);
    let plan = analysis.plan.expect("warnings only");
    assert_eq!(
        plan.circuit.subscription.map(|s| s.to_string()),
        Some("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e".into())
    );
    let microsoft = &plan.peerings[1];
    assert_eq!(
        (
            microsoft.peer_asn.to_string(),
            microsoft.vlan_id.to_string()
        ),
        ("196618".into(), "300".into())
    );
    assert_eq!(
        microsoft.shared_key.as_ref().map(|k| k.expose()),
        Some("Key1")
    );
    // Dual stack: both families, each with its own Microsoft settings.
    let PeeringKind::Microsoft(families) = &microsoft.kind else {
        panic!("a Microsoft peering: {:?}", microsoft.kind)
    };
    assert!(
        matches!(families.as_ref(), Families::Dual { .. }),
        "a dual-stack Microsoft peering: {:?}",
        microsoft.kind
    );
    assert_eq!(families.label(), "IPv4 + IPv6");
    assert_eq!(
        families.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        AddressFamily::ALL,
        "IPv4 first"
    );
    assert_eq!(families.first().0, AddressFamily::Ipv4);
    let v6 = microsoft
        .microsoft(AddressFamily::Ipv6)
        .expect("IPv6 Microsoft config");
    assert_eq!(v6.links.primary.to_string(), "2a01:111:f100::/126");
    let prefixes: Vec<String> = v6
        .advertised_prefixes
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        prefixes,
        ["2a01:111:f200::/48", "2a01:111:f300::/48"],
        "first copy kept, canonical form"
    );
    assert_eq!(v6.customer_asn, Some(Asn::from_u32(1234)));
    assert_eq!(v6.routing_registry, Some(RoutingRegistry::Ripencc));
    let Some(RouteFilterRef::Id {
        subscription,
        resource_group,
        name,
    }) = &v6.route_filter
    else {
        panic!("a resource ID")
    };
    assert_eq!(
        (
            subscription.as_str(),
            resource_group.as_str(),
            name.as_str()
        ),
        ("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e", "rg", "rf6")
    );
    // The IPv4 family keeps its own settings.
    let v4 = microsoft
        .microsoft(AddressFamily::Ipv4)
        .expect("IPv4 Microsoft config");
    assert_eq!(v4.routing_registry, Some(RoutingRegistry::Arin));
    let codes: Vec<Code> = analysis.findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [Code::CliIpv6UpdateDropsIpv4, Code::PrefixDuplicate],
        "the family before its prefixes"
    );
}

/// `peering.no_family` used to be a rule the typed plan trusted the validator for; now the typed plan
/// cannot hold a peering without a family at all ([`Families`] has no empty variant), so instead of
/// asserting `ipv4.is_none() && ipv6.is_none()` somewhere this checks that the validator refuses such a
/// document and that no `Families` value can be built from two absent families.
#[test]
fn a_peering_without_families_is_refused_and_cannot_be_typed() {
    let mut doc = sample_plan();
    doc.peerings[0].ipv4 = None;
    doc.peerings[0].ipv6 = None;
    let analysis = analyze(&doc);
    assert!(analysis.plan.is_none());
    let no_family = finding(&doc, Code::PeeringNoFamily, "/peerings/0");
    assert_eq!(no_family.path, FieldPath::Peering(0, PeeringPart::Whole));
    assert_eq!(
        no_family.message,
        "peering 1 (AzurePrivatePeering) has no address family: configure IPv4, IPv6 or both."
    );
    assert_eq!(Families::<()>::from_options(None, None), None);
    assert_eq!(
        Families::from_options(Some(4), None),
        Some(Families::Ipv4(4))
    );
    assert_eq!(
        Families::from_options(None, Some(6)),
        Some(Families::Ipv6(6))
    );
    let dual = Families::from_options(Some(4), Some(6)).expect("both");
    assert_eq!(dual, Families::Dual { ipv4: 4, ipv6: 6 });
    assert_eq!(
        (dual.get(AddressFamily::Ipv4), dual.get(AddressFamily::Ipv6)),
        (Some(&4), Some(&6))
    );
    let v6_only = Families::Ipv6(6);
    assert_eq!(
        (v6_only.first(), v6_only.label()),
        ((AddressFamily::Ipv6, &6), "IPv6 only"),
        "an IPv6-only peering is created with IPv6"
    );
    assert!(!v6_only.has(AddressFamily::Ipv4));
}

#[test]
fn microsoft_only_fields_never_reach_a_private_peering() {
    let mut doc = sample_plan();
    ipv4(&mut doc, 0).advertised_prefixes = vec!["123.9.0.0/24".into()];
    ipv4(&mut doc, 0).route_filter = "rf".into();
    let analysis = analyze(&doc);
    let plan = analysis.plan.expect("field.ignored is a warning");
    // The typed private peering has its links and nowhere to put the ignored values.
    let PeeringKind::Private(Families::Ipv4(family)) = &plan.peerings[0].kind else {
        panic!("still a private IPv4 peering: {:?}", plan.peerings[0].kind)
    };
    assert_eq!(family.links.primary.to_string(), "192.168.100.128/30");
    assert!(plan.peerings[0].microsoft(AddressFamily::Ipv4).is_none());
    let ignored: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::FieldIgnored)
        .map(|f| f.path.to_string())
        .collect();
    assert_eq!(
        ignored,
        [
            "/peerings/0/ipv4/advertisedPrefixes",
            "/peerings/0/ipv4/routeFilter"
        ]
    );
}

#[test]
fn ip_plan_rows_spell_out_every_address() {
    let analysis = analyze(&dual_stack_plan(1));
    let rows: Vec<String> = analysis
        .ip_plan
        .rows
        .iter()
        .map(|r| {
            let mask = r.netmask.map_or("-".to_string(), |m| m.to_string());
            let vlan = r.vlan_id.map_or("-".to_string(), |v| v.to_string());
            let asn = r.peer_asn.map_or("-".to_string(), |a| a.to_string());
            format!(
                "{} {} {:?} {} you {} ms {} /{} {mask} vlan {vlan} asn {asn}/{}",
                r.peering_type,
                r.family,
                r.link,
                r.subnet,
                r.customer_router_ip,
                r.microsoft_router_ip,
                r.prefix_len,
                r.microsoft_asn
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "AzurePrivatePeering IPv4 Primary 192.168.100.128/30 you 192.168.100.129 ms 192.168.100.130 /30 255.255.255.252 vlan 200 asn 65010/12076",
            "AzurePrivatePeering IPv4 Secondary 192.168.100.132/30 you 192.168.100.133 ms 192.168.100.134 /30 255.255.255.252 vlan 200 asn 65010/12076",
            "AzurePrivatePeering IPv6 Primary fd00:10::/126 you fd00:10::1 ms fd00:10::2 /126 - vlan 200 asn 65010/12076",
            "AzurePrivatePeering IPv6 Secondary fd00:10::4/126 you fd00:10::5 ms fd00:10::6 /126 - vlan 200 asn 65010/12076",
            "MicrosoftPeering IPv4 Primary 123.0.0.0/30 you 123.0.0.1 ms 123.0.0.2 /30 255.255.255.252 vlan 300 asn 1234/12076",
            "MicrosoftPeering IPv4 Secondary 123.0.0.4/30 you 123.0.0.5 ms 123.0.0.6 /30 255.255.255.252 vlan 300 asn 1234/12076",
            "MicrosoftPeering IPv6 Primary 2a01:111:f100::/126 you 2a01:111:f100::1 ms 2a01:111:f100::2 /126 - vlan 300 asn 1234/12076",
            "MicrosoftPeering IPv6 Secondary 2a01:111:f100::4/126 you 2a01:111:f100::5 ms 2a01:111:f100::6 /126 - vlan 300 asn 1234/12076",
        ]
    );
}

#[test]
fn ip_plan_keeps_valid_rows_when_other_fields_fail() {
    let mut doc = sample_plan();
    doc.peerings[0].vlan_id = "5000".into();
    doc.peerings[0].peer_asn = "12076".into();
    ipv4(&mut doc, 0).secondary = "192.168.100.133/30".into();
    doc.peerings[1].peering_type = "AzureMicrosoftPeering".into();
    let analysis = analyze(&doc);
    assert!(analysis.plan.is_none());
    let rows = &analysis.ip_plan.rows;
    assert_eq!(
        rows.len(),
        1,
        "only the private primary link has valid inputs and a known type"
    );
    assert_eq!(
        (rows[0].peering_index, rows[0].link, rows[0].family),
        (0, Link::Primary, AddressFamily::Ipv4)
    );
    assert_eq!((rows[0].vlan_id, rows[0].peer_asn), (None, None));
}

#[test]
fn fixes_carry_the_obvious_value() {
    let mut doc = sample_plan();
    ipv4(&mut doc, 0).primary = "192.168.100.128/29".into();
    ipv4(&mut doc, 0).secondary = "".into();
    ipv4(&mut doc, 1).primary = "123.0.0.0".into();
    ipv4(&mut doc, 1).secondary = "123.0.0.5/30".into();
    ipv4(&mut doc, 1).advertised_prefixes = vec![
        "123.1.0.1/24".into(),
        "123.2.0.1".into(),
        "123.3.0.0/24".into(),
        "123.3.0.0/24".into(),
    ];
    let use_value = |pointer: &'static str, value: &str| {
        let edit = Edit::Set {
            path: path(pointer),
            value: value.into(),
        };
        (
            pointer,
            Fix {
                label: format!("Use {value}"),
                edits: vec![edit],
            },
        )
    };
    let set = |pointer: &str, value: &str| Edit::Set {
        path: path(pointer),
        value: value.into(),
    };
    let expected = [
        (
            "/peerings/0/ipv4/primary",
            Fix {
                label: "Split into 192.168.100.128/30 and 192.168.100.132/30".into(),
                edits: vec![
                    set("/peerings/0/ipv4/primary", "192.168.100.128/30"),
                    set("/peerings/0/ipv4/secondary", "192.168.100.132/30"),
                ],
            },
        ),
        use_value("/peerings/1/ipv4/primary", "123.0.0.0/30"),
        use_value("/peerings/1/ipv4/secondary", "123.0.0.4/30"),
        use_value("/peerings/1/ipv4/advertisedPrefixes/0", "123.1.0.0/24"),
        use_value("/peerings/1/ipv4/advertisedPrefixes/1", "123.2.0.1/32"),
        (
            "/peerings/1/ipv4/advertisedPrefixes/3",
            Fix {
                label: "Remove the duplicate".into(),
                edits: vec![Edit::Remove {
                    path: FieldPath::family(
                        1,
                        AddressFamily::Ipv4,
                        FamilyPart::AdvertisedPrefix(3),
                    ),
                }],
            },
        ),
    ];
    let analysis = analyze(&doc);
    for (pointer, fix) in &expected {
        let found = analysis
            .findings
            .at(path(pointer))
            .find(|f| f.fix.is_some())
            .unwrap_or_else(|| panic!("no fix at {pointer}"));
        assert_eq!(found.fix.as_ref(), Some(fix), "{pointer}");
    }
    // Applying every fix, in order, leaves a plan without findings.
    let mut fixed = doc.clone();
    for (_, fix) in &expected {
        fixed.apply_fix(fix).expect("fix applies");
    }
    assert_eq!(summary(&fixed), []);
}

#[test]
fn apply_edit_follows_field_paths() {
    let mut doc = sample_plan();
    doc.peerings[0].shared_key = "Key1".into();
    // An edit names an existing value: the JSON Pointer append token `-` (and an index one past the
    // end) no longer exist, so the list gets its new entries the way a list control does, as a whole.
    doc.list_mut(path("/peerings/1/ipv4/advertisedPrefixes"))
        .expect("the Microsoft peering's IPv4 prefixes")
        .extend(["123.2.0.0/24".to_string(), "123.9.0.0/24".to_string()]);
    let edits = [
        Edit::Set {
            path: path("/peerings/1/ipv4/advertisedPrefixes/2"),
            value: "123.3.0.0/24".into(),
        },
        Edit::Remove {
            path: path("/peerings/1/ipv4/advertisedPrefixes/0"),
        },
        Edit::Set {
            path: path("/peerings/1/ipv4/customerAsn"),
            value: "1234".into(),
        },
        Edit::Remove {
            path: path("/peerings/1/ipv4/routeFilter"),
        },
        Edit::Set {
            path: path("/circuit/name"),
            value: "Other".into(),
        },
        Edit::Set {
            path: path("/vnetAddressSpaces/0"),
            value: "10.2.0.0/16".into(),
        },
    ];
    for edit in &edits {
        doc.apply_edit(edit)
            .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    }
    let v4 = ipv4(&mut doc, 1).clone();
    assert_eq!(v4.advertised_prefixes, ["123.2.0.0/24", "123.3.0.0/24"]);
    assert_eq!(
        (v4.customer_asn.as_str(), v4.route_filter.as_str()),
        ("1234", "")
    );
    assert_eq!(doc.circuit.name, "Other");
    assert_eq!(doc.vnet_address_spaces, ["10.2.0.0/16"]);
    assert_eq!(
        doc.peerings[0].shared_key, "Key1",
        "edits keep the shared key"
    );

    // Removing a family sets it to null (not configured); removing a list clears it.
    doc.apply_edit(&Edit::Remove {
        path: path("/peerings/1/ipv4"),
    })
    .expect("the family is there");
    assert_eq!(doc.peerings[1].ipv4, None);
    doc.apply_edit(&Edit::Remove {
        path: FieldPath::VnetAddressSpaces,
    })
    .expect("the list is there");
    assert!(doc.vnet_address_spaces.is_empty());
    assert_eq!(doc.peerings[0].shared_key, "Key1");
}

#[test]
fn apply_edit_refuses_what_does_not_fit_and_changes_nothing() {
    let doc = sample_plan();
    let set = |at: FieldPath| Edit::Set {
        path: at,
        value: "x".into(),
    };
    let refused = [
        (
            set(path("/peerings/7/type")),
            "/peerings/7/type names no value of this plan",
        ),
        (
            set(path("/peerings/0/ipv6/primary")),
            "/peerings/0/ipv6/primary names no value of this plan",
        ),
        (
            set(path("/peerings/1/ipv4/advertisedPrefixes/1")),
            "/peerings/1/ipv4/advertisedPrefixes/1 names no value of this plan",
        ),
        (
            set(path("/peerings/1/ipv4/advertisedPrefixes")),
            "/peerings/1/ipv4/advertisedPrefixes names no value of this plan",
        ),
        (
            set(path("/peerings/0/ipv4")),
            "/peerings/0/ipv4 names no value of this plan",
        ),
        (
            set(path("/peerings")),
            "/peerings names no value of this plan",
        ),
        (
            Edit::Remove {
                path: path("/peerings/0/ipv4/advertisedPrefixes/0"),
            },
            "/peerings/0/ipv4/advertisedPrefixes/0 is not an entry of this list of 0",
        ),
        (
            Edit::Remove {
                path: path("/vnetAddressSpaces/1"),
            },
            "/vnetAddressSpaces/1 is not an entry of this list of 1",
        ),
        (
            Edit::Remove {
                path: path("/peerings/5/ipv4"),
            },
            "/peerings/5/ipv4 names no value of this plan",
        ),
        (
            Edit::Remove {
                path: path("/peerings/0"),
            },
            "/peerings/0 names no value of this plan",
        ),
        (
            Edit::Remove {
                path: path("/peerings"),
            },
            "/peerings names no value of this plan",
        ),
    ];
    for (edit, reason) in refused {
        let mut edited = doc.clone();
        assert_eq!(
            edited.apply_edit(&edit),
            Err(reason.to_string()),
            "{edit:?}"
        );
        assert_eq!(edited, doc, "{edit:?} changed the plan");
    }
    // An edit cannot replace the whole plan. (Its message is built from the path's pointer, which
    // for the whole plan is empty.)
    for edit in [
        set(FieldPath::Plan),
        Edit::Remove {
            path: FieldPath::Plan,
        },
    ] {
        let mut edited = doc.clone();
        assert!(edited.apply_edit(&edit).is_err(), "{edit:?}");
        assert_eq!(edited, doc, "{edit:?} changed the plan");
    }
    // What the old pointer edits refused before touching the plan (not a pointer, a leading zero, a
    // key the plan does not have, `/version`) can no longer be written as an edit at all: the edge
    // that reads pointers refuses them.
    for (pointer, reason) in [
        (
            "peerings",
            "\"peerings\" is not the pointer of a field of the plan",
        ),
        (
            "/peerings/01/type",
            "\"/peerings/01/type\" is not the pointer of a field of the plan",
        ),
        (
            "/nothing",
            "\"/nothing\" is not the pointer of a field of the plan",
        ),
        (
            "/version",
            "\"/version\" is not the pointer of a field of the plan",
        ),
    ] {
        assert_eq!(pointer.parse::<FieldPath>(), Err(reason.to_string()));
    }
    // A fix applies all of its edits or none.
    let mut edited = doc.clone();
    let half = Fix {
        label: "half".into(),
        edits: vec![
            Edit::Set {
                path: path("/circuit/name"),
                value: "Changed".into(),
            },
            set(path("/peerings/0/ipv6/primary")),
        ],
    };
    assert_eq!(
        edited.apply_fix(&half),
        Err("/peerings/0/ipv6/primary names no value of this plan".to_string())
    );
    assert_eq!(edited, doc, "the first edit was rolled back");
}

#[test]
fn findings_come_in_document_order() {
    let mut doc = sample_plan();
    doc.peerings[1].peer_asn = "x".into();
    ipv4(&mut doc, 0).primary = "10.1.0.0/30".into(); // vnet overlap, found after all peerings
    ipv4(&mut doc, 1).secondary = "10.1.0.0/30".into(); // not public
    doc.vnet_address_spaces.push("bad".into());
    doc.circuit.name = String::new();
    doc.peerings[0].ipv6 = Some(FamilyDoc {
        primary: "fd00::/126".into(),
        secondary: "fd00::4/126".into(),
        ..FamilyDoc::default()
    });
    let analysis = analyze(&doc);
    let paths: Vec<FieldPath> = analysis.findings.iter().map(|f| f.path).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(
        paths, sorted,
        "the order of FieldPath is the order of findings"
    );
    let paths: Vec<(Code, String)> = summary(&doc).into_iter().map(|(c, _, p)| (c, p)).collect();
    assert_eq!(
        paths,
        [
            (Code::Required, "/circuit/name".to_string()),
            (Code::VnetSyntax, "/vnetAddressSpaces/1".to_string()),
            (
                Code::SubnetVnetOverlap,
                "/peerings/0/ipv4/primary".to_string()
            ),
            (Code::CliIpv6UpdateDropsIpv4, "/peerings/0/ipv6".to_string()),
            (Code::AsnSyntax, "/peerings/1/peerAsn".to_string()),
            (
                Code::SubnetNotPublic,
                "/peerings/1/ipv4/secondary".to_string()
            ),
        ]
    );
}

#[test]
fn one_error_per_value_and_failed_values_skip_cross_checks() {
    let mut doc = sample_plan();
    ipv4(&mut doc, 1).advertised_prefixes =
        vec!["0.0.0.0/0".into(), "0.0.0.0/0".into(), "10.0.0.1/8".into()];
    ipv4(&mut doc, 0).primary = "123.0.0.0/29".into(); // split error: not compared with peering 1's links
    ipv4(&mut doc, 1).secondary = "fd00::/126".into(); // family only, not also length or not_public
    doc.peerings[1].vlan_id = "".into(); // required only
    let codes: Vec<(Code, String)> = summary(&doc).into_iter().map(|(c, _, p)| (c, p)).collect();
    assert_eq!(
        codes,
        [
            (Code::SubnetLength, "/peerings/0/ipv4/primary".to_string()),
            (Code::Required, "/peerings/1/vlanId".to_string()),
            (Code::SubnetFamily, "/peerings/1/ipv4/secondary".to_string()),
            (
                Code::PrefixDefaultRoute,
                "/peerings/1/ipv4/advertisedPrefixes/0".to_string()
            ),
            (
                Code::PrefixDefaultRoute,
                "/peerings/1/ipv4/advertisedPrefixes/1".to_string()
            ),
            (
                Code::PrefixHostBits,
                "/peerings/1/ipv4/advertisedPrefixes/2".to_string()
            ),
        ]
    );
}

#[test]
fn warnings_and_info_never_block_the_plan() {
    let mut doc = dual_stack_plan(3);
    doc.peerings[1].peer_asn = "65010".into();
    doc.peerings[0].shared_key = "1abc".into();
    ipv4(&mut doc, 1).route_filter = String::new();
    ipv4(&mut doc, 1).routing_registry = String::new();
    let analysis = analyze(&doc);
    assert!(!analysis.findings.has_errors());
    assert!(analysis.findings.0.len() >= 5, "{:?}", analysis.findings);
    assert!(analysis.plan.is_some());
}

fn with_baseline(doc: &mut PlanDocument) {
    let peerings = sample_plan()
        .peerings
        .into_iter()
        .map(|peering| BaselinePeering {
            peering,
            connections: Vec::new(),
            live_properties: BTreeMap::new(),
        })
        .collect();
    doc.baseline = Some(Baseline {
        peerings,
        route_filters: Vec::new(),
    });
}

#[test]
fn change_mode_downgrades_policy_errors_on_unchanged_values() {
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    let baseline = doc.baseline.as_mut().expect("baseline");
    baseline.peerings[1].peering.peer_asn = "65517".into();
    let live_prefixes = vec!["123.1.0.0/24".to_string(), "192.168.0.0/16".to_string()];
    if let Some(live) = baseline.peerings[1].peering.ipv4.as_mut() {
        live.primary = "10.0.0.0/30".into();
        live.advertised_prefixes = live_prefixes.clone();
    }
    doc.peerings[1].peer_asn = "65517".into(); // reserved, unchanged: warning
    ipv4(&mut doc, 1).primary = " 10.0.0.0/30".into(); // not public, unchanged (whitespace ignored): warning
    ipv4(&mut doc, 1).advertised_prefixes = live_prefixes; // the second is not public, unchanged: warning
    let reserved = finding(&doc, Code::AsnReserved, "/peerings/1/peerAsn");
    assert_eq!(reserved.severity, Severity::Warning);
    assert_eq!(
        reserved.message,
        "\"65517\" is a reserved ASN (ExpressRoute internal use): use an ASN assigned to you (unchanged from the live peering, so only a warning)."
    );
    assert_eq!(
        finding(&doc, Code::SubnetNotPublic, "/peerings/1/ipv4/primary").severity,
        Severity::Warning
    );
    assert_eq!(
        finding(
            &doc,
            Code::PrefixNotPublic,
            "/peerings/1/ipv4/advertisedPrefixes/1"
        )
        .severity,
        Severity::Warning
    );
    let analysis = analyze(&doc);
    assert!(!analysis.findings.has_errors(), "{:?}", analysis.findings);
    let plan = analysis.plan.expect("no error left");
    assert_eq!(plan.peerings[1].peer_asn.value(), 65517);
    let microsoft = plan.peerings[1]
        .microsoft(AddressFamily::Ipv4)
        .expect("config");
    let prefixes: Vec<String> = microsoft
        .advertised_prefixes
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(prefixes, ["123.1.0.0/24", "192.168.0.0/16"]);

    // The same values as a change stay errors.
    doc.baseline.as_mut().expect("baseline").peerings[1]
        .peering
        .peer_asn = "1234".into();
    let changed = finding(&doc, Code::AsnReserved, "/peerings/1/peerAsn");
    assert_eq!(changed.severity, Severity::Error);
    assert_eq!(
        finding(&doc, Code::ChangeResetsBgp, "/peerings/1/peerAsn").severity,
        Severity::Warning
    );
}

#[test]
fn change_mode_keeps_relational_errors_when_the_other_value_changed() {
    // Live private VLAN 200 and Microsoft VLAN 300; the plan moves the private peering to 300. The
    // finding sits at the unchanged Microsoft VLAN, but the value it clashes with changed.
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    doc.peerings[0].vlan_id = "300".into();
    assert_eq!(
        finding(&doc, Code::VlanDuplicate, "/peerings/1/vlanId").severity,
        Severity::Error
    );
    assert!(analyze(&doc).plan.is_none());

    // The primary link changed to equal the unchanged secondary link.
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    ipv4(&mut doc, 0).primary = "192.168.100.132/30".into();
    assert_eq!(
        finding(&doc, Code::SubnetOverlap, "/peerings/0/ipv4/secondary").severity,
        Severity::Error
    );
    assert!(analyze(&doc).plan.is_none());

    // A private link changed to overlap an unchanged Microsoft link.
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    ipv4(&mut doc, 0).secondary = "123.0.0.4/30".into();
    assert_eq!(
        finding(
            &doc,
            Code::SubnetCrossPeeringOverlap,
            "/peerings/1/ipv4/secondary"
        )
        .severity,
        Severity::Error
    );
    assert!(analyze(&doc).plan.is_none());
}

#[test]
fn change_mode_downgrades_relational_errors_when_every_value_is_unchanged() {
    let mut doc = sample_plan();
    doc.peerings[0].vlan_id = "300".into();
    ipv4(&mut doc, 0).primary = "192.168.100.132/30".into();
    let peerings = doc
        .peerings
        .iter()
        .cloned()
        .map(|peering| BaselinePeering {
            peering,
            connections: Vec::new(),
            live_properties: BTreeMap::new(),
        })
        .collect();
    doc.baseline = Some(Baseline {
        peerings,
        route_filters: Vec::new(),
    });
    let duplicate = finding(&doc, Code::VlanDuplicate, "/peerings/1/vlanId");
    assert_eq!(duplicate.severity, Severity::Warning);
    assert!(duplicate
        .message
        .ends_with("(unchanged from the live peering, so only a warning)."));
    assert_eq!(
        finding(&doc, Code::SubnetOverlap, "/peerings/0/ipv4/secondary").severity,
        Severity::Warning
    );
    let analysis = analyze(&doc);
    assert!(!analysis.findings.has_errors(), "{:?}", analysis.findings);
}

#[test]
fn change_mode_keeps_errors_whose_value_cannot_be_emitted() {
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    doc.baseline.as_mut().expect("baseline").peerings[0]
        .peering
        .vlan_id = "x".into();
    doc.peerings[0].vlan_id = "x".into();
    assert_eq!(
        finding(&doc, Code::VlanSyntax, "/peerings/0/vlanId").severity,
        Severity::Error
    );
    assert!(analyze(&doc).plan.is_none());
}

#[test]
fn change_mode_compares_with_the_live_peering_of_the_same_type() {
    let mut doc = sample_plan();
    with_baseline(&mut doc);
    // Live peerings listed in the other order: matched by type, not position.
    doc.baseline.as_mut().expect("baseline").peerings.reverse();
    assert_eq!(summary(&doc), []);
    doc.peerings[0].vlan_id = "201".into();
    ipv4(&mut doc, 0).primary = "192.168.100.136/30".into();
    let resets: Vec<String> = analyze(&doc)
        .findings
        .iter()
        .filter(|f| f.code == Code::ChangeResetsBgp)
        .map(|f| f.path.to_string())
        .collect();
    assert_eq!(resets, ["/peerings/0/vlanId", "/peerings/0/ipv4/primary"]);
}

#[test]
fn families_absent_null_or_empty_object() {
    let read = |family: &str| {
        let mut json = serde_json::to_value(sample_plan()).expect("sample serializes");
        let peering = json["peerings"][0]
            .as_object_mut()
            .expect("a peering object");
        peering.remove("ipv6");
        if !family.is_empty() {
            peering.insert(
                "ipv6".into(),
                serde_json::from_str(family).expect("family JSON"),
            );
        }
        PlanDocument::from_json(&json.to_string()).map(|doc| doc.peerings[0].ipv6.clone())
    };
    assert_eq!(read(""), Ok(None), "absent");
    assert_eq!(read("null"), Ok(None), "null");
    assert_eq!(read("{}"), Ok(Some(FamilyDoc::default())), "empty object");
    assert_eq!(
        read(r#"{"primary":" fd00:10::/126"}"#),
        Ok(Some(FamilyDoc {
            primary: " fd00:10::/126".into(),
            ..FamilyDoc::default()
        }))
    );
}

#[test]
fn unreadable_plans() {
    let cases = [
        ("", "this is not a readable version-1 plan: invalid JSON (EOF while parsing a value at line 1 column 0)"),
        ("{", "this is not a readable version-1 plan: invalid JSON (EOF while parsing an object at line 1 column 1)"),
        ("{}", "this is not a readable version-1 plan: it has no \"version\" field (expected \"version\": 1)"),
        ("{\"version\": 2}", "this is not a readable version-1 plan: \"version\" is 2; this planner reads version 1"),
        ("{\"version\": \"1\"}", "this is not a readable version-1 plan: \"version\" is \"1\"; this planner reads version 1"),
        ("[1]", "this is not a readable version-1 plan: it has no \"version\" field (expected \"version\": 1)"),
        (
            "{\"version\": 1, \"peerings\": [{\"peerAsn\": true}]}",
            "this is not a readable version-1 plan: expected a string or a number, found true",
        ),
    ];
    for (text, message) in cases {
        let error = PlanDocument::from_json(text).expect_err(text);
        assert_eq!(error.to_string(), message, "{text:?}");
    }
    // The finding the UI raises for such a text.
    let finding = PlanDocument::from_json("{}")
        .expect_err("no version")
        .to_finding();
    assert_eq!(
        (finding.code, finding.severity, finding.path),
        (Code::PlanUnreadable, Severity::Error, FieldPath::Plan)
    );
    assert_eq!(
        finding.path.to_string(),
        "",
        "the pointer of the whole plan"
    );
    assert_eq!(finding.message, "this is not a readable version-1 plan: it has no \"version\" field (expected \"version\": 1)");
}

#[test]
fn import_is_lenient_where_section_11_1_says_so() {
    let text = r#"{"version": 1, "extra": {"a": 1}, "circuit": null,
        "peerings": [{"type": "MicrosoftPeering", "peerAsn": 1234, "vlanId": 300, "future": 1,
                      "ipv4": {"primary": "123.0.0.0/30", "customerAsn": 3000000000, "advertisedPrefixes": null},
                      "ipv6": null}]}"#;
    let doc = PlanDocument::from_json(text).expect("readable");
    let peering = &doc.peerings[0];
    assert_eq!(
        (peering.peer_asn.as_str(), peering.vlan_id.as_str()),
        ("1234", "300")
    );
    let v4 = peering.ipv4.as_ref().expect("configured");
    assert_eq!(
        (v4.customer_asn.as_str(), v4.advertised_prefixes.len()),
        ("3000000000", 0)
    );
    assert!(peering.ipv6.is_none());
    assert!(
        !doc.to_json(true).contains("future"),
        "unknown fields are not re-exported"
    );
}

#[test]
fn json_round_trip_and_key_handling() {
    let mut doc = dual_stack_plan(2);
    doc.peerings[0].shared_key = "Key1".into();
    with_baseline(&mut doc);
    if let Some(baseline) = doc.baseline.as_mut() {
        baseline.peerings[0].connections = vec![
            serde_json::json!({"name": "gr1", "properties": {"addressPrefix": "10.9.0.0/29"}}),
        ];
        baseline.peerings[1].live_properties = BTreeMap::from([
            ("state".to_string(), serde_json::json!("Enabled")),
            (
                "microsoftPeeringConfig.advertisedCommunities".to_string(),
                serde_json::json!(["12076:5010"]),
            ),
        ]);
    }
    assert_eq!(PlanDocument::from_json(&doc.to_json(true)), Ok(doc.clone()));
    let without_key = PlanDocument::from_json(&doc.to_json(false)).expect("readable");
    assert_eq!(without_key.peerings[0].shared_key, "");
    assert!(!doc.to_compact_json().contains("Key1"));
}
