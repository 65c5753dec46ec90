//! Property tests: for generated valid plans (names with parentheses, periods, dashes; with and without
//! subscription and shared key; every family mix; new circuits and live circuits with a baseline),
//! every emitter is total (each block renders, never "# No commands") and its quoting survives the
//! names: every az command of each bash block runs in real bash (az recorded), the PowerShell block
//! hands az exactly the same argv in every PowerShell host through the model, and the names arrive
//! exactly as planned. Without a baseline the main and clean-up blocks also run whole in real bash.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::{
    arm_payloads, cleanup, main_script, rest_block, rollback, EmitOptions, Shell,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};
use support::{bash_block_commands, run_bash, STUB_SUBSCRIPTION};

const SUB: &str = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e";

fn family(v6: bool, n: u8, microsoft: bool, route_filter: Option<String>) -> Value {
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

/// The peerings of a plan document: bit 1 of `*_families` is IPv4, bit 2 IPv6 (0 on the private
/// peering means IPv4 only; 0 on the Microsoft peering means no Microsoft peering). `n` numbers the
/// addresses; `vlans` are the private and Microsoft VLANs.
fn peerings(
    private_families: u8,
    microsoft_families: u8,
    n: u8,
    asn: u32,
    vlans: (u16, u16),
    key: &str,
    route_filter: &Option<String>,
) -> Vec<Value> {
    let fam = |bits: u8, microsoft: bool, n: u8| {
        let v4 = if bits & 1 == 1 || bits == 0 {
            family(false, n, microsoft, route_filter.clone())
        } else {
            Value::Null
        };
        let v6 = if bits & 2 == 2 {
            family(true, n, microsoft, route_filter.clone())
        } else {
            Value::Null
        };
        (v4, v6)
    };
    let mut out = Vec::new();
    if private_families != 0 || microsoft_families == 0 {
        let (v4, v6) = fam(private_families, false, n);
        out.push(json!({ "type": "AzurePrivatePeering", "peerAsn": asn.to_string(), "vlanId": vlans.0.to_string(),
                         "sharedKey": key, "ipv4": v4, "ipv6": v6 }));
    }
    if microsoft_families != 0 {
        let (v4, v6) = fam(microsoft_families, true, n + 1);
        out.push(
            json!({ "type": "MicrosoftPeering", "peerAsn": "12345", "vlanId": vlans.1.to_string(),
                         "sharedKey": key, "ipv4": v4, "ipv6": v6 }),
        );
    }
    out
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
        let peerings = peerings(private_families, microsoft_families, 1, asn, (100, 200),
                                &key.unwrap_or_default(), &route_filter);
        let sub = if with_sub { SUB } else { "" };
        json!({ "version": 1, "circuit": { "subscription": sub, "resourceGroup": rg, "name": circuit },
                "peerings": peerings }).to_string()
    }
}

prop_compose! {
    /// A plan with a baseline (change mode): the live peerings are generated like the planned ones,
    /// with their own families, ASN, VLANs, addresses and route filters (as full IDs, as imported), and
    /// a Global Reach connection on the live private peering, so the blocks create, update, keep and
    /// drop peerings.
    fn change_plan_json()(
        plan in plan_json(),
        live_private in 0u8..4,
        live_microsoft in 0u8..4,
        same_addresses in any::<bool>(),
        live_asn in 64512u32..65514,
        live_vlans in prop_oneof![Just((100u16, 200u16)), Just((150, 250))],
        live_filter in proptest::option::of("[A-Za-z0-9][A-Za-z0-9_.-]{0,8}[A-Za-z0-9_]"),
        connection in proptest::option::of("[A-Za-z0-9][A-Za-z0-9_.-]{0,8}[A-Za-z0-9_]"),
    ) -> String {
        let mut doc: Value = serde_json::from_str(&plan).unwrap();
        let rg = doc["circuit"]["resourceGroup"].as_str().unwrap().to_string();
        let circuit = doc["circuit"]["name"].as_str().unwrap().to_string();
        let filter_id = live_filter.map(|name| {
            format!("/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Network/routeFilters/{name}")
        });
        let n = if same_addresses { 1 } else { 5 };
        let mut live = peerings(live_private, live_microsoft, n, live_asn, live_vlans, "", &filter_id);
        for peering in &mut live {
            peering.as_object_mut().unwrap().remove("sharedKey");
            if peering["type"] == "AzurePrivatePeering" {
                if let Some(name) = &connection {
                    let cid = format!("/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Network/expressRouteCircuits/{circuit}/peerings/AzurePrivatePeering");
                    peering["connections"] = json!([{ "name": name, "id": format!("{cid}/connections/{name}"),
                        "addressPrefix": "10.255.0.0/29", "expressRouteCircuitPeering": { "id": cid } }]);
                }
            }
            let state = if peering["ipv4"].is_null() { "Disabled" } else { "Enabled" };
            peering["liveProperties"] = json!({ "state": state });
        }
        doc["baseline"] = json!({ "peerings": live });
        doc.to_string()
    }
}

