//! Change mode, outputs (§6, §8, §9, §11.2): minimal `update` commands for what changed only, nothing
//! for what did not, the key only when typed, BGP-reset comments before the command, live peerings the
//! plan drops only in the clean-up (with a per-peering opt-in), the rollback from the baseline, the ARM
//! body with the imported connections and carried live values.
//!
//! Every block is proven three ways: its exact command lines; the argv of every az command it holds,
//! cut out and run in real bash (az recorded) and through the PowerShell model of every host, which must
//! agree; and a run of the whole bash block against a simulated live circuit (the one circuit read is
//! answered from az-shaped JSON, every other az call is recorded), which shows the guards: nothing is
//! written when the live circuit conflicts, and a step whose values are already live skips itself.
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
    arm_payloads, cleanup, main_script, rest_block, rollback, EmitOptions, Shell, ARM_API_VERSION,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::{assert_keys_sorted, bash_block_commands, run_bash, BashRun, STUB_SUBSCRIPTION};

const SUB: &str = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e";
const CID: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/CKT";
const RF: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/routeFilters";
/// The start of every command of the fixture circuit (`peering` commands).
const PEERING: &str = "az network express-route peering";
const SCOPE: &str = "--subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g RG --circuit-name CKT";

/// A live dual-stack Microsoft peering and a live private peering, as `az network express-route show`.
fn live_circuit() -> Value {
    json!({
        "id": CID, "name": "CKT", "type": "Microsoft.Network/expressRouteCircuits",
        "serviceProviderProvisioningState": "Provisioned", "circuitProvisioningState": "Enabled",
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
                                        "routingRegistryName": "RIPENCC", "legacyMode": 0,
                                        "advertisedCommunities": ["12076:5010"]},
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
    imported_from(&live_circuit())
}

fn imported_from(live: &Value) -> Value {
    let import = import_live(&live.to_string()).unwrap();
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

fn bash(plan: &ValidPlan) -> String {
    main_script(plan, &EmitOptions::default(), Shell::Bash)
}

fn powershell(plan: &ValidPlan) -> String {
    main_script(plan, &EmitOptions::default(), Shell::PowerShell)
}

/// The `peering update` commands of a block, as written (bash: without the `|| er_stop ...` tail).
fn update_lines(block: &str) -> Vec<String> {
    command_lines(block, "az network express-route peering update")
}

/// The lines of a block that run (not comments) and start with `start`, without the bash stop tail.
fn command_lines(block: &str, start: &str) -> Vec<String> {
    block
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(start))
        .map(|l| l.split(" || er_stop ").next().unwrap().to_string())
        .collect()
}

/// The az argv of every command a (bash, PowerShell) pair of blocks holds: the bash one cut out and run
/// in real bash, the PowerShell one through the model of every host; both must agree. Also the commands
/// printed for later, which must agree too. `key` is the text the block's key variables hold.
fn agreed_argv(bash_text: &str, ps_text: &str, key: &str) -> Vec<Vec<String>> {
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
        let ps = psmodel::block_argvs(ps_text, host, &env)
            .unwrap_or_else(|e| panic!("{host:?}: {e}\n{ps_text}"));
        assert_eq!(calls, ps, "{host:?}: bash and PowerShell argv differ");
    }
    let ps_later: Vec<Vec<String>> = ps_text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("#   az "))
        .map(|rest| match psmodel::run_az(&format!("az {rest}"), &env) {
            psmodel::Outcome::Argv(argv) => argv,
            broken => panic!("{broken:?}"),
        })
        .collect();
    assert_eq!(later, ps_later, "commands to run later differ");
    calls
}

/// The argv of every command of the main script in both shells (default options).
fn main_argv(plan: &ValidPlan, key: &str) -> Vec<Vec<String>> {
    agreed_argv(&bash(plan), &powershell(plan), key)
}

/// The lines of a block that are not comments.
fn code(block: &str) -> impl Iterator<Item = &str> {
    block.lines().filter(|l| !l.trim_start().starts_with('#'))
}

fn words(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_string).collect()
}

// ---------- a simulated live circuit ----------

/// JMESPath's `to_string()`: a string as is, anything else as compact JSON (`null` when missing).
fn to_string(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(other) => serde_json::to_string(other).unwrap(),
        None => "null".into(),
    }
}

/// A dotted JMESPath with `name[]` projections, on a peering as az prints it.
fn lookup(value: &Value, path: &str) -> Option<Value> {
    let Some((head, rest)) = path.split_once('.') else {
        return value.get(path).filter(|v| !v.is_null()).cloned();
    };
    if let Some(list) = head.strip_suffix("[]") {
        let items = value.get(list)?.as_array()?;
        return Some(Value::Array(
            items.iter().filter_map(|i| lookup(i, rest)).collect(),
        ));
    }
    lookup(value.get(head)?, rest)
}

/// What `az network express-route show --query <the block's query> -o tsv` prints for `circuit`: the
/// query is read from the block itself (so a change of its columns is followed, not assumed).
fn circuit_read_output(block: &str, circuit: &Value) -> String {
    let line = block
        .lines()
        .find(|l| l.starts_with("er_circuit=$(az network express-route show "))
        .unwrap_or_else(|| panic!("no circuit read in\n{block}"));
    let query = line
        .split("--query '")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    let columns = query
        .strip_prefix("[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[")
        .and_then(|q| q.strip_suffix("]][]"))
        .unwrap_or_else(|| panic!("unexpected circuit query {query}"));
    let mut out = vec![
        to_string(circuit.get("serviceProviderProvisioningState")),
        to_string(circuit.get("circuitProvisioningState")),
    ];
    for peering in circuit["peerings"].as_array().into_iter().flatten() {
        let cells: Vec<String> = columns
            .split(',')
            .map(|c| {
                match c
                    .strip_prefix("to_string(")
                    .and_then(|c| c.strip_suffix(')'))
                {
                    Some(path) => to_string(lookup(peering, path).as_ref()),
                    None => to_string(lookup(peering, c).as_ref()),
                }
            })
            .collect();
        out.push(cells.join("\t"));
    }
    out.join("\n")
}

