//! Typed access by [`FieldPath`] (what a form control's `data-field` reads and edits): the path type
//! itself (JSON Pointer text in and out, refusals, document order, containment), text/list/family
//! reads and writes, edits, and the `#plan=` link format. Table tests, an exhaustive check over a small
//! universe of paths, and totality on arbitrary input (a `data-field` or a link is user input).
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::document::{FamilyDoc, PlanDocument};
use peering_planner::domain::examples::{dual_stack_plan, sample_microsoft_ipv6, sample_plan};
use peering_planner::domain::field::{
    AddressFamily, CircuitField, FamilyPart, FieldPath, Link, PeeringPart,
};
use peering_planner::domain::findings::{Edit, Fix};
use peering_planner::domain::link::{parse_fragment, plan_fragment, FragmentPlan};
use proptest::prelude::*;

use AddressFamily::{Ipv4, Ipv6};

fn peering(n: usize, part: PeeringPart) -> FieldPath {
    FieldPath::Peering(n, part)
}

fn fam(n: usize, f: AddressFamily, part: FamilyPart) -> FieldPath {
    FieldPath::family(n, f, part)
}

/// The path a JSON Pointer names; a test that misspells one fails here.
#[track_caller]
fn path(pointer: &str) -> FieldPath {
    FieldPath::parse(pointer).unwrap_or_else(|| panic!("{pointer:?} names no field of a plan"))
}

/// One pointer for every kind of path, with the path it names.
fn every_kind_of_path() -> Vec<(&'static str, FieldPath)> {
    vec![
        ("", FieldPath::Plan),
        (
            "/circuit/subscription",
            FieldPath::Circuit(CircuitField::Subscription),
        ),
        (
            "/circuit/resourceGroup",
            FieldPath::Circuit(CircuitField::ResourceGroup),
        ),
        ("/circuit/name", FieldPath::Circuit(CircuitField::Name)),
        ("/vnetAddressSpaces", FieldPath::VnetAddressSpaces),
        ("/vnetAddressSpaces/0", FieldPath::VnetAddressSpace(0)),
        ("/vnetAddressSpaces/12", FieldPath::VnetAddressSpace(12)),
        ("/peerings", FieldPath::Peerings),
        ("/peerings/0", peering(0, PeeringPart::Whole)),
        ("/peerings/10/type", peering(10, PeeringPart::Type)),
        ("/peerings/1/peerAsn", peering(1, PeeringPart::PeerAsn)),
        ("/peerings/1/vlanId", peering(1, PeeringPart::VlanId)),
        ("/peerings/1/sharedKey", peering(1, PeeringPart::SharedKey)),
        ("/peerings/0/ipv4", fam(0, Ipv4, FamilyPart::Whole)),
        ("/peerings/0/ipv6", fam(0, Ipv6, FamilyPart::Whole)),
        (
            "/peerings/0/ipv4/primary",
            fam(0, Ipv4, FamilyPart::Link(Link::Primary)),
        ),
        (
            "/peerings/0/ipv6/secondary",
            fam(0, Ipv6, FamilyPart::Link(Link::Secondary)),
        ),
        (
            "/peerings/1/ipv4/advertisedPrefixes",
            fam(1, Ipv4, FamilyPart::AdvertisedPrefixes),
        ),
        (
            "/peerings/1/ipv6/advertisedPrefixes/0",
            fam(1, Ipv6, FamilyPart::AdvertisedPrefix(0)),
        ),
        (
            "/peerings/1/ipv4/advertisedPrefixes/199",
            fam(1, Ipv4, FamilyPart::AdvertisedPrefix(199)),
        ),
        (
            "/peerings/1/ipv6/customerAsn",
            fam(1, Ipv6, FamilyPart::CustomerAsn),
        ),
        (
            "/peerings/1/ipv4/routingRegistry",
            fam(1, Ipv4, FamilyPart::RoutingRegistry),
        ),
        (
            "/peerings/1/ipv6/routeFilter",
            fam(1, Ipv6, FamilyPart::RouteFilter),
        ),
    ]
}

#[test]
fn every_kind_of_path_reads_and_writes_its_pointer() {
    for (pointer, expected) in every_kind_of_path() {
        assert_eq!(FieldPath::parse(pointer), Some(expected), "{pointer:?}");
        assert_eq!(expected.to_string(), pointer, "{expected:?}");
        assert_eq!(pointer.parse::<FieldPath>(), Ok(expected), "{pointer:?}");
        assert!(expected == pointer, "{expected:?} == {pointer:?}");
        assert!(expected == *pointer, "{expected:?} == str {pointer:?}");
    }
    // Comparing with pointer text compares paths, not strings.
    let vlan = peering(0, PeeringPart::VlanId);
    assert!(vlan == "/peerings/0/vlanId");
    assert!(vlan != "/peerings/1/vlanId");
    assert!(vlan != "/peerings/00/vlanId", "not a pointer of the plan");
    assert!(vlan != "peerings/0/vlanId");
    assert!(FieldPath::Plan == "");
    assert!(FieldPath::Plan != "/");
}

