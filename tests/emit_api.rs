//! The public emit API on small plans: what each block must and must not hold (§6, §8, §9, §11.3).
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::peering::PeeringType;
use peering_planner::emit::{
    arm_payloads, bash_cleanup, bash_script, powershell_cleanup, powershell_script, EmitOptions,
    ARM_API_VERSION,
};
use serde_json::{json, Value};
use support::run_bash;

#[track_caller]
fn plan(json: Value) -> ValidPlan {
    support::valid_plan(&json.to_string())
}

fn circuit(sub: &str) -> Value {
    json!({ "subscription": sub, "resourceGroup": "rg1", "name": "ckt1" })
}

const SUB: &str = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e";

fn private_v6_only(sub: &str) -> ValidPlan {
    plan(json!({ "version": 1, "circuit": circuit(sub), "peerings": [
        { "type": "AzurePrivatePeering", "peerAsn": "65010", "vlanId": "100",
          "ipv6": { "primary": "fd00:20::/126", "secondary": "fd00:20::4/126" } } ] }))
}

fn microsoft_dual(sub: &str, key: &str) -> ValidPlan {
    plan(json!({ "version": 1, "circuit": circuit(sub), "peerings": [
        { "type": "MicrosoftPeering", "peerAsn": "12345", "vlanId": "300", "sharedKey": key,
          "ipv4": { "primary": "123.0.0.0/30", "secondary": "123.0.0.4/30", "advertisedPrefixes": ["123.1.0.0/24", "123.2.0.0/24"],
                    "routingRegistry": "ripencc", "routeFilter": "rf4" },
          "ipv6": { "primary": "2a01:111:f100::/126", "secondary": "2a01:111:f100::4/126", "advertisedPrefixes": ["2a01:111:f200::/48"],
                    "routingRegistry": "RIPENCC", "routeFilter": "rf6" } } ] }))
}

fn body(plan: &ValidPlan, opts: &EmitOptions) -> Value {
    serde_json::from_str(&arm_payloads(plan, opts)[0].body).unwrap()
}

#[test]
fn ipv6_only_body_has_no_top_level_state() {
    let p = private_v6_only(SUB);
    let b = body(&p, &EmitOptions::default());
    let props = &b["properties"];
    assert!(props.get("state").is_none());
    assert_eq!(props["ipv6PeeringConfig"]["state"], "Enabled");
    assert!(props.get("primaryPeerAddressPrefix").is_none());
    assert!(b.get("name").is_none() && b.get("id").is_none() && b.get("etag").is_none());
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert_eq!(payload.peering_type, PeeringType::AzurePrivatePeering);
    assert_eq!(
        payload.url.as_deref(),
        Some(format!("https://management.azure.com/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/expressRouteCircuits/ckt1/peerings/AzurePrivatePeering?api-version={ARM_API_VERSION}").as_str())
    );
    assert!(payload
        .rest_bash
        .contains("az rest --method put --url 'https://"));
    assert!(payload.rest_bash.contains("--body '@peering.json'"));
    assert!(payload.rest_powershell.contains("--body '@peering.json'"));
    // The verify step expects the top-level Disabled.
    let script = bash_script(&p, &EmitOptions::default());
    assert!(script.contains("--ip-version IPv6"));
    assert!(script.contains("top-level state Disabled"));
}

