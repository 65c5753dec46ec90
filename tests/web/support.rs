//! Helpers for the component tests: mount a component with a planner state of its own, act on the DOM
//! the way a user's browser would (events that bubble like real ones), query by selector.

use leptos::prelude::*;
use peering_planner::domain::document::PlanDocument;
use peering_planner::ui::state::{PlannerConfig, PlannerState};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Mounts `view` inside a fresh container with a new [`PlannerState`] (isolated: no URL, no storage)
/// in context. Returns the container, the state and the unmount handle (keep it alive while asserting).
pub fn mount_with_state<V, F>(
    plan: PlanDocument,
    view: F,
) -> (web_sys::HtmlElement, PlannerState, impl Drop)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let container = crate::fresh_container();
    let slot: Rc<RefCell<Option<PlannerState>>> = Rc::new(RefCell::new(None));
    let handle = {
        let slot = slot.clone();
        leptos::mount::mount_to(container.clone(), move || {
            let state = PlannerState::new(plan, PlannerConfig::ISOLATED);
            provide_context(state);
            *slot.borrow_mut() = Some(state);
            view()
        })
    };
    let state = slot.borrow().expect("state created by the mount");
    (container, state, handle)
}

pub fn find(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .expect("an HTML element")
}

/// `querySelectorAll`, through `js_sys` (the crate enables no `NodeList` feature of web-sys).
pub fn find_all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    use js_sys::{Function, Reflect};
    let method: Function = Reflect::get(root, &"querySelectorAll".into())
        .expect("querySelectorAll")
        .unchecked_into();
    let list = method
        .call1(root, &selector.into())
        .expect("valid selector");
    let length = Reflect::get(&list, &"length".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32;
    (0..length)
        .filter_map(|i| Reflect::get_u32(&list, i).ok())
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn fire(target: &web_sys::EventTarget, kind: &str, bubbles: bool) {
    let doc = crate::document();
    let event = doc.create_event("Event").expect("create event");
    event.init_event_with_bubbles_and_cancelable(kind, bubbles, true);
    target.dispatch_event(&event).expect("dispatch");
}

/// Types `text` into an input or textarea: sets its value and fires a bubbling `input` event.
pub fn type_into(el: &web_sys::HtmlElement, text: &str) {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(text);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    } else {
        panic!("not a text control");
    }
    fire(el, "input", true);
}

/// Leaves a field: a `blur` event (which does not bubble).
pub fn leave(el: &web_sys::HtmlElement) {
    fire(el, "blur", false);
}

pub fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}