/// Runs a whole bash block in real bash against `circuit`: the circuit read is answered from it, every
/// other az call goes to the recording stub (peerings `Succeeded`, no Global Reach connection left).
/// With `ER_TEST_SECRET` set, the az stand-in reports every call after the circuit read (which runs
/// before the block reads the key) whose environment holds that text.
fn run_against(block: &str, circuit: &Value, env: &[(&str, &str)]) -> BashRun {
    const FAKE: &str = r#"az() {
  if [ "$1 $2 $3" = 'network express-route show' ]; then
    { printf '%s\0' "$#"; printf '%s\0' "$@"; } >> "$AZ_LOG"
    printf '%s\n' "$ER_TEST_CIRCUIT"
    return 0
  fi
  if [ -n "${ER_TEST_SECRET:-}" ] && env | grep -v '^ER_TEST_SECRET=' | grep -qF "$ER_TEST_SECRET"; then
    echo "LEAK: az $* inherits the shared key" >&2
  fi
  command az "$@"
}
"#;
    assert!(block.contains("\nset -f\n"), "{block}");
    let text = block.replacen("\nset -f\n", &format!("\nset -f\n{FAKE}"), 1);
    let read = circuit_read_output(block, circuit);
    let mut all: Vec<(&str, &str)> = vec![("ER_TEST_CIRCUIT", &read)];
    all.extend_from_slice(env);
    let run = run_bash(&text, &all);
    assert!(!run.stderr.contains("LEAK"), "{}", run.stderr);
    run
}

/// [`run_against`] in a folder of its own that holds `body` (when given) as `peering.json`, the file
/// the az rest blocks send.
fn run_with_body(block: &str, circuit: &Value, body: Option<&str>) -> BashRun {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "change-emit-body-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(body) = body {
        std::fs::write(dir.join("peering.json"), body).unwrap();
    }
    let text = format!("cd '{}' || exit 9\n{block}", dir.display());
    let run = run_against(&text, circuit, &[]);
    let _ = std::fs::remove_dir_all(&dir);
    run
}

/// The calls of a run that write (everything but reads).
fn writes(run: &BashRun) -> Vec<Vec<String>> {
    run.calls
        .iter()
        .filter(|c| {
            let verb = if c[0] == "network" && c[2] == "peering" {
                c[3].as_str()
            } else {
                c[0].as_str()
            };
            !matches!(verb, "show" | "account" | "network")
        })
        .cloned()
        .collect()
}

/// `f` applied to the peering `name` of a circuit.
fn edit_peering(circuit: &mut Value, name: &str, f: impl FnOnce(&mut Value)) {
    let peering = circuit["peerings"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == name)
        .unwrap();
    f(peering);
}

fn remove(value: &mut Value, path: &str) {
    match path.split_once('.') {
        None => {
            value.as_object_mut().unwrap().remove(path);
        }
        Some((head, rest)) => remove(&mut value[head], rest),
    }
}

// ---------- tests ----------

#[test]
fn nothing_changed_means_no_command() {
    let plan = plan_of(&imported());
    let script = bash(&plan);
    assert!(update_lines(&script).is_empty(), "{script}");
    assert!(!script.contains("peering create"), "{script}");
    assert!(
        script.contains("AzurePrivatePeering: no change from the live peering; nothing to run.")
    );
    assert!(script.contains("MicrosoftPeering: no change from the live peering; nothing to run."));
    // Only the one read of the circuit, in both shells.
    let calls = main_argv(&plan, "");
    assert_eq!(calls.len(), 1, "only the circuit read: {calls:?}");
    assert_eq!(calls[0][..3], ["network", "express-route", "show"]);
    let run = run_against(&script, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.calls, calls);
    // Nothing to delete, nothing to restore: no az command at all.
    for shell_pair in [
        (
            cleanup(&plan, Shell::Bash),
            cleanup(&plan, Shell::PowerShell),
        ),
        (
            rollback(&plan, Shell::Bash),
            rollback(&plan, Shell::PowerShell),
        ),
    ] {
        assert!(
            agreed_argv(&shell_pair.0, &shell_pair.1, "").is_empty(),
            "{}",
            shell_pair.0
        );
    }
    let clean = cleanup(&plan, Shell::Bash);
    assert!(!clean.contains("peering delete"), "{clean}");
    assert!(clean.contains("# Nothing to delete"), "{clean}");
    let back = rollback(&plan, Shell::Bash);
    assert!(
        back.contains("# MicrosoftPeering: the plan does not change it; nothing to restore."),
        "{back}"
    );
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
    for script in [bash(&plan), powershell(&plan)] {
        assert!(update_lines(&script).is_empty(), "{script}");
        assert!(
            script.contains("MicrosoftPeering: no change from the live peering; nothing to run."),
            "{script}"
        );
    }
    // A different name is still a change: the update names it (az resolves it in the circuit's
    // group), and its guard compares the full ID under the subscription the block reads first.
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("rf5");
    let plan = plan_of(&doc);
    let script = bash(&plan);
    assert_eq!(
        update_lines(&script),
        ["az network express-route peering update -g RG --circuit-name CKT -n MicrosoftPeering --route-filter rf5 -o none"],
        "{script}"
    );
    assert!(
        script.contains("    routeFilter.id \"/subscriptions/$er_subscription/resourceGroups/RG/providers/Microsoft.Network/routeFilters/rf5\"; then"),
        "{script}"
    );
    let calls = main_argv(&plan, "");
    assert_eq!(calls[0], ["account", "show", "--query", "id", "-o", "tsv"]);
    assert_eq!(calls[1][..3], ["network", "express-route", "show"]);
    // Against the live circuit (az account show answers the circuit's subscription): the update runs
    // once; run again once the filter is attached, it skips itself.
    let sub = [("AZ_STUB_SUBSCRIPTION", SUB)];
    let run = run_against(&script, &live_circuit(), &sub);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        writes(&run),
        [words("network express-route peering update -g RG --circuit-name CKT -n MicrosoftPeering --route-filter rf5 -o none")]
    );
    let mut after = live_circuit();
    edit_peering(&mut after, "MicrosoftPeering", |p| {
        p["routeFilter"]["id"] = json!(format!("{RF}/RF5"))
    });
    let rerun = run_against(&script, &after, &sub);
    assert_eq!(rerun.status, 0, "{}", rerun.stderr);
    assert!(writes(&rerun).is_empty(), "{:?}", rerun.calls);
    assert!(rerun
        .stdout
        .contains("skipped: MicrosoftPeering already holds these values."));
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
    assert!(update_lines(&bash(&plan)).is_empty());
    assert_eq!(main_argv(&plan, "").len(), 1);
}

