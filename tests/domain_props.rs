//! Properties: every parser is total (huge, non-ASCII and control-character input included),
//! `analyze()` never panics and keeps its promises on arbitrary documents, fixes and edits are total,
//! and plans survive a JSON round trip.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::asn::Asn;
use peering_planner::domain::document::{
    Baseline, BaselineFilter, BaselinePeering, CircuitDoc, FamilyDoc, FilterRuleDoc, PeeringDoc,
    PlanDocument, RoutersDoc,
};
use peering_planner::domain::field::FieldPath;
use peering_planner::domain::findings::{Code, Edit};
use peering_planner::domain::key::SharedKey;
use peering_planner::domain::names::{
    CircuitName, ResourceGroupName, RouteFilterRef, SubscriptionId,
};
use peering_planner::domain::peering::PeeringType;
use peering_planner::domain::prefix::{split_pasted_prefixes, AdvertisedPrefix};
use peering_planner::domain::registry::RoutingRegistry;
use peering_planner::domain::subnet::{AddressFamily, LinkSubnet};
use peering_planner::domain::validate::analyze;
use peering_planner::domain::vlan::VlanId;
use proptest::collection::vec;
use proptest::prelude::*;

/// Text that reaches every branch of the parsers: arbitrary Unicode (control characters included),
/// long digit runs, CIDR-like and ASN-like shapes, and real values.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,60}",
        "[0-9]{1,6}\\.[0-9]{1,8}",
        "[ \t]{0,2}[0-9a-fA-F:.]{0,40}/[0-9]{0,5}[ \t]{0,2}",
        "(10|123|192\\.168|fd00|2a01):[0-9:.]{0,12}/(29|30|31|125|126|0|32|128)",
        "[A-Za-z0-9_.()/-]{0,100}",
        "\\PC{0,30}",
        Just("0.0.0.0/0".to_string()),
        Just("192.168.100.128/29".to_string()),
        Just("fd00:10::/125".to_string()),
        Just("65010".to_string()),
        Just("MicrosoftPeering".to_string()),
        Just("AzurePrivatePeering".to_string()),
    ]
}

fn family() -> impl Strategy<Value = FamilyDoc> {
    (
        text(),
        text(),
        vec(text(), 0..4),
        text(),
        text(),
        text(),
        vec(text(), 0..4),
        proptest::option::of(filter_rule()),
    )
        .prop_map(
            |(
                primary,
                secondary,
                advertised_prefixes,
                customer_asn,
                routing_registry,
                route_filter,
                on_premises_prefixes,
                route_filter_rule,
            )| FamilyDoc {
                primary,
                secondary,
                advertised_prefixes,
                customer_asn,
                routing_registry,
                route_filter,
                on_premises_prefixes,
                route_filter_rule,
            },
        )
}

fn filter_rule() -> impl Strategy<Value = FilterRuleDoc> {
    let community = prop_oneof![
        Just("12076:5010".to_string()),
        Just("12076:51002".to_string()),
        Just("12076:51105".to_string()),
        "[0-9]{1,6}:[0-9]{1,6}",
        text()
    ];
    (
        text(),
        prop_oneof![Just("westeurope".to_string()), text()],
        text(),
        vec(community, 0..4),
    )
        .prop_map(
            |(resource_group, location, rule_name, communities)| FilterRuleDoc {
                resource_group,
                location,
                rule_name,
                communities,
            },
        )
}

fn routers() -> impl Strategy<Value = RoutersDoc> {
    let vendor = prop_oneof![
        Just("iosxe".to_string()),
        Just("junos".to_string()),
        Just("eos".to_string()),
        Just("frr".to_string()),
        text()
    ];
    let encapsulation = prop_oneof![Just("dot1q".to_string()), Just("qinq".to_string()), text()];
    (
        vendor,
        encapsulation,
        text(),
        any::<bool>(),
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(
                vendor,
                encapsulation,
                s_tag,
                bfd,
                max_prefix,
                primary_interface,
                secondary_interface,
            )| {
                RoutersDoc {
                    vendor,
                    encapsulation,
                    s_tag,
                    bfd,
                    max_prefix,
                    primary_interface,
                    secondary_interface,
                }
            },
        )
}

