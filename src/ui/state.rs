//! The page's state: one `RwSignal<PlanDocument>` (the single source of truth) and what is derived
//! from it, plus the few UI-only flags (which fields were left, whether the plan was submitted).
//!
//! Every edit goes through a JSON-Pointer-based setter ([`PlannerState::set_text`],
//! [`PlannerState::set_list`], ...), so the `data-field` attribute a control carries is exactly what
//! it edits, and a finding's path leads back to the control that shows it.

use crate::domain::document::{FamilyDoc, PeeringDoc, PlanDocument};
use crate::domain::findings::Fix;
use crate::domain::pointer;
use crate::domain::validate::{analyze, Analysis};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// How the planner talks to the world outside its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannerConfig {
    /// Read `#plan=` at start, follow `hashchange`, keep the fragment in step (§11.3). Off when mounted
    /// into a host page's `#peering-planner` without `data-sync-url`.
    pub sync_url: bool,
    /// Restore and save the draft in `localStorage` (never the shared key).
    pub use_storage: bool,
    /// `?embed=1`: no page chrome (header, intro).
    pub embed: bool,
}

impl PlannerConfig {
    /// Neither URL nor storage: for component tests and anything that must not touch the page.
    pub const ISOLATED: PlannerConfig = PlannerConfig {
        sync_url: false,
        use_storage: false,
        embed: false,
    };
}

/// The shared state, provided as context by the planner root. All fields are `Copy` signal handles.
#[derive(Clone, Copy)]
pub struct PlannerState {
    /// The plan as typed (§11.1). The single source of truth: every control reads and writes it.
    pub doc: RwSignal<PlanDocument>,
    /// The validator's verdict. A `Memo` because the fields, the findings summary, the IP plan and
    /// every output block read it: it is computed once per edit, not once per reader.
    pub analysis: Memo<Analysis>,
    /// "Check plan" was pressed, or the plan came from a link, `hashchange` or a file (§11.3): every
    /// finding shows, at its field and in the summary.
    pub submitted: RwSignal<bool>,
    /// Pointers of the fields the user has left (blur): their messages show from then on.
    pub touched: RwSignal<HashSet<String>>,
    /// "Put the shared key into the outputs" (§6), off by default.
    pub inline_key: RwSignal<bool>,
    /// A link or file that was not a readable plan: shown as finding `plan.unreadable` (pointer "").
    pub load_error: RwSignal<Option<String>>,
    /// The values of address families switched off, by pointer (`/peerings/N/ipv6`), so switching one
    /// back on restores them. Memory only: the document itself drops a family that is off (§11.1).
    pub family_stash: StoredValue<HashMap<String, FamilyDoc>>,
    pub config: PlannerConfig,
}