#[test]
fn a_typed_key_is_sent_an_empty_key_never() {
    let mut doc = imported();
    let plan = plan_of(&doc);
    for text in [bash(&plan), powershell(&plan)] {
        assert!(!text.contains("--shared-key"), "{text}");
        assert!(
            !text.contains("ER_SHARED_KEY") && !text.contains("er_key") && !text.contains("erKey")
        );
    }
    doc["peerings"][0]["sharedKey"] = json!("A1bCD2ef");
    let plan = plan_of(&doc);
    let script = bash(&plan);
    let ps = powershell(&plan);
    let update =
        format!("{PEERING} update {SCOPE} -n AzurePrivatePeering --shared-key=\"$er_key\" -o none");
    assert_eq!(
        update_lines(&script),
        std::slice::from_ref(&update),
        "{script}"
    );
    assert_eq!(
        update_lines(&ps),
        [format!(
            "{PEERING} update {SCOPE} -n AzurePrivatePeering \"--shared-key=$erKey\" -o none"
        )],
        "{ps}"
    );
    assert!(!script.contains("A1bCD2ef") && !ps.contains("A1bCD2ef"));
    // Read into a block variable, never exported, the environment variable unset for az; removed at
    // the end.
    assert!(
        script.contains("\ner_key=${ER_SHARED_KEY:-}\nunset ER_SHARED_KEY\n"),
        "{script}"
    );
    assert!(code(&script).all(|l| !l.contains("export")), "{script}");
    assert!(script.ends_with("unset er_key\nER_PLANNER\n"), "{script}");
    assert!(ps.contains("\n    $erKey = $env:ER_SHARED_KEY\n"), "{ps}");
    assert!(ps.contains("Remove-Variable -Name erKey"), "{ps}");
    // The consequence is named before the command; the key cannot be read back, so the step runs
    // every time (no skip).
    let before =
        script.find("# This resets the BGP sessions of AzurePrivatePeering (the shared key)");
    let at = script.find(&update).unwrap();
    assert!(before.is_some_and(|b| b < at), "{script}");
    assert!(script.contains("# The shared key is never read back, so this step cannot tell"));
    assert!(
        script[..at].ends_with("# Step 2: update the live AzurePrivatePeering.\n"),
        "{script}"
    );
    // What az receives, in both shells.
    let calls = main_argv(&plan, "A1bCD2ef");
    assert!(
        calls[1].contains(&"--shared-key=A1bCD2ef".to_string()),
        "{calls:?}"
    );
    // Run: the key comes from ER_SHARED_KEY and reaches only the update's argv, not az's environment.
    let run = run_against(
        &script,
        &live_circuit(),
        &[
            ("ER_SHARED_KEY", "A1bCD2ef"),
            ("ER_TEST_SECRET", "A1bCD2ef"),
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        writes(&run),
        [words(&format!(
            "network express-route peering update {SCOPE} -n AzurePrivatePeering --shared-key=A1bCD2ef -o none"
        ))]
    );
    // Inlined on request.
    let inline = EmitOptions {
        inline_shared_key: true,
    };
    let inline_bash = main_script(&plan, &inline, Shell::Bash);
    assert_eq!(
        update_lines(&inline_bash),
        [format!(
            "{PEERING} update {SCOPE} -n AzurePrivatePeering --shared-key=A1bCD2ef -o none"
        )]
    );
    assert!(!inline_bash.contains("er_key") && !inline_bash.contains("ER_SHARED_KEY"));
    assert!(
        inline_bash.contains("# This block contains the BGP shared key: do not share or log it.")
    );
    assert!(main_script(&plan, &inline, Shell::PowerShell).contains("--shared-key=A1bCD2ef"));
}

/// The edits of [`each_change_is_one_minimal_update_with_its_reset_comment`], and the circuit once
/// they are live.
fn edited() -> (Value, Value) {
    let mut doc = imported();
    doc["peerings"][0]["vlanId"] = json!("210");
    doc["peerings"][0]["peerAsn"] = json!("65011");
    doc["peerings"][1]["ipv4"]["secondary"] = json!("123.0.0.8/30");
    doc["peerings"][1]["ipv4"]["customerAsn"] = json!("");
    doc["peerings"][1]["ipv4"]["routeFilter"] = json!("");
    doc["peerings"][1]["ipv6"]["routingRegistry"] = json!("ARIN");
    doc["peerings"][1]["ipv6"]["customerAsn"] = json!("");
    doc["peerings"][1]["ipv6"]["routeFilter"] = json!("");
    let mut after = live_circuit();
    edit_peering(&mut after, "AzurePrivatePeering", |p| {
        p["vlanId"] = json!(210);
        p["peerASN"] = json!(65011);
    });
    edit_peering(&mut after, "MicrosoftPeering", |p| {
        p["secondaryPeerAddressPrefix"] = json!("123.0.0.8/30");
        remove(p, "microsoftPeeringConfig.customerASN");
        remove(p, "routeFilter");
        p["ipv6PeeringConfig"]["microsoftPeeringConfig"]["routingRegistryName"] = json!("ARIN");
        remove(p, "ipv6PeeringConfig.microsoftPeeringConfig.customerASN");
        remove(p, "ipv6PeeringConfig.routeFilter");
    });
    (doc, after)
}

#[test]
fn each_change_is_one_minimal_update_with_its_reset_comment() {
    let (doc, after) = edited();
    let plan = plan_of(&doc);
    let script = bash(&plan);
    let private = format!(
        "{PEERING} update {SCOPE} -n AzurePrivatePeering --peer-asn 65011 --vlan-id 210 -o none"
    );
    let microsoft = format!("{PEERING} update {SCOPE} -n MicrosoftPeering --secondary-peer-subnet 123.0.0.8/30 --remove microsoftPeeringConfig.customerASN --remove routeFilter --remove ipv6PeeringConfig.microsoftPeeringConfig.customerASN --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=ARIN --remove ipv6PeeringConfig.routeFilter -o none");
    assert_eq!(
        update_lines(&script),
        [private.clone(), microsoft.clone()],
        "{script}"
    );
    // The consequences, before the command they belong to.
    for (comment, command) in [
        ("# This resets the BGP sessions of AzurePrivatePeering (the peer ASN, the VLAN ID): run it in a maintenance window.", &private),
        ("# This resets the BGP sessions of MicrosoftPeering (the secondary IPv4 link subnet): run it in a maintenance window.", &microsoft),
        ("# Microsoft validates the advertised prefixes again (the IPv4 customer ASN, the IPv6 customer ASN, the IPv6 routing registry change)", &microsoft),
        ("# It detaches the IPv4 route filter: no Microsoft prefixes over IPv4 until one is attached again.", &microsoft),
        ("# It detaches the IPv6 route filter: no Microsoft prefixes over IPv6 until one is attached again.", &microsoft),
    ] {
        let c = script.find(comment).unwrap_or_else(|| panic!("{comment} missing:\n{script}"));
        let at = script.find(command.as_str()).unwrap();
        assert!(c < at, "{comment} after its command");
        if command == &microsoft {
            assert!(c > script.find(&private).unwrap(), "{comment} before the wrong command");
        }
    }
    for line in &update_lines(&script) {
        assert!(
            !line.contains("--ip-version") && !line.contains("--peering-type"),
            "{line}"
        );
    }
    // Step 1 checks the circuit before any write: each edited column still as imported (or already
    // as planned), and the new VLAN free.
    assert!(script.contains(
        "er_unchanged AzurePrivatePeering imported planned \\\n    peerASN 65010 65011 \\\n    vlanId 200 210\ner_vlan_free AzurePrivatePeering 210\n"
    ), "{script}");
    assert!(script.contains(&format!(
        "er_unchanged MicrosoftPeering imported planned \\\n    secondaryPeerAddressPrefix 123.0.0.4/30 123.0.0.8/30 \\\n    microsoftPeeringConfig.customerASN 31337 '' \\\n    routeFilter.id {RF}/RF4 '' \\\n"
    )), "{script}");
    // Both shells deliver the same argv.
    let calls = main_argv(&plan, "");
    let updates: Vec<&Vec<String>> = calls.iter().filter(|c| c[3] == "update").collect();
    assert_eq!(updates, [&words(&private[3..]), &words(&microsoft[3..])]);

    // Against the imported circuit: both updates run, then the shows.
    let run = run_against(&script, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&private[3..]), words(&microsoft[3..])]);
    assert_eq!(run.calls.len(), 5, "{:?}", run.calls);
    // Run again once they are live: every update skips itself.
    let rerun = run_against(&script, &after, &[]);
    assert_eq!(rerun.status, 0, "{}", rerun.stderr);
    assert!(writes(&rerun).is_empty(), "{:?}", rerun.calls);
    assert!(rerun
        .stdout
        .contains("Step 2: skipped: AzurePrivatePeering already holds these values."));
    // Someone changed a peering since the import: stop before any write.
    let mut moved = live_circuit();
    edit_peering(&mut moved, "MicrosoftPeering", |p| {
        p["secondaryPeerAddressPrefix"] = json!("123.0.0.12/30")
    });
    let stopped = run_against(&script, &moved, &[]);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty(), "{:?}", stopped.calls);
    assert!(stopped.stderr.contains("Stopped: MicrosoftPeering changed since it was imported: secondaryPeerAddressPrefix is now 123.0.0.12/30"), "{}", stopped.stderr);
    // The new VLAN is used by another live peering: stop before any write.
    let mut taken = live_circuit();
    edit_peering(&mut taken, "MicrosoftPeering", |p| p["vlanId"] = json!(210));
    let stopped = run_against(&script, &taken, &[]);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty(), "{:?}", stopped.calls);
    assert!(
        stopped
            .stderr
            .contains("VLAN 210 is used by the live MicrosoftPeering"),
        "{}",
        stopped.stderr
    );
    // A peering the plan edits is gone: stop.
    let mut gone = live_circuit();
    gone["peerings"].as_array_mut().unwrap().remove(0);
    let stopped = run_against(&script, &gone, &[]);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty());
    assert!(
        stopped
            .stderr
            .contains("AzurePrivatePeering is no longer live"),
        "{}",
        stopped.stderr
    );
    // The circuit is not provisioned: stop.
    let mut unready = live_circuit();
    unready["serviceProviderProvisioningState"] = json!("NotProvisioned");
    let stopped = run_against(&script, &unready, &[]);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty());
    assert!(
        stopped
            .stderr
            .contains("circuit CKT is not ready for peerings"),
        "{}",
        stopped.stderr
    );
}