fn peering() -> impl Strategy<Value = PeeringDoc> {
    let kind = prop_oneof![
        Just("AzurePrivatePeering".to_string()),
        Just("MicrosoftPeering".to_string()),
        text()
    ];
    (
        kind,
        text(),
        text(),
        text(),
        proptest::option::of(family()),
        proptest::option::of(family()),
    )
        .prop_map(
            |(peering_type, peer_asn, vlan_id, shared_key, ipv4, ipv6)| PeeringDoc {
                peering_type,
                peer_asn,
                vlan_id,
                shared_key,
                ipv4,
                ipv6,
            },
        )
}

fn document() -> impl Strategy<Value = PlanDocument> {
    let live_filter = (text(), text(), text(), vec(text(), 0..3)).prop_map(
        |(name, location, rule_name, communities)| BaselineFilter {
            id: String::new(),
            name,
            resource_group: "rg".into(),
            location,
            rule_name,
            communities,
        },
    );
    let baseline = proptest::option::of((vec(peering(), 0..3), vec(live_filter, 0..2)).prop_map(
        |(peerings, route_filters)| {
            Baseline {
                peerings: peerings
                    .into_iter()
                    .map(|peering| BaselinePeering {
                        live_properties: Default::default(),
                        peering,
                        connections: Vec::new(),
                    })
                    .collect(),
                route_filters,
            }
        },
    ));
    (
        text(),
        text(),
        text(),
        vec(text(), 0..3),
        vec(peering(), 0..4),
        baseline,
        proptest::option::of(routers()),
    )
        .prop_map(
            |(
                subscription,
                resource_group,
                name,
                vnet_address_spaces,
                peerings,
                baseline,
                routers,
            )| {
                PlanDocument {
                    version: 1,
                    circuit: CircuitDoc {
                        subscription,
                        resource_group,
                        name,
                    },
                    vnet_address_spaces,
                    peerings,
                    routers,
                    baseline,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_parser_is_total(input in text()) {
        let messages = [
            Asn::parse(&input).err().map(|e| e.to_string()),
            Asn::parse_peer(&input).err().map(|e| e.to_string()),
            Asn::parse_customer(&input).err().map(|e| e.to_string()),
            VlanId::parse(&input).err().map(|e| e.to_string()),
            LinkSubnet::parse(&input).err().map(|e| e.to_string()),
            LinkSubnet::parse_for(&input, AddressFamily::Ipv4).err().map(|e| e.to_string()),
            LinkSubnet::parse_for(&input, AddressFamily::Ipv6).err().map(|e| e.to_string()),
            AdvertisedPrefix::parse(&input).err().map(|e| e.to_string()),
            AdvertisedPrefix::parse_for(&input, AddressFamily::Ipv4).err().map(|e| e.to_string()),
            AdvertisedPrefix::parse_for(&input, AddressFamily::Ipv6).err().map(|e| e.to_string()),
            SharedKey::parse(&input).err().map(|e| e.to_string()),
            RoutingRegistry::parse_optional(&input).err().map(|e| e.to_string()),
            PeeringType::parse(&input).err().map(|e| e.to_string()),
            SubscriptionId::parse(&input).err().map(|e| e.to_string()),
            ResourceGroupName::parse(&input).err().map(|e| e.to_string()),
            CircuitName::parse(&input).err().map(|e| e.to_string()),
            RouteFilterRef::parse(&input).err().map(|e| e.to_string()),
        ];
        for message in messages.into_iter().flatten() {
            // Every message says what to do, and stays short whatever was typed.
            prop_assert!(message.ends_with('.') || message.ends_with(')'), "{}", message);
            prop_assert!(message.chars().count() < 700, "{}", message);
        }
        for piece in split_pasted_prefixes(&input) {
            prop_assert!(!piece.is_empty() && !piece.contains(',') && !piece.contains(char::is_whitespace));
        }
    }

    #[test]
    fn huge_numbers_are_range_errors_not_panics(digits in "[1-9][0-9]{10,300}") {
        prop_assert_eq!(Asn::parse_peer(&digits).map_err(|e| e.code()), Err(Code::AsnRange));
        prop_assert_eq!(VlanId::parse(&digits).map_err(|e| e.code()), Err(Code::VlanRange));
    }

    #[test]
    fn asplain_and_asdot_agree(value in any::<u32>()) {
        let asdot = format!("{}.{}", value >> 16, value & 0xffff);
        prop_assert_eq!(Asn::parse(&value.to_string()).map(Asn::value), Ok(value));
        prop_assert_eq!(Asn::parse(&asdot).map(Asn::value), Ok(value));
    }

    #[test]
    fn valid_values_print_what_parses_back(a in any::<u32>(), vlan in 1u16..=4094) {
        let net = ipnet::Ipv4Net::new(a.into(), 30).expect("valid length").trunc();
        let link = LinkSubnet::parse_for(&net.to_string(), AddressFamily::Ipv4).expect("a /30 network");
        prop_assert_eq!(LinkSubnet::parse(&link.to_string()), Ok(link));
        prop_assert_eq!(VlanId::parse(&vlan.to_string()).map(VlanId::value), Ok(vlan));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn analyze_never_panics_and_keeps_its_promises(doc in document()) {
        let analysis = analyze(&doc);
        prop_assert_eq!(analysis.plan.is_some(), !analysis.findings.has_errors());
        let json = serde_json::to_value(&doc).expect("plans serialize");
        for finding in analysis.findings.iter() {
            // Every pointer names a value of the document; a missing member (an absent list or an
            // empty name serialized away) must at least sit in an object that exists.
            let pointer = finding.path.to_string();
            prop_assert_eq!(FieldPath::parse(&pointer), Some(finding.path));
            let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
            let absent_member = pointer.ends_with("/advertisedPrefixes")
                || pointer.ends_with("/onPremisesPrefixes")
                // Empty router texts are serialized away too, and so are an empty route filter name
                // and a planned filter's empty resource group and rule name.
                || pointer.starts_with("/routers/")
                || pointer.ends_with("/routeFilter")
                || pointer.contains("/routeFilterRule/")
                || finding.code == Code::RouteFilterMissing || finding.code == Code::RegistryMissing
                // A value the change clears is empty, so serialized away.
                || finding.code == Code::ChangeRouteFilterDetached
                || finding.code == Code::ChangePrefixesRevalidated;
            let resolves = finding.path == "/peerings" || json.pointer(&pointer).is_some()
                || (absent_member && json.pointer(parent).is_some_and(serde_json::Value::is_object));
            prop_assert!(resolves, "{} at {}", finding.code, finding.path);
            prop_assert!(!finding.message.is_empty());
        }
        if let Some(plan) = &analysis.plan {
            prop_assert_eq!(plan.peerings.len(), doc.peerings.len());
        }
        for row in &analysis.ip_plan.rows {
            prop_assert!(row.peering_index < doc.peerings.len());
        }
    }

    #[test]
    fn applying_every_fix_is_total(doc in document()) {
        let analysis = analyze(&doc);
        let mut edited = doc.clone();
        for fix in analysis.findings.iter().filter_map(|f| f.fix.as_ref()) {
            let _ = edited.apply_fix(fix);
        }
        let _ = analyze(&edited);
    }

    #[test]
    fn apply_edit_is_total(doc in document(), pointer in "(/[a-zA-Z0-9~-]{0,12}){0,5}", value in text(), remove in any::<bool>()) {
        let mut edited = doc.clone();
        // Any text: a pointer that names no field gives no edit at all; one that does must apply or
        // leave the plan as it was.
        if let Some(path) = FieldPath::parse(&pointer) {
            let edit = if remove { Edit::Remove { path } } else { Edit::Set { path, value } };
            if edited.apply_edit(&edit).is_err() {
                prop_assert_eq!(edited, doc);
            }
        }
    }

    #[test]
    fn plans_round_trip_through_json(doc in document()) {
        prop_assert_eq!(PlanDocument::from_json(&doc.to_json(true)), Ok(doc.clone()));
        let mut without_keys = doc.clone();
        without_keys.strip_shared_keys();
        prop_assert_eq!(PlanDocument::from_json(&doc.to_compact_json()), Ok(without_keys.clone()));
        // The compact text is derived from the pretty one (bundle size): it must equal serde_json's own.
        prop_assert_eq!(doc.to_compact_json(), serde_json::to_string(&without_keys).unwrap());
    }

    #[test]
    fn reading_any_text_is_total(text in any::<String>()) {
        let _ = PlanDocument::from_json(&text);
        let _ = PlanDocument::from_json(&format!("{{\"version\":1,\"peerings\":[{{\"type\":{text:?}}}]}}"));
    }
}

/// `to_compact_json` is derived from the pretty text (bundle size): it must equal `serde_json::to_string`
/// byte for byte, also for strings full of JSON syntax and escapes and for imported Global Reach
/// connections (nested objects, arrays, numbers of every kind, empty containers).
#[test]
fn compact_json_equals_serde_json_compact() {
    let tricky = "a \"q\" \\ b\\\" , : { } [ ]\n\t\u{1}\u{7f} é 𝄞 end\\";
    let family = FamilyDoc {
        primary: tricky.into(),
        secondary: " lead and trail ".into(),
        advertised_prefixes: vec![tricky.into(), String::new(), "\\\\\"".into()],
        customer_asn: "\"".into(),
        routing_registry: "\\".into(),
        route_filter: "{\"x\": [1, 2]}".into(),
        on_premises_prefixes: vec![tricky.into()],
        route_filter_rule: Some(FilterRuleDoc {
            location: tricky.into(),
            communities: vec![tricky.into()],
            ..FilterRuleDoc::default()
        }),
    };
    let peering = PeeringDoc {
        peering_type: tricky.into(),
        peer_asn: "65010".into(),
        vlan_id: "  ".into(),
        shared_key: "secret \" key".into(),
        ipv4: Some(family.clone()),
        ipv6: Some(FamilyDoc::default()),
    };
    let connections: serde_json::Value = serde_json::from_str(
        r#"[{"name": "a b", "n": -1.5e-7, "big": 18446744073709551615, "neg": -9223372036854775808,
            "f": 0.1, "e": [], "o": {}, "nested": {"k \"q\"": [true, false, null, "x\\y"]}}, [], {}]"#,
    )
    .unwrap();
    let doc = PlanDocument {
        version: 1,
        circuit: CircuitDoc {
            subscription: tricky.into(),
            resource_group: "rg".into(),
            name: String::new(),
        },
        vnet_address_spaces: vec!["10.0.0.0/16".into(), tricky.into()],
        peerings: vec![peering.clone(), PeeringDoc::default()],
        routers: Some(RoutersDoc {
            vendor: tricky.into(),
            primary_interface: tricky.into(),
            bfd: false,
            ..RoutersDoc::default()
        }),
        baseline: Some(Baseline {
            peerings: vec![
                BaselinePeering {
                    live_properties: Default::default(),
                    peering,
                    connections: connections.as_array().unwrap().clone(),
                },
                BaselinePeering::default(),
            ],
            route_filters: vec![BaselineFilter {
                name: tricky.into(),
                communities: vec![tricky.into()],
                ..BaselineFilter::default()
            }],
        }),
    };
    let mut without_keys = doc.clone();
    without_keys.strip_shared_keys();
    assert_eq!(
        doc.to_compact_json(),
        serde_json::to_string(&without_keys).unwrap()
    );
    let empty = PlanDocument::default();
    assert_eq!(
        empty.to_compact_json(),
        serde_json::to_string(&empty).unwrap()
    );
}

/// `BaselinePeering` is read by a hand-written `Deserialize`: its own fields (`connections`,
/// `liveProperties`) come out of the object, the rest is a `PeeringDoc`. (A derived reader with
/// `#[serde(flatten)]` buffers through serde's `Content`, where serde_json's `arbitrary_precision` turns
/// every number into a map, so `"peerAsn": 65010` would be refused.) The oracle here is that composition.
#[test]
fn baseline_peering_reader_is_its_fields_plus_a_peering() {
    let cases = [
        r#"null"#,
        r#"true"#,
        r#"false"#,
        r#"0"#,
        r#"18446744073709551615"#,
        r#"-7"#,
        r#"1.5"#,
        r#"-0.0"#,
        r#""text""#,
        r#""""#,
        r#"[]"#,
        r#"["AzurePrivatePeering", "65010"]"#,
        r#"{}"#,
        r#"{"type": "AzurePrivatePeering", "peerAsn": 65010, "vlanId": "100", "sharedKey": null}"#,
        r#"{"type": "MicrosoftPeering", "ipv4": {"primary": "1.2.3.0/30", "advertisedPrefixes": ["1.2.3.0/24", 5]},
            "ipv6": null, "connections": [{"name": "gr", "n": 1.25}, [], 3], "extra": {"x": [1]}}"#,
        r#"{"connections": null}"#,
        r#"{"connections": {}}"#,
        r#"{"connections": "a"}"#,
        r#"{"connections": 7}"#,
        r#"{"connections": "a", "type": true}"#,
        r#"{"type": true}"#,
        r#"{"type": [1]}"#,
        r#"{"peerAsn": {"a": 1}}"#,
        r#"{"vlanId": -1.5}"#,
        r#"{"ipv4": "x"}"#,
        r#"{"ipv4": 5}"#,
        r#"{"ipv4": ["a", "b", [], "c"]}"#,
        r#"{"ipv4": {"advertisedPrefixes": "x"}}"#,
        r#"{"ipv4": {"advertisedPrefixes": [true]}}"#,
        r#"{"ipv6": {"primary": false}}"#,
        r#"{"ipv4": {}, "ipv6": {}, "connections": []}"#,
    ];
    for case in cases {
        let value: serde_json::Value = serde_json::from_str(case).unwrap();
        let ours = serde_json::from_value::<peering_planner::domain::document::BaselinePeering>(
            value.clone(),
        )
        .map(|b| (b.peering, b.connections, b.live_properties));
        let expected = match &value {
            serde_json::Value::Object(map) => {
                let mut rest = map.clone();
                let own = |v: Option<serde_json::Value>| match v {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(v) => Ok(Some(v)),
                };
                let connections = own(rest.remove("connections"))
                    .and_then(|v: Option<serde_json::Value>| {
                        v.map(serde_json::from_value::<Vec<serde_json::Value>>)
                            .transpose()
                    })
                    .map(Option::unwrap_or_default);
                let live = own(rest.remove("liveProperties"))
                    .and_then(|v: Option<serde_json::Value>| {
                        v.map(
                            serde_json::from_value::<
                                std::collections::BTreeMap<String, serde_json::Value>,
                            >,
                        )
                        .transpose()
                    })
                    .map(Option::unwrap_or_default);
                let peering = serde_json::from_value::<PeeringDoc>(serde_json::Value::Object(rest));
                match (peering, connections, live) {
                    (Ok(p), Ok(c), Ok(l)) => Some((p, c, l)),
                    _ => None,
                }
            }
            _ => None,
        };
        match (&ours, expected) {
            (Ok(got), Some(want)) => assert_eq!(got, &want, "{case}"),
            (Err(e), None) => assert!(!e.to_string().is_empty(), "{case}"),
            (got, want) => panic!("{case}: ours {got:?}, expected {want:?}"),
        }
    }
    // Numbers keep their exact decimal text (§11.2), however large.
    let big: peering_planner::domain::document::BaselinePeering =
        serde_json::from_str(r#"{"peerAsn": 99999999999999999999, "vlanId": 200}"#).unwrap();
    assert_eq!(big.peering.peer_asn, "99999999999999999999");
    assert_eq!(big.peering.vlan_id, "200");
}
