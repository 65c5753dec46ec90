//! Change mode in the page: the live-JSON import (valid JSON sets the baseline and shows the notes;
//! garbage shows the error at the textarea and changes nothing), the banner, leaving change mode, the
//! shared key's change-mode help; and the address-family switch that keeps its values in memory.

use crate::support::*;
use leptos::prelude::*;
use leptos::task::tick;
use peering_planner::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use peering_planner::ui::change::{ChangeModeBanner, ChangeModeSection};
use peering_planner::ui::form::PeeringsSection;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// `az network express-route peering show -o json` of a live private peering (VLAN 200), with the
/// shared key az prints for it.
const PEERING_SHOW: &str = r#"{
  "azureASN": 12076,
  "connections": [],
  "etag": "W/\"7\"",
  "gatewayManagerEtag": "",
  "id": "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/AzurePrivatePeering",
  "name": "AzurePrivatePeering",
  "peerASN": 65010,
  "peeringType": "AzurePrivatePeering",
  "primaryPeerAddressPrefix": "192.168.100.128/30",
  "provisioningState": "Succeeded",
  "resourceGroup": "ExpressRouteResourceGroup",
  "secondaryPeerAddressPrefix": "192.168.100.132/30",
  "sharedKey": "A1bCD2ef",
  "state": "Enabled",
  "type": "Microsoft.Network/expressRouteCircuits/peerings",
  "vlanId": 200
}"#;

fn with_vnet() -> PlanDocument {
    PlanDocument {
        vnet_address_spaces: vec!["10.1.0.0/16".into()],
        ..PlanDocument::default()
    }
}

#[wasm_bindgen_test]
async fn pasting_a_peering_show_sets_the_baseline_and_shows_the_notes() {
    let (root, state, _h) = mount_with_state(with_vnet(), || {
        view! { <ChangeModeBanner/><ChangeModeSection/> }
    });
    tick().await;
    assert!(
        find_all(&root, "[data-testid=change-banner]").is_empty(),
        "no banner before an import"
    );
    let area = find(&root, "#pp-live-json");
    let label = find(&root, "label[for=pp-live-json]");
    assert!(text(&label).contains("JSON of the live peering"));
    let help_id = attr(&area, "aria-describedby").expect("described by its help");
    let help = text(&find(&root, &format!("#{help_id}")));
    assert!(
        help.contains("az network express-route peering show")
            && help.contains("az network express-route show")
            && help.contains("-o json"),
        "{help}"
    );

    type_into(&area, PEERING_SHOW);
    find(&root, "[data-testid=import-live]").click();
    tick().await;

    let doc = state.doc.get_untracked();
    let baseline = doc.baseline.as_ref().expect("the import sets the baseline");
    assert_eq!(baseline.peerings.len(), 1);
    assert_eq!(
        baseline.peerings[0].peering.peering_type,
        "AzurePrivatePeering"
    );
    assert_eq!(doc.peerings.len(), 1);
    assert_eq!(doc.peerings[0].vlan_id, "200");
    assert_eq!(
        doc.peerings[0].shared_key, "",
        "a live key is never imported"
    );
    assert_eq!(doc.circuit.name, "MyCircuit");
    assert_eq!(
        doc.vnet_address_spaces,
        vec!["10.1.0.0/16".to_string()],
        "merged, not replaced"
    );
    assert!(
        state.submitted.get_untracked(),
        "an import counts as submitted"
    );

    let notes = find(&root, "[data-testid=import-notes]");
    assert_eq!(attr(&notes, "aria-live").as_deref(), Some("polite"));
    let said = text(&notes);
    assert!(said.contains("shared key"), "the key note shows: {said}");
    assert!(said.contains("AzurePrivatePeering"), "{said}");
    assert_eq!(attr(&area, "aria-invalid"), None);
    assert_eq!(
        area.dyn_ref::<web_sys::HtmlTextAreaElement>()
            .expect("textarea")
            .value(),
        "",
        "the pasted JSON (with its key) is not kept"
    );

    let banner = find(&root, "[data-testid=change-banner]");
    assert!(text(&banner).contains("Change mode"));
    assert!(text(&find(&banner, "[data-testid=change-baseline]")).contains("AzurePrivatePeering"));
    let leave = find_all(&banner, "button")
        .into_iter()
        .find(|b| text(b) == "Leave change mode")
        .expect("Leave change mode button");
    leave.unchecked_into::<web_sys::HtmlElement>().click();
    tick().await;
    let doc = state.doc.get_untracked();
    assert!(doc.baseline.is_none(), "leaving drops the baseline");
    assert_eq!(doc.peerings.len(), 1, "the peerings stay as typed");
    assert!(find_all(&root, "[data-testid=change-banner]").is_empty());
}

