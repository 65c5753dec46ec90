//! The page's state: one `RwSignal<PlanDocument>` (the single source of truth) and what is derived
//! from it, plus the few UI-only flags (which fields were left, whether the plan was submitted).
//!
//! Every edit goes through a setter that takes a typed [`FieldPath`] ([`PlannerState::set_text`],
//! [`PlannerState::set_list`], ...), so the `data-field` attribute a control carries (the path's JSON
//! Pointer) is exactly what it edits, and a finding's path leads back to the control that shows it.

use super::generator::{LinkedReport, LinkedSource};
use crate::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use crate::domain::field::{FamilyPart, FieldPath, PeeringPart, RouterField};
use crate::domain::findings::Fix;
use crate::emit::blocks::Report;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// How the planner talks to the world outside its root element.
#[derive(Debug, Clone, Copy)]
pub struct PlannerConfig {
    /// Read `#plan=` at start, follow `hashchange`, keep the fragment in step (§11.3). Off when mounted
    /// into a host page's `#peering-planner` without `data-sync-url`.
    pub sync_url: bool,
    /// Restore and save the draft in `localStorage` (never the shared key).
    pub use_storage: bool,
    /// `?embed=1`: no page chrome (header, intro).
    pub embed: bool,
    /// `None` (the page): the blocks of a valid plan come from the generator module, loaded on first
    /// use (`ui::generator`). `Some`: built here, with the emitters linked into this module (tests).
    pub linked_generator: Option<LinkedSource>,
    /// `None` (the page): the generator module validates the plan too. `Some`: the validator linked in.
    pub linked_report: Option<LinkedReport>,
}

impl PlannerConfig {
    /// Neither URL nor storage, and the emitters linked in: for component tests and anything that must
    /// not touch the page.
    pub const ISOLATED: PlannerConfig = PlannerConfig {
        sync_url: false,
        use_storage: false,
        embed: false,
        linked_generator: Some(super::generator::linked_emitters),
        linked_report: Some(super::generator::linked_report),
    };
}

/// The shared state, provided as context by the planner root. All fields are `Copy` signal handles.
#[derive(Clone, Copy)]
pub struct PlannerState {
    /// The plan as typed (§11.1). The single source of truth: every control reads and writes it.
    pub doc: RwSignal<PlanDocument>,
    /// The validator's verdict, computed once per edit: by the generator module (the page: written to
    /// `report` with the outputs, `ui::generator`), or here with the validator linked in (tests).
    pub analysis: Signal<Report>,
    /// Where the generator module's verdict is written.
    pub report: RwSignal<Report>,
    /// "Check plan" was pressed, or the plan came from a link, `hashchange` or a file (§11.3): every
    /// finding shows, at its field and in the summary.
    pub submitted: RwSignal<bool>,
    /// The fields the user has left (blur): their messages show from then on.
    pub touched: RwSignal<HashSet<FieldPath>>,
    /// "Put the shared key into the outputs" (§6), off by default.
    pub inline_key: RwSignal<bool>,
    /// A link or file that was not a readable plan: shown as finding `plan.unreadable` (pointer "").
    pub load_error: RwSignal<Option<String>>,
    /// The values of address families switched off, by path (`/peerings/N/ipv6`), so switching one
    /// back on restores them. Memory only: the document itself drops a family that is off (§11.1).
    pub family_stash: StoredValue<HashMap<FieldPath, FamilyDoc>>,
    pub config: PlannerConfig,
}

impl PlannerState {
    pub fn new(initial: PlanDocument, config: PlannerConfig) -> PlannerState {
        let doc = RwSignal::new(initial);
        let report = RwSignal::new(Report::default());
        let analysis = match config.linked_report {
            Some(check) => Memo::new(move |_| doc.with(check)).into(),
            None => report.into(),
        };
        PlannerState {
            doc,
            analysis,
            report,
            submitted: RwSignal::new(false),
            touched: RwSignal::new(HashSet::new()),
            inline_key: RwSignal::new(false),
            load_error: RwSignal::new(None),
            family_stash: StoredValue::new(HashMap::new()),
            config,
        }
    }

    /// The state provided by the planner root.
    pub fn expect() -> PlannerState {
        expect_context::<PlannerState>()
    }

    /// A narrow, memoised view of one text value, so a field re-renders only when its own value changes.
    pub fn text_memo(self, at: FieldPath) -> Memo<String> {
        let doc = self.doc;
        Memo::new(move |_| doc.with(|d| d.text(at).unwrap_or_default().to_string()))
    }

    /// A memoised view of one list value (advertised prefixes, VNet address spaces).
    pub fn list_memo(self, at: FieldPath) -> Memo<Vec<String>> {
        let doc = self.doc;
        Memo::new(move |_| doc.with(|d| d.list(at).cloned().unwrap_or_default()))
    }

