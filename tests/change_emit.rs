//! Change mode, outputs (§6, §8, §9, §11.2): minimal `update` commands for what changed only, nothing
//! for what did not, the key only when typed, BGP-reset comments before the command, live peerings the
//! plan drops only in the clean-up, the ARM body with the imported connections. The commands run in
//! real bash (az recorded) and through the PowerShell model with the same argv.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::findings::Code;
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::{
    arm_payloads, bash_cleanup, bash_script, powershell_cleanup, powershell_script, EmitOptions,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::{run_bash, STUB_SUBSCRIPTION};

const CID: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/CKT";
const RF: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/routeFilters";

/// A live dual-stack Microsoft peering and a live private peering, as `az network express-route show`.
fn live_circuit() -> Value {
    json!({
        "id": CID, "name": "CKT", "type": "Microsoft.Network/expressRouteCircuits",
        "peerings": [
            {"id": format!("{CID}/peerings/AzurePrivatePeering"), "name": "AzurePrivatePeering",
             "peeringType": "AzurePrivatePeering", "peerASN": 65010, "vlanId": 200, "state": "Enabled",
             "primaryPeerAddressPrefix": "192.168.100.128/30", "secondaryPeerAddressPrefix": "192.168.100.132/30",
             "connections": [{"name": "gr", "id": format!("{CID}/peerings/AzurePrivatePeering/connections/gr"),
                              "addressPrefix": "10.255.0.0/29", "circuitConnectionStatus": "Connected",
                              "expressRouteCircuitPeering": {"id": format!("{CID}/peerings/AzurePrivatePeering"), "resourceGroup": "RG"},
                              "peerExpressRouteCircuitPeering": {"id": "/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/R2/providers/Microsoft.Network/expressRouteCircuits/C2/peerings/AzurePrivatePeering"}}]},
            {"id": format!("{CID}/peerings/MicrosoftPeering"), "name": "MicrosoftPeering",
             "peeringType": "MicrosoftPeering", "peerASN": 12345, "vlanId": 300, "state": "Enabled",
             "primaryPeerAddressPrefix": "123.0.0.0/30", "secondaryPeerAddressPrefix": "123.0.0.4/30",
             "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24"], "customerASN": 31337,
                                        "routingRegistryName": "RIPENCC", "legacyMode": 0},
             "routeFilter": {"id": format!("{RF}/RF4")},
             "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2a01:111:f100::/126",
                                   "secondaryPeerAddressPrefix": "2a01:111:f100::4/126", "state": "Enabled",
                                   "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["2a01:111:f200::/48"],
                                                              "customerASN": 31337, "routingRegistryName": "RIPENCC"},
                                   "routeFilter": {"id": format!("{RF}/RF6")}}}
        ]
    })
}

/// The imported plan (every live value, keys empty), as JSON to edit.
fn imported() -> Value {
    let import = import_live(&live_circuit().to_string()).unwrap();
    let doc = merge_import(&PlanDocument::default(), &import);
    serde_json::from_str(&doc.to_json(true)).unwrap()
}

fn plan_of(doc: &Value) -> ValidPlan {
    let doc = PlanDocument::from_json(&doc.to_string()).unwrap();
    let analysis = analyze(&doc);
    analysis
        .plan
        .unwrap_or_else(|| panic!("{:#?}", analysis.findings))
}

fn update_lines(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|l| l.contains("az network express-route peering update"))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The recorded argv of the bash script, and the same through the PowerShell model.
fn argv(plan: &ValidPlan, key: Option<&str>) -> Vec<Vec<String>> {
    let env: Vec<(String, String)> = key
        .map(|k| vec![("ER_SHARED_KEY".to_string(), k.to_string())])
        .unwrap_or_default();
    let env_refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let opts = EmitOptions::default();
    let bash = bash_script(plan, &opts);
    let run = run_bash(&bash, &env_refs);
    assert_eq!(run.status, 0, "{}\n{bash}", run.stderr);
    let ps =
        psmodel::az_lines_through_model(&powershell_script(plan, &opts), STUB_SUBSCRIPTION, &env);
    assert_eq!(run.calls, ps, "bash and PowerShell argv differ");
    run.calls
}