#[test]
fn malformed_pointers_are_refused() {
    for pointer in [
        // Indices (RFC 6901 §4): digits only, no leading zero, no sign, no append token.
        "/peerings/01/vlanId",
        "/peerings/+1/vlanId",
        "/peerings/-1/vlanId",
        "/peerings/-/vlanId",
        "/peerings/1.0/vlanId",
        "/peerings/ 1/vlanId",
        "/peerings/x/peerAsn",
        "/peerings//vlanId",
        "/peerings/99999999999999999999999999/vlanId",
        "/vnetAddressSpaces/01",
        "/vnetAddressSpaces/x",
        "/vnetAddressSpaces/-",
        "/peerings/0/ipv4/advertisedPrefixes/01",
        "/peerings/0/ipv4/advertisedPrefixes/-",
        "/peerings/0/ipv4/advertisedPrefixes/",
        // Not a pointer: it must start with / (or be empty).
        "peerings",
        "circuit/name",
        "#/peerings/0",
        " /peerings/0",
        // Keys the plan does not have, or in the wrong case.
        "/",
        "/circuit",
        "/circuit/x",
        "/circuit/Name",
        "/version",
        "/baseline",
        "/baseline/peerings/0/vlanId",
        "/nothing",
        "/peerings/",
        "/peerings/0/",
        "/peerings/0/peerasn",
        "/peerings/0/ipv9",
        "/peerings/0/ipv9/primary",
        "/peerings/0/IPv4/primary",
        "/peerings/0/ipv4/tertiary",
        "/peerings/0/primary",
        // An escaped slash stays inside its token.
        "/peerings/0/ipv4~1primary",
        "/circuit~1name",
        // Too deep: below a value, and a 6th level.
        "/circuit/name/x",
        "/vnetAddressSpaces/0/x",
        "/peerings/0/type/x",
        "/peerings/0/vlanId/0",
        "/peerings/0/ipv4/primary/extra",
        "/peerings/0/ipv4/customerAsn/0",
        "/peerings/0/ipv4/advertisedPrefixes/0/x",
        "/peerings/0/ipv4/advertisedPrefixes/0/x/y",
    ] {
        assert_eq!(FieldPath::parse(pointer), None, "{pointer:?}");
        assert_eq!(
            pointer.parse::<FieldPath>(),
            Err(format!(
                "{pointer:?} is not the pointer of a field of the plan"
            )),
        );
    }
}

#[test]
fn every_text_path_reads_and_writes_the_same_value() {
    let mut doc = sample_plan();
    doc.peerings[1].ipv6 = Some(sample_microsoft_ipv6());
    let cases = [
        (
            "/circuit/subscription",
            "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e",
        ),
        ("/circuit/resourceGroup", "ExpressRouteResourceGroup"),
        ("/circuit/name", "MyCircuit"),
        ("/vnetAddressSpaces/0", "10.1.0.0/16"),
        ("/peerings/0/type", "AzurePrivatePeering"),
        ("/peerings/0/peerAsn", "65010"),
        ("/peerings/0/vlanId", "200"),
        ("/peerings/0/sharedKey", ""),
        ("/peerings/0/ipv4/primary", "192.168.100.128/30"),
        ("/peerings/0/ipv4/secondary", "192.168.100.132/30"),
        ("/peerings/1/ipv4/advertisedPrefixes/0", "123.1.0.0/24"),
        ("/peerings/1/ipv4/routingRegistry", "ARIN"),
        ("/peerings/1/ipv4/customerAsn", ""),
        ("/peerings/1/ipv4/routeFilter", "MyRouteFilter"),
        ("/peerings/1/ipv6/primary", "2a01:111:f100::/126"),
        (
            "/peerings/1/ipv6/advertisedPrefixes/0",
            "2a01:111:f200::/48",
        ),
    ];
    for (pointer, expected) in cases {
        let at = path(pointer);
        assert_eq!(doc.text(at), Some(expected), "{pointer}");
        *doc.text_mut(at).expect(pointer) = format!("edited {pointer}");
        assert_eq!(
            doc.text(at),
            Some(format!("edited {pointer}").as_str()),
            "{pointer}"
        );
    }
    // The edits went where the JSON Pointer says, as any JSON reader of the plan sees it.
    let json: serde_json::Value = serde_json::from_str(&doc.to_json(true)).unwrap();
    for (pointer, _) in cases {
        assert_eq!(
            json.pointer(pointer).and_then(|v| v.as_str()),
            Some(format!("edited {pointer}").as_str()),
            "{pointer}"
        );
    }
}

