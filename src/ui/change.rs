//! Change mode: planning a change to a live peering (§6, §9, §11.1 `baseline`, §11.2).
//!
//! - [`ChangeModeSection`]: a disclosure, "Start from a live circuit", with a labelled textarea (and a
//!   file input) for the JSON of `az network express-route peering show` / `az network express-route
//!   show`, and an Import button. A successful import replaces the plan with
//!   [`merge_import`] of the current plan (it counts as submitted, so every finding shows) and lists the
//!   import's notes in a polite live region; a failed one shows the [`ImportError`] message at the
//!   textarea (`aria-invalid`, `aria-describedby`) and changes nothing else.
//! - [`ChangeModeBanner`]: while the plan has a `baseline`, says which live peerings it holds and offers
//!   "Leave change mode" (drops the baseline; the peerings stay as typed).
//!
//! The findings (`change.resets_bgp`, `change.peering_dropped`, downgraded warnings) and the minimal
//! `update` commands come from the domain and emit layers as they are.

use super::browser::{settle, take_chosen_file};
use super::state::PlannerState;
use crate::domain::document::PlanDocument;
use crate::domain::import::{import_live, merge_import, ImportError, MAX_IMPORT_BYTES};
use leptos::prelude::*;

/// The id of the live-JSON textarea (its label, help and error hang off it).
pub const LIVE_JSON_ID: &str = "pp-live-json";
const HELP_ID: &str = "pp-live-json-help";
const ERROR_ID: &str = "pp-live-json-error";

/// The commands the help text names, exactly as a user runs them.
pub const PEERING_SHOW_COMMAND: &str = "az network express-route peering show -g <resource group> --circuit-name <circuit> -n AzurePrivatePeering -o json";
pub const CIRCUIT_SHOW_COMMAND: &str =
    "az network express-route show -g <resource group> -n <circuit> -o json";

