//! The output blocks' texts and where they come from (README "Architecture").
//!
//! The emitters live in a second wasm module (`src/bin/outputs.rs`), loaded on first use: `loader.js`
//! provides `globalThis.peeringPlannerLoadOutputs()`, a promise of the module's `loadPlan` and `block`
//! functions. The page asks for it once the plan is no longer empty. A plan with errors needs no emitter
//! (its blocks say what to fix, [`Outputs::blocked`]).
//!
//! Keystrokes stay fast because blocks are built one at a time: on every edit of a valid plan the
//! blocks the user can see are built at once, and every other block a moment later, one per task
//! ([`Blocks::refresh`]); until then a block is stale and the output section is `aria-busy`. Printing,
//! Copy and Download first bring their blocks up to date.
//!
//! The plan crosses to the module as JSON with its shared key: both modules live in this page's memory,
//! and the text is never stored, logged or put in an address.

use super::browser::{error_text, settle};
use crate::domain::document::PlanDocument;
use crate::emit::blocks::{BlockId, GeneratorSession, Outputs, PlanMeta, Report};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
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

/// Something that builds the blocks of a valid plan: the generator module, or the emitters linked into
/// this module (component tests, [`super::state::PlannerConfig::ISOLATED`]).
pub trait BlockSource {
    /// Takes a plan; its ARM blocks, or why there is nothing to build.
    fn load(&mut self, doc: &PlanDocument, inline_shared_key: bool) -> Result<PlanMeta, String>;
    /// One block of the loaded plan, by [`BlockId::key`].
    fn block(&self, key: &str) -> Result<String, String>;
    /// Whether blocks may be built later (off the input path); a linked source builds them all at once.
    fn lazy(&self) -> bool;
}

/// Makes a linked source (the emitters in this module).
pub type LinkedSource = fn() -> Box<dyn BlockSource>;

/// The validator linked into this module.
pub type LinkedReport = fn(&PlanDocument) -> Report;

/// [`LinkedReport`] of the validator in this crate.
pub fn linked_report(doc: &PlanDocument) -> Report {
    Report::of(&crate::domain::validate::analyze(doc))
}

/// The generator module's two functions.
struct ModuleSource {
    load_plan: js_sys::Function,
    block: js_sys::Function,
}

impl BlockSource for ModuleSource {
    fn load(&mut self, doc: &PlanDocument, inline_shared_key: bool) -> Result<PlanMeta, String> {
        let json = self
            .load_plan
            .call2(
                &JsValue::NULL,
                &JsValue::from_str(&doc.to_json(true)),
                &JsValue::from_bool(inline_shared_key),
            )
            .map_err(|e| error_text(&e))?;
        let text = json.as_string().ok_or("the generator returned no text")?;
        let meta: PlanMeta = serde_json::from_str(&text)
            .map_err(|e| format!("the generator's answer is unreadable ({e})"))?;
        match meta.error {
            Some(e) => Err(e),
            None => Ok(meta),
        }
    }

    fn block(&self, key: &str) -> Result<String, String> {
        self.block
            .call1(&JsValue::NULL, &JsValue::from_str(key))
            .map_err(|e| error_text(&e))?
            .as_string()
            .ok_or_else(|| "the generator returned no text".into())
    }

    fn lazy(&self) -> bool {
        true
    }
}

thread_local! {
    // A JS function is neither Send nor Sync, so the source cannot live in a signal: the status does.
    static SOURCE: RefCell<Option<Box<dyn BlockSource>>> = const { RefCell::new(None) };
}

/// Asks `loader.js` for the module once; `status` follows.
pub fn load_module(status: RwSignal<GeneratorStatus>) {
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
        let functions = result.and_then(|module| {
            let get = |name: &str| {
                js_sys::Reflect::get(&module, &JsValue::from_str(name))
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                    .ok_or_else(|| format!("the generator module has no {name} function"))
            };
            Ok(ModuleSource {
                load_plan: get("loadPlan")?,
                block: get("block")?,
            })
        });
        match functions {
            Ok(source) => {
                SOURCE.with(|s| *s.borrow_mut() = Some(Box::new(source)));
                status.set(GeneratorStatus::Ready);
            }
            Err(why) => status.set(GeneratorStatus::Failed(why)),
        }
    });
}

/// Uses a linked source (no module to load).
pub fn use_linked(make: LinkedSource, status: RwSignal<GeneratorStatus>) {
    SOURCE.with(|s| *s.borrow_mut() = Some(make()));
    status.set(GeneratorStatus::Ready);
}

/// What every block says on an untouched page.
pub const NOTHING_YET: &str =
    "# Nothing to check yet: fill in the circuit and add a peering; the commands appear here.\n";

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