#[test]
fn paths_that_name_no_text_value_give_none() {
    let mut doc = sample_plan();
    for pointer in [
        "",
        "/peerings",
        "/vnetAddressSpaces",
        "/vnetAddressSpaces/1",
        "/peerings/0",
        "/peerings/7/peerAsn",
        "/peerings/2/type",
        "/peerings/0/ipv4",
        "/peerings/0/ipv6/primary",
        "/peerings/0/ipv4/advertisedPrefixes",
        "/peerings/0/ipv4/advertisedPrefixes/0",
        "/peerings/1/ipv4/advertisedPrefixes/1",
        "/peerings/1/ipv6/routeFilter",
    ] {
        let at = path(pointer);
        assert_eq!(doc.text(at), None, "{pointer}");
        assert!(doc.text_mut(at).is_none(), "{pointer}");
    }
}

#[test]
fn lists_and_family_slots() {
    let mut doc = sample_plan();
    assert_eq!(
        doc.list(FieldPath::VnetAddressSpaces),
        Some(&vec!["10.1.0.0/16".to_string()])
    );
    assert_eq!(
        doc.list(path("/peerings/1/ipv4/advertisedPrefixes")),
        Some(&vec!["123.1.0.0/24".to_string()])
    );
    assert_eq!(
        doc.list(path("/peerings/0/ipv4/advertisedPrefixes")),
        Some(&Vec::new()),
        "configured family, empty list"
    );
    assert_eq!(
        doc.list(path("/peerings/1/ipv6/advertisedPrefixes")),
        None,
        "family not configured"
    );
    for not_a_list in [
        "/peerings",
        "/vnetAddressSpaces/0",
        "/peerings/1/ipv4/advertisedPrefixes/0",
        "/peerings/5/ipv4/advertisedPrefixes",
        "/peerings/1/ipv4",
    ] {
        assert_eq!(doc.list(path(not_a_list)), None, "{not_a_list}");
        assert!(doc.list_mut(path(not_a_list)).is_none(), "{not_a_list}");
    }
    doc.list_mut(path("/peerings/1/ipv4/advertisedPrefixes"))
        .unwrap()
        .push("123.2.0.0/24".into());
    assert_eq!(
        doc.peerings[1].ipv4.as_ref().unwrap().advertised_prefixes,
        ["123.1.0.0/24", "123.2.0.0/24"]
    );
    assert_eq!(
        doc.text(path("/peerings/1/ipv4/advertisedPrefixes/1")),
        Some("123.2.0.0/24"),
        "the new entry is readable as text"
    );

    assert!(doc.family(path("/peerings/0/ipv4")).unwrap().is_some());
    assert!(doc.family(path("/peerings/0/ipv6")).unwrap().is_none());
    assert!(
        doc.family(path("/peerings/2/ipv4")).is_none(),
        "no peering 2"
    );
    assert!(doc.family(path("/peerings/0/ipv4/primary")).is_none());
    assert!(doc.family(path("/peerings/0")).is_none());
    *doc.family_mut(path("/peerings/0/ipv6")).unwrap() = Some(FamilyDoc::default());
    assert_eq!(doc.text(path("/peerings/0/ipv6/primary")), Some(""));
    assert_eq!(doc.peerings[0].ipv6, Some(FamilyDoc::default()));

    // The same slots on one peering.
    let p = &mut doc.peerings[1];
    assert_eq!(p.family(Ipv4), &p.ipv4);
    assert_eq!(p.family(Ipv6), &None);
    *p.family_mut(Ipv6) = Some(sample_microsoft_ipv6());
    assert_eq!(p.ipv6, Some(sample_microsoft_ipv6()));
    p.family_mut(Ipv4).take();
    assert_eq!(p.ipv4, None);
}

/// What an edit must do to the document.
type Expect = fn(&mut PlanDocument);

