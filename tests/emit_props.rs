//! Property tests: for generated valid plans (names with parentheses, periods, dashes; with and without
//! subscription and shared key; every family mix), the bash block runs in real bash, and the Windows
//! PowerShell block hands `az` exactly the same argv through the three-layer model.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::emit::{
    bash_cleanup, bash_script, powershell_cleanup, powershell_script, EmitOptions,
};
use proptest::prelude::*;
use serde_json::json;
use support::{run_bash, STUB_SUBSCRIPTION};

fn family(v6: bool, n: u8, microsoft: bool, route_filter: Option<String>) -> serde_json::Value {
    let (primary, secondary) = match (v6, microsoft) {
        (false, false) => (format!("10.{n}.0.0/30"), format!("10.{n}.0.4/30")),
        (true, false) => (format!("fd00:{n:x}::/126"), format!("fd00:{n:x}::4/126")),
        (false, true) => (format!("123.{n}.0.0/30"), format!("123.{n}.0.4/30")),
        (true, true) => (
            format!("2a01:111:{n:x}::/126"),
            format!("2a01:111:{n:x}::4/126"),
        ),
    };
    let mut f = json!({ "primary": primary, "secondary": secondary });
    if microsoft {
        f["advertisedPrefixes"] = if v6 {
            json!([format!("2a01:222:{n:x}::/48")])
        } else {
            json!([format!("124.{n}.0.0/24")])
        };
        f["routingRegistry"] = json!("ARIN");
        if let Some(rf) = route_filter {
            f["routeFilter"] = json!(rf);
        }
    }
    f
}

prop_compose! {
    fn plan_json()(
        rg in "[A-Za-z0-9_()][A-Za-z0-9_().-]{0,12}[A-Za-z0-9_()-]",
        circuit in "[A-Za-z0-9][A-Za-z0-9_.-]{0,10}[A-Za-z0-9_]",
        with_sub in any::<bool>(),
        key in proptest::option::of("Zq[A-Za-z0-9]{6,12}"),
        private_families in 0u8..4,
        microsoft_families in 0u8..4,
        route_filter in proptest::option::of("[A-Za-z0-9][A-Za-z0-9_.-]{0,8}[A-Za-z0-9_]"),
        asn in 64512u32..65514,
    ) -> String {
        let mut peerings = Vec::new();
        let fam = |bits: u8, microsoft: bool, n: u8| {
            let v4 = if bits & 1 == 1 || bits == 0 { family(false, n, microsoft, route_filter.clone()) } else { serde_json::Value::Null };
            let v6 = if bits & 2 == 2 { family(true, n, microsoft, route_filter.clone()) } else { serde_json::Value::Null };
            (v4, v6)
        };
        if private_families != 0 || microsoft_families == 0 {
            let (v4, v6) = fam(private_families, false, 1);
            peerings.push(json!({ "type": "AzurePrivatePeering", "peerAsn": asn.to_string(), "vlanId": "100",
                                  "sharedKey": key.clone().unwrap_or_default(), "ipv4": v4, "ipv6": v6 }));
        }
        if microsoft_families != 0 {
            let (v4, v6) = fam(microsoft_families, true, 2);
            peerings.push(json!({ "type": "MicrosoftPeering", "peerAsn": "12345", "vlanId": "200",
                                  "sharedKey": key.clone().unwrap_or_default(), "ipv4": v4, "ipv6": v6 }));
        }
        let sub = if with_sub { "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e" } else { "" };
        json!({ "version": 1, "circuit": { "subscription": sub, "resourceGroup": rg, "name": circuit },
                "peerings": peerings }).to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn bash_and_powershell_agree_on_generated_plans(text in plan_json(), inline in any::<bool>()) {
        let doc = peering_planner::domain::document::PlanDocument::from_json(&text).unwrap();
        let analysis = peering_planner::domain::validate::analyze(&doc);
        prop_assume!(analysis.plan.is_some());
        let plan = analysis.plan.unwrap();
        let key = doc.peerings.iter().map(|p| p.shared_key.clone()).find(|k| !k.is_empty()).unwrap_or_default();
        let env = vec![("ER_SHARED_KEY".to_string(), key.clone())];
        let env_refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let opts = EmitOptions { inline_shared_key: inline };
        for (main, bash_text, ps_text) in [
            (true, bash_script(&plan, &opts), powershell_script(&plan, &opts)),
            (false, bash_cleanup(&plan), powershell_cleanup(&plan)),
        ] {
            prop_assert!(!bash_text.starts_with("# No commands"), "{}", bash_text);
            let run = run_bash(&bash_text, &env_refs);
            prop_assert_eq!(run.status, 0, "{}\n{}", run.stderr, bash_text);
            let ps = psmodel::az_lines_through_model(&ps_text, STUB_SUBSCRIPTION, &env);
            prop_assert_eq!(&run.calls, &ps);
            // The names arrive exactly as planned.
            for call in &run.calls {
                if let Some(i) = call.iter().position(|a| a == "-g") {
                    prop_assert_eq!(&call[i + 1], plan.circuit.resource_group.as_str());
                }
            }
            if !inline && !key.is_empty() {
                prop_assert!(!bash_text.contains(&key) && !ps_text.contains(&key));
            }
            if main && !key.is_empty() {
                let expected = format!("--shared-key={}", key);
                prop_assert!(run.calls.iter().any(|c| c.contains(&expected)));
            }
        }
    }
}
