//! The public emit API on small plans: what each block must and must not hold (§6, §8, §9, §11.3).
//! Where a test compares commands, it compares what az would receive: every az command of a bash
//! block cut out and run in real bash (az recorded), and the PowerShell block through the model of
//! every PowerShell host, which must agree.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::peering::PeeringType;
use peering_planner::emit::{
    arm_payloads, cleanup, main_script, rest_block, rollback, EmitOptions, Shell, ARM_API_VERSION,
};
use serde_json::{json, Value};
use support::{assert_keys_sorted, bash_block_commands, run_bash, BashRun, STUB_SUBSCRIPTION};

#[track_caller]
fn plan(json: Value) -> ValidPlan {
    support::valid_plan(&json.to_string())
}

fn circuit(sub: &str) -> Value {
    json!({ "subscription": sub, "resourceGroup": "rg1", "name": "ckt1" })
}

const SUB: &str = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e";
const SCOPE: &str =
    "--subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g rg1 --circuit-name ckt1";

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

fn words(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_string).collect()
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

/// The lines of a block that are not comments.
fn code(block: &str) -> impl Iterator<Item = &str> {
    block.lines().filter(|l| !l.trim_start().starts_with('#'))
}

/// The argv of every az command of a (bash, PowerShell) pair, which must agree in every PowerShell
/// host; the key variables hold `private_key` / `microsoft_key` (`er_key` and `$erKey` the first).
fn agreed_argv(
    bash_text: &str,
    ps_text: &str,
    private_key: &str,
    microsoft_key: &str,
) -> Vec<Vec<String>> {
    let vars = [
        ("er_key", private_key),
        ("er_key_private", private_key),
        ("er_key_microsoft", microsoft_key),
        ("er_subscription", STUB_SUBSCRIPTION),
    ];
    let (calls, later) = bash_block_commands(bash_text, &vars);
    let mut env = psmodel::ps_env(STUB_SUBSCRIPTION, private_key);
    env.ps_vars
        .insert("erKeyPrivate".to_string(), private_key.to_string());
    env.ps_vars
        .insert("erKeyMicrosoft".to_string(), microsoft_key.to_string());
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

/// Runs a bash block in real bash (az recorded; a circuit without peerings) in a folder of its own
/// that holds `body` (when given) as `peering.json`, the file the az rest blocks send.
fn run_in_folder(block: &str, body: Option<&str>) -> BashRun {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "emit-api-body-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(body) = body {
        std::fs::write(dir.join("peering.json"), body).unwrap();
    }
    let run = run_bash(&format!("cd '{}' || exit 9\n{block}", dir.display()), &[]);
    let _ = std::fs::remove_dir_all(&dir);
    run
}

