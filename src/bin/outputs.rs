//! The output generator, a second WebAssembly module the page loads on first use (`loader.js`
//! `peeringPlannerLoadOutputs`): the emitters (`src/emit`) are most of the code, and the form is usable
//! before they arrive. The page (`src/ui/generator.rs`) hands it each valid plan with `load_plan`, then
//! asks for the blocks one at a time with `block`: the visible ones at once, the others off the input
//! path ([`GeneratorSession`]).

#[cfg(target_arch = "wasm32")]
mod exports {
    use peering_planner::emit::blocks::GeneratorSession;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::wasm_bindgen;

    thread_local! {
        static SESSION: RefCell<GeneratorSession> = RefCell::new(GeneratorSession::default());
    }

    /// The plan document as JSON; answers the `PlanMeta` as JSON.
    #[wasm_bindgen]
    pub fn load_plan(doc_json: &str, inline_shared_key: bool) -> String {
        SESSION.with(|s| s.borrow_mut().load(doc_json, inline_shared_key))
    }

    /// One block of the loaded plan, by its key (`az-bash`, `arm-json:MicrosoftPeering`, ...).
    #[wasm_bindgen]
    pub fn block(key: &str) -> String {
        SESSION.with(|s| s.borrow().block(key))
    }
}

fn main() {}