#[test]
fn nothing_changed_means_no_command() {
    let plan = plan_of(&imported());
    let script = bash_script(&plan, &EmitOptions::default());
    assert!(update_lines(&script).is_empty(), "{script}");
    assert!(!script.contains("peering create"), "{script}");
    assert!(
        script.contains("AzurePrivatePeering: no change from the live peering; nothing to run.")
    );
    assert!(script.contains("MicrosoftPeering: no change from the live peering; nothing to run."));
    let calls = argv(&plan, None);
    assert_eq!(calls.len(), 1, "only the pre-flight: {calls:?}");
    let cleanup = bash_cleanup(&plan);
    assert!(!cleanup.contains("peering delete"), "{cleanup}");
    assert!(cleanup.contains("Nothing to delete"));
    assert!(
        analyze(&PlanDocument::from_json(&imported().to_string()).unwrap())
            .findings
            .0
            .iter()
            .all(|f| f.code != Code::ChangeResetsBgp)
    );
}

#[test]
fn route_filter_names_without_a_subscription_are_no_change() {
    // Without a subscription the full ID of a bare name is only known when the script runs: the
    // resource group and the name decide, case-insensitively, so an unchanged filter is not updated.
    let mut doc = imported();
    doc["circuit"]["subscription"] = json!("");
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("rf4");
    doc["peerings"][1]["ipv6"]["routeFilter"] = json!("RF6");
    let plan = plan_of(&doc);
    assert!(plan.circuit.subscription.is_none());
    for script in [
        bash_script(&plan, &EmitOptions::default()),
        powershell_script(&plan, &EmitOptions::default()),
    ] {
        assert!(update_lines(&script).is_empty(), "{script}");
        assert!(
            script.contains("MicrosoftPeering: no change from the live peering; nothing to run."),
            "{script}"
        );
    }
    // A different name is still a change.
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("rf5");
    let script = bash_script(&plan_of(&doc), &EmitOptions::default());
    let updates = update_lines(&script);
    assert_eq!(updates.len(), 1, "{script}");
    assert!(updates[0].contains("--route-filter rf5"), "{script}");
    assert!(
        !updates[0].contains("ipv6PeeringConfig.routeFilter"),
        "{script}"
    );
}

#[test]
fn whitespace_and_case_are_no_change() {
    let mut doc = imported();
    doc["peerings"][0]["vlanId"] = json!(" 0200 ");
    doc["peerings"][1]["ipv6"]["primary"] = json!("2A01:111:F100::/126");
    doc["peerings"][1]["ipv4"]["routingRegistry"] = json!("ripencc");
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("rf4");
    let plan = plan_of(&doc);
    // A route filter name resolves into the circuit's group: the same ID, case-insensitively.
    assert!(update_lines(&bash_script(&plan, &EmitOptions::default())).is_empty());
}

#[test]
fn a_typed_key_is_sent_an_empty_key_never() {
    let mut doc = imported();
    let plan = plan_of(&doc);
    assert!(!bash_script(&plan, &EmitOptions::default()).contains("--shared-key"));
    doc["peerings"][0]["sharedKey"] = json!("A1bCD2ef");
    let plan = plan_of(&doc);
    let script = bash_script(&plan, &EmitOptions::default());
    let updates = update_lines(&script);
    assert_eq!(updates.len(), 1, "{script}");
    assert!(updates[0].contains("-n AzurePrivatePeering --shared-key=\"$ER_SHARED_KEY\""));
    assert!(!script.contains("A1bCD2ef"));
    let before =
        script.find("This resets the BGP sessions of AzurePrivatePeering (the shared key)");
    assert!(
        before.is_some_and(|at| at < script.find(&updates[0]).unwrap()),
        "{script}"
    );
    let calls = argv(&plan, Some("A1bCD2ef"));
    assert!(calls[1].contains(&"--shared-key=A1bCD2ef".to_string()));
    // Inlined on request.
    let inline = bash_script(
        &plan,
        &EmitOptions {
            inline_shared_key: true,
        },
    );
    assert!(inline.contains("--shared-key=A1bCD2ef"));
}

