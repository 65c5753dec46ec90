//! Change mode, import (§6, §9, §11.1): `import_live` on every shape `az` prints, raw ARM JSON, mixed
//! case, and what must be refused with a message that says what to paste; `merge_import`; the typed
//! baseline the validator hands the emitters. Properties: `import_live` is total.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use peering_planner::domain::examples::sample_plan;
use peering_planner::domain::import::{import_live, merge_import, LiveImport, MAX_IMPORT_BYTES};
use peering_planner::domain::model::LiveValue;
use peering_planner::domain::peering::PeeringType;
use peering_planner::domain::validate::analyze;
use proptest::prelude::*;
use serde_json::{json, Value};

const SUB: &str = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e";
const CID: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit";

fn golden_live(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden/change")
            .join(name)
            .join("live.json"),
    )
    .unwrap()
}

fn private_show() -> Value {
    json!({
        "azureASN": 12076, "connections": [], "etag": "W/\"4\"", "gatewayManagerEtag": "",
        "id": format!("{CID}/peerings/AzurePrivatePeering"), "lastModifiedBy": "Customer",
        "name": "AzurePrivatePeering", "peerASN": 65010, "peeredConnections": [],
        "peeringType": "AzurePrivatePeering", "primaryAzurePort": "", "primaryPeerAddressPrefix": "192.168.100.128/30",
        "provisioningState": "Succeeded", "resourceGroup": "ExpressRouteResourceGroup", "secondaryAzurePort": "",
        "secondaryPeerAddressPrefix": "192.168.100.132/30", "state": "Enabled",
        "type": "Microsoft.Network/expressRouteCircuits/peerings", "vlanId": 200, "ipv6PeeringConfig": null,
        "microsoftPeeringConfig": {"advertisedPublicPrefixes": [], "customerASN": 0, "routingRegistryName": "NONE"},
        "routeFilter": null, "stats": null
    })
}

fn private_doc() -> PeeringDoc {
    PeeringDoc {
        peering_type: "AzurePrivatePeering".into(),
        peer_asn: "65010".into(),
        vlan_id: "200".into(),
        shared_key: String::new(),
        ipv4: Some(FamilyDoc {
            primary: "192.168.100.128/30".into(),
            secondary: "192.168.100.132/30".into(),
            ..FamilyDoc::default()
        }),
        ipv6: None,
    }
}

fn ok(text: &str) -> LiveImport {
    import_live(text).unwrap_or_else(|e| panic!("import failed: {e}\n{text}"))
}

fn err(text: &str) -> String {
    match import_live(text) {
        Ok(i) => panic!("imported {:?}", i.document),
        Err(e) => e.message,
    }
}

