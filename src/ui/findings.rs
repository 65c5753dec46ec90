//! The findings summary (GOV.UK error-summary pattern): a headed region that lists every finding of
//! the plan exactly once (§11.3: `data-finding-code`, `data-severity`, `data-field`), each linked to the
//! field it concerns and, where the finding carries one, a one-click fix. It receives focus after
//! "Check plan", so keyboard and screen-reader users land on the list of what to fix.

use super::browser::focus_path;
use super::field::{severity_words, FixButton};
use super::state::{field_id, PlannerState};
use crate::domain::document::PlanDocument;
use crate::domain::findings::{Code, Finding, Severity};
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the summary region (the target of the focus after "Check plan").
pub const SUMMARY_ID: &str = "pp-findings";

/// Every finding the summary lists: the plan's, plus `plan.unreadable` when a link or file failed.
pub fn listed_findings(state: PlannerState) -> Vec<Finding> {
    let mut all = Vec::new();
    if let Some(reason) = state.load_error.get() {
        all.push(Finding::new(
            Code::PlanUnreadable,
            crate::domain::field::FieldPath::Plan,
            reason,
        ));
    }
    state
        .analysis
        .with(|a| all.extend(a.findings.iter().cloned()));
    all
}

fn count_text(findings: &[Finding]) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if e + w + i == 0 {
        return "No problems found: the plan is ready.".into();
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        plural(i, "note", "notes")
    )
}

/// The summary region. Before the plan counts as submitted it shows only the counts and a hint.
#[component]
pub fn FindingsSummary(node_ref: NodeRef<leptos::html::Section>) -> impl IntoView {
    let state = PlannerState::expect();
    let findings = Memo::new(move |_| listed_findings(state));
    // Memoised, as `Show` did: pressing "Check plan" again must not rebuild the list.
    let submitted = Memo::new(move |_| state.submitted.get());
    let has_errors = move || findings.with(|f| f.iter().any(|f| f.severity == Severity::Error));

    view! {
        <section
            class="pp-card pp-findings"
            class:pp-findings-errors=has_errors
            id=SUMMARY_ID
            node_ref=node_ref
            tabindex="-1"
            data-section=""
            aria-labelledby="pp-findings-title"
        >
            <h2 id="pp-findings-title">"Check your plan"</h2>
            <p class="pp-findings-count" data-testid="findings-count">
                {move || {
                    let checked = state.analysis.with(|a| a.checked);
                    let empty = state.doc.with(|d| *d == PlanDocument::default());
                    if checked || state.load_error.with(Option::is_some) {
                        findings.with(|f| count_text(f))
                    } else if empty {
                        "Nothing to check yet: fill in the circuit and add a peering.".to_string()
                    } else {
                        "Checking your plan…".to_string()
                    }
                }}
            </p>
            {move || {
                if submitted.get() {
                    Either::Left(view! {
                        <ul class="pp-findings-list">
                            <For
                                each=move || findings.get().into_iter().enumerate()
                                key=|(i, f)| (*i, f.code.as_str(), f.path, f.message.clone(), f.fix.as_ref().map(|x| x.label.clone()))
                                children=move |(_, finding)| view! { <FindingItem finding=finding/> }
                            />
                        </ul>
                    })
                } else {
                    Either::Right(view! {
                        <p class="pp-muted">
                            "Each field is checked when you leave it. Press “Check plan” to list every finding here."
                        </p>
                    })
                }
            }}
        </section>
    }
}

/// One finding of the summary: severity in words, the message as a link to the field, and its fix.
#[component]
pub fn FindingItem(finding: Finding) -> impl IntoView {
    let (word, symbol) = severity_words(finding.severity);
    let path = finding.path;
    let href = format!("#{}", field_id(path));
    let fix = finding.fix.clone();
    let on_click = {
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            // This planner's root, not the page's first one (a host page may mount several).
            let root = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|link| link.closest("[data-app]").ok().flatten());
            if let Some(root) = root {
                focus_path(&root, path);
            }
        }
    };
    view! {
        <li
            class=format!("pp-finding pp-{}", finding.severity.as_str())
            data-finding-code=finding.code.as_str()
            data-severity=finding.severity.as_str()
            data-field=path.to_string()
        >
            <span class="pp-message-icon" aria-hidden="true">{symbol}</span>
            <strong class="pp-message-severity">{word}": "</strong>
            <a href=href class="pp-finding-link" on:click=on_click>{finding.message.clone()}</a>
            // The item goes away with its finding: the focus stays in the summary.
            {fix.map(|fix| {
                let text = format!("Fix: {}", fix.label);
                view! { <FixButton fix=fix text=text focus_after=SUMMARY_ID.to_string()/> }
            })}
        </li>
    }
}
