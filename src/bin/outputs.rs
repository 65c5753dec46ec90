//! The output generator, a second WebAssembly module the page loads on first use (`loader.js`
//! `peeringPlannerLoadOutputs`): the emitters (`src/emit`) are most of the code, and the form is usable
//! before they arrive. It exports one function, `outputs(docJson, inlineSharedKey) -> outputsJson`
//! ([`Outputs::from_document_json`]); the page (`src/ui/generator.rs`) calls it on every edit of a
//! valid plan.

#[cfg(target_arch = "wasm32")]
mod exports {
    use peering_planner::emit::blocks::Outputs;
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    pub fn outputs(doc_json: &str, inline_shared_key: bool) -> String {
        Outputs::from_document_json(doc_json, inline_shared_key)
    }
}

fn main() {}