/// Upper-cases every object key (mixed-case input must import the same).
fn shout(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .enumerate()
                .map(|(i, (k, v))| {
                    let key = if i % 2 == 0 {
                        k.to_ascii_uppercase()
                    } else {
                        k.to_ascii_lowercase()
                    };
                    (key, shout(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(shout).collect()),
        other => other.clone(),
    }
}

#[test]
fn accepted_shapes_import_the_same_peering() {
    let show = private_show();
    let mut arm = json!({"id": show["id"], "name": "AzurePrivatePeering", "etag": "W/\"4\"",
        "type": "Microsoft.Network/expressRouteCircuits/peerings", "properties": {}});
    for (k, v) in show.as_object().unwrap() {
        if !["id", "name", "etag", "type", "resourceGroup"].contains(&k.as_str()) {
            arm["properties"][k] = v.clone();
        }
    }
    let circuit = json!({"id": CID, "name": "MyCircuit", "type": "Microsoft.Network/expressRouteCircuits",
        "serviceProviderProvisioningState": "Provisioned", "peerings": [show.clone()]});
    let circuit_arm =
        json!({"id": CID, "name": "MyCircuit", "properties": {"peerings": [arm.clone()]}});
    let cases: Vec<(&str, Value)> = vec![
        ("peering show", show.clone()),
        ("peering list", json!([show.clone()])),
        ("circuit show", circuit),
        ("raw ARM peering", arm.clone()),
        ("raw ARM circuit", circuit_arm),
        ("mixed-case keys", shout(&show)),
        ("mixed-case raw ARM", shout(&arm)),
        (
            "lower-case type, name only",
            json!({"name": "azureprivatepeering", "id": show["id"], "properties": {"peerASN": 65010, "vlanId": 200,
                   "primaryPeerAddressPrefix": "192.168.100.128/30", "secondaryPeerAddressPrefix": "192.168.100.132/30"}}),
        ),
        (
            "strings for numbers",
            json!({"peeringType": "AzurePrivatePeering", "peerAsn": "65010", "vlanId": "200", "id": show["id"],
                   "primaryPeerAddressPrefix": "192.168.100.128/30", "secondaryPeerAddressPrefix": "192.168.100.132/30"}),
        ),
    ];
    for (label, value) in cases {
        let import = ok(&value.to_string());
        let doc = &import.document;
        assert_eq!(doc.peerings, vec![private_doc()], "{label}");
        let baseline = doc.baseline.as_ref().expect(label);
        assert_eq!(baseline.peerings.len(), 1, "{label}");
        assert_eq!(baseline.peerings[0].peering, private_doc(), "{label}");
        assert!(baseline.peerings[0].connections.is_empty(), "{label}");
        assert_eq!(doc.circuit.subscription, SUB, "{label}");
        assert_eq!(
            doc.circuit.resource_group, "ExpressRouteResourceGroup",
            "{label}"
        );
        assert_eq!(doc.circuit.name, "MyCircuit", "{label}");
        let analysis = analyze(doc);
        assert!(analysis.plan.is_some(), "{label}: {:#?}", analysis.findings);
    }
}

#[test]
fn microsoft_fields_none_registry_and_route_filter() {
    let rf = format!("/subscriptions/{SUB}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter");
    let show = json!({
        "peeringType": "MicrosoftPeering", "peerASN": "12345", "vlanId": 300,
        "primaryPeerAddressPrefix": "123.0.0.0/30", "secondaryPeerAddressPrefix": "123.0.0.4/30",
        "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24", "123.2.0.0/24"],
            "advertisedPublicPrefixesState": "Configured", "customerASN": 0, "legacyMode": 0,
            "routingRegistryName": "NONE"},
        "routeFilter": {"id": rf, "resourceGroup": "ExpressRouteResourceGroup"},
        "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2a01:111:f100::/126",
            "secondaryPeerAddressPrefix": "2a01:111:f100::4/126", "state": "Enabled",
            "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["2a01:111:f200::/48"], "customerASN": 31337,
                "routingRegistryName": "ripencc"}}
    });
    let import = ok(&show.to_string());
    let p = &import.document.peerings[0];
    let v4 = p.ipv4.as_ref().unwrap();
    assert_eq!(v4.advertised_prefixes, vec!["123.1.0.0/24", "123.2.0.0/24"]);
    assert_eq!(v4.customer_asn, "", "customerASN 0 means unset");
    assert_eq!(v4.routing_registry, "", "NONE means empty");
    assert_eq!(v4.route_filter, rf, "route filter {{id}} -> the full ID");
    let v6 = p.ipv6.as_ref().unwrap();
    assert_eq!(v6.customer_asn, "31337");
    assert_eq!(v6.routing_registry, "ripencc");
    assert_eq!(v6.route_filter, "");
    assert!(
        import.notes.iter().any(|n| n.contains("subscription")),
        "no id: the UI is told to fill in the circuit"
    );
}

#[test]
fn private_peering_drops_microsoft_fields() {
    let import = ok(&private_show().to_string());
    let v4 = import.document.peerings[0].ipv4.clone().unwrap();
    assert!(v4.advertised_prefixes.is_empty() && v4.routing_registry.is_empty());
}

#[test]
fn global_reach_connections_are_kept_as_imported() {
    let live = golden_live("change-microsoft-add-ipv6");
    let value: Value = serde_json::from_str(&live).unwrap();
    let import = ok(&live);
    let baseline = import.document.baseline.unwrap();
    assert_eq!(
        Value::Array(baseline.peerings[0].connections.clone()),
        value["connections"]
    );
    // The same through raw ARM and in mixed case: the connection itself is never re-cased.
    let shouted = json!({"ID": value["id"], "PROPERTIES": {"PeeringType": "MicrosoftPeering",
        "CONNECTIONS": value["connections"], "peerasn": 12345, "VLANID": 300,
        "primarypeeraddressprefix": "123.0.0.0/30", "SECONDARYPEERADDRESSPREFIX": "123.0.0.4/30"}});
    let import = ok(&shouted.to_string());
    assert_eq!(
        Value::Array(
            import.document.baseline.unwrap().peerings[0]
                .connections
                .clone()
        ),
        value["connections"]
    );
}