#[test]
fn ipv6_only_body_has_no_top_level_state() {
    let p = private_v6_only(SUB);
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert_eq!(payload.peering_type, PeeringType::AzurePrivatePeering);
    assert_keys_sorted(&payload.body);
    // The whole body: no top-level state, no IPv4 field, no name/id/etag; keys in alphabetical order.
    assert_eq!(
        payload.body,
        "{\n  \"properties\": {\n    \"ipv6PeeringConfig\": {\n      \"primaryPeerAddressPrefix\": \"fd00:20::/126\",\n      \"secondaryPeerAddressPrefix\": \"fd00:20::4/126\",\n      \"state\": \"Enabled\"\n    },\n    \"peerASN\": 65010,\n    \"peeringType\": \"AzurePrivatePeering\",\n    \"vlanId\": 100\n  }\n}\n"
    );
    assert!(payload
        .notes
        .iter()
        .any(|n| n.starts_with("IPv6-only peering: the body has no top-level state")));
    // The URL is relative (cloud-neutral): az rest prefixes the ARM endpoint of the current cloud.
    let url = format!("/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/expressRouteCircuits/ckt1/peerings/AzurePrivatePeering?api-version={ARM_API_VERSION}");
    assert_eq!(payload.url, url);
    let rest = rest_block(&p, payload, Shell::Bash);
    let rest_ps = rest_block(&p, payload, Shell::PowerShell);
    assert_eq!(
        command_lines(&rest, "az rest"),
        [format!(
            "az rest --method put --url '{url}' --body '@peering.json' -o none"
        )]
    );
    assert_eq!(
        command_lines(&rest_ps, "az rest"),
        [format!(
            "az rest --method put --url '{url}' --body '@peering.json' -o none"
        )]
    );
    assert!(rest.contains(&format!("# PUT {url}\n")));
    let calls = agreed_argv(&rest, &rest_ps, "", "");
    assert_eq!(calls.len(), 3, "read, PUT, wait: {calls:?}");
    assert_eq!(
        calls[1],
        words(&format!(
            "rest --method put --url {url} --body @peering.json -o none"
        ))
    );
    assert_eq!(
        calls[2],
        words(&format!("network express-route peering show {SCOPE} -n AzurePrivatePeering --query provisioningState -o tsv"))
    );
    // Run in a folder against a circuit without peerings: it stops before the PUT without the body
    // file; with it, it PUTs and waits. No key in the plan: a body without one is sent.
    let no_file = run_in_folder(&rest, None);
    assert_eq!(no_file.status, 1, "{}", no_file.stderr);
    assert!(
        no_file.calls.iter().all(|c| c[0] != "rest"),
        "{:?}",
        no_file.calls
    );
    let run = run_in_folder(&rest, Some(&payload.body));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.calls, calls);
    // The main script creates it with --ip-version IPv6 and the verify step expects the top-level
    // Disabled.
    let script = main_script(&p, &EmitOptions::default(), Shell::Bash);
    assert_eq!(
        command_lines(&script, "az network express-route peering create"),
        [format!("az network express-route peering create {SCOPE} --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 100 --primary-peer-subnet fd00:20::/126 --secondary-peer-subnet fd00:20::4/126 --ip-version IPv6 -o none")]
    );
    assert!(script.contains("An IPv6-only peering reports the top-level state Disabled"));
    agreed_argv(
        &script,
        &main_script(&p, &EmitOptions::default(), Shell::PowerShell),
        "",
        "",
    );
}

#[test]
fn dual_stack_body_carries_both_families_and_full_route_filter_ids() {
    let p = microsoft_dual(SUB, "Key1");
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert_keys_sorted(&payload.body);
    let rf = |name: &str| {
        format!("/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/routeFilters/{name}")
    };
    assert_eq!(
        body(&p, &EmitOptions::default()),
        json!({"properties": {
            "ipv6PeeringConfig": {
                "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["2a01:111:f200::/48"], "routingRegistryName": "RIPENCC"},
                "primaryPeerAddressPrefix": "2a01:111:f100::/126",
                "routeFilter": {"id": rf("rf6")},
                "secondaryPeerAddressPrefix": "2a01:111:f100::4/126",
                "state": "Enabled"
            },
            "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24", "123.2.0.0/24"], "routingRegistryName": "RIPENCC"},
            "peerASN": 12345,
            "peeringType": "MicrosoftPeering",
            "primaryPeerAddressPrefix": "123.0.0.0/30",
            "routeFilter": {"id": rf("rf4")},
            "secondaryPeerAddressPrefix": "123.0.0.4/30",
            "state": "Enabled",
            "vlanId": 300
        }})
    );
    assert!(payload
        .notes
        .iter()
        .any(|n| n.contains("shared key is left out")));
    // The key is asked of the file before the PUT: the body as shown stops the block, with the key
    // added it is sent.
    let rest = rest_block(&p, payload, Shell::Bash);
    assert!(!rest.contains("Key1"));
    let keyless = run_in_folder(&rest, Some(&payload.body));
    assert_eq!(keyless.status, 1, "{}", keyless.stderr);
    assert!(keyless.stderr.contains("sharedKey"), "{}", keyless.stderr);
    assert!(
        keyless.calls.iter().all(|c| c[0] != "rest"),
        "{:?}",
        keyless.calls
    );
    let mut keyed: Value = serde_json::from_str(&payload.body).unwrap();
    keyed["properties"]["sharedKey"] = json!("Key1");
    let run = run_in_folder(&rest, Some(&keyed.to_string()));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.calls.iter().any(|c| c[0] == "rest"), "{:?}", run.calls);
    let inline = EmitOptions {
        inline_shared_key: true,
    };
    let inline_payload = &arm_payloads(&p, &inline)[0];
    assert_keys_sorted(&inline_payload.body);
    assert_eq!(body(&p, &inline)["properties"]["sharedKey"], "Key1");
    assert!(!inline_payload.notes.iter().any(|n| n.contains("left out")));
}