impl PlannerState {
    pub fn new(initial: PlanDocument, config: PlannerConfig) -> PlannerState {
        let doc = RwSignal::new(initial);
        let analysis = Memo::new(move |_| doc.with(analyze));
        PlannerState {
            doc,
            analysis,
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
    pub fn text_memo(self, at: String) -> Memo<String> {
        let doc = self.doc;
        Memo::new(move |_| doc.with(|d| text_at(d, &at).unwrap_or_default()))
    }

    /// A memoised view of one list value (advertised prefixes, VNet address spaces).
    pub fn list_memo(self, at: String) -> Memo<Vec<String>> {
        let doc = self.doc;
        Memo::new(move |_| doc.with(|d| list_at(d, &at).cloned().unwrap_or_default()))
    }

    pub fn set_text(self, at: &str, value: String) {
        self.doc.update(|d| {
            if let Some(slot) = text_slot(d, at) {
                *slot = value;
            }
        });
    }

    pub fn set_list(self, at: &str, value: Vec<String>) {
        self.doc.update(|d| {
            if let Some(slot) = list_slot(d, at) {
                *slot = value;
            }
        });
    }

    /// Turns an address family of a peering on or off (`null`, §11.1). Off keeps its values in
    /// [`PlannerState::family_stash`]; on restores them (an empty `{}` when there are none).
    pub fn set_family(self, at: &str, on: bool) {
        let stash = self.family_stash;
        self.doc.update(|d| {
            if let Some(slot) = family_slot(d, at) {
                match (on, slot.is_some()) {
                    (true, false) => {
                        let kept = stash
                            .try_update_value(|s| s.remove(at))
                            .flatten()
                            .unwrap_or_default();
                        *slot = Some(kept);
                    }
                    (false, true) => {
                        if let Some(values) = slot.take() {
                            if values != FamilyDoc::default() {
                                stash.update_value(|s| {
                                    s.insert(at.to_string(), values);
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
            .update(|t| t.retain(|p| !p.starts_with("/peerings/")));
        self.family_stash.update_value(|s| s.clear());
    }

    /// Applies a finding's one-click fix (all its edits, or none).
    pub fn apply_fix(self, fix: &Fix) {
        self.doc.update(|d| {
            let _ = d.apply_fix(fix);
        });
    }

    pub fn touch(self, at: &str) {
        if !self.touched.with_untracked(|t| t.contains(at)) {
            self.touched.update(|t| {
                t.insert(at.to_string());
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
}

/// The reference tokens of a pointer, or `None` when it is not one.
fn tokens(at: &str) -> Option<Vec<String>> {
    pointer::tokens(at).ok()
}

fn family_of<'a>(p: &'a PeeringDoc, key: &str) -> Option<&'a Option<FamilyDoc>> {
    match key {
        "ipv4" => Some(&p.ipv4),
        "ipv6" => Some(&p.ipv6),
        _ => None,
    }
}

fn family_of_mut<'a>(p: &'a mut PeeringDoc, key: &str) -> Option<&'a mut Option<FamilyDoc>> {
    match key {
        "ipv4" => Some(&mut p.ipv4),
        "ipv6" => Some(&mut p.ipv6),
        _ => None,
    }
}

/// The text value a pointer names (a circuit name, a peering's ASN, a family's link subnet, ...).
pub fn text_at(doc: &PlanDocument, at: &str) -> Option<String> {
    let t = tokens(at)?;
    let t: Vec<&str> = t.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["circuit", "subscription"] => Some(doc.circuit.subscription.clone()),
        ["circuit", "resourceGroup"] => Some(doc.circuit.resource_group.clone()),
        ["circuit", "name"] => Some(doc.circuit.name.clone()),
        ["peerings", i, rest @ ..] => {
            let p = doc.peerings.get(i.parse::<usize>().ok()?)?;
            match rest {
                ["type"] => Some(p.peering_type.clone()),
                ["peerAsn"] => Some(p.peer_asn.clone()),
                ["vlanId"] => Some(p.vlan_id.clone()),
                ["sharedKey"] => Some(p.shared_key.clone()),
                [fam, key] => {
                    let f = family_of(p, fam)?.as_ref()?;
                    match *key {
                        "primary" => Some(f.primary.clone()),
                        "secondary" => Some(f.secondary.clone()),
                        "customerAsn" => Some(f.customer_asn.clone()),
                        "routingRegistry" => Some(f.routing_registry.clone()),
                        "routeFilter" => Some(f.route_filter.clone()),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The text slot a pointer names, for the setters.
pub fn text_slot<'a>(doc: &'a mut PlanDocument, at: &str) -> Option<&'a mut String> {
    let t = tokens(at)?;
    let t: Vec<&str> = t.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["circuit", "subscription"] => Some(&mut doc.circuit.subscription),
        ["circuit", "resourceGroup"] => Some(&mut doc.circuit.resource_group),
        ["circuit", "name"] => Some(&mut doc.circuit.name),
        ["peerings", i, rest @ ..] => {
            let p = doc.peerings.get_mut(i.parse::<usize>().ok()?)?;
            match rest {
                ["type"] => Some(&mut p.peering_type),
                ["peerAsn"] => Some(&mut p.peer_asn),
                ["vlanId"] => Some(&mut p.vlan_id),
                ["sharedKey"] => Some(&mut p.shared_key),
                [fam, key] => {
                    let f = family_of_mut(p, fam)?.as_mut()?;
                    match *key {
                        "primary" => Some(&mut f.primary),
                        "secondary" => Some(&mut f.secondary),
                        "customerAsn" => Some(&mut f.customer_asn),
                        "routingRegistry" => Some(&mut f.routing_registry),
                        "routeFilter" => Some(&mut f.route_filter),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The list a pointer names: `/vnetAddressSpaces` or `/peerings/N/<family>/advertisedPrefixes`.
pub fn list_at<'a>(doc: &'a PlanDocument, at: &str) -> Option<&'a Vec<String>> {
    let t = tokens(at)?;
    let t: Vec<&str> = t.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["vnetAddressSpaces"] => Some(&doc.vnet_address_spaces),
        ["peerings", i, fam, "advertisedPrefixes"] => {
            let p = doc.peerings.get(i.parse::<usize>().ok()?)?;
            Some(&family_of(p, fam)?.as_ref()?.advertised_prefixes)
        }
        _ => None,
    }
}

pub fn list_slot<'a>(doc: &'a mut PlanDocument, at: &str) -> Option<&'a mut Vec<String>> {
    let t = tokens(at)?;
    let t: Vec<&str> = t.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["vnetAddressSpaces"] => Some(&mut doc.vnet_address_spaces),
        ["peerings", i, fam, "advertisedPrefixes"] => {
            let p = doc.peerings.get_mut(i.parse::<usize>().ok()?)?;
            Some(&mut family_of_mut(p, fam)?.as_mut()?.advertised_prefixes)
        }
        _ => None,
    }
}

/// Whether the family a pointer (`/peerings/N/ipv4`) names is configured.
pub fn family_on(doc: &PlanDocument, at: &str) -> bool {
    family_at(doc, at).is_some_and(|f| f.is_some())
}

fn family_at<'a>(doc: &'a PlanDocument, at: &str) -> Option<&'a Option<FamilyDoc>> {
    let t = tokens(at)?;
    match t.as_slice() {
        [peerings, i, fam] if peerings == "peerings" => {
            family_of(doc.peerings.get(i.parse::<usize>().ok()?)?, fam)
        }
        _ => None,
    }
}

fn family_slot<'a>(doc: &'a mut PlanDocument, at: &str) -> Option<&'a mut Option<FamilyDoc>> {
    let t = tokens(at)?;
    match t.as_slice() {
        [peerings, i, fam] if peerings == "peerings" => {
            family_of_mut(doc.peerings.get_mut(i.parse::<usize>().ok()?)?, fam)
        }
        _ => None,
    }
}

/// The id of the control that edits the value at `at`: stable, so a findings link can point at it.
pub fn field_id(at: &str) -> String {
    let mut id = String::from("pp-field");
    for c in at.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else {
            id.push('-');
        }
    }
    id
}