#[test]
fn a_shared_key_in_the_paste_is_never_kept() {
    let mut show = private_show();
    show["sharedKey"] = json!("A1bCD2ef");
    let import = ok(&show.to_string());
    assert_eq!(import.document.peerings[0].shared_key, "");
    assert_eq!(
        import.document.baseline.as_ref().unwrap().peerings[0]
            .peering
            .shared_key,
        ""
    );
    assert!(import.notes.iter().any(|n| n.contains("shared key")));
    assert!(!import.document.to_json(true).contains("A1bCD2ef"));
}

#[test]
fn refused_inputs_say_what_to_paste() {
    let rf = json!({"id": format!("/subscriptions/{SUB}/resourceGroups/RG/providers/Microsoft.Network/routeFilters/RF"),
        "name": "RF", "type": "Microsoft.Network/routeFilters", "location": "westeurope",
        "rules": [{"name": "allow", "access": "Allow", "communities": ["12076:5010"]}]});
    let gateway = json!({"type": "Microsoft.Network/virtualNetworkGateways", "name": "gw"});
    let empty_circuit = json!({"id": CID, "name": "MyCircuit", "type": "Microsoft.Network/expressRouteCircuits", "peerings": []});
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty string", String::new(), "nothing was pasted"),
        ("blanks", " \n\t ".into(), "nothing was pasted"),
        ("garbage", "hello world".into(), "not JSON"),
        (
            "table output",
            "Name    PeeringType\n----  ----".into(),
            "not JSON",
        ),
        (
            "truncated",
            "{\"peeringType\": \"MicrosoftPeering\"".into(),
            "not JSON",
        ),
        ("gateway", gateway.to_string(), "not a peering"),
        ("number", "42".into(), "a number"),
        ("string", "\"MicrosoftPeering\"".into(), "a string"),
        ("null", "null".into(), "null"),
        ("empty list", "[]".into(), "empty"),
        ("list of numbers", "[1, 2]".into(), "item 0"),
        (
            "list with a route filter",
            json!([private_show(), rf]).to_string(),
            "item 1",
        ),
        (
            "empty object",
            "{}".into(),
            "neither a peering nor a circuit",
        ),
        (
            "circuit without peerings",
            empty_circuit.to_string(),
            "no peerings",
        ),
        (
            "twice the same peering",
            json!([private_show(), private_show()]).to_string(),
            "twice",
        ),
        ("huge", " ".repeat(MAX_IMPORT_BYTES + 1) + "{}", "bytes"),
    ];
    for (label, text, needle) in cases {
        let message = err(&text);
        assert!(message.contains(needle), "{label}: {message}");
        assert!(
            message.contains("az network express-route peering show"),
            "{label}: the message says what to paste: {message}"
        );
    }
}

