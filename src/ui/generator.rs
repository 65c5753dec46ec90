//! The output generator (`src/bin/outputs.rs`): a second wasm module with the emitters, loaded on first
//! use so the first load carries only the form and the validator (README, "Architecture"). `loader.js`
//! provides `globalThis.peeringPlannerLoadOutputs()`, a promise of the module's `outputs` function; the
//! page asks for it once the plan is no longer empty and, until it is ready, shows the blocks of a plan
//! with errors itself and says "preparing" in the others.
//!
//! The plan crosses to the module as JSON with its shared key: both modules live in this page's memory,
//! and the text is never stored, logged or put in an address.

use super::browser::{error_text, settle};
use crate::domain::document::PlanDocument;
use crate::emit::blocks::Outputs;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// The function `loader.js` defines (under `globalThis`, as a module's bindings cannot reach the wasm).
const LOADER: &str = "peeringPlannerLoadOutputs";

/// Where the generator module is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneratorStatus {
    /// Not asked for yet (the plan is still empty).
    Idle,
    Loading,
    Ready,
    /// It could not be loaded: why.
    Failed(String),
}

thread_local! {
    // A JS function is neither Send nor Sync, so it cannot live in a signal: the signal says Ready.
    static GENERATOR: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Asks `loader.js` for the module once; `status` follows.
pub fn load(status: RwSignal<GeneratorStatus>) {
    if status.get_untracked() != GeneratorStatus::Idle {
        return;
    }
    status.set(GeneratorStatus::Loading);
    let promise = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(LOADER))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("this page does not define {LOADER} (loader.js)"))
        .and_then(|f| f.call0(&JsValue::NULL).map_err(|e| error_text(&e)))
        .and_then(|p| {
            p.dyn_into::<js_sys::Promise>()
                .map_err(|_| format!("{LOADER} returned no promise"))
        });
    let promise = match promise {
        Ok(p) => p,
        Err(why) => return status.set(GeneratorStatus::Failed(why)),
    };
    settle(promise, move |result| {
        let function = result.and_then(|f| {
            f.dyn_into::<js_sys::Function>()
                .map_err(|_| "the module has no outputs function".to_string())
        });
        match function {
            Ok(f) => {
                GENERATOR.with(|g| *g.borrow_mut() = Some(f));
                status.set(GeneratorStatus::Ready);
            }
            Err(why) => status.set(GeneratorStatus::Failed(why)),
        }
    });
}

/// The blocks of a valid plan, from the loaded module.
pub fn generate(doc: &PlanDocument, inline_shared_key: bool) -> Result<Outputs, String> {
    GENERATOR.with(|g| {
        let g = g.borrow();
        let f = g.as_ref().ok_or("the generator is not loaded")?;
        let json = f
            .call2(
                &JsValue::NULL,
                &JsValue::from_str(&doc.to_json(true)),
                &JsValue::from_bool(inline_shared_key),
            )
            .map_err(|e| error_text(&e))?;
        let text = json.as_string().ok_or("the generator returned no text")?;
        serde_json::from_str(&text)
            .map_err(|e| format!("the generator's answer is unreadable ({e})"))
    })
}

/// What a block says while the generator is not ready.
pub fn placeholder(status: &GeneratorStatus) -> String {
    match status {
        GeneratorStatus::Failed(why) => format!(
            "# The script generator could not be loaded ({why}).\n# Reload the page; if this stays, \
             the host must serve peering-planner-outputs.js and peering-planner-outputs_bg.wasm next to \
             the page.\n"
        ),
        _ => "# Preparing the commands: the script generator is loading.\n".into(),
    }
}
