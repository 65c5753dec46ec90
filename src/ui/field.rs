//! The field wrapper (after thaw's `Field`): one component owns the label, the generated id, `for`,
//! `aria-invalid`, `aria-describedby`, the help text and the message, so every control of the form gets
//! them right at once.
//!
//! When a message shows: after the user leaves the field (blur), or once the plan counts as submitted
//! ("Check plan", or a plan opened from a link or file). A fix that fills several fields (the /29 split)
//! is offered at once, while typing, because it is help rather than an error.

use super::state::{family_on, field_id, PlannerState};
use crate::domain::field::FieldPath;
use crate::domain::findings::{Finding, Severity};
use crate::domain::prefix::split_pasted_prefixes;
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;

/// The kind of control a [`Field`] renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// A one-line text input; `inputmode` e.g. `"numeric"`.
    Text { inputmode: Option<&'static str> },
    /// The shared key: `type=password` with a show/hide toggle.
    Secret,
    /// A list value edited as text (one entry per line; pasted commas, spaces and tabs also split).
    List { rows: u32 },
    /// A choice among fixed values (value, label); an unknown current value is kept as an extra option.
    Select {
        options: Vec<(&'static str, &'static str)>,
    },
    /// An on/off switch that configures or removes an address family (`/peerings/N/ipv4`).
    Switch,
}

/// The severity as words and a symbol, so warnings differ from errors by more than colour.
pub fn severity_words(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("Error", "✖"),
        Severity::Warning => ("Warning", "⚠"),
        Severity::Info => ("Note", "ℹ"),
    }
}

/// One line of a message list: the severity in words (and a symbol), then the message.
#[component]
pub fn MessageLine(finding: Finding) -> impl IntoView {
    let (word, symbol) = severity_words(finding.severity);
    let class = format!("pp-message pp-{}", finding.severity.as_str());
    view! {
        <li class=class>
            <span class="pp-message-icon" aria-hidden="true">{symbol}</span>
            <strong class="pp-message-severity">{word}": "</strong>
            <span class="pp-message-text">{finding.message.clone()}</span>
        </li>
    }
}