#[test]
fn the_rollback_restores_the_imported_values() {
    let (doc, after) = edited();
    let plan = plan_of(&doc);
    let back = rollback(&plan, Shell::Bash);
    let private = format!(
        "{PEERING} update {SCOPE} -n AzurePrivatePeering --peer-asn 65010 --vlan-id 200 -o none"
    );
    let microsoft = format!("{PEERING} update {SCOPE} -n MicrosoftPeering --secondary-peer-subnet 123.0.0.4/30 --customer-asn 31337 --route-filter {RF}/RF4 --set ipv6PeeringConfig.microsoftPeeringConfig.customerASN=31337 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=RIPENCC --set ipv6PeeringConfig.routeFilter.id={RF}/RF6 -o none");
    assert_eq!(
        update_lines(&back),
        [private.clone(), microsoft.clone()],
        "{back}"
    );
    assert!(command_lines(&back, "az network express-route peering delete").is_empty());
    let calls = agreed_argv(&back, &rollback(&plan, Shell::PowerShell), "");
    assert_eq!(calls.len(), 3, "{calls:?}");
    // Applied plan -> imported values; once restored, nothing runs; an edit since the plan: stop.
    let run = run_against(&back, &after, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&private[3..]), words(&microsoft[3..])]);
    let rerun = run_against(&back, &live_circuit(), &[]);
    assert_eq!(rerun.status, 0, "{}", rerun.stderr);
    assert!(writes(&rerun).is_empty(), "{:?}", rerun.calls);
    let mut moved = after.clone();
    edit_peering(&mut moved, "AzurePrivatePeering", |p| {
        p["peerASN"] = json!(65099)
    });
    let stopped = run_against(&back, &moved, &[]);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty());
    assert!(
        stopped
            .stderr
            .contains("AzurePrivatePeering changed since it was planned: peerASN is now 65099"),
        "{}",
        stopped.stderr
    );
    // A typed key cannot be restored: said, never sent.
    let mut keyed = doc.clone();
    keyed["peerings"][0]["sharedKey"] = json!("A1bCD2ef");
    let back = rollback(&plan_of(&keyed), Shell::Bash);
    assert!(
        back.contains("# The shared key cannot be restored"),
        "{back}"
    );
    assert!(
        !back.contains("--shared-key") && !back.contains("A1bCD2ef"),
        "{back}"
    );
    // Without a baseline there is nothing to roll back.
    let mut fresh = doc.clone();
    fresh.as_object_mut().unwrap().remove("baseline");
    let fresh = plan_of(&fresh);
    let (bash_note, ps_note) = (
        rollback(&fresh, Shell::Bash),
        rollback(&fresh, Shell::PowerShell),
    );
    for note in [&bash_note, &ps_note] {
        assert!(
            note.contains("No rollback: this plan creates peerings and changes nothing live"),
            "{note}"
        );
    }
    assert!(agreed_argv(&bash_note, &ps_note, "").is_empty());
    let run = run_bash(&bash_note, &[]);
    assert_eq!((run.status, run.calls.len()), (0, 0), "{}", run.stderr);
}