/// The live peering types of a plan's baseline, in the baseline's order (empty when not in change mode).
pub fn baseline_types(doc: &PlanDocument) -> Vec<String> {
    doc.baseline
        .as_ref()
        .map(|b| {
            b.peerings
                .iter()
                .map(|p| p.peering.peering_type.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Imports `text` into the current plan: `Ok(notes)` after the plan became the merge; `Err` (and no
/// change at all) when the text is not a live peering or circuit.
pub fn import_into(state: PlannerState, text: &str) -> Result<Vec<String>, ImportError> {
    let import = import_live(text)?;
    let merged = state.doc.with_untracked(|d| merge_import(d, &import));
    state.load_submitted(merged);
    Ok(import.notes)
}

/// "Start from a live circuit": paste or open the JSON `az` prints, then Import.
#[component]
pub fn ChangeModeSection() -> impl IntoView {
    let state = PlannerState::expect();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let notes = RwSignal::new(Vec::<String>::new());
    let status = RwSignal::new(String::new());
    let area = NodeRef::<leptos::html::Textarea>::new();

    let run_import = move |source: String| {
        let input = text.get_untracked();
        match import_into(state, &input) {
            Ok(found) => {
                let types = state.doc.with_untracked(baseline_types);
                error.set(None);
                notes.set(found);
                // The pasted JSON may hold a shared key: nothing keeps it, not even this textarea.
                text.set(String::new());
                status.set(format!(
                    "Imported {} from {source}: {}. The plan is now a change to the live circuit.",
                    plural(types.len(), "live peering", "live peerings"),
                    types.join(", ")
                ));
            }
            Err(e) => {
                error.set(Some(e.message));
                notes.set(Vec::new());
                status.set(String::new());
                if let Some(el) = area.get_untracked() {
                    let _ = el.focus();
                }
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            error.set(Some(format!(
                "{name} is {} bytes, more than the {MAX_IMPORT_BYTES} a circuit's JSON can be: open the output of {PEERING_SHOW_COMMAND} (or of {CIRCUIT_SHOW_COMMAND}).",
                file.size()
            )));
            return;
        }
        settle(file.text(), move |r| {
            match r.ok().and_then(|v| v.as_string()) {
                Some(content) => {
                    text.set(content);
                    run_import(format!("the file {name}"));
                }
                None => error.set(Some(format!(
                    "{name} could not be read: open it again, or paste its text."
                ))),
            }
        });
    };
    let described_by = move || {
        if error.with(|e| e.is_some()) {
            format!("{HELP_ID} {ERROR_ID}")
        } else {
            HELP_ID.to_string()
        }
    };

    view! {
        <details class="pp-card pp-change pp-no-print" data-testid="change-section">
            <summary class="pp-change-summary">
                <span class="pp-change-title">"Start from a live circuit"</span>
                <span class="pp-change-subtitle">" — plan a change to a live peering"</span>
            </summary>
            <p class="pp-help">
                "Import what is live, then edit only what should change: the outputs become the minimal "
                <code>"az network express-route peering update"</code>
                " commands for your edits, and the ARM bodies keep the peering's Global Reach connections. An empty shared key keeps the live key."
            </p>
            <div class="pp-field" class:pp-field-invalid=move || error.with(|e| e.is_some())>
                <label class="pp-label" for=LIVE_JSON_ID>"JSON of the live peering or circuit"</label>
                <textarea
                    node_ref=area
                    class="pp-control pp-textarea pp-live-json"
                    id=LIVE_JSON_ID
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                    aria-describedby=described_by
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <div class="pp-help" id=HELP_ID>
                    <p>"Run one of these in a shell signed in to Azure (az login), and paste all of its output:"</p>
                    <ul class="pp-commands">
                        <li><code>{PEERING_SHOW_COMMAND}</code>" (one peering; use -n MicrosoftPeering for the other)"</li>
                        <li><code>{CIRCUIT_SHOW_COMMAND}</code>" (the circuit with all its peerings)"</li>
                    </ul>
                    <p>"A shared key in the output is never imported. Nothing leaves this page."</p>
                </div>
                <p class="pp-messages pp-import-error" id=ERROR_ID hidden=move || error.with(|e| e.is_none())>
                    <span class="pp-message pp-error">
                        <span class="pp-message-icon" aria-hidden="true">"✖"</span>
                        <strong class="pp-message-severity">"Error: "</strong>
                        <span class="pp-message-text" data-testid="import-error">{move || error.get().unwrap_or_default()}</span>
                    </span>
                </p>
            </div>
            <div class="pp-field">
                <label class="pp-label" for="pp-live-file">"Or open a file with that JSON"</label>
                <input
                    type="file"
                    id="pp-live-file"
                    class="pp-control pp-file"
                    accept=".json,application/json,text/plain"
                    on:change=on_file
                />
            </div>
            <div class="pp-actions">
                <button
                    type="button"
                    class="pp-button pp-button-primary"
                    data-testid="import-live"
                    on:click=move |_| run_import("the pasted JSON".to_string())
                >
                    "Import"
                </button>
            </div>
            <div class="pp-import-result" role="status" aria-live="polite" data-testid="import-notes">
                <p class="pp-status">{move || status.get()}</p>
                <ul class="pp-notes" hidden=move || notes.with(|n| n.is_empty())>
                    {move || notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        </details>
    }
}

/// The "Change mode" banner, shown while the plan has a baseline.
#[component]
pub fn ChangeModeBanner() -> impl IntoView {
    let state = PlannerState::expect();
    let live = Memo::new(move |_| {
        state
            .doc
            .with(|d| d.baseline.is_some().then(|| baseline_types(d)))
    });
    let leave = move |_| {
        state.doc.update(|d| d.baseline = None);
    };
    move || {
        live.get().map(|types| {
            let listed = if types.is_empty() {
                "no live peering".to_string()
            } else {
                types.join(" and ")
            };
            view! {
                <section
                    class="pp-card pp-change-banner pp-no-print"
                    aria-labelledby="pp-change-banner-title"
                    data-testid="change-banner"
                >
                    <h2 id="pp-change-banner-title">"Change mode"</h2>
                    <p>
                        "The baseline is the live "
                        <strong data-testid="change-baseline">{listed}</strong>
                        " of circuit "
                        {move || state.doc.with(|d| d.circuit.name.trim().to_string())}
                        ". The outputs are the changes to the live circuit: one minimal update per live peering, for the values you edit. An empty shared key keeps the live key."
                    </p>
                    <button type="button" class="pp-button pp-button-secondary" on:click=leave>
                        "Leave change mode"
                    </button>
                </section>
            }
        })
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