#[test]
fn each_change_is_one_minimal_update_with_its_reset_comment() {
    let mut doc = imported();
    doc["peerings"][0]["vlanId"] = json!("210");
    doc["peerings"][0]["peerAsn"] = json!("65011");
    doc["peerings"][1]["ipv4"]["secondary"] = json!("123.0.0.8/30");
    doc["peerings"][1]["ipv4"]["customerAsn"] = json!("");
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("");
    doc["peerings"][1]["ipv6"]["routingRegistry"] = json!("ARIN");
    doc["peerings"][1]["ipv6"]["customerAsn"] = json!("");
    doc["peerings"][1]["ipv6"]["routeFilter"] = json!("");
    let plan = plan_of(&doc);
    let script = bash_script(&plan, &EmitOptions::default());
    let updates = update_lines(&script);
    assert_eq!(updates.len(), 2, "{script}");
    assert!(
        updates[0].ends_with("-n AzurePrivatePeering --peer-asn 65011 --vlan-id 210"),
        "{}",
        updates[0]
    );
    assert!(updates[1].ends_with(
        "-n MicrosoftPeering --secondary-peer-subnet 123.0.0.8/30 --remove microsoftPeeringConfig.customerASN --remove routeFilter --remove ipv6PeeringConfig.microsoftPeeringConfig.customerASN --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=ARIN --remove ipv6PeeringConfig.routeFilter"
    ), "{}", updates[1]);
    assert!(script.contains(
        "This resets the BGP sessions of AzurePrivatePeering (the peer ASN, the VLAN ID)"
    ));
    assert!(script.contains(
        "This resets the BGP sessions of MicrosoftPeering (the secondary IPv4 link subnet)"
    ));
    for line in &updates {
        assert!(
            !line.contains("--ip-version") && !line.contains("--peering-type"),
            "{line}"
        );
    }
    argv(&plan, None);
}

#[test]
fn families_are_added_and_removed_without_ip_version() {
    let mut doc = imported();
    doc["peerings"][0]["ipv6"] = json!({"primary": "fd00:10::/126", "secondary": "fd00:10::4/126"});
    doc["peerings"][1]["ipv6"] = Value::Null;
    let plan = plan_of(&doc);
    let updates = update_lines(&bash_script(&plan, &EmitOptions::default()));
    assert!(updates[0].ends_with("-n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled"), "{}", updates[0]);
    assert!(
        updates[1].ends_with("-n MicrosoftPeering --remove ipv6PeeringConfig"),
        "{}",
        updates[1]
    );
    let mut doc = imported();
    doc["peerings"][1]["ipv4"] = Value::Null;
    let plan = plan_of(&doc);
    let updates = update_lines(&bash_script(&plan, &EmitOptions::default()));
    assert!(updates[0].ends_with("-n MicrosoftPeering --remove primaryPeerAddressPrefix --remove secondaryPeerAddressPrefix --remove microsoftPeeringConfig --remove routeFilter --remove state"), "{}", updates[0]);
    argv(&plan, None);
}

#[test]
fn new_peerings_are_created_dropped_ones_only_cleaned_up() {
    let mut doc = imported();
    let microsoft = doc["peerings"][1].clone();
    doc["peerings"] = json!([microsoft]);
    let mut baseline_private_only = doc.clone();
    let plan = plan_of(&doc);
    let script = bash_script(&plan, &EmitOptions::default());
    assert!(!script.contains("delete"), "{script}");
    assert!(script.contains("AzurePrivatePeering is live but not in this plan"));
    let cleanup = bash_cleanup(&plan);
    assert!(cleanup.contains("WARNING: AzurePrivatePeering is live and not in your plan"));
    assert!(cleanup.contains("-n AzurePrivatePeering"));
    assert!(
        !cleanup.contains("-n MicrosoftPeering"),
        "a kept live peering is never deleted"
    );
    assert_eq!(
        run_bash(&cleanup, &[]).calls,
        psmodel::az_lines_through_model(&powershell_cleanup(&plan), STUB_SUBSCRIPTION, &[])
    );
    // A peering that is not live is created as without a baseline, and is the clean-up's to undo.
    let peerings = baseline_private_only["baseline"]["peerings"]
        .as_array_mut()
        .unwrap();
    peerings.retain(|p| p["type"] == "AzurePrivatePeering");
    let plan = plan_of(&baseline_private_only);
    let script = bash_script(&plan, &EmitOptions::default());
    assert!(
        script.contains("peering create") && script.contains("--peering-type MicrosoftPeering"),
        "{script}"
    );
    let cleanup = bash_cleanup(&plan);
    assert!(
        cleanup.contains("delete MicrosoftPeering, which this plan creates"),
        "{cleanup}"
    );
    assert!(
        cleanup.contains("WARNING: AzurePrivatePeering is live"),
        "{cleanup}"
    );
}

