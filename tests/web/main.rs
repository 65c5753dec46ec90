//! Browser component tests (wasm-bindgen-test, headless Chromium). Compiled for wasm32 only.
//!
//! Each test mounts the component into a fresh element of its own, keeps the unmount handle alive while it
//! asserts, lets the reactive system settle with `tick().await`, and asserts on text and attributes.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use peering_planner::ui::app::{Planner, APP_ID, APP_TITLE};
use peering_planner::ui::state::PlannerConfig;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod change;
mod field;
mod findings;
mod support;

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// A fresh, empty element appended to `body`, so tests never see each other's DOM.
/// The app with no address sync and no storage: a test must not write `#plan=` into the runner's
/// address or a draft into `localStorage` that a later test would read back.
fn isolated_app() -> impl IntoView {
    view! { <Planner config=PlannerConfig::ISOLATED/> }
}

fn fresh_container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc
        .create_element("div")
        .expect("create div")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("HtmlElement");
    doc.body().expect("body").append_child(&el).expect("append");
    el
}

#[wasm_bindgen_test]
async fn app_renders_root_with_data_app() {
    let container = fresh_container();
    let _handle = leptos::mount::mount_to(container.clone(), isolated_app);
    tick().await;

    let root = container
        .query_selector("[data-app]")
        .expect("query")
        .expect("root element with data-app");
    assert_eq!(root.get_attribute("data-app").as_deref(), Some(APP_ID));
    assert!(
        root.class_list().contains("peering-planner"),
        "root carries the scoping class"
    );
}

#[wasm_bindgen_test]
async fn app_shows_title_and_intro() {
    let container = fresh_container();
    let _handle = leptos::mount::mount_to(container.clone(), isolated_app);
    tick().await;

    let heading = container.query_selector("h1").expect("query").expect("h1");
    assert_eq!(heading.text_content().as_deref(), Some(APP_TITLE));
    let intro = container
        .query_selector("[data-testid=intro]")
        .expect("query")
        .expect("intro paragraph");
    assert!(intro
        .text_content()
        .unwrap_or_default()
        .contains("ExpressRoute circuit"));
}

#[wasm_bindgen_test]
async fn dropping_the_handle_unmounts() {
    let container = fresh_container();
    let handle = leptos::mount::mount_to(container.clone(), isolated_app);
    tick().await;
    assert!(container
        .query_selector("[data-app]")
        .expect("query")
        .is_some());

    drop(handle);
    tick().await;
    assert!(container
        .query_selector("[data-app]")
        .expect("query")
        .is_none());
}

#[wasm_bindgen_test]
async fn mount_prefers_host_element() {
    let host = fresh_container();
    host.set_id(peering_planner::ui::HOST_ELEMENT_ID);
    peering_planner::ui::mount();
    tick().await;

    let root = host.query_selector("[data-app]").expect("query");
    assert!(root.is_some(), "app mounted inside #peering-planner");
    // The host element holds the app; the app is not also mounted on body directly.
    let on_body = document()
        .query_selector("body > [data-app]")
        .expect("query");
    assert!(
        on_body.is_none(),
        "app not mounted directly on body when a host element exists"
    );
    // mount() lives as long as the page: take its host away so later tests do not see a host element,
    // and drop the draft it may have stored.
    host.remove();
    if let Ok(Some(storage)) = web_sys::window().expect("window").local_storage() {
        let _ = storage.remove_item(peering_planner::ui::browser::DRAFT_KEY);
    }
}