/// Replaces "without a subscription, no URL and the notes ask for it": the URL is now relative and
/// always there, with az rest's own `{subscriptionId}` token when the plan has no subscription (az
/// fills in the current one, the same one the block's circuit read uses).
#[test]
fn without_subscription_the_url_names_the_current_one_and_the_rest_block_runs() {
    let p = private_v6_only("");
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    let url = format!("/subscriptions/{{subscriptionId}}/resourceGroups/rg1/providers/Microsoft.Network/expressRouteCircuits/ckt1/peerings/AzurePrivatePeering?api-version={ARM_API_VERSION}");
    assert_eq!(payload.url, url);
    assert!(!payload.body.is_empty());
    assert!(payload.rest.is_some());
    assert!(
        !payload.notes.iter().any(|n| n.contains("subscription")),
        "{:?}",
        payload.notes
    );
    let rest = rest_block(&p, payload, Shell::Bash);
    let calls = agreed_argv(&rest, &rest_block(&p, payload, Shell::PowerShell), "", "");
    // Neither the circuit read nor the PUT names a subscription: both use the current one.
    assert_eq!(
        calls[0][..7],
        words("network express-route show -g rg1 -n ckt1")
    );
    assert_eq!(
        calls[1],
        words(&format!(
            "rest --method put --url {url} --body @peering.json -o none"
        ))
    );
    assert!(calls
        .iter()
        .all(|c| !c.contains(&"--subscription".to_string())));
    // A bare route filter name needs the subscription for its full ID: no body with a placeholder,
    // and so no az rest block; the URL is still there.
    let p = microsoft_dual("", "");
    let payload = &arm_payloads(&p, &EmitOptions::default())[0];
    assert!(payload.body.is_empty());
    assert!(payload.rest.is_none());
    assert!(payload
        .url
        .starts_with("/subscriptions/{subscriptionId}/resourceGroups/rg1/"));
    assert!(payload
        .notes
        .iter()
        .any(|n| n.contains("route filter's full resource ID")));
    let (bash_note, ps_note) = (
        rest_block(&p, payload, Shell::Bash),
        rest_block(&p, payload, Shell::PowerShell),
    );
    for text in [&bash_note, &ps_note] {
        assert!(text.contains("No az rest block:"), "{text}");
        assert!(
            text.contains("Add the subscription ID to the plan"),
            "{text}"
        );
    }
    // The note runs no command: pasted into bash it only prints itself.
    assert!(agreed_argv(&bash_note, &ps_note, "", "").is_empty());
    let run = run_bash(&bash_note, &[]);
    assert_eq!((run.status, run.calls.len()), (0, 0), "{}", run.stderr);
    assert!(run.stdout.contains("Add the subscription ID to the plan"));
    assert!(!payload.body.contains('<'));
    // The main script reads the subscription once and builds the filters' IDs from it.
    let script = main_script(&p, &EmitOptions::default(), Shell::Bash);
    let calls = agreed_argv(
        &script,
        &main_script(&p, &EmitOptions::default(), Shell::PowerShell),
        "",
        "",
    );
    assert_eq!(calls[0], words("account show --query id -o tsv"));
    let attach = calls
        .iter()
        .find(|c| c.contains(&"--route-filter".to_string()))
        .unwrap();
    assert_eq!(
        attach[attach.len() - 6..],
        words(&format!("--route-filter rf4 --set ipv6PeeringConfig.routeFilter.id=/subscriptions/{STUB_SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Network/routeFilters/rf6 -o none"))[..]
    );
}