/// A family the plan adds is removed again by the rollback, as a whole, and only while the peering
/// still holds what the plan set. (This rollback once said "Nothing of AzurePrivatePeering to restore"
/// and left the family in place.)
#[test]
fn the_rollback_removes_an_added_family() {
    let mut doc = imported();
    doc["peerings"][0]["ipv6"] = json!({"primary": "fd00:10::/126", "secondary": "fd00:10::4/126"});
    let plan = plan_of(&doc);
    let back = rollback(&plan, Shell::Bash);
    let remove = format!(
        "{PEERING} update {SCOPE} -n AzurePrivatePeering --remove ipv6PeeringConfig -o none"
    );
    assert_eq!(update_lines(&back), std::slice::from_ref(&remove), "{back}");
    assert!(
        back.contains("# It removes IPv6: the IPv6 BGP sessions of AzurePrivatePeering end."),
        "{back}"
    );
    assert!(
        !back.contains("Nothing of AzurePrivatePeering to restore"),
        "{back}"
    );
    agreed_argv(&back, &rollback(&plan, Shell::PowerShell), "");
    let mut applied = live_circuit();
    edit_peering(&mut applied, "AzurePrivatePeering", |p| {
        p["ipv6PeeringConfig"] = json!({"primaryPeerAddressPrefix": "fd00:10::/126",
                                        "secondaryPeerAddressPrefix": "fd00:10::4/126", "state": "Enabled"})
    });
    let run = run_against(&back, &applied, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&remove[3..])]);
    let rerun = run_against(&back, &live_circuit(), &[]);
    assert_eq!(rerun.status, 0, "{}", rerun.stderr);
    assert!(writes(&rerun).is_empty(), "{:?}", rerun.calls);
}

#[test]
fn families_are_added_and_removed_without_ip_version() {
    let mut doc = imported();
    doc["peerings"][0]["ipv6"] = json!({"primary": "fd00:10::/126", "secondary": "fd00:10::4/126"});
    doc["peerings"][1]["ipv6"] = Value::Null;
    let plan = plan_of(&doc);
    let script = bash(&plan);
    let added = format!("{PEERING} update {SCOPE} -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled -o none");
    let removed =
        format!("{PEERING} update {SCOPE} -n MicrosoftPeering --remove ipv6PeeringConfig -o none");
    assert_eq!(
        update_lines(&script),
        [added.clone(), removed.clone()],
        "{script}"
    );
    assert!(script.contains("# AzurePrivatePeering (live): adds IPv6."));
    assert!(script.contains("# MicrosoftPeering (live): removes IPv6 (its BGP sessions end)."));
    assert!(script.contains("# It removes IPv6: the IPv6 BGP sessions of MicrosoftPeering end."));
    let calls = main_argv(&plan, "");
    assert_eq!(calls.iter().filter(|c| c[3] == "update").count(), 2);
    let run = run_against(&script, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&added[3..]), words(&removed[3..])]);

    let mut doc = imported();
    doc["peerings"][1]["ipv4"] = Value::Null;
    let plan = plan_of(&doc);
    let script = bash(&plan);
    let removed = format!("{PEERING} update {SCOPE} -n MicrosoftPeering --remove primaryPeerAddressPrefix --remove secondaryPeerAddressPrefix --remove microsoftPeeringConfig --remove routeFilter --remove state -o none");
    assert_eq!(
        update_lines(&script),
        std::slice::from_ref(&removed),
        "{script}"
    );
    assert!(script.contains("# It removes IPv4: the IPv4 BGP sessions of MicrosoftPeering end."));
    main_argv(&plan, "");
    let run = run_against(&script, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&removed[3..])]);
}

