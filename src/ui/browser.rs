//! The outside world: the address (`#plan=`), `localStorage`, the clipboard, file downloads and file
//! reads. Plain functions; the components call them from event handlers and from the planner's two
//! effects (URL and draft), which are the only places the app writes outside its root element.

use crate::domain::document::PlanDocument;
use crate::domain::field::FieldPath;
use crate::domain::link::plan_fragment;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `localStorage` key of the draft (never holds a shared key, §6).
pub const DRAFT_KEY: &str = "peering-planner.draft.v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page address without its fragment.
pub fn address_without_fragment() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.find('#') {
        Some(i) => href[..i].to_string(),
        None => href,
    }
}

/// The share link of a plan: this page's address with `#plan=`.
pub fn share_link(plan: &PlanDocument) -> String {
    format!("{}#{}", address_without_fragment(), plan_fragment(plan))
}

/// Puts the plan into the address with `history.replaceState`, which fires no `hashchange` (§11.3).
pub fn replace_fragment(plan: &PlanDocument) {
    let Some(w) = window() else { return };
    let wanted = format!("#{}", plan_fragment(plan));
    if w.location().hash().ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    if let Ok(history) = w.history() {
        let url = format!("{}{}", address_without_fragment(), wanted);
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn load_draft() -> Option<PlanDocument> {
    let text = storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    PlanDocument::from_json(&text).ok()
}

/// Saves the draft without shared keys (`to_compact_json` strips them, §6).
pub fn save_draft(plan: &PlanDocument) {
    if let Some(s) = storage() {
        let _ = s.set_item(DRAFT_KEY, &plan.to_compact_json());
    }
}

pub fn clear_draft() {
    if let Some(s) = storage() {
        let _ = s.remove_item(DRAFT_KEY);
    }
}

/// Whether the page asks for the embedded look (`?embed=1`).
pub fn embed_requested() -> bool {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "embed=1" || p == "embed=true")
}

/// Whether the user's system prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    dark_query().is_some_and(|m| m.matches())
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
}

/// Calls `changed(dark)` whenever the system's light/dark setting changes while the page is open; the
/// listener lives as long as the returned guard.
pub fn on_color_scheme_change(
    changed: impl Fn(bool) + 'static,
) -> Option<gloo::events::EventListener> {
    let query = dark_query()?;
    let target: web_sys::EventTarget = query.clone().into();
    Some(gloo::events::EventListener::new(
        &target,
        "change",
        move |_| changed(query.matches()),
    ))
}

/// Copies `text` with `navigator.clipboard`; `done(Ok(()))` or `done(Err(reason))` when it settles.
/// Browsers offer the clipboard only in a secure context (HTTPS or localhost): on a plain-HTTP intranet
/// host it is missing, and `done` gets an error instead of the page throwing.
pub fn copy_text(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(w) = window() else {
        done(Err("no window".into()));
        return;
    };
    let navigator = w.navigator();
    let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !available {
        done(Err(
            "this page has no clipboard access; browsers allow it over HTTPS or on localhost"
                .into(),
        ));
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    settle(promise, move |r| done(r.map(|_| ())));
}

/// Selects the text of `el` (so the user can press Ctrl+C when the clipboard is not available).
/// Through `js_sys::Reflect`, as the crate enables no `Selection` feature of web-sys.
pub fn select_text_of(el: &web_sys::Element) {
    use js_sys::{Function, Reflect};
    let Some(w) = window() else { return };
    let Ok(get_selection) = Reflect::get(&w, &JsValue::from_str("getSelection")) else {
        return;
    };
    let Ok(selection) = get_selection.unchecked_ref::<Function>().call0(&w) else {
        return;
    };
    if selection.is_null() || selection.is_undefined() {
        return;
    }
    if let Ok(select_all) = Reflect::get(&selection, &JsValue::from_str("selectAllChildren")) {
        if let Some(select_all) = select_all.dyn_ref::<Function>() {
            let _ = select_all.call1(&selection, el);
        }
    }
}

/// The message of a JS error (or thrown string).
pub fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

/// Calls `done` once the promise settles.
pub fn settle(promise: js_sys::Promise, done: impl FnOnce(Result<JsValue, String>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let on_ok = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(Ok(v));
            }
        })
    };
    let on_err = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(Err(error_text(&e)));
        }
    });
    let _ = promise.then2(&on_ok, &on_err);
    on_ok.forget();
    on_err.forget();
}

/// Offers `text` as a file download (a same-origin `blob:` URL, revoked right after the click).
pub fn download_text(filename: &str, mime: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.set_class_name("pp-download-link");
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Focuses the control that edits the value at `at`, or the nearest enclosing section (walking up its
/// parents), so a findings link always lands somewhere useful.
pub fn focus_path(root: &web_sys::Element, at: FieldPath) -> bool {
    let mut current = Some(at);
    while let Some(path) = current {
        // Our pointers never hold a quote or a backslash: no CSS escaping needed.
        let pointer = path.to_string();
        let selector = format!(
            "[data-field=\"{pointer}\"]:not([data-finding-code]), [data-section=\"{pointer}\"]"
        );
        if let Ok(Some(el)) = root.query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                return true;
            }
        }
        current = path.parent();
    }
    false
}

/// The file chosen in the `<input type="file">` an event came from, if any. The input is cleared, so
/// choosing the same file again fires `change` again.
pub fn take_chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}