fn valid(text: &str) -> Option<(PlanDocument, ValidPlan)> {
    let doc = PlanDocument::from_json(text).unwrap();
    let plan = analyze(&doc).plan?;
    Some((doc, plan))
}

/// One argv per az call.
type Argvs = Vec<Vec<String>>;

/// The argv of every az command of a (bash, PowerShell) pair of blocks; they must agree in every
/// PowerShell host, and so must the commands printed for later.
fn agreed_argv(bash_text: &str, ps_text: &str, key: &str) -> Result<(Argvs, Argvs), TestCaseError> {
    let vars = [
        ("er_key", key),
        ("er_key_private", key),
        ("er_key_microsoft", key),
        ("er_subscription", STUB_SUBSCRIPTION),
    ];
    let (calls, later) = bash_block_commands(bash_text, &vars);
    let mut env = psmodel::ps_env(STUB_SUBSCRIPTION, key);
    for var in ["erKeyPrivate", "erKeyMicrosoft"] {
        env.ps_vars.insert(var.to_string(), key.to_string());
    }
    for host in psmodel::Host::ALL {
        let ps = psmodel::block_argvs(ps_text, host, &env);
        prop_assert!(ps.is_ok(), "{:?}: {:?}\n{}", host, ps, ps_text);
        prop_assert_eq!(
            &calls,
            &ps.unwrap(),
            "{:?}: bash and PowerShell argv differ",
            host
        );
    }
    let mut ps_later = Vec::new();
    for rest in ps_text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("#   az "))
    {
        match psmodel::run_az(&format!("az {rest}"), &env) {
            psmodel::Outcome::Argv(argv) => ps_later.push(argv),
            broken => prop_assert!(false, "{:?}", broken),
        }
    }
    prop_assert_eq!(&later, &ps_later, "commands to run later differ");
    Ok((calls, later))
}

/// The names reach az exactly as planned: the resource group after `-g`, the circuit after
/// `--circuit-name` (peering commands) or `-n` (circuit commands), the subscription after
/// `--subscription`.
fn names_arrive(plan: &ValidPlan, calls: &[Vec<String>]) -> Result<(), TestCaseError> {
    let c = &plan.circuit;
    for call in calls.iter().filter(|c| c[0] == "network") {
        let after = |flag: &str| {
            call.iter()
                .position(|a| a == flag)
                .map(|i| call[i + 1].clone())
        };
        prop_assert_eq!(
            after("-g"),
            Some(c.resource_group.as_str().to_string()),
            "{:?}",
            call
        );
        prop_assert_eq!(
            after("--subscription"),
            c.subscription.as_ref().map(|s| s.as_str().to_string()),
            "{:?}",
            call
        );
        if call[2] == "peering" {
            prop_assert_eq!(
                after("--circuit-name"),
                Some(c.name.as_str().to_string()),
                "{:?}",
                call
            );
        } else {
            prop_assert_eq!(after("-n"), Some(c.name.as_str().to_string()), "{:?}", call);
        }
    }
    Ok(())
}

/// Every delete of a clean-up block sits in a step that names the opt-in of the peering it deletes
/// (`ER_DELETE_<PEERING>`; for a Global Reach connection, the peering it belongs to).
fn deletes_are_opted_in(block: &str) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = block.lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("az network express-route peering ") || !line.contains(" delete ") {
            continue;
        }
        let words: Vec<&str> = line.split(' ').collect();
        let flag = if words[4] == "connection" {
            "--peering-name"
        } else {
            "-n"
        };
        let peering = words
            .iter()
            .position(|w| *w == flag)
            .map(|k| words[k + 1].trim_matches('\'').to_ascii_uppercase());
        prop_assert!(peering.is_some(), "{}", line);
        let start = lines[..i]
            .iter()
            .rposition(|l| l.starts_with("# Step "))
            .unwrap_or(0);
        let step = lines[start..i].join("\n");
        let opt_in = format!("ER_DELETE_{}", peering.unwrap());
        prop_assert!(
            step.contains(&opt_in),
            "{} not guarded by {}:\n{}",
            line,
            opt_in,
            step
        );
    }
    Ok(())
}