#[test]
fn dual_stack_body_carries_both_families_and_full_route_filter_ids() {
    let p = microsoft_dual(SUB, "Key1");
    let b = body(&p, &EmitOptions::default());
    let props = &b["properties"];
    assert_eq!(props["state"], "Enabled");
    assert_eq!(props["peerASN"], 12345);
    assert_eq!(props["vlanId"], 300);
    assert_eq!(
        props["microsoftPeeringConfig"]["advertisedPublicPrefixes"],
        json!(["123.1.0.0/24", "123.2.0.0/24"])
    );
    assert_eq!(
        props["microsoftPeeringConfig"]["routingRegistryName"],
        "RIPENCC"
    );
    assert_eq!(
        props["routeFilter"]["id"],
        format!(
            "/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/routeFilters/rf4"
        )
    );
    assert_eq!(
        props["ipv6PeeringConfig"]["routeFilter"]["id"],
        format!(
            "/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/routeFilters/rf6"
        )
    );
    assert_eq!(props["ipv6PeeringConfig"]["state"], "Enabled");
    assert!(props.get("sharedKey").is_none());
    let notes = &arm_payloads(&p, &EmitOptions::default())[0].notes;
    assert!(notes.iter().any(|n| n.contains("shared key is left out")));
    let inline = body(
        &p,
        &EmitOptions {
            inline_shared_key: true,
        },
    );
    assert_eq!(inline["properties"]["sharedKey"], "Key1");
}

#[test]
fn without_subscription_no_url_and_the_notes_ask_for_it() {
    let p = private_v6_only("");
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert!(payload.url.is_none());
    assert!(!payload.body.is_empty());
    assert!(!payload.rest_bash.contains("az rest --method"));
    assert!(payload.notes.iter().any(|n| n.contains("subscription")));
    // A bare route filter name needs the subscription for its full ID: no body with a placeholder.
    let p = microsoft_dual("", "");
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert!(payload.body.is_empty());
    assert!(payload
        .notes
        .iter()
        .any(|n| n.contains("route filter's full resource ID")));
    assert!(!payload.body.contains('<') && !payload.rest_bash.contains("<sub"));
}

#[test]
fn scripts_follow_the_cli_rules() {
    let p = microsoft_dual(SUB, "Key1");
    let bash = bash_script(&p, &EmitOptions::default());
    let ps = powershell_script(&p, &EmitOptions::default());
    assert!(
        bash.starts_with("# ") && bash.contains("\n( set -euo pipefail\n") && bash.ends_with(")\n")
    );
    assert!(ps.contains("\n& { $ErrorActionPreference = 'Stop'\n") && ps.ends_with("}\n"));
    assert!(bash.contains("--shared-key=\"$ER_SHARED_KEY\""));
    assert!(ps.contains("\"--shared-key=$env:ER_SHARED_KEY\""));
    assert!(!bash.contains("Key1") && !ps.contains("Key1"));
    // Every az line of the PowerShell block is followed by the exit-code check.
    let lines: Vec<&str> = ps.lines().map(str::trim_start).collect();
    let mut steps = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("az ") || line.contains("= az ") || line.contains("= (az ") {
            steps += 1;
            assert_eq!(
                lines[i + 1],
                format!("if ($LASTEXITCODE) {{ throw \"step {steps} failed\" }}")
            );
        }
    }
    assert_eq!(steps, 5);
    // Prefixes space-separated; the IPv6 list by =[] then --add, in order.
    assert!(bash.contains(
        "--advertised-public-prefixes 123.1.0.0/24 123.2.0.0/24 --routing-registry-name RIPENCC"
    ));
    let set = bash
        .find("'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]'")
        .unwrap();
    let add = bash.find("--add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48").unwrap();
    assert!(set < add);
    // Pre-flight before anything else; never `az account set`; no delete.
    let preflight = bash.find("az network express-route show").unwrap();
    assert!(preflight < bash.find("peering create").unwrap());
    assert!(!bash.contains("account set") && !bash.contains("delete"));
    // Clean-up blocks.
    let cleanup = bash_cleanup(&p);
    assert!(cleanup.contains("az network express-route peering delete --subscription"));
    assert!(cleanup.contains("Global Reach"));
    assert!(powershell_cleanup(&p).contains("if ($LASTEXITCODE) { throw \"step 1 failed\" }"));
}