/// An update that only removes a family skips itself once the family is gone, like every other step.
/// (It once ran every time, under a comment about the shared key, which it does not send.)
#[test]
fn a_removed_family_is_skipped_on_a_rerun() {
    let mut doc = imported();
    doc["peerings"][1]["ipv6"] = Value::Null;
    let script = bash(&plan_of(&doc));
    assert!(
        !script.contains("The shared key is never read back"),
        "{script}"
    );
    let mut after = live_circuit();
    edit_peering(&mut after, "MicrosoftPeering", |p| {
        remove(p, "ipv6PeeringConfig")
    });
    let rerun = run_against(&script, &after, &[]);
    assert_eq!(rerun.status, 0, "{}", rerun.stderr);
    assert!(writes(&rerun).is_empty(), "{:?}", rerun.calls);
}

#[test]
fn new_peerings_are_created_dropped_ones_only_cleaned_up() {
    let mut doc = imported();
    let microsoft = doc["peerings"][1].clone();
    doc["peerings"] = json!([microsoft]);
    let mut baseline_private_only = doc.clone();
    let plan = plan_of(&doc);
    // The main script never deletes: not in its text, not in what az would receive.
    let script = bash(&plan);
    assert!(code(&script).all(|l| !l.contains(" delete")), "{script}");
    assert!(script.contains(
        "# AzurePrivatePeering is live but not in this plan: this block leaves it as it is"
    ));
    assert!(main_argv(&plan, "")
        .iter()
        .all(|c| !c.contains(&"delete".to_string())));
    // The clean-up deletes the dropped live peering, its Global Reach connection first, never the kept
    // MicrosoftPeering.
    let clean = cleanup(&plan, Shell::Bash);
    assert!(clean.contains(
        "# AzurePrivatePeering is live and not in your plan. Deleting it stops its BGP sessions and all traffic over it. To delete it, run the block with ER_DELETE_AZUREPRIVATEPEERING=yes."
    ), "{clean}");
    assert!(clean.contains("# MicrosoftPeering is live and stays in your plan: never deleted here"));
    // The verb right after the command group (`peering connection delete`, then the options): az
    // finds no command otherwise. (It once wrote `peering connection --subscription .. delete`.)
    let connection_line = format!(
        "{PEERING} connection delete {SCOPE} --peering-name AzurePrivatePeering -n gr -o none"
    );
    let delete = format!("{PEERING} delete {SCOPE} -n AzurePrivatePeering -o none");
    assert_eq!(
        command_lines(&clean, "az network express-route peering connection"),
        std::slice::from_ref(&connection_line)
    );
    assert_eq!(
        command_lines(&clean, "az network express-route peering delete"),
        std::slice::from_ref(&delete)
    );
    let calls = agreed_argv(&clean, &cleanup(&plan, Shell::PowerShell), "");
    let deletes: Vec<&Vec<String>> = calls
        .iter()
        .filter(|c| c.contains(&"delete".to_string()))
        .collect();
    let connection = words(&connection_line[3..]);
    assert_eq!(deletes, [&connection, &words(&delete[3..])]);
    assert!(calls
        .iter()
        .all(|c| !c.contains(&"MicrosoftPeering".to_string())));
    // Without the opt-in, nothing is deleted.
    let run = run_against(&clean, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(writes(&run).is_empty(), "{:?}", run.calls);
    assert!(
        run.stdout.contains("skipped: AzurePrivatePeering is kept"),
        "{}",
        run.stdout
    );
    // Another peering's opt-in deletes nothing either.
    let run = run_against(
        &clean,
        &live_circuit(),
        &[("ER_DELETE_MICROSOFTPEERING", "yes")],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(writes(&run).is_empty(), "{:?}", run.calls);
    // Opted in: the known connection, then the peering.
    let opt_in = [("ER_DELETE_AZUREPRIVATEPEERING", "yes")];
    let run = run_against(&clean, &live_circuit(), &opt_in);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [connection.clone(), words(&delete[3..])]);
    // The header's way to opt in works as written.
    let instruction = "# To delete AzurePrivatePeering: change the first line to  ER_DELETE_AZUREPRIVATEPEERING=yes bash -s <<'ER_PLANNER'\n";
    assert!(clean.contains(instruction), "{clean}");
    let first_line = clean.lines().next().unwrap();
    assert_eq!(first_line, "bash -s <<'ER_PLANNER'");
    let opted = clean.replacen(
        first_line,
        "ER_DELETE_AZUREPRIVATEPEERING=yes bash -s <<'ER_PLANNER'",
        1,
    );
    let run = run_against(&opted, &live_circuit(), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [connection.clone(), words(&delete[3..])]);
    // PowerShell: the opt-in counts for one run.
    assert!(cleanup(&plan, Shell::PowerShell).contains(
        "    Remove-Item -Path Env:ER_DELETE_AZUREPRIVATEPEERING -ErrorAction SilentlyContinue\n"
    ));
    // Opted in, but the peering no longer holds what was imported, or has a connection the import did
    // not know: nothing is deleted.
    let mut moved = live_circuit();
    edit_peering(&mut moved, "AzurePrivatePeering", |p| {
        p["peerASN"] = json!(65099)
    });
    let stopped = run_against(&clean, &moved, &opt_in);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty(), "{:?}", stopped.calls);
    assert!(
        stopped
            .stderr
            .contains("AzurePrivatePeering no longer holds the values of the imported peering"),
        "{}",
        stopped.stderr
    );
    let mut more = live_circuit();
    edit_peering(&mut more, "AzurePrivatePeering", |p| {
        p["connections"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "gr2"}))
    });
    let stopped = run_against(&clean, &more, &opt_in);
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty(), "{:?}", stopped.calls);
    assert!(
        stopped
            .stderr
            .contains("AzurePrivatePeering has the Global Reach connection gr2"),
        "{}",
        stopped.stderr
    );
    // Run again once done: the peering is gone, nothing is deleted, the block succeeds. (The
    // connection delete once ran again here and failed.)
    let mut gone = live_circuit();
    gone["peerings"].as_array_mut().unwrap().remove(0);
    let run = run_against(&clean, &gone, &opt_in);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(writes(&run).is_empty(), "{:?}", run.calls);
    assert!(
        run.stdout
            .contains("skipped: AzurePrivatePeering does not exist."),
        "{}",
        run.stdout
    );
    // Run again after a run that deleted the connection and then failed: only the peering is left
    // to delete.
    let mut half = live_circuit();
    edit_peering(&mut half, "AzurePrivatePeering", |p| {
        remove(p, "connections")
    });
    let run = run_against(&clean, &half, &opt_in);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), [words(&delete[3..])]);

    // A peering that is not live is created as without a baseline, and is the clean-up's to undo.
    let peerings = baseline_private_only["baseline"]["peerings"]
        .as_array_mut()
        .unwrap();
    peerings.retain(|p| p["type"] == "AzurePrivatePeering");
    let plan = plan_of(&baseline_private_only);
    let script = bash(&plan);
    let create = command_lines(&script, "az network express-route peering create");
    assert_eq!(create.len(), 1, "{script}");
    assert!(
        create[0].contains(" --peering-type MicrosoftPeering "),
        "{}",
        create[0]
    );
    assert!(script.contains("er_new MicrosoftPeering "), "{script}");
    main_argv(&plan, "");
    let clean = cleanup(&plan, Shell::Bash);
    assert!(
        clean.contains("# MicrosoftPeering was created by this plan. To delete it, run the block with ER_DELETE_MICROSOFTPEERING=yes."),
        "{clean}"
    );
    assert!(
        clean.contains("# AzurePrivatePeering is live and not in your plan."),
        "{clean}"
    );
    assert_eq!(
        command_lines(&clean, "az network express-route peering delete"),
        [
            format!("{PEERING} delete {SCOPE} -n MicrosoftPeering -o none"),
            format!("{PEERING} delete {SCOPE} -n AzurePrivatePeering -o none"),
        ]
    );
    agreed_argv(&clean, &cleanup(&plan, Shell::PowerShell), "");
    // The rollback does not delete what the plan creates: it points to the clean-up.
    let back = rollback(&plan, Shell::Bash);
    assert!(back.contains("# MicrosoftPeering did not exist before this plan: to undo it, delete it with the clean-up block (ER_DELETE_MICROSOFTPEERING=yes)."), "{back}");
    assert!(agreed_argv(&back, &rollback(&plan, Shell::PowerShell), "").is_empty());
}

