//! The pure parts of the page: output texts, the IP plan table, the `#plan=` encoding.

use peering_planner::domain::examples::sample_plan;
use peering_planner::domain::validate::analyze;
use peering_planner::ui::browser::{
    base64url_decode, base64url_encode, parse_fragment, plan_fragment, FragmentPlan,
};
use peering_planner::ui::outputs::Outputs;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn base64url_round_trips_without_padding() {
    for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "ü€😀"] {
        let encoded = base64url_encode(text.as_bytes());
        assert!(!encoded.contains('='), "{encoded}");
        assert_eq!(base64url_decode(&encoded).unwrap(), text.as_bytes());
    }
    assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
}

#[wasm_bindgen_test]
fn the_fragment_never_carries_the_key_and_reads_back() {
    let mut plan = sample_plan();
    plan.peerings[0].shared_key = "Secret123".into();
    let fragment = plan_fragment(&plan);
    let FragmentPlan::Plan(back) = parse_fragment(&format!("#{fragment}")) else {
        panic!("fragment did not read back");
    };
    assert_eq!(back.peerings[0].shared_key, "");
    plan.peerings[0].shared_key.clear();
    assert_eq!(back, plan);
    assert!(matches!(
        parse_fragment("#plan=%%%"),
        FragmentPlan::Unreadable(_)
    ));
    assert_eq!(parse_fragment("#section-2"), FragmentPlan::None);
}

#[wasm_bindgen_test]
fn with_errors_the_blocks_say_what_to_fix_and_hold_no_command() {
    let mut plan = sample_plan();
    plan.circuit.name.clear();
    let outputs = Outputs::build(&plan, &analyze(&plan), false);
    assert!(outputs.blocked_by.is_some());
    for block in [
        &outputs.bash,
        &outputs.powershell,
        &outputs.bash_cleanup,
        &outputs.powershell_cleanup,
    ] {
        assert!(block.starts_with("# No commands yet"), "{block}");
        assert!(!block.contains("az network"), "{block}");
        assert!(block.contains("/circuit/name"), "{block}");
    }
    assert_eq!(
        outputs.arm.len(),
        2,
        "one ARM block per peering even with errors"
    );
    assert!(
        outputs.ip_plan.contains("192.168.100.129"),
        "valid rows still show"
    );
}

#[wasm_bindgen_test]
fn a_valid_plan_gives_scripts_and_one_arm_body_per_peering() {
    let plan = sample_plan();
    let outputs = Outputs::build(&plan, &analyze(&plan), false);
    assert!(outputs.blocked_by.is_none());
    assert!(outputs
        .bash
        .contains("az network express-route peering create"));
    assert!(!outputs.bash.contains("delete"));
    assert!(outputs.bash_cleanup.contains("delete"));
    assert_eq!(outputs.arm.len(), 2);
    assert!(outputs.arm[0].body.trim_start().starts_with('{'));
    assert!(outputs.arm[0].rest.contains("az rest"));
    let lines: Vec<&str> = outputs.ip_plan.lines().collect();
    assert!(lines[0].starts_with("Peering"));
    assert!(lines.iter().any(|l| l.contains("192.168.100.129")
        && l.contains("192.168.100.130")
        && l.contains("12076")));
}