#[wasm_bindgen_test]
async fn pasting_garbage_shows_the_error_at_the_field_and_changes_nothing() {
    let (root, state, _h) = mount_with_state(with_vnet(), || view! { <ChangeModeSection/> });
    tick().await;
    let before = state.doc.get_untracked();
    let area = find(&root, "#pp-live-json");
    type_into(
        &area,
        "Name   ResourceGroup\n----   -------------\nnot json",
    );
    find(&root, "[data-testid=import-live]").click();
    tick().await;

    assert_eq!(attr(&area, "aria-invalid").as_deref(), Some("true"));
    let described = attr(&area, "aria-describedby").unwrap();
    let ids: Vec<&str> = described.split(' ').collect();
    assert_eq!(ids.len(), 2, "help and error: {described}");
    let error = find(&root, &format!("#{}", ids[1]));
    assert!(!error.has_attribute("hidden"));
    let message = text(&error);
    assert!(
        message.contains("not JSON") && message.contains("-o json"),
        "{message}"
    );
    assert_eq!(state.doc.get_untracked(), before, "nothing else changes");
    assert!(!state.submitted.get_untracked());

    // A valid paste afterwards clears the error.
    type_into(&area, PEERING_SHOW);
    find(&root, "[data-testid=import-live]").click();
    tick().await;
    assert_eq!(attr(&area, "aria-invalid"), None);
    assert!(find(&root, "#pp-live-json-error").has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn the_shared_key_help_says_empty_keeps_the_live_key_in_change_mode() {
    let (root, state, _h) = mount_with_state(PlanDocument::default(), || {
        view! { <ChangeModeSection/><PeeringsSection/> }
    });
    tick().await;
    type_into(&find(&root, "#pp-live-json"), PEERING_SHOW);
    find(&root, "[data-testid=import-live]").click();
    tick().await;
    let key = find(&root, "input[data-field='/peerings/0/sharedKey']");
    let help_id = attr(&key, "aria-describedby").unwrap();
    let help_id = help_id.split(' ').next().unwrap();
    let help = text(&find(&root, &format!("#{help_id}")));
    assert!(help.contains("leave empty to keep the live key"), "{help}");

    state.doc.update(|d| d.baseline = None);
    tick().await;
    let help = text(&find(&root, &format!("#{help_id}")));
    assert!(!help.contains("keep the live key"), "{help}");
}

#[wasm_bindgen_test]
async fn switching_a_family_off_and_on_restores_its_values() {
    let mut plan = PlanDocument::default();
    plan.peerings.push(PeeringDoc {
        peering_type: "AzurePrivatePeering".into(),
        ipv4: Some(FamilyDoc::default()),
        ipv6: Some(FamilyDoc {
            primary: "fd00:10::/126".into(),
            secondary: "fd00:10::4/126".into(),
            ..FamilyDoc::default()
        }),
        ..PeeringDoc::default()
    });
    let (root, state, _h) = mount_with_state(plan, || view! { <PeeringsSection/> });
    tick().await;
    let switch = find(&root, "input[data-field='/peerings/0/ipv6']");
    switch.click();
    tick().await;
    assert!(
        state.doc.with_untracked(|d| d.peerings[0].ipv6.is_none()),
        "the document drops a family that is off"
    );
    assert!(
        find_all(&root, "input[data-field='/peerings/0/ipv6/primary']").is_empty(),
        "its fields go away"
    );
    find(&root, "input[data-field='/peerings/0/ipv6']").click();
    tick().await;
    tick().await;
    let back = state.doc.with_untracked(|d| d.peerings[0].ipv6.clone());
    assert_eq!(
        back.map(|f| (f.primary, f.secondary)),
        Some(("fd00:10::/126".to_string(), "fd00:10::4/126".to_string())),
        "turning it back on restores the values"
    );
    let primary = find(&root, "input[data-field='/peerings/0/ipv6/primary']");
    assert_eq!(
        primary
            .dyn_ref::<web_sys::HtmlInputElement>()
            .expect("input")
            .value(),
        "fd00:10::/126",
        "the restored value shows in the field"
    );
}
