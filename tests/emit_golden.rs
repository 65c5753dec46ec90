//! Golden files for the outputs of the reference plans (tests/golden/plans/*.json and the change-mode
//! pairs in tests/golden/change/): tests/golden/<plan>/{az.bash, az.ps1, cleanup.bash, cleanup.ps1,
//! rollback.bash, rollback.ps1, <Peering>.arm.json, <Peering>.rest.bash, <Peering>.rest.ps1,
//! <Peering>.notes.txt, main.tf (Terraform), router-*.txt, routefilter-*}. `UPDATE_GOLDEN=1 cargo test --test emit_golden` rewrites them; review the diff.
//! Each test also proves the text: every az command of a bash block runs in real bash (az recorded),
//! the PowerShell blocks go through the model of every PowerShell host, and both must hand `az` the
//! same argv. The conformance harness (tests/conformance) then runs the bash blocks for real; its
//! expected ARM bodies are written to target/conformance/<plan>/.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::field::Link;
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::router::Vendor;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::{
    arm_payloads, cleanup, filters, main_script, rest_block, rollback, route_filter_rest_block,
    router, ArmPayload, EmitOptions, Shell,
};
use std::path::{Path, PathBuf};
use support::{bash_block_commands, paste_into_interactive, run_bash, STUB_SUBSCRIPTION};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn plan_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.extend(change_names());
    names.sort();
    names
}