#[test]
fn edits_follow_the_kind_of_value() {
    let base = dual_stack_plan(3);
    let prefixes_v4 = path("/peerings/1/ipv4/advertisedPrefixes");
    let cases: [(Edit, Expect); 7] = [
        // Set: the text value at the path, a list entry included.
        (
            Edit::Set {
                path: path("/peerings/1/ipv6/routeFilter"),
                value: "rf6".into(),
            },
            |d| d.peerings[1].ipv6.as_mut().unwrap().route_filter = "rf6".into(),
        ),
        (
            Edit::Set {
                path: path("/peerings/1/ipv4/advertisedPrefixes/2"),
                value: "123.9.0.0/24".into(),
            },
            |d| d.peerings[1].ipv4.as_mut().unwrap().advertised_prefixes[2] = "123.9.0.0/24".into(),
        ),
        // Remove a text value: it becomes empty.
        (
            Edit::Remove {
                path: path("/peerings/0/vlanId"),
            },
            |d| d.peerings[0].vlan_id.clear(),
        ),
        // Remove a list entry: it leaves the list, the later entries move up.
        (
            Edit::Remove {
                path: path("/peerings/1/ipv4/advertisedPrefixes/0"),
            },
            |d| {
                d.peerings[1]
                    .ipv4
                    .as_mut()
                    .unwrap()
                    .advertised_prefixes
                    .remove(0);
            },
        ),
        // Remove a whole list: it is emptied.
        (Edit::Remove { path: prefixes_v4 }, |d| {
            d.peerings[1]
                .ipv4
                .as_mut()
                .unwrap()
                .advertised_prefixes
                .clear()
        }),
        // Remove a family: not configured any more (null).
        (
            Edit::Remove {
                path: path("/peerings/0/ipv6"),
            },
            |d| d.peerings[0].ipv6 = None,
        ),
        (
            Edit::Remove {
                path: path("/vnetAddressSpaces/0"),
            },
            |d| {
                d.vnet_address_spaces.remove(0);
            },
        ),
    ];
    for (edit, expected) in cases {
        let mut edited = base.clone();
        edited
            .apply_edit(&edit)
            .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        let mut want = base.clone();
        expected(&mut want);
        assert_ne!(want, base, "{edit:?}: the case changes something");
        assert_eq!(edited, want, "{edit:?}");
    }
    // The remaining entries of an edited list are still addressed by position.
    let mut edited = base.clone();
    edited
        .apply_edit(&Edit::Remove {
            path: path("/peerings/1/ipv4/advertisedPrefixes/0"),
        })
        .unwrap();
    assert_eq!(
        edited.text(path("/peerings/1/ipv4/advertisedPrefixes/0")),
        base.text(path("/peerings/1/ipv4/advertisedPrefixes/1"))
    );
    // A fix is all or nothing.
    let mut edited = base.clone();
    let fix = Fix {
        label: "two edits".into(),
        edits: vec![
            Edit::Remove {
                path: path("/peerings/1/ipv4/advertisedPrefixes/2"),
            },
            Edit::Remove {
                path: path("/peerings/1/ipv4/advertisedPrefixes/2"),
            },
        ],
    };
    assert_eq!(
        edited.apply_fix(&fix),
        Err("/peerings/1/ipv4/advertisedPrefixes/2 is not an entry of this list of 2".into())
    );
    assert_eq!(edited, base);
}

/// Every path whose indices are below 3, in document order (§11.1): the plan, the circuit, the VNet
/// address spaces, then each peering (type, ASN, VLAN, key, IPv4, IPv6) and in each family the links,
/// the prefixes, the customer ASN, the registry and the route filter.
fn universe() -> Vec<FieldPath> {
    let mut all = vec![FieldPath::Plan];
    all.extend(
        [
            CircuitField::Subscription,
            CircuitField::ResourceGroup,
            CircuitField::Name,
        ]
        .map(FieldPath::Circuit),
    );
    all.push(FieldPath::VnetAddressSpaces);
    all.extend((0..3).map(FieldPath::VnetAddressSpace));
    all.push(FieldPath::Peerings);
    for n in 0..3 {
        all.extend(
            [
                PeeringPart::Whole,
                PeeringPart::Type,
                PeeringPart::PeerAsn,
                PeeringPart::VlanId,
                PeeringPart::SharedKey,
            ]
            .map(|part| peering(n, part)),
        );
        for f in AddressFamily::ALL {
            let mut parts = vec![
                FamilyPart::Whole,
                FamilyPart::Link(Link::Primary),
                FamilyPart::Link(Link::Secondary),
                FamilyPart::AdvertisedPrefixes,
            ];
            parts.extend((0..3).map(FamilyPart::AdvertisedPrefix));
            parts.extend([
                FamilyPart::CustomerAsn,
                FamilyPart::RoutingRegistry,
                FamilyPart::RouteFilter,
            ]);
            all.extend(parts.into_iter().map(|part| fam(n, f, part)));
        }
    }
    all
}

