//! The page's output blocks and the IP plan table: pure code, tested on the host.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::examples::sample_plan;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::blocks::Outputs;

#[test]
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

#[test]
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
