//! Any bytes as an imported plan (a file), a `#plan=` link fragment, or pasted `az ... show` JSON (change mode):
//! read it, validate it, emit every output, and apply the fix of every finding, validating again. Nothing
//! may panic (a panic kills the wasm app); `plan` must be present exactly without errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::link::{parse_fragment, FragmentPlan};
use peering_planner::domain::validate::{analyze, Analysis};
use peering_planner::emit;
use peering_planner::emit::blocks::{GeneratorSession, Outputs};

/// Every output the page renders for a plan without errors.
fn emit_all(analysis: &Analysis) {
    let Some(plan) = &analysis.plan else {
        return;
    };
    for shell in [emit::Shell::Bash, emit::Shell::PowerShell] {
        for inline_shared_key in [false, true] {
            let opts = emit::EmitOptions { inline_shared_key };
            let _ = emit::main_script(plan, &opts, shell);
            for payload in emit::arm_payloads(plan, &opts) {
                let _ = emit::rest_block(plan, &payload, shell);
            }
        }
        let _ = emit::cleanup(plan, shell);
        let _ = emit::rollback(plan, shell);
    }
    // Every router config and the handover sheet.
    for inline_shared_key in [false, true] {
        let opts = emit::EmitOptions { inline_shared_key };
        for vendor in peering_planner::domain::router::Vendor::ALL {
            for link in peering_planner::domain::field::Link::ALL {
                let _ = emit::router::config(plan, vendor, link, &opts);
            }
        }
        let _ = emit::router::handover::sheet(plan, &analysis.ip_plan, &opts);
    }
    // Every change the scripts are built from, and its undo.
    for change in peering_planner::domain::change::plan_changes(plan) {
        let _ = change.consequences();
        let _ = change.inverse().consequences();
    }
}

/// The page's blocks (also built for plans with errors), and the generator module's session on the
/// same plan as JSON.
fn blocks(doc: &PlanDocument, analysis: &Analysis) {
    let _ = Outputs::build(doc, analysis, false);
    let mut session = GeneratorSession::default();
    let _ = session.load(&doc.to_json(true), false);
    for key in ["az-bash", "arm-json:MicrosoftPeering", "router-junos-secondary", "router-handover", "nope"] {
        let _ = session.block(key);
    }
}

fn check(doc: &PlanDocument) {
    let analysis = analyze(doc);
    assert_eq!(analysis.plan.is_some(), !analysis.findings.has_errors());
    emit_all(&analysis);
    blocks(doc, &analysis);
    let mut fixed = doc.clone();
    for fix in analysis.findings.iter().filter_map(|f| f.fix.as_ref()) {
        let mut one = doc.clone();
        if one.apply_fix(fix).is_ok() {
            let _ = analyze(&one);
        }
        let _ = fixed.apply_fix(fix);
    }
    let again = analyze(&fixed);
    assert_eq!(again.plan.is_some(), !again.findings.has_errors());
    emit_all(&again);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = PlanDocument::from_json(text) {
        check(&doc);
        // What was read must survive a round trip.
        assert_eq!(PlanDocument::from_json(&doc.to_json(true)).ok(), Some(doc));
    }
    // The same text as a share link's fragment (`#plan=...` is user input too).
    if let FragmentPlan::Plan(doc) = parse_fragment(text) {
        check(&doc);
    }
    if let Ok(import) = import_live(text) {
        let merged = merge_import(&PlanDocument::default(), &import);
        check(&merged);
    }
});