/// `az network route-filter show` JSON (or the ARM resource) imports as a baseline route filter, and a
/// Microsoft family that names it then manages it: its rule as imported, so an unchanged plan changes
/// nothing, and the page can edit the communities.
#[test]
fn a_route_filter_imports_into_the_family_that_names_it() {
    use peering_planner::domain::validate::analyze;
    let az_show = json!({"id": format!("/subscriptions/{SUB}/resourceGroups/RG/providers/Microsoft.Network/routeFilters/RF"),
        "name": "RF", "resourceGroup": "RG", "location": "westeurope", "type": "Microsoft.Network/routeFilters",
        "rules": [{"name": "allow", "access": "Allow", "communities": ["12076:5010", "12076:51002"], "routeFilterRuleType": "Community"}]});
    let arm = json!({"id": format!("/subscriptions/{SUB}/resourceGroups/RG/providers/Microsoft.Network/routeFilters/RF"),
        "name": "RF", "location": "westeurope", "type": "Microsoft.Network/routeFilters",
        "properties": {"rules": [{"name": "allow", "properties": {"access": "Allow", "communities": ["12076:5010", "12076:51002"]}}]}});
    for text in [az_show.to_string(), arm.to_string()] {
        let import = ok(&text);
        assert!(import.document.peerings.is_empty());
        let filters = &import.document.baseline.as_ref().unwrap().route_filters;
        assert_eq!(filters.len(), 1);
        assert_eq!(filters[0].name, "RF");
        assert_eq!(filters[0].resource_group, "RG");
        assert_eq!(filters[0].rule_name, "allow");
        assert_eq!(filters[0].communities, ["12076:5010", "12076:51002"]);
        assert!(
            import.notes[0].starts_with("Imported route filter RF (1 rule)"),
            "{:?}",
            import.notes
        );
        // A plan whose Microsoft peering names the filter by name (circuit group RG) or by ID.
        let mut plan = sample_plan();
        plan.circuit.resource_group = "RG".into();
        plan.circuit.subscription = SUB.into();
        plan.peerings[1].ipv4.as_mut().unwrap().route_filter = "RF".into();
        let merged = merge_import(&plan, &import);
        let rule = merged.peerings[1]
            .ipv4
            .as_ref()
            .unwrap()
            .route_filter_rule
            .clone()
            .unwrap();
        assert_eq!(rule.location, "westeurope");
        assert_eq!(rule.rule_name, "allow");
        assert_eq!(rule.communities, ["12076:5010", "12076:51002"]);
        assert_eq!(
            rule.resource_group, "",
            "the circuit's group stays implicit"
        );
        assert_eq!(
            merged.peerings[0], plan.peerings[0],
            "the private peering is untouched"
        );
        assert!(
            analyze(&merged).plan.is_some(),
            "{:?}",
            analyze(&merged).findings
        );
    }
    // Not a filter the plan names: kept in the baseline, no family changes.
    let mut plan = sample_plan();
    plan.peerings[1].ipv4.as_mut().unwrap().route_filter = "Other".into();
    let merged = merge_import(&plan, &ok(&az_show.to_string()));
    assert_eq!(merged.peerings, plan.peerings);
    assert_eq!(merged.baseline.unwrap().route_filters.len(), 1);
}

#[test]
fn deep_and_large_inputs_are_refused_or_read_quickly() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(import_live(&deep).is_err());
    // A long list of peerings (all the same type): refused as a duplicate, without trouble.
    let many = Value::Array(vec![private_show(); 2_000]).to_string();
    assert!(many.len() < MAX_IMPORT_BYTES);
    assert!(err(&many).contains("twice"));
    // A huge prefix list is imported (the validator then reports prefix.too_many).
    let mut ms = json!({"peeringType": "MicrosoftPeering", "peerASN": 12345, "vlanId": 300,
        "primaryPeerAddressPrefix": "123.0.0.0/30", "secondaryPeerAddressPrefix": "123.0.0.4/30"});
    let prefixes: Vec<String> = (0..20_000)
        .map(|i| format!("{}.{}.0.0/24", 100 + i / 256 % 100, i % 256))
        .collect();
    ms["microsoftPeeringConfig"] = json!({"advertisedPublicPrefixes": prefixes});
    let import = ok(&ms.to_string());
    assert_eq!(
        import.document.peerings[0]
            .ipv4
            .as_ref()
            .unwrap()
            .advertised_prefixes
            .len(),
        20_000
    );
}

#[test]
fn retired_public_peering_stays_in_the_baseline_only() {
    let mut public = private_show();
    public["peeringType"] = json!("AzurePublicPeering");
    public["name"] = json!("AzurePublicPeering");
    public["vlanId"] = json!(100);
    let import = ok(&json!([private_show(), public]).to_string());
    assert_eq!(import.document.peerings.len(), 1);
    assert_eq!(import.document.baseline.as_ref().unwrap().peerings.len(), 2);
    assert!(import.notes.iter().any(|n| n.contains("retired")));
}

#[test]
fn merge_replaces_circuit_peerings_and_baseline_and_keeps_vnets() {
    let mut plan = PlanDocument {
        vnet_address_spaces: vec!["10.1.0.0/16".into()],
        peerings: vec![PeeringDoc {
            peering_type: "MicrosoftPeering".into(),
            ..PeeringDoc::default()
        }],
        ..PlanDocument::default()
    };
    plan.circuit.resource_group = "OldRG".into();
    let import = ok(&private_show().to_string());
    let merged = merge_import(&plan, &import);
    assert_eq!(merged.vnet_address_spaces, vec!["10.1.0.0/16"]);
    assert_eq!(merged.circuit.resource_group, "ExpressRouteResourceGroup");
    assert_eq!(merged.peerings, vec![private_doc()]);
    assert_eq!(merged.baseline, import.document.baseline);
    // No id in the paste: the plan's circuit fields stay.
    let mut no_id = private_show();
    no_id.as_object_mut().unwrap().remove("id");
    let merged = merge_import(&plan, &ok(&no_id.to_string()));
    assert_eq!(merged.circuit.resource_group, "OldRG");
    // The merged plan survives a round trip (links and files).
    let text = merged.to_json(false);
    assert_eq!(PlanDocument::from_json(&text).unwrap(), merged);
}