#[test]
fn field_paths_sort_in_document_order() {
    let all = universe();
    assert_eq!(all.len(), 1 + 3 + 1 + 3 + 1 + 3 * (5 + 2 * 10));
    for pair in all.windows(2) {
        assert!(pair[0] < pair[1], "{} < {}", pair[0], pair[1]);
    }
    let mut shuffled: Vec<FieldPath> = all.iter().rev().copied().collect();
    shuffled.rotate_left(17);
    shuffled.sort();
    assert_eq!(shuffled, all);

    // The orders the brief names, spelled out.
    let ordered = [
        "/circuit/name",
        "/vnetAddressSpaces",
        "/peerings",
        "/peerings/0/type",
        "/peerings/0/peerAsn",
        "/peerings/0/vlanId",
        "/peerings/0/sharedKey",
        "/peerings/0/ipv4",
        "/peerings/0/ipv4/primary",
        "/peerings/0/ipv4/secondary",
        "/peerings/0/ipv4/advertisedPrefixes",
        "/peerings/0/ipv4/advertisedPrefixes/0",
        "/peerings/0/ipv4/advertisedPrefixes/2",
        "/peerings/0/ipv4/advertisedPrefixes/10",
        "/peerings/0/ipv4/customerAsn",
        "/peerings/0/ipv4/routingRegistry",
        "/peerings/0/ipv4/routeFilter",
        "/peerings/0/ipv6",
        "/peerings/0/ipv6/primary",
        "/peerings/2/type",
        "/peerings/10/type",
    ];
    let paths: Vec<FieldPath> = ordered.iter().map(|p| path(p)).collect();
    for pair in paths.windows(2) {
        assert!(pair[0] < pair[1], "{} < {}", pair[0], pair[1]);
    }
    // Numbers compare as numbers, keys in document order: not the order of the pointer text.
    let mut as_text = ordered.to_vec();
    as_text.sort();
    assert_ne!(as_text, ordered);
}

#[test]
fn containment_and_lists() {
    let entry = path("/peerings/1/ipv4/advertisedPrefixes/3");
    let list = path("/peerings/1/ipv4/advertisedPrefixes");
    assert!(entry.is_in_list(list));
    assert!(
        list.is_in_list(list),
        "a list control shows the list itself"
    );
    assert!(!list.is_in_list(entry));
    assert!(!entry.is_in_list(path("/peerings/1/ipv6/advertisedPrefixes")));
    assert!(!entry.is_in_list(path("/peerings/0/ipv4/advertisedPrefixes")));
    assert!(path("/vnetAddressSpaces/2").is_in_list(FieldPath::VnetAddressSpaces));
    assert!(!path("/peerings/1/ipv4/primary").is_in_list(path("/peerings/1/ipv4")));
    assert!(!path("/peerings/1").is_in_list(FieldPath::Peerings));

    for (inner, outer) in [
        (
            "/peerings/1/ipv4/advertisedPrefixes/3",
            "/peerings/1/ipv4/advertisedPrefixes",
        ),
        ("/peerings/1/ipv4/advertisedPrefixes/3", "/peerings/1/ipv4"),
        ("/peerings/1/ipv4/advertisedPrefixes/3", "/peerings/1"),
        ("/peerings/1/ipv4/advertisedPrefixes/3", "/peerings"),
        ("/peerings/1/ipv4/advertisedPrefixes/3", ""),
        ("/peerings/0/ipv4/primary", "/peerings/0"),
        ("/peerings/0/vlanId", "/peerings/0/vlanId"),
        ("/vnetAddressSpaces/0", "/vnetAddressSpaces"),
        ("/circuit/name", ""),
    ] {
        assert!(
            path(inner).is_within(path(outer)),
            "{inner} within {outer:?}"
        );
    }
    for (inner, outer) in [
        ("/peerings/1/ipv4/primary", "/peerings/0"),
        ("/peerings/1/ipv4/primary", "/peerings/1/ipv6"),
        ("/peerings/1/ipv4/primary", "/peerings/1/ipv4/secondary"),
        ("/peerings/1", "/peerings/1/ipv4"),
        ("/peerings", "/peerings/0"),
        ("", "/peerings"),
        ("/circuit/name", "/peerings"),
        ("/vnetAddressSpaces", "/vnetAddressSpaces/0"),
        (
            "/peerings/1/ipv4/advertisedPrefixes",
            "/peerings/1/ipv4/advertisedPrefixes/0",
        ),
    ] {
        assert!(
            !path(inner).is_within(path(outer)),
            "{inner} not within {outer:?}"
        );
    }

    let key = path("/peerings/3/sharedKey");
    assert_eq!(key.peering_index(), Some(3));
    assert_eq!(key.with_peering_index(1), path("/peerings/1/sharedKey"));
    assert_eq!(
        entry.with_peering_index(0),
        path("/peerings/0/ipv4/advertisedPrefixes/3")
    );
    for outside in ["", "/circuit/name", "/vnetAddressSpaces/0", "/peerings"] {
        assert_eq!(path(outside).peering_index(), None, "{outside:?}");
        assert_eq!(path(outside).with_peering_index(5), path(outside));
    }
}

