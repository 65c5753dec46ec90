//! The findings summary: every finding once with code, severity and pointer; fixes apply; nothing stale.

use crate::support::*;
use leptos::prelude::*;
use leptos::task::tick;
use peering_planner::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use peering_planner::domain::examples::sample_plan;
use peering_planner::domain::validate::analyze;
use peering_planner::ui::findings::FindingsSummary;
use wasm_bindgen_test::*;

fn summary() -> impl IntoView {
    let node = NodeRef::<leptos::html::Section>::new();
    view! { <FindingsSummary node_ref=node/> }
}

fn plan_with_host_bits() -> PlanDocument {
    let mut plan = sample_plan();
    plan.peerings[0].ipv4 = Some(FamilyDoc {
        primary: "192.168.100.129/30".into(),
        secondary: "192.168.100.132/30".into(),
        ..FamilyDoc::default()
    });
    plan
}

#[wasm_bindgen_test]
async fn lists_nothing_until_submitted_then_every_finding_once() {
    let mut plan = PlanDocument::default();
    plan.peerings.push(PeeringDoc {
        peering_type: "AzurePrivatePeering".into(),
        peer_asn: "65515".into(),
        vlan_id: "0".into(),
        ipv4: Some(FamilyDoc::default()),
        ..PeeringDoc::default()
    });
    let expected = analyze(&plan).findings;
    let (root, state, _h) = mount_with_state(plan, summary);
    tick().await;
    assert_eq!(
        find_all(&root, "[data-finding-code]").len(),
        0,
        "not submitted yet"
    );
    let region = find(&root, "section");
    assert_eq!(
        attr(&region, "tabindex").as_deref(),
        Some("-1"),
        "focusable for the submit"
    );
    assert!(attr(&region, "aria-labelledby").is_some());

    state.submitted.set(true);
    tick().await;
    let items = find_all(&root, "[data-finding-code]");
    assert_eq!(items.len(), expected.0.len());
    for (item, finding) in items.iter().zip(expected.iter()) {
        assert_eq!(
            attr(item, "data-finding-code").as_deref(),
            Some(finding.code.as_str())
        );
        assert_eq!(
            attr(item, "data-severity").as_deref(),
            Some(finding.severity.as_str())
        );
        assert_eq!(
            attr(item, "data-field").as_deref(),
            Some(finding.path.to_string().as_str())
        );
        assert!(text(item).contains(&finding.message));
    }
    let codes: Vec<String> = items
        .iter()
        .filter_map(|i| attr(i, "data-finding-code"))
        .collect();
    assert!(codes.contains(&"asn.reserved".to_string()), "{codes:?}");
    assert!(codes.contains(&"vlan.range".to_string()), "{codes:?}");
    assert!(text(&find(&root, "[data-severity=error]")).starts_with("✖Error: "));
}

#[wasm_bindgen_test]
async fn a_fix_applies_and_its_finding_goes_away() {
    let (root, state, _h) = mount_with_state(plan_with_host_bits(), summary);
    state.submitted.set(true);
    tick().await;
    let item = find(&root, "[data-finding-code='subnet.host_bits']");
    assert_eq!(
        attr(&item, "data-field").as_deref(),
        Some("/peerings/0/ipv4/primary")
    );
    let fix = find(&item, "button[data-fix]");
    assert!(text(&fix).contains("192.168.100.128/30"), "{}", text(&fix));
    fix.click();
    tick().await;
    assert_eq!(
        state
            .doc
            .with_untracked(|d| d.peerings[0].ipv4.clone().unwrap().primary),
        "192.168.100.128/30"
    );
    assert_eq!(
        find_all(&root, "[data-finding-code]").len(),
        0,
        "no stale finding left"
    );
    assert!(text(&find(&root, "[data-testid=findings-count]")).contains("No problems"));
}

#[wasm_bindgen_test]
async fn warnings_are_told_apart_from_errors_in_words() {
    let mut plan = sample_plan();
    plan.peerings[1]
        .ipv4
        .as_mut()
        .unwrap()
        .routing_registry
        .clear();
    let (root, state, _h) = mount_with_state(plan, summary);
    state.submitted.set(true);
    tick().await;
    let warning = find(&root, "[data-finding-code='registry.missing']");
    assert_eq!(attr(&warning, "data-severity").as_deref(), Some("warning"));
    assert!(
        text(&warning).starts_with("⚠Warning: "),
        "{}",
        text(&warning)
    );
    assert!(text(&find(&root, "[data-testid=findings-count]")).contains("1 warning"));
}

#[wasm_bindgen_test]
async fn an_unreadable_link_is_listed_as_plan_unreadable() {
    let (root, state, _h) = mount_with_state(sample_plan(), summary);
    state
        .load_error
        .set(Some("this link holds no usable plan.".into()));
    state.submitted.set(true);
    tick().await;
    let item = find(&root, "[data-finding-code='plan.unreadable']");
    assert_eq!(attr(&item, "data-field").as_deref(), Some(""));
    assert_eq!(attr(&item, "data-severity").as_deref(), Some("error"));
}
