//! Golden files for the outputs of the reference plans (tests/golden/plans/*.json):
//! tests/golden/<plan>/{az.bash, az.ps1, cleanup.bash, cleanup.ps1, <Peering>.arm.json, <Peering>.rest.txt}.
//! `UPDATE_GOLDEN=1 cargo test` rewrites them. Each test also proves the text: the bash blocks run in
//! real bash (az recorded), the PowerShell blocks go through the three-layer model, and both must hand
//! `az` the same argv. For the conformance harness (tests/conformance) the expected ARM bodies are written
//! to target/conformance/<plan>/.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::{
    arm_payloads, bash_cleanup, bash_script, powershell_cleanup, powershell_script, ArmPayload,
    EmitOptions,
};
use std::path::{Path, PathBuf};
use support::{paste_into_interactive_bash, run_bash, STUB_SUBSCRIPTION};

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

fn rest_text(p: &ArmPayload) -> String {
    let mut out = String::new();
    out.push_str("## URL\n");
    match &p.url {
        Some(url) => out.push_str(&format!("PUT {url}\n")),
        None => out.push_str("(none: the plan has no subscription)\n"),
    }
    out.push_str("\n## bash\n");
    out.push_str(&p.rest_bash);
    out.push_str("\n## Windows PowerShell\n");
    out.push_str(&p.rest_powershell);
    out.push_str("\n## Notes\n");
    for note in &p.notes {
        out.push_str(&format!("- {note}\n"));
    }
    out
}

fn outputs(plan: &ValidPlan) -> Vec<(String, String)> {
    let opts = EmitOptions::default();
    let mut files = vec![
        ("az.bash".to_string(), bash_script(plan, &opts)),
        ("az.ps1".to_string(), powershell_script(plan, &opts)),
        ("cleanup.bash".to_string(), bash_cleanup(plan)),
        ("cleanup.ps1".to_string(), powershell_cleanup(plan)),
    ];
    for p in arm_payloads(plan, &opts) {
        let name = p.peering_type.as_str();
        files.push((format!("{name}.arm.json"), p.body.clone()));
        files.push((format!("{name}.rest.txt"), rest_text(&p)));
    }
    files
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
        let (_, plan) = load(&name);
        let dir = golden_dir().join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in outputs(&plan) {
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

/// The bash and PowerShell blocks hand `az` the same argv (bash: real bash; PowerShell: the model).
#[test]
fn bash_and_powershell_deliver_the_same_argv() {
    for name in plan_names() {
        let (doc, plan) = load(&name);
        let env = key_env(&doc);
        let env_refs: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        for (bash_text, ps_text) in [
            (
                bash_script(&plan, &EmitOptions::default()),
                powershell_script(&plan, &EmitOptions::default()),
            ),
            (
                bash_script(
                    &plan,
                    &EmitOptions {
                        inline_shared_key: true,
                    },
                ),
                powershell_script(
                    &plan,
                    &EmitOptions {
                        inline_shared_key: true,
                    },
                ),
            ),
            (bash_cleanup(&plan), powershell_cleanup(&plan)),
        ] {
            let run = run_bash(&bash_text, &env_refs);
            assert_eq!(run.status, 0, "{name}: {}\n{bash_text}", run.stderr);
            let ps = psmodel::az_lines_through_model(&ps_text, STUB_SUBSCRIPTION, &env);
            assert_eq!(run.calls, ps, "{name}: bash and PowerShell argv differ");
            // A change-mode clean-up may have nothing to delete (every live peering stays).
            assert!(
                !run.calls.is_empty()
                    || (plan.baseline.is_some() && bash_text.contains("Nothing to delete")),
                "{name}: no az call"
            );
        }
        // The az rest lines.
        for p in arm_payloads(&plan, &EmitOptions::default()) {
            if p.url.is_none() {
                continue;
            }
            let run = run_bash(&p.rest_bash, &[]);
            assert_eq!(run.status, 0, "{name}: {}", run.stderr);
            assert_eq!(run.calls.len(), 1);
            let ps = psmodel::az_lines_through_model(&p.rest_powershell, STUB_SUBSCRIPTION, &[]);
            assert_eq!(run.calls, ps, "{name}: az rest argv differ");
            assert_eq!(
                run.calls[0].last().map(String::as_str),
                Some("@peering.json")
            );
        }
    }
}

/// Pasted into an interactive bash (history expansion on), each block makes the same calls as from a
/// file and leaves the user's shell alive, without `set -e`/`-u`/`pipefail`.
#[test]
fn bash_blocks_are_paste_safe() {
    for name in plan_names() {
        let (doc, plan) = load(&name);
        let env = key_env(&doc);
        let env_refs: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        for text in [
            bash_script(&plan, &EmitOptions::default()),
            bash_cleanup(&plan),
        ] {
            let from_file = run_bash(&text, &env_refs);
            let (pasted, flags) = paste_into_interactive_bash(&text, &env_refs);
            assert_eq!(pasted.calls, from_file.calls, "{name}: {}", pasted.stderr);
            assert!(
                !flags.contains('e') && !flags.contains('u') && flags != "<shell died>",
                "{name}: flags {flags}"
            );
        }
    }
}

/// What must never be in our output (§6, §8, the seed article's failing forms).
#[test]
fn outputs_never_hold_the_known_bad_forms() {
    for name in plan_names() {
        let (doc, plan) = load(&name);
        for (file, text) in outputs(&plan) {
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
            if file.starts_with("az.") {
                assert!(!text.contains("delete"), "{name}/{file} holds a delete");
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
            if let Some(sub) = &plan.circuit.subscription {
                if file.starts_with("az.") || file.starts_with("cleanup.") {
                    let az_lines = text
                        .lines()
                        .filter(|l| l.contains("az network") && !l.trim_start().starts_with('#'));
                    for line in az_lines {
                        assert!(
                            line.contains(&format!("--subscription {sub}")),
                            "{name}/{file}: {line}"
                        );
                    }
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
    assert!(bash_script(&plan, &opts).contains(&format!("--shared-key={key}")));
    assert!(powershell_script(&plan, &opts).contains(&format!("--shared-key={key}")));
    let body = &arm_payloads(&plan, &opts)[0];
    let json: serde_json::Value = serde_json::from_str(&body.body).unwrap();
    assert_eq!(json["properties"]["sharedKey"], serde_json::json!(key));
    assert!(!body.notes.iter().any(|n| n.contains("left out")));
    let default_body = &arm_payloads(&plan, &EmitOptions::default())[0];
    assert!(default_body.notes.iter().any(|n| n.contains("left out")));
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
    }
}
