//! The field wrapper: label and id, `aria-describedby`, `aria-invalid` and the message, shown after blur
//! or a submit attempt; the /29 split offered while typing; list fields split pasted text.

use crate::support::*;
use leptos::prelude::*;
use leptos::task::tick;
use peering_planner::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use peering_planner::ui::field::{Control, Field};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn private_peering_plan() -> PlanDocument {
    let mut plan = PlanDocument::default();
    plan.peerings.push(PeeringDoc {
        peering_type: "MicrosoftPeering".into(),
        ipv4: Some(FamilyDoc::default()),
        ..PeeringDoc::default()
    });
    plan
}

#[wasm_bindgen_test]
async fn label_points_at_the_control_and_help_describes_it() {
    let (root, _state, _h) = mount_with_state(PlanDocument::default(), || {
        view! {
            <Field path=fp("/circuit/name") label="Circuit name" help="The circuit's name." control=Control::Text { inputmode: None } placeholder="e.g. MyCircuit"/>
        }
    });
    tick().await;
    let input = find(&root, "input[data-field='/circuit/name']");
    let label = find(&root, "label");
    assert_eq!(attr(&label, "for"), Some(input.id()));
    assert!(text(&label).contains("Circuit name"));
    let described = attr(&input, "aria-describedby").expect("aria-describedby");
    let help = find(&root, &format!("#{described}"));
    assert_eq!(text(&help), "The circuit's name.");
    assert_eq!(
        attr(&input, "placeholder").as_deref(),
        Some("e.g. MyCircuit")
    );
    assert_eq!(attr(&input, "aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn message_shows_after_blur_not_while_typing() {
    let (root, state, _h) = mount_with_state(PlanDocument::default(), || {
        view! { <Field path=fp("/circuit/name") label="Circuit name" help="Help." control=Control::Text { inputmode: None }/> }
    });
    tick().await;
    let input = find(&root, "input");
    type_into(&input, "-bad name");
    tick().await;
    assert_eq!(
        state.doc.with_untracked(|d| d.circuit.name.clone()),
        "-bad name",
        "typing edits the plan"
    );
    assert_eq!(attr(&input, "aria-invalid"), None, "no error while typing");
    assert!(find(&root, ".pp-messages").has_attribute("hidden"));

    leave(&input);
    tick().await;
    assert_eq!(attr(&input, "aria-invalid").as_deref(), Some("true"));
    let described = attr(&input, "aria-describedby").unwrap();
    let ids: Vec<&str> = described.split(' ').collect();
    assert_eq!(ids.len(), 2, "help and message: {described}");
    let message = find(&root, &format!("#{}", ids[1]));
    assert!(!message.has_attribute("hidden"));
    assert!(text(&message).starts_with("✖Error: "), "{}", text(&message));
    assert_eq!(
        find_all(&message, "[data-finding-code]").len(),
        0,
        "inline messages carry no code"
    );

    type_into(&input, "MyCircuit");
    tick().await;
    assert_eq!(
        attr(&input, "aria-invalid"),
        None,
        "fixed value clears the error"
    );
    assert_eq!(
        attr(&input, "aria-describedby").unwrap().split(' ').count(),
        1
    );
}

#[wasm_bindgen_test]
async fn submit_attempt_shows_messages_of_untouched_fields() {
    let (root, state, _h) = mount_with_state(PlanDocument::default(), || {
        view! { <Field path=fp("/circuit/resourceGroup") label="Resource group" help="Help." control=Control::Text { inputmode: None } required=true/> }
    });
    tick().await;
    let input = find(&root, "input");
    assert_eq!(attr(&input, "aria-invalid"), None);
    state.submitted.set(true);
    tick().await;
    assert_eq!(
        attr(&input, "aria-invalid").as_deref(),
        Some("true"),
        "required shows after submit"
    );
    assert_eq!(attr(&input, "aria-required").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_29_in_the_primary_link_offers_the_split_at_once() {
    let (root, state, _h) = mount_with_state(private_peering_plan(), || {
        view! { <Field path=fp("/peerings/0/ipv4/primary") label="Primary" help="Help." control=Control::Text { inputmode: None }/> }
    });
    tick().await;
    let input = find(&root, "input");
    type_into(&input, "123.0.0.0/29");
    tick().await;
    let button = find(&root, "button[data-fix]");
    assert!(text(&button).contains("Split"), "{}", text(&button));
    button.click();
    tick().await;
    let ipv4 = state
        .doc
        .with_untracked(|d| d.peerings[0].ipv4.clone().unwrap());
    assert_eq!(ipv4.primary, "123.0.0.0/30");
    assert_eq!(ipv4.secondary, "123.0.0.4/30");
    assert_eq!(
        input
            .dyn_ref::<web_sys::HtmlInputElement>()
            .unwrap()
            .value(),
        "123.0.0.0/30"
    );
}

#[wasm_bindgen_test]
async fn a_pasted_list_is_split_into_the_document_list() {
    let (root, state, _h) = mount_with_state(private_peering_plan(), || {
        view! { <Field path=fp("/peerings/0/ipv4/advertisedPrefixes") label="Prefixes" help="Help." control=Control::List { rows: 3 }/> }
    });
    tick().await;
    let area = find(
        &root,
        "textarea[data-field='/peerings/0/ipv4/advertisedPrefixes']",
    );
    type_into(&area, "123.1.0.0/24, 123.2.0.0/24\n123.3.0.0/24 ");
    tick().await;
    let list = state
        .doc
        .with_untracked(|d| d.peerings[0].ipv4.clone().unwrap().advertised_prefixes);
    assert_eq!(list, vec!["123.1.0.0/24", "123.2.0.0/24", "123.3.0.0/24"]);
    assert_eq!(
        area.dyn_ref::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .value(),
        "123.1.0.0/24, 123.2.0.0/24\n123.3.0.0/24 ",
        "what the user typed stays while it matches the list"
    );
    // A change from elsewhere (a fix, a link) replaces the text.
    state.set_list(
        fp("/peerings/0/ipv4/advertisedPrefixes"),
        vec!["123.9.0.0/24".into()],
    );
    tick().await;
    assert_eq!(
        area.dyn_ref::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .value(),
        "123.9.0.0/24"
    );
}

#[wasm_bindgen_test]
async fn the_secret_field_is_a_password_with_a_show_toggle() {
    let (root, _state, _h) = mount_with_state(private_peering_plan(), || {
        view! { <Field path=fp("/peerings/0/sharedKey") label="Shared key" help="Help." control=Control::Secret/> }
    });
    tick().await;
    let input = find(&root, "input[data-field='/peerings/0/sharedKey']");
    assert_eq!(attr(&input, "type").as_deref(), Some("password"));
    let toggle = find(&root, "button[aria-pressed]");
    assert_eq!(attr(&toggle, "aria-pressed").as_deref(), Some("false"));
    toggle.click();
    tick().await;
    assert_eq!(attr(&input, "type").as_deref(), Some("text"));
    assert_eq!(attr(&toggle, "aria-pressed").as_deref(), Some("true"));
}

/// A field path from its pointer text (tests read better with the pointer the DOM shows).
fn fp(pointer: &str) -> peering_planner::domain::field::FieldPath {
    peering_planner::domain::field::FieldPath::parse(pointer).expect("a field path")
}