#[test]
fn scripts_follow_the_cli_rules() {
    let p = microsoft_dual(SUB, "Key1");
    let bash = main_script(&p, &EmitOptions::default(), Shell::Bash);
    let ps = main_script(&p, &EmitOptions::default(), Shell::PowerShell);
    // bash: one here-document run by bash; the delimiter only at its end.
    assert!(bash.starts_with("bash -s <<'ER_PLANNER'\n# "), "{bash}");
    assert!(bash.contains("\nset -euo pipefail\nset -f\n"));
    assert!(bash.ends_with("\nunset er_key\nER_PLANNER\n"), "{bash}");
    assert_eq!(bash.lines().filter(|l| l.contains("ER_PLANNER")).count(), 2);
    // PowerShell: one script block that sets Legacy argument passing for itself before any az line.
    assert!(ps.starts_with("# ") && ps.ends_with("  }\n}\n"), "{ps}");
    let open = ps
        .find("\n& {\n  $ErrorActionPreference = 'Stop'\n")
        .unwrap();
    let legacy = ps
        .find("\n  $PSNativeCommandArgumentPassing = 'Legacy'\n")
        .unwrap();
    assert!(open < legacy && legacy < ps.find("$erLines = @(az ").unwrap());
    assert!(ps.contains("\n  try {\n") && ps.contains("\n  } finally {\n"));
    // The key: a block variable, never the text.
    assert!(bash.contains("\ner_key=${ER_SHARED_KEY:-}\n"));
    assert!(bash.contains(" --shared-key=\"$er_key\" "));
    assert!(ps.contains("\n    $erKey = $env:ER_SHARED_KEY\n"));
    assert!(ps.contains(" \"--shared-key=$erKey\" "));
    assert!(!bash.contains("Key1") && !ps.contains("Key1"));
    // Every az line of the PowerShell block is followed by the exit-code check of its step; every az
    // line of the bash block stops the block with its step number.
    let lines: Vec<&str> = ps.lines().map(str::trim_start).collect();
    let mut steps = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("az ") || line.contains("= @(az ") || line.contains("= (az ") {
            steps += 1;
            assert!(
                lines[i + 1].starts_with(&format!(
                    "if ($LASTEXITCODE) {{ Stop-Er 'Step {steps} failed"
                )),
                "{line}\n{}",
                lines[i + 1]
            );
        }
    }
    assert_eq!(steps, 5);
    let mut steps = 0;
    for line in code(&bash).map(str::trim_start) {
        if line.starts_with("az ") || line.contains("$(az ") {
            steps += 1;
            assert!(
                line.contains(&format!(" || er_stop 'Step {steps} failed")),
                "{line}"
            );
        }
    }
    assert_eq!(steps, 5);
    // What az receives, the same from both shells: the circuit read first, writes with `-o none`.
    let calls = agreed_argv(&bash, &ps, "Key1", "Key1");
    let verbs: Vec<&str> = calls
        .iter()
        .map(|c| {
            if c[2] == "peering" {
                c[3].as_str()
            } else {
                c[2].as_str()
            }
        })
        .collect();
    assert_eq!(verbs, ["show", "create", "update", "update", "show"]);
    for write in &calls[1..4] {
        assert!(
            write.ends_with(&["-o".to_string(), "none".to_string()]),
            "{write:?}"
        );
    }
    // Prefixes: one argument each; the IPv6 list by =[] then --add, in order.
    assert!(calls[1].contains(&"--shared-key=Key1".to_string()));
    let create = calls[1].join(" ");
    assert!(create.contains(
        " --advertised-public-prefixes 123.1.0.0/24 123.2.0.0/24 --routing-registry-name RIPENCC "
    ));
    let add = &calls[2];
    let path = "ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes";
    let set = add.iter().position(|a| *a == format!("{path}=[]")).unwrap();
    assert_eq!(add[set - 1], "--set");
    assert_eq!(add[set + 1..set + 4], ["--add", path, "2a01:111:f200::/48"]);
    assert!(add.ends_with(&words("--set ipv6PeeringConfig.state=Enabled -o none")));
    assert!(!add.contains(&"--ip-version".to_string()));
    assert_eq!(
        calls[3],
        words(&format!("network express-route peering update {SCOPE} -n MicrosoftPeering --route-filter rf4 --set ipv6PeeringConfig.routeFilter.id=/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/routeFilters/rf6 -o none"))
    );
    // Never `az account set`; no delete.
    assert!(!bash.contains("account set") && code(&bash).all(|l| !l.contains(" delete")));
    // Clean-up: a guarded, opted-in delete; the PowerShell one stops on a failed az line too.
    let clean = cleanup(&p, Shell::Bash);
    assert_eq!(
        command_lines(&clean, "az network express-route peering delete"),
        [format!(
            "az network express-route peering delete {SCOPE} -n MicrosoftPeering -o none"
        )]
    );
    // Run against a circuit without the peering: nothing is deleted, opted in or not.
    let run = run_bash(&clean, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Step 2: skipped: MicrosoftPeering is kept"),
        "{}",
        run.stdout
    );
    let run = run_bash(&clean, &[("ER_DELETE_MICROSOFTPEERING", "yes")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Step 2: skipped: MicrosoftPeering does not exist."),
        "{}",
        run.stdout
    );
    assert!(run.calls.iter().all(|c| !c.contains(&"delete".to_string())));
    let clean_ps = cleanup(&p, Shell::PowerShell);
    assert!(clean_ps.contains(&format!(
        "      az network express-route peering delete {SCOPE} -n MicrosoftPeering -o none\n      if ($LASTEXITCODE) {{ Stop-Er 'Step 2 failed"
    )), "{clean_ps}");
    agreed_argv(&clean, &clean_ps, "", "");
    // A private peering's clean-up checks its Global Reach and Virtual WAN connections first.
    let private = private_v6_only(SUB);
    let clean = cleanup(&private, Shell::Bash);
    // (What the check does is run against a live circuit in change_emit.rs.)
    assert!(
        code(&clean).any(|l| l.contains("global_reach") && l.contains("AzurePrivatePeering")),
        "{clean}"
    );
    assert!(clean.contains(
        "# Step 2: read AzurePrivatePeering again: no Global Reach connection may be left."
    ));
    let calls = agreed_argv(&clean, &cleanup(&private, Shell::PowerShell), "", "");
    assert_eq!(
        calls[1],
        words(&format!("network express-route peering show {SCOPE} -n AzurePrivatePeering --query to_string(connections[].name) -o tsv"))
    );
    // A plan without a baseline has no rollback: a note that runs no command.
    let (bash_note, ps_note) = (rollback(&p, Shell::Bash), rollback(&p, Shell::PowerShell));
    assert!(bash_note.contains("No rollback: ") && ps_note.contains("No rollback: "));
    assert!(agreed_argv(&bash_note, &ps_note, "", "").is_empty());
}