/// Change-mode reference plans: tests/golden/change/<name>/{live.json (what az show printed),
/// plan.json (the edited plan: its peerings and VNets replace the imported ones)}.
fn change_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir().join("change"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("live.json").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The plan document of a change-mode reference plan: the import of live.json, edited by plan.json.
fn change_doc(name: &str) -> PlanDocument {
    let dir = golden_dir().join("change").join(name);
    let live = std::fs::read_to_string(dir.join("live.json")).unwrap();
    let edited =
        PlanDocument::from_json(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
    let import = import_live(&live).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut doc = merge_import(&PlanDocument::default(), &import);
    // A route filter the plan manages: its `az network route-filter show` JSON beside the circuit's.
    if let Ok(filter) = std::fs::read_to_string(dir.join("filter.json")) {
        let import = import_live(&filter).unwrap_or_else(|e| panic!("{name} filter: {e}"));
        doc = merge_import(&doc, &import);
    }
    doc.peerings = edited.peerings;
    doc.vnet_address_spaces = edited.vnet_address_spaces;
    doc
}

fn load(name: &str) -> (PlanDocument, ValidPlan) {
    if golden_dir().join("change").join(name).exists() {
        let doc = change_doc(name);
        let analysis = analyze(&doc);
        let plan = analysis
            .plan
            .unwrap_or_else(|| panic!("{name}: {:#?}", analysis.findings));
        return (doc, plan);
    }
    let text =
        std::fs::read_to_string(golden_dir().join("plans").join(format!("{name}.json"))).unwrap();
    let doc = PlanDocument::from_json(&text).unwrap();
    let plan = support::valid_plan(&text);
    (doc, plan)
}

fn notes_text(p: &ArmPayload) -> String {
    let mut out = format!("PUT {}\n\n", p.url);
    for note in &p.notes {
        out.push_str(&format!("- {note}\n"));
    }
    out
}

/// Every block of a plan, by file name: (file, text).
fn outputs(doc: &PlanDocument, plan: &ValidPlan) -> Vec<(String, String)> {
    let opts = EmitOptions::default();
    let mut files = vec![
        ("az.bash".to_string(), main_script(plan, &opts, Shell::Bash)),
        (
            "az.ps1".to_string(),
            main_script(plan, &opts, Shell::PowerShell),
        ),
        ("cleanup.bash".to_string(), cleanup(plan, Shell::Bash)),
        ("cleanup.ps1".to_string(), cleanup(plan, Shell::PowerShell)),
        ("rollback.bash".to_string(), rollback(plan, Shell::Bash)),
        (
            "rollback.ps1".to_string(),
            rollback(plan, Shell::PowerShell),
        ),
    ];
    for p in arm_payloads(plan, &opts) {
        let name = p.peering_type.as_str();
        files.push((format!("{name}.arm.json"), p.body.clone()));
        files.push((
            format!("{name}.rest.bash"),
            rest_block(plan, &p, Shell::Bash),
        ));
        files.push((
            format!("{name}.rest.ps1"),
            rest_block(plan, &p, Shell::PowerShell),
        ));
        files.push((format!("{name}.notes.txt"), notes_text(&p)));
    }
    for vendor in Vendor::ALL {
        for link in Link::ALL {
            files.push((
                format!("router-{}-{}.txt", vendor.key(), link.key()),
                router::config(plan, vendor, link, &opts),
            ));
        }
    }
    files.push((
        "main.tf".to_string(),
        peering_planner::emit::terraform::terraform(plan, &opts),
    ));
    files.push((
        "router-handover.txt".to_string(),
        router::handover::sheet(plan, &analyze(doc).ip_plan, &opts),
    ));
    for f in filters::planned(plan) {
        let name = &f.name;
        files.push((format!("routefilter-{name}.arm.json"), filters::body(&f)));
        files.push((
            format!("routefilter-{name}.rest.bash"),
            route_filter_rest_block(plan, &f, Shell::Bash),
        ));
        files.push((
            format!("routefilter-{name}.rest.ps1"),
            route_filter_rest_block(plan, &f, Shell::PowerShell),
        ));
    }
    files
}

/// The (bash, PowerShell) pairs of every script block of a plan, with both key options.
fn block_pairs(plan: &ValidPlan) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for inline_shared_key in [false, true] {
        let opts = EmitOptions { inline_shared_key };
        pairs.push((
            main_script(plan, &opts, Shell::Bash),
            main_script(plan, &opts, Shell::PowerShell),
        ));
        for p in arm_payloads(plan, &opts) {
            pairs.push((
                rest_block(plan, &p, Shell::Bash),
                rest_block(plan, &p, Shell::PowerShell),
            ));
        }
    }
    pairs.push((cleanup(plan, Shell::Bash), cleanup(plan, Shell::PowerShell)));
    pairs.push((
        rollback(plan, Shell::Bash),
        rollback(plan, Shell::PowerShell),
    ));
    pairs
}

fn key_env(doc: &PlanDocument) -> Vec<(String, String)> {
    let mut env = Vec::new();
    for p in &doc.peerings {
        if p.shared_key.is_empty() {
            continue;
        }
        env.push(("ER_SHARED_KEY".to_string(), p.shared_key.clone()));
        let suffix = if p.peering_type == "MicrosoftPeering" {
            "MICROSOFT"
        } else {
            "PRIVATE"
        };
        env.push((format!("ER_SHARED_KEY_{suffix}"), p.shared_key.clone()));
    }
    env
}

#[test]
fn golden_outputs_of_the_reference_plans() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut mismatches = Vec::new();
    for name in plan_names() {
        let (doc, plan) = load(&name);
        let dir = golden_dir().join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in outputs(&doc, &plan) {
            let path = dir.join(&file);
            if update {
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                mismatches.push(format!("{name}/{file}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden files differ (review, then UPDATE_GOLDEN=1 cargo test --test emit_golden): {mismatches:#?}"
    );
}

/// The bash and PowerShell blocks hand `az` the same argv, command for command (bash: real bash; the
/// PowerShell block: the model, in every host and argument-passing mode, since the block sets Legacy
/// passing for itself), and so do the commands they print for the user to run later.
#[test]
fn bash_and_powershell_deliver_the_same_argv() {
    for name in plan_names() {
        let (doc, plan) = load(&name);
        let keys = key_env(&doc);
        let key = keys.first().map(|(_, v)| v.as_str()).unwrap_or("");
        let key_of = |suffix: &str| {
            keys.iter()
                .find(|(k, _)| k.as_str() == format!("ER_SHARED_KEY{suffix}"))
                .map(|(_, v)| v.as_str())
                .unwrap_or(key)
        };
        let bash_vars = [
            ("er_key", key_of("")),
            ("er_key_private", key_of("_PRIVATE")),
            ("er_key_microsoft", key_of("_MICROSOFT")),
            ("er_subscription", STUB_SUBSCRIPTION),
        ];
        let mut ps_env = psmodel::ps_env(STUB_SUBSCRIPTION, key);
        for (var, value) in [
            ("erKey", key_of("")),
            ("erKeyPrivate", key_of("_PRIVATE")),
            ("erKeyMicrosoft", key_of("_MICROSOFT")),
            ("erSubscription", STUB_SUBSCRIPTION),
        ] {
            ps_env.ps_vars.insert(var.to_string(), value.to_string());
        }
        for (bash_text, ps_text) in block_pairs(&plan) {
            let (calls, later) = bash_block_commands(&bash_text, &bash_vars);
            for host in psmodel::Host::ALL {
                let ps = psmodel::block_argvs(&ps_text, host, &ps_env)
                    .unwrap_or_else(|e| panic!("{name} {host:?}: {e}\n{ps_text}"));
                assert_eq!(
                    calls, ps,
                    "{name} {host:?}: bash and PowerShell argv differ"
                );
            }
            let ps_later: Vec<Vec<String>> = ps_text
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("#   az "))
                .map(
                    |rest| match psmodel::run_az(&format!("az {rest}"), &ps_env) {
                        psmodel::Outcome::Argv(argv) => argv,
                        broken => panic!("{name}: {broken:?}"),
                    },
                )
                .collect();
            assert_eq!(later, ps_later, "{name}: commands to run later differ");
            let nothing_to_do = bash_text.starts_with("# No")
                || bash_text.contains("# Nothing to delete")
                || !bash_text.contains("# Step 1");
            assert_eq!(
                calls.is_empty(),
                nothing_to_do,
                "{name}: az calls in\n{bash_text}"
            );
        }
    }
}

/// Pasted into an interactive bash (history expansion on) or zsh with default options (no
/// `interactivecomments`, so a `#` line would be a command there), each block makes the same calls as
/// from a file and leaves the user's shell alive, without `set -e`/`-u`/`pipefail`.
#[test]
fn bash_blocks_are_paste_safe_in_bash_and_zsh() {
    let zsh = std::process::Command::new("zsh")
        .arg("--version")
        .output()
        .is_ok();
    assert!(zsh, "zsh is missing: scripts/setup.sh installs it");
    for name in plan_names() {
        let (doc, plan) = load(&name);
        let env = key_env(&doc);
        let env_refs: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        for text in [
            main_script(&plan, &EmitOptions::default(), Shell::Bash),
            cleanup(&plan, Shell::Bash),
            rollback(&plan, Shell::Bash),
        ] {
            let from_file = run_bash(&text, &env_refs);
            for shell in ["bash", "zsh"] {
                let (pasted, flags) = paste_into_interactive(shell, &text, &env_refs);
                assert_eq!(
                    pasted.calls, from_file.calls,
                    "{name} {shell}: {}",
                    pasted.stderr
                );
                assert!(
                    !flags.contains('e') && !flags.contains('u') && flags != "<shell died>",
                    "{name} {shell}: flags {flags}"
                );
                assert!(
                    !pasted.stderr.contains("command not found")
                        && !pasted.stderr.contains("bad pattern"),
                    "{name} {shell}: {}",
                    pasted.stderr
                );
            }
        }
    }
}

/// What must never be in our output (§6, §8, the seed article's failing forms).
#[test]
fn outputs_never_hold_the_known_bad_forms() {
    for name in plan_names() {
        let (doc, plan) = load(&name);
        for (file, text) in outputs(&doc, &plan) {
            assert!(!text.contains("--SharedKey"), "{name}/{file}");
            assert!(!text.contains("AzureMicrosoftPeering"), "{name}/{file}");
            assert!(!text.contains("account set"), "{name}/{file}");
            assert!(!text.contains("update --ip-version"), "{name}/{file}");
            assert!(!text.contains("update --peering-type"), "{name}/{file}");
            for line in text
                .lines()
                .filter(|l| l.contains("az network express-route peering update"))
            {
                assert!(!line.contains("--peering-type"), "{name}/{file}: {line}");
                assert!(!line.contains("--ip-version"), "{name}/{file}: {line}");
            }
            // Microsoft-only flags never on a private peering (§7, §8).
            for line in text
                .lines()
                .filter(|l| l.contains("AzurePrivatePeering") && l.contains("az network"))
            {
                for flag in [
                    "--advertised-public-prefixes",
                    "--customer-asn",
                    "--routing-registry-name",
                    "--route-filter",
                    "--legacy-mode",
                    "microsoftPeeringConfig.",
                    "routeFilter.",
                ] {
                    assert!(
                        !line.contains(flag),
                        "{name}/{file}: {flag} on a private peering: {line}"
                    );
                }
            }
            if file.starts_with("az.") || file.contains(".rest.") || file.starts_with("rollback.") {
                let deletes = text.lines().any(|l| {
                    let l = l.trim_start();
                    !l.starts_with('#') && l.contains(" delete ")
                });
                assert!(!deletes, "{name}/{file} holds a delete");
            }
            // Default options: the shared key never appears in any output.
            for p in &doc.peerings {
                if !p.shared_key.is_empty() {
                    assert!(
                        !text.contains(&p.shared_key),
                        "{name}/{file} holds a shared key"
                    );
                }
            }
            if let (Some(sub), true) = (&plan.circuit.subscription, file.ends_with(".bash")) {
                let (calls, later) =
                    bash_block_commands(&text, &[("er_key", "k"), ("er_subscription", "s")]);
                for argv in calls.iter().chain(&later).filter(|a| a[0] == "network") {
                    let at = argv.iter().position(|a| a == "--subscription");
                    assert_eq!(
                        at.map(|i| argv[i + 1].as_str()),
                        Some(sub.as_str()),
                        "{name}/{file}: {argv:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn inline_shared_key_goes_everywhere() {
    let (doc, plan) = load("private-dual");
    let key = &doc.peerings[0].shared_key;
    let opts = EmitOptions {
        inline_shared_key: true,
    };
    assert!(main_script(&plan, &opts, Shell::Bash).contains(&format!("--shared-key={key}")));
    assert!(main_script(&plan, &opts, Shell::PowerShell).contains(&format!("--shared-key={key}")));
    let body = &arm_payloads(&plan, &opts)[0];
    let json: serde_json::Value = serde_json::from_str(&body.body).unwrap();
    assert_eq!(json["properties"]["sharedKey"], serde_json::json!(key));
    assert!(!body.notes.iter().any(|n| n.contains("left out")));
    let default_body = &arm_payloads(&plan, &EmitOptions::default())[0];
    assert!(default_body.notes.iter().any(|n| n.contains("left out")));
}

/// The page sends the plan to the generator module as JSON (shared key included) and reads its
/// outputs back as JSON (src/ui/generator.rs): for every reference plan, with and without the key
/// inline, with errors and unreadable, that answer is exactly what the emitters build in one module.
#[test]
fn the_generator_module_answers_what_the_emitters_build() {
    use peering_planner::emit::blocks::Outputs;
    let mut docs: Vec<(String, PlanDocument)> = plan_names()
        .into_iter()
        .map(|n| (n.clone(), load(&n).0))
        .collect();
    let (_, mut broken) = docs[0].clone();
    broken.peerings[0].vlan_id = "4095".into();
    docs.push(("broken".into(), broken));
    for (name, doc) in &docs {
        for inline in [false, true] {
            let answer = Outputs::from_document_json(&doc.to_json(true), inline);
            let outputs: Outputs = serde_json::from_str(&answer).unwrap();
            assert_eq!(
                outputs,
                Outputs::build(doc, &analyze(doc), inline),
                "{name}, inline {inline}"
            );
            assert_eq!(outputs.blocked_by.is_some(), name == "broken", "{name}");
        }
    }
    let garbage: Outputs = serde_json::from_str(&Outputs::from_document_json("{", false)).unwrap();
    assert!(garbage.blocked_by.unwrap().contains("invalid JSON"));
}

/// The page's way: one `load` per edit (findings, IP plan, ARM blocks), then block by block. Every block
/// of every reference plan equals the whole-plan build, and the report equals the validator's.
#[test]
fn the_generator_session_builds_each_block_like_the_whole_plan() {
    use peering_planner::emit::blocks::{BlockId, GeneratorSession, Outputs, PlanMeta, Report};
    for name in plan_names() {
        let (doc, _) = load(&name);
        for inline in [false, true] {
            let mut session = GeneratorSession::default();
            let meta: PlanMeta =
                serde_json::from_str(&session.load(&doc.to_json(true), inline)).unwrap();
            let analysis = analyze(&doc);
            assert_eq!(meta.report, Report::of(&analysis), "{name}");
            assert!(
                meta.report.checked && meta.report.valid && meta.error.is_none(),
                "{name}"
            );
            let whole = Outputs::build(&doc, &analysis, inline);
            let get = |id: BlockId| session.block(&id.key());
            assert_eq!(get(BlockId::AzBash), whole.bash, "{name}");
            assert_eq!(get(BlockId::AzPowerShell), whole.powershell, "{name}");
            assert_eq!(get(BlockId::CleanupBash), whole.bash_cleanup, "{name}");
            assert_eq!(
                get(BlockId::RollbackPowerShell),
                whole.powershell_rollback,
                "{name}"
            );
            assert_eq!(get(BlockId::RouterHandover), whole.handover, "{name}");
            assert_eq!(meta.arm.len(), whole.arm.len(), "{name}");
            for a in &whole.arm {
                let t =
                    peering_planner::domain::peering::PeeringType::parse(&a.peering_type).unwrap();
                assert_eq!(get(BlockId::ArmJson(t)), a.body, "{name}");
                assert_eq!(
                    get(BlockId::ArmRestPowerShell(t)),
                    a.rest_powershell,
                    "{name}"
                );
            }
            for r in &whole.routers {
                assert_eq!(
                    session.block(&format!("router-{}-{}", r.vendor, r.router)),
                    r.text,
                    "{name}"
                );
            }
            // Every key round-trips; an unknown key is empty, never a panic.
            for id in BlockId::SCRIPTS.into_iter().chain(BlockId::routers()) {
                assert_eq!(BlockId::parse(&id.key()), Some(id));
            }
            assert_eq!(session.block("router-cisco-primary"), "");
        }
    }
}

/// Expected ARM bodies for the conformance harness: for a plan without subscription, the body of the
/// same plan with the harness's subscription (the one `az account show` answers there).
#[test]
fn write_conformance_expectations() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/conformance");
    for name in plan_names() {
        let (mut doc, _) = load(&name);
        if doc.circuit.subscription.trim().is_empty() {
            doc.circuit.subscription = STUB_SUBSCRIPTION.to_string();
        }
        let plan = analyze(&doc).plan.unwrap();
        let dir = out.join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        // Change mode: the merged plan (keys included) for the harness, which seeds the simulated
        // circuit from live.json itself.
        if doc.baseline.is_some() {
            std::fs::write(dir.join("plan.json"), doc.to_json(true)).unwrap();
        }
        for p in arm_payloads(&plan, &EmitOptions::default()) {
            std::fs::write(
                dir.join(format!("{}.expected.json", p.peering_type.as_str())),
                &p.body,
            )
            .unwrap();
        }
        // The router harness (tests/router) loads these FRR configs, keys inline, and builds its
        // simulated Microsoft edge from plan.json on its own.
        let routers = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/router")
            .join(&name);
        std::fs::create_dir_all(&routers).unwrap();
        std::fs::write(routers.join("plan.json"), doc.to_json(true)).unwrap();
        let inline = EmitOptions {
            inline_shared_key: true,
        };
        for link in Link::ALL {
            std::fs::write(
                routers.join(format!("frr-{}.conf", link.key())),
                router::config(&plan, Vendor::Frr, link, &inline),
            )
            .unwrap();
        }
    }
}