#[test]
fn the_validator_fills_the_typed_baseline_leniently() {
    let mut doc = ok(&golden_live("change-microsoft-prefixes")).document;
    let analysis = analyze(&doc);
    let plan = analysis.plan.expect("valid");
    let baseline = plan.baseline.as_ref().expect("change mode");
    let live = baseline.peering(PeeringType::MicrosoftPeering).unwrap();
    assert_eq!(
        live.vlan_id,
        LiveValue::Known(peering_planner::domain::vlan::VlanId::parse("300").unwrap())
    );
    assert_eq!(live.connections.len(), 0);
    assert_eq!(
        live.ipv6.as_ref().unwrap().advertised_prefixes,
        LiveValue::Known(vec![
            peering_planner::domain::prefix::AdvertisedPrefix::parse("2a01:111:f200::/48").unwrap()
        ])
    );
    // A live value that does not parse is kept raw, typed as unknown, and blocks nothing.
    let live_doc = &mut doc.baseline.as_mut().unwrap().peerings[0].peering;
    live_doc.vlan_id = "not a vlan".into();
    live_doc.ipv4.as_mut().unwrap().customer_asn = "x".into();
    let plan = analyze(&doc).plan.expect("still valid");
    let live = plan.baseline.unwrap().peerings[0].clone();
    assert_eq!(live.vlan_id, LiveValue::Unparsed("not a vlan".into()));
    assert_eq!(live.raw.vlan_id, "not a vlan");
    assert_eq!(
        live.ipv4.unwrap().customer_asn,
        LiveValue::Unparsed("x".into())
    );
    // Without a baseline: no typed baseline.
    doc.baseline = None;
    assert_eq!(analyze(&doc).plan.unwrap().baseline, None);
}

/// Arbitrary JSON-ish values: objects with the keys az prints (in any case), values of any kind.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("peeringType".to_string()),
        Just("PEERINGTYPE".to_string()),
        Just("properties".to_string()),
        Just("peerings".to_string()),
        Just("id".to_string()),
        Just("type".to_string()),
        Just("name".to_string()),
        Just("peerASN".to_string()),
        Just("vlanId".to_string()),
        Just("primaryPeerAddressPrefix".to_string()),
        Just("secondaryPeerAddressPrefix".to_string()),
        Just("ipv6PeeringConfig".to_string()),
        Just("microsoftPeeringConfig".to_string()),
        Just("advertisedPublicPrefixes".to_string()),
        Just("customerASN".to_string()),
        Just("routingRegistryName".to_string()),
        Just("routeFilter".to_string()),
        Just("connections".to_string()),
        Just("sharedKey".to_string()),
        Just("rules".to_string()),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
        Just(json!("MicrosoftPeering")),
        Just(json!("AzurePrivatePeering")),
        Just(json!("AzurePublicPeering")),
        Just(json!("NONE")),
        Just(json!(CID)),
        Just(json!("Microsoft.Network/expressRouteCircuits")),
        Just(json!("123.0.0.0/30")),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn import_is_total_on_strings(text in any::<String>()) {
        if let Ok(import) = import_live(&text) {
            prop_assert!(import.document.baseline.is_some());
        }
    }

    #[test]
    fn import_is_total_on_json_and_imports_analyze(value in json_value()) {
        let text = value.to_string();
        match import_live(&text) {
            Ok(import) => {
                let doc = &import.document;
                prop_assert!(doc.peerings.iter().all(|p| p.shared_key.is_empty()));
                prop_assert!(doc.baseline.is_some());
                // What the UI does next must not panic either, and the plan round-trips.
                let _ = analyze(doc);
                let merged = merge_import(&PlanDocument::default(), &import);
                prop_assert_eq!(PlanDocument::from_json(&merged.to_json(false)).unwrap(), merged);
            }
            Err(e) => prop_assert!(e.message.contains("az network express-route")),
        }
    }
}