/// A failing az step ends the block (and only the block): the user's shell goes on.
#[test]
fn bash_block_stops_at_a_failed_step() {
    let p = microsoft_dual(SUB, "");
    let script = main_script(&p, &EmitOptions::default(), Shell::Bash);
    let failing = script.replacen(
        "\nset -f\n",
        "\nset -f\naz() { { printf '%s\\0' \"$#\"; printf '%s\\0' \"$@\"; } >> \"$AZ_LOG\"; [ \"$4\" != create ] || return 1; [ \"$3\" != show ] || printf 'Provisioned\\nEnabled\\n'; }\n",
        1,
    );
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
    assert!(run.stderr.contains(
        "Stopped: Step 2 failed (create MicrosoftPeering with its IPv4 settings): see az's message above."
    ), "{}", run.stderr);
    assert!(run.stdout.contains("after-block"));
    assert!(!run.stdout.contains("Step 2: created"));
    // Unfailing, the same block runs every step.
    let run = run_bash(&script, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.calls.len(), 5, "{:?}", run.calls);
}

/// Every block of a plan as text: the main scripts, clean-ups and rollbacks in both shells, every ARM
/// body, URL, az rest block and note.
fn every_block(p: &ValidPlan, opts: &EmitOptions) -> Vec<String> {
    let mut blocks = vec![
        main_script(p, opts, Shell::Bash),
        main_script(p, opts, Shell::PowerShell),
        cleanup(p, Shell::Bash),
        cleanup(p, Shell::PowerShell),
        rollback(p, Shell::Bash),
        rollback(p, Shell::PowerShell),
    ];
    for payload in arm_payloads(p, opts) {
        blocks.push(rest_block(p, &payload, Shell::Bash));
        blocks.push(rest_block(p, &payload, Shell::PowerShell));
        blocks.push(payload.body);
        blocks.push(payload.url);
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
    // (private key, Microsoft key, environment variables, bash variables)
    type Case<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        &'a [&'a str],
        &'a [&'a str],
    );
    let cases: [Case; 4] = [
        (Some("PrivKey7"), None, &["ER_SHARED_KEY"], &["er_key"]),
        (None, Some("MsftKey8"), &["ER_SHARED_KEY"], &["er_key"]),
        (
            Some("SameKey9"),
            Some("SameKey9"),
            &["ER_SHARED_KEY"],
            &["er_key"],
        ),
        (
            Some("PrivKey7"),
            Some("MsftKey8"),
            &["ER_SHARED_KEY_PRIVATE", "ER_SHARED_KEY_MICROSOFT"],
            &["er_key_private", "er_key_microsoft"],
        ),
    ];
    for (private_key, microsoft_key, envs, vars) in cases {
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
        let bash = main_script(&p, &EmitOptions::default(), Shell::Bash);
        let ps = main_script(&p, &EmitOptions::default(), Shell::PowerShell);
        for (env, var) in envs.iter().zip(vars.iter()) {
            assert!(
                bash.contains(&format!("\n{var}=${{{env}:-}}\nunset {env}\n")),
                "{env} missing:\n{bash}"
            );
            assert!(
                bash.contains(&format!("--shared-key=\"${var}\"")),
                "{var} unused:\n{bash}"
            );
            assert!(
                ps.contains(&format!(" = $env:{env}\n")),
                "{env} missing:\n{ps}"
            );
        }
        // Each peering's create gets its own key, from either shell.
        let calls = agreed_argv(
            &bash,
            &ps,
            private_key.or(microsoft_key).unwrap(),
            microsoft_key.or(private_key).unwrap(),
        );
        for (name, key) in [
            ("AzurePrivatePeering", private_key),
            ("MicrosoftPeering", microsoft_key),
        ] {
            let create = calls
                .iter()
                .find(|c| c[3] == "create" && c.contains(&name.to_string()))
                .unwrap();
            let sent: Vec<&String> = create
                .iter()
                .filter(|a| a.starts_with("--shared-key"))
                .collect();
            match key {
                Some(k) => assert_eq!(sent, [&format!("--shared-key={k}")], "{create:?}"),
                None => assert!(sent.is_empty(), "{create:?}"),
            }
        }
        // Run for real with the keys in the environment: the same creates.
        let env: Vec<(&str, &str)> = match envs {
            [one] => vec![(*one, keys[0])],
            _ => vec![(envs[0], keys[0]), (envs[1], keys[1])],
        };
        let run = run_bash(&bash, &env);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let creates: Vec<&Vec<String>> = run.calls.iter().filter(|c| c[3] == "create").collect();
        let expected: Vec<&Vec<String>> = calls.iter().filter(|c| c[3] == "create").collect();
        assert_eq!(creates, expected);
        // With inline on, each key is there, and no block reads one.
        let inline = EmitOptions {
            inline_shared_key: true,
        };
        let all = every_block(&p, &inline).join("\n");
        for key in &keys {
            assert!(
                all.contains(&format!("--shared-key={key}")),
                "the key {key} is missing with inline on"
            );
            assert!(
                all.contains(&format!("\"sharedKey\": \"{key}\"")),
                "the key {key} is missing from a body"
            );
        }
        assert!(!all.contains("ER_SHARED_KEY"));
    }
}