#[test]
fn an_unreadable_live_value_counts_as_changed() {
    let mut doc = imported();
    doc["baseline"]["peerings"][0]["vlanId"] = json!("two hundred");
    doc["baseline"]["peerings"][1]["ipv4"]["advertisedPrefixes"] = json!(["123.1.0.0/24", "junk"]);
    let plan = plan_of(&doc);
    let script = bash(&plan);
    assert_eq!(
        update_lines(&script),
        [
            format!("{PEERING} update {SCOPE} -n AzurePrivatePeering --vlan-id 200 -o none"),
            format!("{PEERING} update {SCOPE} -n MicrosoftPeering --advertised-public-prefixes 123.1.0.0/24 -o none"),
        ],
        "{script}"
    );
    // The guard accepts the value as az printed it at the import, or the planned one.
    assert!(
        script.contains(
            "er_unchanged AzurePrivatePeering imported planned \\\n    vlanId 'two hundred' 200\n"
        ),
        "{script}"
    );
    main_argv(&plan, "");
}

#[test]
fn arm_body_keeps_the_connections_and_warns_about_the_key() {
    let mut live = live_circuit();
    // A disabled family stays disabled in a PUT.
    edit_peering(&mut live, "MicrosoftPeering", |p| {
        p["ipv6PeeringConfig"]["state"] = json!("Disabled")
    });
    let doc = imported_from(&live);
    let plan = plan_of(&doc);
    let payloads = arm_payloads(&plan, &EmitOptions::default());
    let private = &payloads[0];
    assert_keys_sorted(&private.body);
    let body: Value = serde_json::from_str(&private.body).unwrap();
    assert_eq!(
        body,
        json!({"properties": {
            "connections": [{
                "id": format!("{CID}/peerings/AzurePrivatePeering/connections/gr"),
                "name": "gr",
                "properties": {
                    "addressPrefix": "10.255.0.0/29",
                    "expressRouteCircuitPeering": {"id": format!("{CID}/peerings/AzurePrivatePeering")},
                    "peerExpressRouteCircuitPeering": {"id": "/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/R2/providers/Microsoft.Network/expressRouteCircuits/C2/peerings/AzurePrivatePeering"}
                }
            }],
            "peerASN": 65010,
            "peeringType": "AzurePrivatePeering",
            "primaryPeerAddressPrefix": "192.168.100.128/30",
            "secondaryPeerAddressPrefix": "192.168.100.132/30",
            "state": "Enabled",
            "vlanId": 200
        }})
    );
    assert_eq!(
        private.url,
        format!("/subscriptions/{SUB}/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/CKT/peerings/AzurePrivatePeering?api-version={ARM_API_VERSION}")
    );
    assert!(private
        .notes
        .iter()
        .any(|n| n.contains("1 Global Reach connection(s)")));
    assert!(private
        .notes
        .iter()
        .any(|n| n.contains("may remove the live key")));
    // The az rest block of a live peering PUTs the relative URL, in both shells.
    let rest = rest_block(&plan, private, Shell::Bash);
    let put = format!(
        "az rest --method put --url '{}' --body '@peering.json' -o none",
        private.url
    );
    assert_eq!(command_lines(&rest, "az rest"), std::slice::from_ref(&put));
    let calls = agreed_argv(&rest, &rest_block(&plan, private, Shell::PowerShell), "");
    let put_argv = words(&format!(
        "rest --method put --url {} --body @peering.json -o none",
        private.url
    ));
    assert!(calls.contains(&put_argv), "{calls:?}");
    // Run in a folder: without the body file, or with a body that names no sharedKey (a PUT without it
    // may remove the live key), it stops before the PUT; with the key, it PUTs and waits.
    let no_file = run_with_body(&rest, &live, None);
    assert_eq!(no_file.status, 1, "{}", no_file.stderr);
    assert!(writes(&no_file).is_empty(), "{:?}", no_file.calls);
    let keyless = run_with_body(&rest, &live, Some(&private.body));
    assert_eq!(keyless.status, 1, "{}", keyless.stderr);
    assert!(writes(&keyless).is_empty(), "{:?}", keyless.calls);
    assert!(keyless.stderr.contains("sharedKey"), "{}", keyless.stderr);
    let mut keyed: Value = serde_json::from_str(&private.body).unwrap();
    keyed["properties"]["sharedKey"] = json!("A1bCD2ef");
    let keyed = serde_json::to_string_pretty(&keyed).unwrap();
    // Nothing differs from the live peering in what the block can read: the PUT is skipped.
    let run = run_with_body(&rest, &live, Some(&keyed));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(writes(&run).is_empty(), "{:?}", run.calls);
    assert!(run
        .stdout
        .contains("skipped: AzurePrivatePeering already holds every value of the body"));
    // A PUT over a peering someone changed since the import: stopped before the PUT.
    let mut moved = live.clone();
    edit_peering(&mut moved, "AzurePrivatePeering", |p| {
        p["peerASN"] = json!(65099)
    });
    let stopped = run_with_body(&rest, &moved, Some(&keyed));
    assert_eq!(stopped.status, 1);
    assert!(writes(&stopped).is_empty(), "{:?}", stopped.calls);
    assert!(
        stopped
            .stderr
            .contains("AzurePrivatePeering changed since it was imported: peerASN is now 65099"),
        "{}",
        stopped.stderr
    );
    // The plan changes the VLAN: the PUT runs once, then waits for Succeeded.
    let mut vlan = doc.clone();
    vlan["peerings"][0]["vlanId"] = json!("210");
    let vlan_plan = plan_of(&vlan);
    let payload = &arm_payloads(&vlan_plan, &EmitOptions::default())[0];
    let rest = rest_block(&vlan_plan, payload, Shell::Bash);
    let run = run_with_body(&rest, &live, Some(&keyed));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(writes(&run), std::slice::from_ref(&put_argv));
    assert_eq!(
        run.calls.last().unwrap(),
        &words(&format!("network express-route peering show {SCOPE} -n AzurePrivatePeering --query provisioningState -o tsv"))
    );

    // MicrosoftPeering: the live states (IPv6 stays Disabled), legacyMode and advertisedCommunities
    // as imported; no connections.
    let microsoft = &payloads[1];
    assert_keys_sorted(&microsoft.body);
    let props = &serde_json::from_str::<Value>(&microsoft.body).unwrap()["properties"];
    assert_eq!(props["state"], "Enabled");
    assert_eq!(props["ipv6PeeringConfig"]["state"], "Disabled");
    assert_eq!(props["microsoftPeeringConfig"]["legacyMode"], 0);
    assert_eq!(
        props["microsoftPeeringConfig"]["advertisedCommunities"],
        json!(["12076:5010"])
    );
    assert_eq!(props["routeFilter"], json!({"id": format!("{RF}/RF4")}));
    assert_eq!(
        props["ipv6PeeringConfig"]["routeFilter"],
        json!({"id": format!("{RF}/RF6")})
    );
    assert!(props.get("connections").is_none());
    assert!(microsoft
        .notes
        .iter()
        .all(|n| !n.contains("Global Reach connection(s)")));
    // A removed family: nothing of it in the body, and none of its carried values.
    let mut dropped = doc.clone();
    dropped["peerings"][1]["ipv6"] = Value::Null;
    let props = &serde_json::from_str::<Value>(
        &arm_payloads(&plan_of(&dropped), &EmitOptions::default())[1].body,
    )
    .unwrap()["properties"];
    assert!(props.get("ipv6PeeringConfig").is_none(), "{props}");
    assert_eq!(props["microsoftPeeringConfig"]["legacyMode"], 0);

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
    assert_keys_sorted(&p.body);
    // Not inlined: out of the body and out of the az rest block.
    let p = &arm_payloads(&plan, &EmitOptions::default())[0];
    assert!(!p.body.contains("A1bCD2ef") && !p.body.contains("sharedKey"));
    assert!(!rest_block(&plan, p, Shell::Bash).contains("A1bCD2ef"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any mix of edits: one update per edited live peering, none for an untouched one, never a form
    /// that drops IPv4, never a delete in the main script, bash and PowerShell agree, and the block runs
    /// through against the imported circuit with exactly its updates as writes.
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
        let script = bash(&plan);
        let updates = update_lines(&script);
        prop_assert_eq!(updates.iter().filter(|l| l.contains(" -n AzurePrivatePeering ")).count(), private_changed as usize);
        prop_assert_eq!(updates.iter().filter(|l| l.contains(" -n MicrosoftPeering ")).count(), ms_changed as usize);
        for line in &updates {
            prop_assert!(!line.contains("--ip-version") && !line.contains("--peering-type"));
            prop_assert!(line.ends_with(" -o none"));
        }
        prop_assert!(code(&script).all(|l| !l.contains(" delete")));
        prop_assert_eq!(script.contains("er_key=${ER_SHARED_KEY:-}"), key.is_some());
        let calls = main_argv(&plan, key.unwrap_or(""));
        prop_assert!(calls.iter().all(|c| !c.contains(&"delete".to_string())));
        let mut env = vec![];
        if let Some(k) = key {
            env = vec![("ER_SHARED_KEY", k), ("ER_TEST_SECRET", k)];
        }
        let run = run_against(&script, &live_circuit(), &env);
        prop_assert_eq!(run.status, 0, "{}\n{}", run.stderr, script);
        let expected: Vec<Vec<String>> = calls.iter().filter(|c| c[3] == "update").cloned().collect();
        prop_assert_eq!(writes(&run), expected);
    }
}