/// What every plan's blocks must hold, with or without a baseline; returns the main script's argv.
fn check_every_block(
    doc: &PlanDocument,
    plan: &ValidPlan,
    inline: bool,
) -> Result<Vec<Vec<String>>, TestCaseError> {
    let key = doc
        .peerings
        .iter()
        .map(|p| p.shared_key.clone())
        .find(|k| !k.is_empty())
        .unwrap_or_default();
    let opts = EmitOptions {
        inline_shared_key: inline,
    };
    let main = (
        main_script(plan, &opts, Shell::Bash),
        main_script(plan, &opts, Shell::PowerShell),
    );
    let mut pairs = vec![
        ("main", main.clone()),
        (
            "cleanup",
            (cleanup(plan, Shell::Bash), cleanup(plan, Shell::PowerShell)),
        ),
        (
            "rollback",
            (
                rollback(plan, Shell::Bash),
                rollback(plan, Shell::PowerShell),
            ),
        ),
    ];
    let payloads = arm_payloads(plan, &opts);
    prop_assert_eq!(payloads.len(), plan.peerings.len());
    for payload in &payloads {
        let c = &plan.circuit;
        let sub = c
            .subscription
            .as_ref()
            .map(|s| s.as_str())
            .unwrap_or("{subscriptionId}");
        prop_assert_eq!(
            &payload.url,
            &format!(
                "/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.Network/expressRouteCircuits/{}/peerings/{}?api-version={}",
                c.resource_group.as_str(),
                c.name.as_str(),
                payload.peering_type.as_str(),
                peering_planner::emit::ARM_API_VERSION
            )
        );
        prop_assert_eq!(payload.body.is_empty(), payload.rest.is_none());
        if !payload.body.is_empty() {
            let body: Value = serde_json::from_str(&payload.body).unwrap();
            prop_assert_eq!(
                &body["properties"]["peeringType"],
                payload.peering_type.as_str()
            );
            // Keys in alphabetical order: the text is what serde_json's sorted map prints.
            prop_assert_eq!(
                &payload.body,
                &format!("{}\n", serde_json::to_string_pretty(&body).unwrap())
            );
            prop_assert_eq!(
                body["properties"].get("sharedKey").is_some(),
                inline && !key.is_empty()
            );
        }
        pairs.push((
            "rest",
            (
                rest_block(plan, payload, Shell::Bash),
                rest_block(plan, payload, Shell::PowerShell),
            ),
        ));
    }
    for (kind, (bash_text, ps_text)) in &pairs {
        prop_assert!(!bash_text.starts_with("# No commands"), "{}", bash_text);
        prop_assert!(!ps_text.starts_with("# No commands"), "{}", ps_text);
        // Every bash block is a here-document run by bash, a note (a block without commands) too;
        // every PowerShell block sets Legacy argument passing for itself, a note is only comments.
        prop_assert!(
            bash_text.starts_with("bash -s <<'ER_PLANNER'\n"),
            "{}",
            bash_text
        );
        prop_assert!(bash_text.ends_with("\nER_PLANNER\n"), "{}", bash_text);
        let note = !bash_text.contains("\nset -euo pipefail\n");
        prop_assert_eq!(
            note,
            ps_text.lines().all(|l| l.starts_with('#')),
            "{}",
            ps_text
        );
        if !note {
            prop_assert!(
                ps_text.contains("\n& {\n  $ErrorActionPreference = 'Stop'\n"),
                "{}",
                ps_text
            );
            prop_assert!(
                ps_text.contains("\n  $PSNativeCommandArgumentPassing = 'Legacy'\n"),
                "{}",
                ps_text
            );
        }
        let (calls, later) = agreed_argv(bash_text, ps_text, &key)?;
        if note {
            prop_assert!(calls.is_empty() && later.is_empty(), "{}", bash_text);
        }
        names_arrive(plan, &calls)?;
        names_arrive(plan, &later)?;
        for call in &calls {
            let words = call.join(" ");
            if *kind != "cleanup" {
                prop_assert!(
                    !call.contains(&"delete".to_string()),
                    "{} deletes: {}",
                    kind,
                    words
                );
            }
            if call.len() > 3 && call[2] == "peering" && call[3] == "update" {
                prop_assert!(!call.contains(&"--ip-version".to_string()), "{}", words);
                prop_assert!(!call.contains(&"--peering-type".to_string()), "{}", words);
            }
            let writes = call[0] == "rest"
                || (call[2] == "peering"
                    && ["create", "update", "delete", "connection"].contains(&call[3].as_str()));
            if writes {
                prop_assert!(words.ends_with(" -o none"), "{}", words);
            }
        }
        if *kind == "cleanup" {
            deletes_are_opted_in(bash_text)?;
            deletes_are_opted_in(ps_text)?;
        }
        if !inline && !key.is_empty() {
            prop_assert!(
                !bash_text.contains(&key) && !ps_text.contains(&key),
                "{}",
                kind
            );
        }
    }
    // Terraform: the key only when ticked (as a variable default), braces balanced outside strings,
    // and every peering's VLAN in its resource.
    let tf = peering_planner::emit::terraform::terraform(plan, &opts);
    if !key.is_empty() {
        prop_assert_eq!(tf.contains(&format!("\"{key}\"")), inline, "{}", tf);
    }
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    // Our strings never span lines, and a comment line holds no code.
    for c in tf
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| l.chars().chain(['\n']))
    {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{') => depth += 1,
            (false, _, '}') => depth -= 1,
            _ => {}
        }
        prop_assert!(depth >= 0, "{}", tf);
    }
    prop_assert!(depth == 0 && !in_string, "{}", tf);
    for p in &plan.peerings {
        let line = format!("= {}", p.vlan_id);
        prop_assert!(
            tf.lines()
                .any(|l| l.trim_start().starts_with("vlan_id ") && l.ends_with(&line)),
            "{}",
            tf
        );
    }
    // The key reaches az exactly, from the block variable or inlined.
    let (calls, _) = agreed_argv(&main.0, &main.1, &key)?;
    if !key.is_empty() {
        let creates = calls.iter().filter(|c| c.len() > 3 && c[3] == "create");
        for create in creates {
            prop_assert!(
                create.contains(&format!("--shared-key={key}")),
                "{:?}",
                create
            );
        }
    }
    Ok(calls)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn bash_and_powershell_agree_on_generated_plans(text in plan_json(), inline in any::<bool>()) {
        let valid = valid(&text);
        prop_assume!(valid.is_some());
        let (doc, plan) = valid.unwrap();
        let calls = check_every_block(&doc, &plan, inline)?;
        // Run whole in real bash against a circuit without peerings: the main block runs every step
        // (the key from the environment), the clean-up deletes nothing without an opt-in.
        let key = doc.peerings.iter().map(|p| p.shared_key.clone()).find(|k| !k.is_empty()).unwrap_or_default();
        let env = [
            ("ER_SHARED_KEY", key.as_str()),
            ("ER_SHARED_KEY_PRIVATE", key.as_str()),
            ("ER_SHARED_KEY_MICROSOFT", key.as_str()),
        ];
        let opts = EmitOptions { inline_shared_key: inline };
        let main = main_script(&plan, &opts, Shell::Bash);
        let run = run_bash(&main, &env);
        prop_assert_eq!(run.status, 0, "{}\n{}", run.stderr, main);
        prop_assert_eq!(&run.calls, &calls);
        let clean = cleanup(&plan, Shell::Bash);
        let run = run_bash(&clean, &env);
        prop_assert_eq!(run.status, 0, "{}\n{}", run.stderr, clean);
        // Only reads: the subscription (for a bare route filter name) and the circuit.
        for call in &run.calls {
            prop_assert!(call[..2] == ["account", "show"] || call[..3] == ["network", "express-route", "show"], "{:?}", call);
        }
        // No baseline, no rollback: a note that runs nothing.
        let back = rollback(&plan, Shell::Bash);
        prop_assert!(back.contains("No rollback:"), "{}", back);
        let run = run_bash(&back, &env);
        prop_assert_eq!((run.status, run.calls.len()), (0, 0), "{}", run.stderr);
    }

    #[test]
    fn bash_and_powershell_agree_on_generated_changes(text in change_plan_json(), inline in any::<bool>()) {
        let valid = valid(&text);
        prop_assume!(valid.is_some());
        let (doc, plan) = valid.unwrap();
        prop_assert!(plan.baseline.is_some());
        check_every_block(&doc, &plan, inline)?;
    }
}
