//! The Leptos UI (wasm32 only): thin components over the pure `domain` and `emit` layers.
//!
//! - [`app`]: the app shell (root element, title, intro, toolbar), the planner's state and its two effects
//!   (the `#plan=` address and the stored draft), the share section.
//! - [`state`]: one `RwSignal<PlanDocument>` and the pointer-based setters; `Memo<Analysis>`.
//! - [`field`]: the field wrapper (label, id, `aria-invalid`, `aria-describedby`, message, fixes).
//! - [`form`]: circuit, peerings (with their address families), VNet address spaces.
//! - [`findings`]: the findings summary (every finding once, links to fields, one-click fixes).
//! - [`panes`]: the tabs that show the output blocks (their text: `crate::emit::blocks`).
//! - [`generator`]: the lazily loaded output generator module (the emitters) and its status.
//! - [`browser`]: address, storage, clipboard, downloads, file reads.
//! - [`change`]: change mode: the live-JSON import ("Start from a live circuit") and the banner.
//!
//! Everything the UI renders sits under one root element, `<div class="peering-planner"
//! data-app="peering-planner">`, and every style rule is scoped under `.peering-planner`, so the app can be
//! embedded in a host page without styles leaking in either direction (§11.3).

pub mod app;
pub mod browser;
pub mod change;
pub mod field;
pub mod findings;
pub mod form;
pub mod generator;
pub mod panes;
pub mod state;

pub use app::App;

use wasm_bindgen::JsCast;

/// The id of the host-page element the app mounts into when present (§11.3).
pub const HOST_ELEMENT_ID: &str = "peering-planner";

/// Mounts the app into `#peering-planner` when the host page has one, otherwise into `body` (§11.3).
///
/// The mount lives as long as the page, so its unmount handle is deliberately forgotten.
pub fn mount() {
    match host_element() {
        Some(host) => leptos::mount::mount_to(host, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}

/// The host page's `#peering-planner` element, if it has one that is an HTML element.
fn host_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(HOST_ELEMENT_ID)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
