//! Any bytes as an imported plan (a file, a `#plan=` link): read it, validate it, and apply the fix of
//! every finding, validating again. Nothing may panic; `plan` must be present exactly without errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::validate::analyze;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = PlanDocument::from_json(text) else {
        return;
    };
    let analysis = analyze(&doc);
    assert_eq!(analysis.plan.is_some(), !analysis.findings.has_errors());
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
    // What was read must survive a round trip.
    assert_eq!(PlanDocument::from_json(&doc.to_json(true)).ok(), Some(doc));
});