/// A labelled control bound to the plan value at `path` (its `data-field` is the path's JSON Pointer).
#[component]
pub fn Field(
    /// The value this control edits (§11.3 `data-field`).
    path: FieldPath,
    label: &'static str,
    /// Short help: what the value is and where it comes from.
    #[prop(into)]
    help: String,
    control: Control,
    /// An example, never a pre-filled value.
    #[prop(optional)]
    placeholder: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Help shown instead of `help` while the plan is a change to a live circuit (change mode).
    #[prop(optional, into)]
    change_help: Option<String>,
) -> impl IntoView {
    let state = PlannerState::expect();
    let id = field_id(path);
    let pointer = path.to_string();
    let help_id = format!("{id}-help");
    let message_id = format!("{id}-message");
    let is_list = matches!(control, Control::List { .. });
    let is_switch = matches!(control, Control::Switch);

    // Findings at this value (for a list: at the list or one of its entries).
    let findings = {
        Memo::new(move |_| {
            state.analysis.with(|a| {
                a.findings
                    .iter()
                    .filter(|f| f.path == path || (is_list && f.path.is_in_list(path)))
                    .cloned()
                    .collect::<Vec<Finding>>()
            })
        })
    };
    let visible =
        { Memo::new(move |_| state.submitted.get() || state.touched.with(|t| t.contains(&path))) };
    let shown = Memo::new(move |_| {
        if visible.get() {
            findings.get()
        } else {
            Vec::new()
        }
    });
    let invalid = move || {
        shown
            .with(|s| s.iter().any(|f| f.severity == Severity::Error))
            .then_some("true")
    };
    let described_by = {
        let help_id = help_id.clone();
        let message_id = message_id.clone();
        move || {
            if shown.with(|s| s.is_empty()) {
                help_id.clone()
            } else {
                format!("{help_id} {message_id}")
            }
        }
    };
    // Fixes offered here: every fix once the message shows; a multi-field fix (the /29 split) at once.
    let fixes = Memo::new(move |_| {
        let show_all = visible.get();
        findings.with(|fs| {
            fs.iter()
                .filter_map(|f| f.fix.clone())
                .filter(|fix| show_all || fix.edits.len() > 1)
                .collect::<Vec<_>>()
        })
    });

    let touch = move || state.touch(path);

    let control_view = match control {
        Control::Text { inputmode } => {
            let value = state.text_memo(path);
            EitherOf5::A(view! {
                <input
                    class="pp-control pp-input"
                    type="text"
                    id=id.clone()
                    data-field=pointer.clone()
                    placeholder=(!placeholder.is_empty()).then_some(placeholder)
                    inputmode=inputmode
                    autocomplete=autocomplete.unwrap_or("off")
                    spellcheck="false"
                    aria-required=required.then_some("true")
                    aria-invalid=invalid
                    aria-describedby=described_by.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| state.set_text(path, event_target_value(&ev))
                    on:blur=move |_| touch()
                />
            })
        }
        Control::Secret => {
            let value = state.text_memo(path);
            let revealed = RwSignal::new(false);
            EitherOf5::B(view! {
                <span class="pp-secret">
                    <input
                        class="pp-control pp-input"
                        type=move || if revealed.get() { "text" } else { "password" }
                        id=id.clone()
                        data-field=pointer.clone()
                        placeholder=(!placeholder.is_empty()).then_some(placeholder)
                        autocomplete="new-password"
                        spellcheck="false"
                        aria-invalid=invalid
                        aria-describedby=described_by.clone()
                        prop:value=move || value.get()
                        on:input=move |ev| state.set_text(path, event_target_value(&ev))
                        on:blur=move |_| touch()
                    />
                    <button
                        type="button"
                        class="pp-button pp-button-secondary"
                        aria-controls=id.clone()
                        aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { "Hide key" } else { "Show key" }}
                    </button>
                </span>
            })
        }
        Control::List { rows } => {
            let list = state.list_memo(path);
            // What the user typed, kept while it still splits into the plan's list (so separators and a
            // half-typed entry survive); replaced by the list when the plan changed elsewhere (a fix, a link).
            let draft = RwSignal::new(list.get_untracked().join("\n"));
            EitherOf5::C(view! {
                <textarea
                    class="pp-control pp-textarea"
                    id=id.clone()
                    data-field=pointer.clone()
                    rows=rows
                    placeholder=(!placeholder.is_empty()).then_some(placeholder)
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=invalid
                    aria-describedby=described_by.clone()
                    prop:value=move || {
                        let entries = list.get();
                        let typed = draft.get_untracked();
                        if split_pasted_prefixes(&typed) == entries { typed } else { entries.join("\n") }
                    }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let entries = split_pasted_prefixes(&text);
                        draft.set(text);
                        state.set_list(path, entries);
                    }
                    on:blur=move |_| touch()
                ></textarea>
            })
        }
        Control::Select { options } => {
            let value = state.text_memo(path);
            let known: Vec<&'static str> = options.iter().map(|(v, _)| *v).collect();
            EitherOf5::D(view! {
                <select
                    class="pp-control pp-select"
                    id=id.clone()
                    data-field=pointer.clone()
                    aria-invalid=invalid
                    aria-describedby=described_by.clone()
                    prop:value=move || value.get()
                    on:change=move |ev| state.set_text(path, event_target_value(&ev))
                    on:blur=move |_| touch()
                >
                    {options
                        .iter()
                        .map(|(v, l)| {
                            let v = *v;
                            view! { <option value=v selected=move || value.get() == v>{*l}</option> }
                        })
                        .collect_view()}
                    {move || {
                        let current = value.get();
                        (!known.contains(&current.as_str()))
                            .then(|| {
                                let shown = format!("{current} (not a known registry)");
                                view! { <option value=current.clone() selected=true>{shown}</option> }
                            })
                    }}
                </select>
            })
        }
        Control::Switch => {
            let on = { Memo::new(move |_| state.doc.with(|d| family_on(d, path))) };
            EitherOf5::E(view! {
                <input
                    class="pp-control pp-switch"
                    type="checkbox"
                    role="switch"
                    id=id.clone()
                    data-field=pointer.clone()
                    aria-describedby=described_by.clone()
                    prop:checked=move || on.get()
                    on:change=move |ev| state.set_family(path, event_target_checked(&ev))
                    on:blur=move |_| touch()
                />
            })
        }
    };

    let label_view = view! {
        <label class="pp-label" for=id.clone()>
            {label}
            {required.then(|| view! { <span class="pp-required">" (required)"</span> })}
        </label>
    };

    view! {
        <div
            class="pp-field"
            class:pp-field-switch=is_switch
            class:pp-field-invalid=move || invalid().is_some()
        >
            {if is_switch {
                Either::Left(view! { <div class="pp-switch-row">{control_view}{label_view}</div> })
            } else {
                Either::Right(view! { {label_view}{control_view} })
            }}
            <p class="pp-help" id=help_id.clone()>
                {match change_help {
                    Some(change_help) => {
                        let change_mode = state.change_mode();
                        Either::Left(move || if change_mode.get() { change_help.clone() } else { help.clone() })
                    }
                    None => Either::Right(help),
                }}
            </p>
            <ul class="pp-messages" id=message_id.clone() hidden=move || shown.with(|s| s.is_empty())>
                {move || {
                    shown.get().into_iter().map(|f| view! { <MessageLine finding=f/> }).collect_view()
                }}
            </ul>
            <FixButtons fixes=fixes focus_after=id.clone()/>
        </div>
    }
}

/// One-click fixes offered beside a field or a finding.
#[component]
pub fn FixButtons(
    fixes: Memo<Vec<crate::domain::findings::Fix>>,
    /// The id of the element that takes the focus after a fix (the button itself goes away with the
    /// finding, and the focus must not fall back to the top of the page).
    focus_after: String,
) -> impl IntoView {
    move || {
        fixes
            .get()
            .into_iter()
            .map(|fix| {
                let text = fix.label.clone();
                view! { <FixButton fix=fix text=text focus_after=focus_after.clone()/> }
            })
            .collect_view()
    }
}

/// One fix as a button; `text` is what it says (the fix's label, maybe with a prefix).
#[component]
pub fn FixButton(
    fix: crate::domain::findings::Fix,
    text: String,
    /// The id of the element that takes the focus after the fix.
    focus_after: String,
) -> impl IntoView {
    let state = PlannerState::expect();
    let label = fix.label.clone();
    view! {
        <button
            type="button"
            class="pp-button pp-button-fix"
            data-fix=label
            on:click=move |_| {
                state.apply_fix(&fix);
                focus_by_id_soon(focus_after.clone());
            }
        >
            {text}
        </button>
    }
}

/// Focuses the element with `id` once the DOM has caught up with the last change.
pub fn focus_by_id_soon(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