/// The texts of every output block, one signal each (a keystroke re-renders only the blocks whose text
/// changed), and which blocks are not yet rebuilt for the current plan.
#[derive(Clone, Copy)]
pub struct Blocks {
    cells: StoredValue<HashMap<String, RwSignal<String>>, LocalStorage>,
    /// `(peering type, notes)` of each ARM block of the current plan.
    pub arm: RwSignal<Vec<(String, Vec<String>)>>,
    /// `(peering type, family, name)` of each route filter the current plan creates.
    pub filters: RwSignal<Vec<(String, String, String)>>,
    stale: StoredValue<BTreeSet<String>, LocalStorage>,
    /// How many blocks are stale (the output section is `aria-busy` while it is not 0).
    pub stale_count: RwSignal<usize>,
    /// Bumped by every refresh: a background build of an older plan stops.
    generation: StoredValue<u64, LocalStorage>,
    /// The planner's owner: a cell made during a refresh (inside an effect) must outlive that run.
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl Blocks {
    pub fn new() -> Blocks {
        Blocks {
            cells: StoredValue::new_local(HashMap::new()),
            arm: RwSignal::new(Vec::new()),
            filters: RwSignal::new(Vec::new()),
            stale: StoredValue::new_local(BTreeSet::new()),
            stale_count: RwSignal::new(0),
            generation: StoredValue::new_local(0),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    /// The signal that holds a block's text.
    pub fn cell(&self, key: &str) -> RwSignal<String> {
        if let Some(cell) = self.cells.with_value(|c| c.get(key).copied()) {
            return cell;
        }
        let make = || RwSignal::new(String::new());
        let cell = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.cells.update_value(|c| {
            c.insert(key.to_string(), cell);
        });
        cell
    }

    fn set(&self, key: &str, text: String) {
        let cell = self.cell(key);
        if cell.with_untracked(|t| *t != text) {
            cell.set(text);
        }
    }

    fn set_stale(&self, keys: BTreeSet<String>) {
        let n = keys.len();
        self.stale.set_value(keys);
        if self.stale_count.get_untracked() != n {
            self.stale_count.set(n);
        }
    }

    fn unstale(&self, key: &str) {
        let mut removed = false;
        self.stale.update_value(|s| removed = s.remove(key));
        if removed {
            self.stale_count.set(self.stale.with_value(|s| s.len()));
        }
    }

    fn set_arm(&self, arm: Vec<(String, Vec<String>)>) {
        if self.arm.with_untracked(|a| *a != arm) {
            self.arm.set(arm);
        }
    }

    /// Every block of a whole [`Outputs`] (a plan with errors, or the placeholder while loading).
    fn set_all(&self, outputs: &Outputs) {
        self.generation.update_value(|g| *g += 1);
        self.set_stale(BTreeSet::new());
        self.set_arm(
            outputs
                .arm
                .iter()
                .map(|a| (a.peering_type.clone(), a.notes.clone()))
                .collect(),
        );
        for (id, text) in [
            (BlockId::AzBash, &outputs.bash),
            (BlockId::AzPowerShell, &outputs.powershell),
            (BlockId::CleanupBash, &outputs.bash_cleanup),
            (BlockId::CleanupPowerShell, &outputs.powershell_cleanup),
            (BlockId::RollbackBash, &outputs.bash_rollback),
            (BlockId::RollbackPowerShell, &outputs.powershell_rollback),
            (BlockId::RouterHandover, &outputs.handover),
            (BlockId::Terraform, &outputs.terraform),
        ] {
            self.set(&id.key(), text.clone());
        }
        for a in &outputs.arm {
            self.set(&format!("arm-json:{}", a.peering_type), a.body.clone());
            self.set(&format!("arm-rest:{}", a.peering_type), a.rest.clone());
            self.set(
                &format!("arm-rest-powershell:{}", a.peering_type),
                a.rest_powershell.clone(),
            );
        }
        for r in &outputs.routers {
            self.set(&format!("router-{}-{}", r.vendor, r.router), r.text.clone());
        }
        let filters: Vec<(String, String, String)> = outputs
            .route_filters
            .iter()
            .map(|f| (f.peering_type.clone(), f.family.clone(), f.name.clone()))
            .collect();
        if self.filters.with_untracked(|f| *f != filters) {
            self.filters.set(filters);
        }
    }

    /// Checks the plan and brings every block to it: the `visible` ones now, the others one per task
    /// (or all now for a source that is not lazy). The verdict goes to `report`.
    pub fn refresh(
        &self,
        doc: &PlanDocument,
        inline_shared_key: bool,
        status: &GeneratorStatus,
        visible: &[String],
        report: RwSignal<Report>,
    ) {
        let set_report = |r: Report| {
            if report.with_untracked(|old| *old != r) {
                report.set(r);
            }
        };
        if *doc == PlanDocument::default() {
            set_report(Report::default());
            return self.set_all(&Outputs::uniform(
                doc,
                &Report::default(),
                NOTHING_YET.into(),
            ));
        }
        if *status != GeneratorStatus::Ready {
            set_report(Report::default());
            return self.set_all(&Outputs::uniform(
                doc,
                &Report::default(),
                placeholder(status),
            ));
        }
        let loaded = SOURCE.with(|s| {
            let mut s = s.borrow_mut();
            let source = s.as_mut().ok_or("the generator is not loaded")?;
            let meta = source.load(doc, inline_shared_key)?;
            Ok::<_, String>((meta, source.lazy()))
        });
        let (meta, lazy) = match loaded {
            Ok(loaded) => loaded,
            Err(why) => {
                set_report(Report::default());
                let status = GeneratorStatus::Failed(why);
                return self.set_all(&Outputs::uniform(
                    doc,
                    &Report::default(),
                    placeholder(&status),
                ));
            }
        };
        if let Some(blocked) = Outputs::blocked(doc, &meta.report) {
            set_report(meta.report);
            return self.set_all(&blocked);
        }
        set_report(meta.report);
        self.generation.update_value(|g| *g += 1);
        let mut keys: BTreeSet<String> = BlockId::fixed().map(BlockId::key).collect();
        for (peering, _) in &meta.arm {
            for output in ["arm-json", "arm-rest", "arm-rest-powershell"] {
                keys.insert(format!("{output}:{peering}"));
            }
        }
        for (peering, family, _) in &meta.filters {
            for output in [
                "arm-route-filter",
                "arm-route-filter-rest",
                "arm-route-filter-rest-powershell",
            ] {
                keys.insert(format!("{output}:{peering}:{family}"));
            }
        }
        if self.filters.with_untracked(|f| *f != meta.filters) {
            self.filters.set(meta.filters);
        }
        self.set_arm(meta.arm);
        self.set_stale(keys);
        if lazy {
            for key in visible {
                self.build(key);
            }
            self.build_rest_later();
        } else {
            self.flush();
        }
    }

    /// Builds one block of the current plan now (when it is stale).
    pub fn build(&self, key: &str) {
        if !self.stale.with_value(|s| s.contains(key)) {
            return;
        }
        let text = SOURCE.with(|s| match s.borrow().as_ref() {
            Some(source) => source.block(key),
            None => Err("the generator is not loaded".into()),
        });
        let text = text.unwrap_or_else(|why| placeholder(&GeneratorStatus::Failed(why)));
        self.set(key, text);
        self.unstale(key);
    }

    /// Builds every stale block now (before printing, for a test that reads them all).
    pub fn flush(&self) {
        let keys: Vec<String> = self.stale.with_value(|s| s.iter().cloned().collect());
        for key in keys {
            self.build(&key);
        }
    }

    /// One stale block per task until none is left, unless a newer plan came in meanwhile.
    fn build_rest_later(&self) {
        build_step_later(*self, self.generation.get_value());
    }
}

fn build_step_later(blocks: Blocks, generation: u64) {
    set_timeout(
        move || {
            // The planner may be gone (unmounted) or have a newer plan: then stop.
            if blocks.generation.try_get_value() != Some(generation) {
                return;
            }
            let Some(key) = blocks
                .stale
                .try_with_value(|s| s.iter().next().cloned())
                .flatten()
            else {
                return;
            };
            blocks.build(&key);
            build_step_later(blocks, generation);
        },
        std::time::Duration::ZERO,
    );
}

/// The emitters linked into this module, as a [`BlockSource`] that builds every block at once.
pub fn linked_emitters() -> Box<dyn BlockSource> {
    Box::new(Linked(GeneratorSession::default()))
}

/// The generator module's own session, called in-process.
struct Linked(GeneratorSession);

impl BlockSource for Linked {
    fn load(&mut self, doc: &PlanDocument, inline_shared_key: bool) -> Result<PlanMeta, String> {
        Ok(self.0.load_document(doc, inline_shared_key))
    }

    fn block(&self, key: &str) -> Result<String, String> {
        if !self.0.has_plan() {
            return Err("no plan is loaded".into());
        }
        BlockId::parse(key).ok_or_else(|| format!("no block {key}"))?;
        Ok(self.0.block(key))
    }

    fn lazy(&self) -> bool {
        false
    }
}

impl Default for Blocks {
    fn default() -> Self {
        Blocks::new()
    }
}