/// A failing az step ends the bash block (and only the block).
#[test]
fn bash_block_stops_at_a_failed_step() {
    let p = microsoft_dual(SUB, "");
    let script = bash_script(&p, &EmitOptions::default());
    let failing = script.replacen("( set -euo pipefail\n", "( set -euo pipefail\n  az() { printf '%s\\0' \"$#\" \"$@\" >> \"$AZ_LOG\"; [ \"$4\" != create ] || return 1; [ \"$3\" != show ] || printf 'Provisioned\\nEnabled\\n'; }\n", 1);
    let run = run_bash(&format!("{failing}echo after-block\n"), &[]);
    let verbs: Vec<&str> = run
        .calls
        .iter()
        .map(|c| {
            if c[2] == "peering" {
                c[3].as_str()
            } else {
                c[2].as_str()
            }
        })
        .collect();
    assert_eq!(verbs, ["show", "create"], "{}", run.stderr);
    assert!(run.stdout.contains("after-block"));
}

/// Every block of a plan as text: both scripts, both clean-ups, every ARM body, URL, `az rest` line
/// and note.
fn every_block(p: &ValidPlan, opts: &EmitOptions) -> Vec<String> {
    let mut blocks = vec![
        bash_script(p, opts),
        powershell_script(p, opts),
        bash_cleanup(p),
        powershell_cleanup(p),
    ];
    for payload in arm_payloads(p, opts) {
        blocks.push(payload.body);
        blocks.extend(payload.url);
        blocks.push(payload.rest_bash);
        blocks.push(payload.rest_powershell);
        blocks.extend(payload.notes);
    }
    blocks
}

fn keyed_plan(private_key: Option<&str>, microsoft_key: Option<&str>) -> ValidPlan {
    let mut private = json!({ "type": "AzurePrivatePeering", "peerAsn": "65010", "vlanId": "100",
        "ipv4": { "primary": "10.0.0.0/30", "secondary": "10.0.0.4/30" } });
    let mut microsoft = json!({ "type": "MicrosoftPeering", "peerAsn": "12345", "vlanId": "300",
        "ipv4": { "primary": "123.0.0.0/30", "secondary": "123.0.0.4/30", "advertisedPrefixes": ["123.1.0.0/24"],
                  "routingRegistry": "ripencc", "routeFilter": "rf4" } });
    if let Some(k) = private_key {
        private["sharedKey"] = json!(k);
    }
    if let Some(k) = microsoft_key {
        microsoft["sharedKey"] = json!(k);
    }
    plan(json!({ "version": 1, "circuit": circuit(SUB), "peerings": [private, microsoft] }))
}

#[test]
fn with_inline_off_no_block_holds_a_shared_key() {
    let cases: [(Option<&str>, Option<&str>, &[&str]); 4] = [
        (Some("PrivKey7"), None, &["ER_SHARED_KEY"]),
        (None, Some("MsftKey8"), &["ER_SHARED_KEY"]),
        (Some("SameKey9"), Some("SameKey9"), &["ER_SHARED_KEY"]),
        (
            Some("PrivKey7"),
            Some("MsftKey8"),
            &["ER_SHARED_KEY_PRIVATE", "ER_SHARED_KEY_MICROSOFT"],
        ),
    ];
    for (private_key, microsoft_key, vars) in cases {
        let p = keyed_plan(private_key, microsoft_key);
        let keys: Vec<&str> = [private_key, microsoft_key].into_iter().flatten().collect();
        for block in every_block(&p, &EmitOptions::default()) {
            for key in &keys {
                assert!(
                    !block.contains(key),
                    "the key {key} is in a block with inline off:\n{block}"
                );
            }
        }
        let bash = bash_script(&p, &EmitOptions::default());
        for var in vars {
            assert!(bash.contains(&format!("${var}")), "{var} missing:\n{bash}");
            assert!(powershell_script(&p, &EmitOptions::default()).contains(&format!("$env:{var}")));
        }
        // With inline on, each key is there.
        let inline = EmitOptions {
            inline_shared_key: true,
        };
        let all = every_block(&p, &inline).join("\n");
        for key in &keys {
            assert!(all.contains(key), "the key {key} is missing with inline on");
        }
    }
}