/// `inner` is `outer` or below it, judged on the pointer text alone.
fn below_by_pointer(inner: FieldPath, outer: FieldPath) -> bool {
    let (inner, outer) = (inner.to_string(), outer.to_string());
    inner == outer || inner.starts_with(&format!("{outer}/"))
}

/// The paths a list control edits as a whole.
fn is_list(p: FieldPath) -> bool {
    matches!(
        p,
        FieldPath::VnetAddressSpaces
            | FieldPath::Peering(_, PeeringPart::Family(_, FamilyPart::AdvertisedPrefixes))
    )
}

#[test]
fn containment_agrees_with_the_pointers_and_the_order() {
    let all = universe();
    for &a in &all {
        assert_eq!(FieldPath::parse(&a.to_string()), Some(a));
        for &b in &all {
            assert_eq!(a.is_within(b), below_by_pointer(a, b), "{a:?} within {b:?}");
            let direct_child = a
                .to_string()
                .strip_prefix(&format!("{b}/"))
                .is_some_and(|rest| !rest.contains('/'));
            assert_eq!(
                a.is_in_list(b),
                a == b || (is_list(b) && direct_child),
                "{a:?} in list {b:?}"
            );
            if a.is_within(b) && a != b {
                assert!(b < a, "{b} comes before what is inside it, {a}");
            }
        }
    }
    // What is inside a path is one run in document order, right after it.
    for &outer in &all {
        let inside: Vec<usize> = (0..all.len())
            .filter(|&i| all[i].is_within(outer))
            .collect();
        let first = inside[0];
        assert_eq!(all[first], outer);
        assert_eq!(
            inside,
            (first..first + inside.len()).collect::<Vec<_>>(),
            "{outer:?}"
        );
    }
}

fn index(small: bool) -> BoxedStrategy<usize> {
    if small {
        (0usize..4).boxed()
    } else {
        prop_oneof![0usize..4, 4usize..1000, any::<usize>()].boxed()
    }
}

fn family_part(small: bool) -> impl Strategy<Value = FamilyPart> {
    prop_oneof![
        Just(FamilyPart::Whole),
        Just(FamilyPart::Link(Link::Primary)),
        Just(FamilyPart::Link(Link::Secondary)),
        Just(FamilyPart::AdvertisedPrefixes),
        index(small).prop_map(FamilyPart::AdvertisedPrefix),
        Just(FamilyPart::CustomerAsn),
        Just(FamilyPart::RoutingRegistry),
        Just(FamilyPart::RouteFilter),
    ]
}

fn peering_part(small: bool) -> impl Strategy<Value = PeeringPart> {
    prop_oneof![
        1 => Just(PeeringPart::Whole),
        1 => Just(PeeringPart::Type),
        1 => Just(PeeringPart::PeerAsn),
        1 => Just(PeeringPart::VlanId),
        1 => Just(PeeringPart::SharedKey),
        6 => (prop_oneof![Just(Ipv4), Just(Ipv6)], family_part(small))
            .prop_map(|(f, part)| PeeringPart::Family(f, part)),
    ]
}

/// Any path; `small` keeps the indices below 4 so they often name something in the sample plans.
fn field_path(small: bool) -> impl Strategy<Value = FieldPath> {
    prop_oneof![
        1 => Just(FieldPath::Plan),
        2 => prop_oneof![
            Just(CircuitField::Subscription),
            Just(CircuitField::ResourceGroup),
            Just(CircuitField::Name)
        ]
        .prop_map(FieldPath::Circuit),
        1 => Just(FieldPath::VnetAddressSpaces),
        1 => index(small).prop_map(FieldPath::VnetAddressSpace),
        1 => Just(FieldPath::Peerings),
        8 => (index(small), peering_part(small)).prop_map(|(n, part)| FieldPath::Peering(n, part)),
    ]
}