#[test]
fn an_unreadable_live_value_counts_as_changed() {
    let mut doc = imported();
    doc["baseline"]["peerings"][0]["vlanId"] = json!("two hundred");
    doc["baseline"]["peerings"][1]["ipv4"]["advertisedPrefixes"] = json!(["123.1.0.0/24", "junk"]);
    let plan = plan_of(&doc);
    let updates = update_lines(&bash_script(&plan, &EmitOptions::default()));
    assert!(
        updates[0].ends_with("-n AzurePrivatePeering --vlan-id 200"),
        "{updates:?}"
    );
    assert!(
        updates[1].ends_with("-n MicrosoftPeering --advertised-public-prefixes 123.1.0.0/24"),
        "{updates:?}"
    );
}

#[test]
fn arm_body_keeps_the_connections_and_warns_about_the_key() {
    let doc = imported();
    let plan = plan_of(&doc);
    let payloads = arm_payloads(&plan, &EmitOptions::default());
    let private = &payloads[0];
    let body: Value = serde_json::from_str(&private.body).unwrap();
    let connections = body["properties"]["connections"].as_array().unwrap();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0]["name"], "gr");
    assert_eq!(
        connections[0]["properties"]["addressPrefix"],
        "10.255.0.0/29"
    );
    assert!(connections[0]["properties"]
        .get("circuitConnectionStatus")
        .is_none());
    assert!(connections[0]["properties"]["expressRouteCircuitPeering"]
        .get("resourceGroup")
        .is_none());
    assert!(private.notes.iter().any(|n| n.contains("Global Reach")));
    assert!(private
        .notes
        .iter()
        .any(|n| n.contains("may remove the live key")));
    assert!(payloads[1]
        .notes
        .iter()
        .all(|n| !n.contains("Global Reach connection(s)")));
    assert!(
        serde_json::from_str::<Value>(&payloads[1].body).unwrap()["properties"]
            .get("connections")
            .is_none()
    );
    // A typed, inlined key: in the body, no warning.
    let mut doc = doc;
    doc["peerings"][0]["sharedKey"] = json!("A1bCD2ef");
    let plan = plan_of(&doc);
    let p = &arm_payloads(
        &plan,
        &EmitOptions {
            inline_shared_key: true,
        },
    )[0];
    assert!(p
        .notes
        .iter()
        .all(|n| !n.contains("may remove the live key")));
    assert!(p.body.contains("\"sharedKey\": \"A1bCD2ef\""));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any mix of edits: one update per edited live peering, none for an untouched one, never a form
    /// that drops IPv4, never a delete in the main script, and bash and PowerShell agree.
    #[test]
    fn any_edit_gives_minimal_safe_updates(
        vlan in proptest::option::of(prop_oneof![Just("201"), Just("0200")]),
        asn in proptest::option::of(Just("65011")),
        ms_prefixes in proptest::option::of(Just(vec!["123.1.0.0/24", "123.9.0.0/24"])),
        v6 in 0..3u8,
        registry in proptest::option::of(prop_oneof![Just(""), Just("ARIN"), Just("ripencc")]),
        key in proptest::option::of(Just("A1bCD2ef")),
    ) {
        let mut doc = imported();
        if let Some(v) = vlan { doc["peerings"][0]["vlanId"] = json!(v); }
        if let Some(a) = asn { doc["peerings"][0]["peerAsn"] = json!(a); }
        if let Some(k) = key { doc["peerings"][0]["sharedKey"] = json!(k); }
        if let Some(p) = &ms_prefixes { doc["peerings"][1]["ipv4"]["advertisedPrefixes"] = json!(p); }
        if let Some(r) = registry { doc["peerings"][1]["ipv6"]["routingRegistry"] = json!(r); }
        match v6 {
            1 => doc["peerings"][1]["ipv6"] = Value::Null,
            2 => doc["peerings"][0]["ipv6"] = json!({"primary": "fd00::/126", "secondary": "fd00::4/126"}),
            _ => {}
        }
        let private_changed = vlan == Some("201") || asn.is_some() || key.is_some() || v6 == 2;
        let ms_changed = ms_prefixes.is_some() || v6 == 1
            || registry.is_some_and(|r| !r.eq_ignore_ascii_case("RIPENCC"));
        let plan = plan_of(&doc);
        let script = bash_script(&plan, &EmitOptions::default());
        let updates = update_lines(&script);
        prop_assert_eq!(updates.iter().filter(|l| l.contains("-n AzurePrivatePeering")).count(), private_changed as usize);
        prop_assert_eq!(updates.iter().filter(|l| l.contains("-n MicrosoftPeering")).count(), ms_changed as usize);
        for line in &updates {
            prop_assert!(!line.contains("--ip-version") && !line.contains("--peering-type"));
        }
        prop_assert!(!script.contains("delete"));
        argv(&plan, key);
    }
}