    pub fn set_text(self, at: FieldPath, value: String) {
        self.doc.update(|d| {
            if let Some(slot) = d.text_mut(at) {
                *slot = value;
            }
        });
    }

    pub fn set_list(self, at: FieldPath, value: Vec<String>) {
        self.doc.update(|d| {
            if let Some(slot) = d.list_mut(at) {
                *slot = value;
            }
        });
    }

    /// Turns an address family of a peering on or off (`null`, §11.1). Off keeps its values in
    /// [`PlannerState::family_stash`]; on restores them (an empty `{}` when there are none).
    pub fn set_family(self, at: FieldPath, on: bool) {
        if at == FieldPath::Router(RouterField::Bfd) {
            return self.doc.update(|d| d.routers_mut().bfd = on);
        }
        if let FieldPath::Peering(n, PeeringPart::Family(f, FamilyPart::FilterRule)) = at {
            // A route filter to create: on starts an empty rule, off drops it (the filter named in
            // routeFilter is then attached, not created).
            return self.doc.update(|d| {
                if let Some(family) = d.peerings.get_mut(n).and_then(|p| p.family_mut(f).as_mut()) {
                    match (on, family.route_filter_rule.is_some()) {
                        (true, false) => family.route_filter_rule = Some(Default::default()),
                        (false, true) => family.route_filter_rule = None,
                        _ => {}
                    }
                }
            });
        }
        let stash = self.family_stash;
        self.doc.update(|d| {
            if let Some(slot) = d.family_mut(at) {
                match (on, slot.is_some()) {
                    (true, false) => {
                        let kept = stash
                            .try_update_value(|s| s.remove(&at))
                            .flatten()
                            .unwrap_or_default();
                        *slot = Some(kept);
                    }
                    (false, true) => {
                        if let Some(values) = slot.take() {
                            if values != FamilyDoc::default() {
                                stash.update_value(|s| {
                                    s.insert(at, values);
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
        });
    }

    /// Whether the plan is a change to a live circuit (it has a `baseline`), memoised.
    pub fn change_mode(self) -> Memo<bool> {
        let doc = self.doc;
        Memo::new(move |_| doc.with(|d| d.baseline.is_some()))
    }

    pub fn add_peering(self, peering_type: &str) {
        self.doc.update(|d| {
            d.peerings.push(PeeringDoc {
                peering_type: peering_type.to_string(),
                ipv4: Some(FamilyDoc::default()),
                ..PeeringDoc::default()
            })
        });
    }

    pub fn remove_peering(self, index: usize) {
        self.doc.update(|d| {
            if index < d.peerings.len() {
                d.peerings.remove(index);
            }
        });
        // Pointers after the removed peering now name other values: forget which were visited, and
        // the families kept aside.
        self.touched
            .update(|t| t.retain(|p| p.peering_index().is_none()));
        self.family_stash.update_value(|s| s.clear());
    }

    /// Applies a finding's one-click fix (all its edits, or none).
    pub fn apply_fix(self, fix: &Fix) {
        self.doc.update(|d| {
            let _ = d.apply_fix(fix);
        });
    }

    pub fn touch(self, at: FieldPath) {
        if !self.touched.with_untracked(|t| t.contains(&at)) {
            self.touched.update(|t| {
                t.insert(at);
            });
        }
    }

    /// Replaces the whole plan with one opened from a link, a `hashchange` or a file: it counts as
    /// submitted, so all its findings show at once (§11.3).
    pub fn load_submitted(self, plan: PlanDocument) {
        self.load_error.set(None);
        self.touched.set(HashSet::new());
        self.family_stash.update_value(|s| s.clear());
        self.doc.set(plan);
        self.submitted.set(true);
    }

    /// A link or file that is not a readable plan: the plan stays, the reason shows as
    /// `plan.unreadable` in the submitted summary.
    pub fn load_failed(self, reason: String) {
        self.load_error.set(Some(reason));
        self.submitted.set(true);
    }
}

/// Whether the switch at a path is on: the family a path (`/peerings/N/ipv4`) names is configured, or
/// BFD (`/routers/bfd`) is on.
pub fn family_on(doc: &PlanDocument, at: FieldPath) -> bool {
    if at == FieldPath::Router(RouterField::Bfd) {
        return doc.bfd();
    }
    if let FieldPath::Peering(n, PeeringPart::Family(f, FamilyPart::FilterRule)) = at {
        return doc
            .peerings
            .get(n)
            .and_then(|p| p.family(f).as_ref())
            .is_some_and(|family| family.route_filter_rule.is_some());
    }
    doc.family(at).is_some_and(|f| f.is_some())
}

/// The id of the control that edits the value at `at`: stable, so a findings link can point at it.
pub fn field_id(at: FieldPath) -> String {
    let mut id = String::from("pp-field");
    for c in at.to_string().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else {
            id.push('-');
        }
    }
    id
}