/// One reference token: a key of the plan, an index good or bad, an escape, or anything.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("peerings"),
            Just("circuit"),
            Just("vnetAddressSpaces"),
            Just("ipv4"),
            Just("ipv6"),
            Just("primary"),
            Just("secondary"),
            Just("advertisedPrefixes"),
            Just("customerAsn"),
            Just("routingRegistry"),
            Just("routeFilter"),
            Just("type"),
            Just("peerAsn"),
            Just("vlanId"),
            Just("sharedKey"),
            Just("name"),
            Just("subscription"),
            Just("resourceGroup"),
            Just("-"),
            Just(""),
            Just("~0"),
            Just("~1"),
            Just("ipv4~1primary"),
        ]
        .prop_map(str::to_string),
        "[0-9]{1,3}",
        "[+-]?0[0-9]{0,2}",
        "\\PC{0,4}",
    ]
}

/// Pointers near real ones: the pointer of a path with one token inserted, replaced or removed.
fn near_pointer() -> impl Strategy<Value = String> {
    (field_path(true), any::<usize>(), token(), 0u8..4).prop_map(|(p, at, token, op)| {
        let pointer = p.to_string();
        let mut tokens: Vec<String> = pointer.split('/').skip(1).map(str::to_string).collect();
        let at = at % (tokens.len() + 1);
        match op {
            0 => tokens.insert(at, token),
            1 if at < tokens.len() => tokens[at] = token,
            2 if at < tokens.len() => {
                tokens.remove(at);
            }
            _ => return pointer,
        }
        tokens.iter().map(|t| format!("/{t}")).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Parsing is total, and a pointer it accepts is the canonical text of its path.
    #[test]
    fn parsing_is_total_and_canonical(
        text in prop_oneof![any::<String>(), "(/[a-zA-Z0-9~+-]{0,16}){0,7}", near_pointer()]
    ) {
        match FieldPath::parse(&text) {
            Some(p) => {
                prop_assert_eq!(p.to_string(), text.clone());
                prop_assert_eq!(text.parse::<FieldPath>(), Ok(p));
                prop_assert!(p == text.as_str());
            }
            None => prop_assert!(text.parse::<FieldPath>().is_err()),
        }
    }

    #[test]
    fn paths_round_trip_through_their_pointer(p in field_path(false)) {
        let pointer = p.to_string();
        prop_assert_eq!(FieldPath::parse(&pointer), Some(p));
        prop_assert!(p == pointer.as_str());
        prop_assert_eq!(pointer.is_empty(), p == FieldPath::Plan);
    }

    /// Typed access is total and agrees with a JSON reader of the exported plan, and the read-only and
    /// mutable accessors agree.
    #[test]
    fn typed_access_agrees_with_the_json(p in field_path(true)) {
        let mut doc = dual_stack_plan(3);
        doc.peerings[0].shared_key = "Key1".into();
        doc.peerings[1].ipv6.as_mut().unwrap().customer_asn = "1234".into();
        let json: serde_json::Value = serde_json::from_str(&doc.to_json(true)).unwrap();
        let at = json.pointer(&p.to_string());
        let text = doc.text(p).map(str::to_string);
        prop_assert_eq!(doc.text_mut(p).map(|s| s.clone()), text.clone());
        match at {
            Some(serde_json::Value::String(s)) => prop_assert_eq!(text.as_deref(), Some(s.as_str())),
            // Empty optional keys are left out of the export.
            _ => prop_assert!(text.is_none() || text.as_deref() == Some("")),
        }
        let list = doc.list(p).cloned();
        prop_assert_eq!(doc.list_mut(p).map(|l| l.clone()), list.clone());
        if let Some(list) = &list {
            if !list.is_empty() {
                prop_assert_eq!(at, Some(&serde_json::json!(list)));
            }
        }
        let family = doc.family(p).cloned();
        prop_assert_eq!(doc.family_mut(p).map(|f| f.clone()), family.clone());
        if let Some(slot) = family {
            prop_assert_eq!(slot.is_some(), at.is_some_and(|v| v.is_object()));
        }
        // At most one kind of value lives at a path.
        let kinds = [text.is_some(), list.is_some(), doc.family(p).is_some()];
        prop_assert!(kinds.iter().filter(|k| **k).count() <= 1);
    }

    /// An edit is total: it applies exactly where a value is, and a refused one changes nothing.
    #[test]
    fn edits_are_total(p in field_path(true), value in "\\PC{0,12}", remove in any::<bool>()) {
        let doc = dual_stack_plan(3);
        let mut edited = doc.clone();
        if remove {
            let result = edited.apply_edit(&Edit::Remove { path: p });
            let something_there =
                doc.text(p).is_some() || doc.list(p).is_some() || doc.family(p).is_some();
            prop_assert_eq!(result.is_ok(), something_there, "{:?}", result);
            if result.is_err() {
                prop_assert_eq!(&edited, &doc);
            }
        } else {
            let result = edited.apply_edit(&Edit::Set { path: p, value: value.clone() });
            prop_assert_eq!(result.is_ok(), doc.text(p).is_some());
            if result.is_ok() {
                prop_assert_eq!(edited.text(p), Some(value.as_str()));
            } else {
                prop_assert_eq!(&edited, &doc);
            }
        }
    }

    #[test]
    fn containment_agrees_with_the_pointers(a in field_path(true), b in field_path(true)) {
        prop_assert_eq!(a.is_within(b), below_by_pointer(a, b));
        if a.is_within(b) && a != b {
            prop_assert!(b < a);
        }
        if a.is_in_list(b) {
            prop_assert!(a.is_within(b));
        }
        prop_assert_eq!(a.with_peering_index(2).peering_index(), a.peering_index().map(|_| 2));
    }

    #[test]
    fn reading_a_link_is_total(hash in "\\PC{0,200}|#plan=[A-Za-z0-9_=+/-]{0,200}") {
        let _ = parse_fragment(&hash);
    }

    #[test]
    fn links_round_trip(name in "[A-Za-z0-9_.-]{0,30}", vlan in "\\PC{0,8}") {
        let mut plan = PlanDocument::default();
        plan.circuit.name = name;
        plan.vnet_address_spaces.push(vlan);
        prop_assert_eq!(parse_fragment(&plan_fragment(&plan)), FragmentPlan::Plan(Box::new(plan)));
    }
}

#[test]
fn a_link_reads_back_the_plan_without_the_key() {
    let mut plan = sample_plan();
    plan.peerings[0].shared_key = "Secret123".into();
    let fragment = plan_fragment(&plan);
    assert!(!fragment.contains('='.to_string().repeat(2).as_str()));
    let FragmentPlan::Plan(back) = parse_fragment(&format!("#{fragment}&other=1")) else {
        panic!("fragment did not read back");
    };
    plan.peerings[0].shared_key.clear();
    assert_eq!(*back, plan);
    assert_eq!(parse_fragment("#section-2"), FragmentPlan::None);
    assert_eq!(
        parse_fragment("#plan=%%%"),
        FragmentPlan::Unreadable(
            "this link's plan is not valid base64url: copy the whole link again.".into()
        )
    );
    assert_eq!(
        parse_fragment("#plan=_w"),
        FragmentPlan::Unreadable(
            "this link's plan is not UTF-8 text: copy the whole link again.".into()
        )
    );
    assert!(
        matches!(parse_fragment("#plan=e30"), FragmentPlan::Unreadable(m) if m.starts_with("this link holds no usable plan:"))
    );
}

#[test]
fn base64url_round_trips_without_padding() {
    use peering_planner::domain::link::{base64url_decode, base64url_encode};
    for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "ü€😀"] {
        let encoded = base64url_encode(text.as_bytes());
        assert!(!encoded.contains('='), "{encoded}");
        assert_eq!(base64url_decode(&encoded).unwrap(), text.as_bytes());
    }
    assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    // Hand-edited links: padding and the standard alphabet are read; a dangling last character (length
    // 4n+1) is dropped, not a refusal (link.rs says why this stays hand-written).
    assert_eq!(base64url_decode("+/8=").unwrap(), [0xfb, 0xff]);
    assert_eq!(base64url_decode("Zm9vYmFyZ").unwrap(), b"foobar");
    assert_eq!(base64url_decode("Zm9v!"), None);
}

#[test]
fn controls_and_fixes_read_indices_alike() {
    // RFC 6901 §4: no sign, no leading zero. A control's data-field and a fix's path are both read by
    // FieldPath::parse, so neither can reach peering 1 through these.
    let doc = sample_plan();
    for pointer in [
        "/peerings/01/vlanId",
        "/peerings/+1/vlanId",
        "/peerings/-/vlanId",
    ] {
        assert_eq!(FieldPath::parse(pointer), None, "{pointer}");
    }
    assert_eq!(doc.text(path("/peerings/1/vlanId")), Some("300"));
}

#[test]
fn a_plan_knows_whether_it_carries_a_shared_key() {
    let mut plan = sample_plan();
    assert!(!plan.has_shared_key());
    plan.peerings[1].shared_key = "Key1".into();
    assert!(plan.has_shared_key());
    plan.strip_shared_keys();
    assert!(!plan.has_shared_key());
}
