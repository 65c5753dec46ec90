//! The output panes: ARIA tabs (arrow keys, Home, End) over the blocks of [`Outputs`]. Every block stays
//! in the DOM (a hidden panel keeps its blocks), its text content is exactly what Copy copies, and each
//! has Copy and Download. Copy reports in one `aria-live` status line.

use super::browser::{copy_text, download_text, select_text_of};
use super::state::PlannerState;
use crate::domain::peering::PeeringType;
use crate::emit::blocks::{ip_plan_cells, Outputs, IP_PLAN_COLUMNS};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Bash,
    PowerShell,
    Arm,
    IpPlan,
    Cleanup,
}

const TABS: [(Tab, &str, &str); 5] = [
    (Tab::Bash, "bash", "bash"),
    (Tab::PowerShell, "powershell", "PowerShell"),
    (Tab::Arm, "arm", "ARM JSON"),
    (Tab::IpPlan, "ipplan", "IP plan"),
    (Tab::Cleanup, "cleanup", "Clean-up and rollback"),
];

fn tab_id(key: &str) -> String {
    format!("pp-tab-{key}")
}
fn panel_id(key: &str) -> String {
    format!("pp-panel-{key}")
}

/// The copy status line, shared by every block's Copy button.
#[derive(Clone, Copy)]
struct CopyStatus(RwSignal<String>);

/// One output block: a heading, the text (`data-output`), Copy and Download.
#[component]
fn OutputBlock(
    /// `data-output` id (§11.3).
    output: &'static str,
    /// Human name, e.g. "bash script".
    title: String,
    filename: String,
    mime: &'static str,
    text: Signal<String>,
    #[prop(optional)] peering: Option<&'static str>,
) -> impl IntoView {
    let status = expect_context::<CopyStatus>().0;
    let heading_id = format!("pp-out-{output}-{}", peering.unwrap_or("plan"));
    let block = NodeRef::<leptos::html::Pre>::new();
    let copy = {
        let title = title.clone();
        move |_| {
            let title = title.clone();
            let chars = text.with_untracked(|t| t.chars().count());
            status.set(format!("Copying the {title}…"));
            copy_text(&text.get_untracked(), move |result| match result {
                Ok(()) => status.set(format!(
                    "Copied the {title} ({chars} characters) to the clipboard."
                )),
                Err(e) => {
                    // Leave the text selected, so Ctrl+C (or the context menu) copies it.
                    if let Some(pre) = block.get_untracked() {
                        select_text_of(&pre);
                    }
                    status.set(format!(
                        "Could not copy the {title} ({e}). The text is selected: press Ctrl+C to copy it."
                    ))
                }
            });
        }
    };
    let download = {
        let filename = filename.clone();
        move |_| download_text(&filename, mime, &text.get_untracked())
    };
    view! {
        <div class="pp-output">
            <div class="pp-output-bar">
                <h3 class="pp-output-title" id=heading_id.clone()>{title.clone()}</h3>
                <button type="button" class="pp-button" on:click=copy data-copy=output>
                    "Copy"<span class="pp-sr-only">{format!(" {title}")}</span>
                </button>
                <button type="button" class="pp-button pp-button-secondary" on:click=download>
                    "Download"<span class="pp-sr-only">{format!(" {filename}")}</span>
                </button>
            </div>
            <pre
                node_ref=block
                class="pp-code"
                tabindex="0"
                data-output=output
                data-peering=peering
                role="region"
                aria-labelledby=heading_id
            >{move || text.get()}</pre>
        </div>
    }
}

/// The output section: the key option, the tabs and their panels, the copy status.
#[component]
pub fn OutputPanes(
    outputs: Memo<Outputs>,
    /// The plan is valid and the generator module is still loading: the section is `aria-busy`.
    preparing: Signal<bool>,
) -> impl IntoView {
    let state = PlannerState::expect();
    let change_mode = state.change_mode();
    let selected = RwSignal::new(Tab::Bash);
    let status = RwSignal::new(String::new());
    provide_context(CopyStatus(status));

    let text = move |f: fn(&Outputs) -> String| Signal::derive(move || outputs.with(f));
    let focus_tab = |key: &str| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&tab_id(key)))
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = TABS
            .iter()
            .position(|(t, _, _)| *t == selected.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (current + 1) % TABS.len(),
            "ArrowLeft" | "ArrowUp" => (current + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(TABS[next].0);
        focus_tab(TABS[next].1);
    };

    let tabs = TABS
        .iter()
        .map(|(tab, key, label)| {
            let tab = *tab;
            let is = move || selected.get() == tab;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="pp-tab"
                    id=tab_id(key)
                    aria-controls=panel_id(key)
                    aria-selected=move || is().to_string()
                    tabindex=move || if is() { "0" } else { "-1" }
                    on:click=move |_| selected.set(tab)
                    on:keydown=on_key
                >
                    {*label}
                </button>
            }
        })
        .collect_view();

    let panel = move |tab: Tab, key: &'static str, body: EitherOf5<_, _, _, _, _>| {
        view! {
            <div
                role="tabpanel"
                class="pp-panel"
                id=panel_id(key)
                aria-labelledby=tab_id(key)
                hidden=move || selected.get() != tab
            >
                {body}
            </div>
        }
    };

    let blocked_note = move || {
        outputs.with(|o| o.blocked_by.is_some()).then(|| {
            view! {
                <p class="pp-blocked" role="note">
                    <span aria-hidden="true">"✖ "</span>
                    "The plan has errors, so the blocks below hold no commands yet: fix the errors listed under “Check your plan” first."
                </p>
            }
        })
    };

    // Which ARM blocks exist (and their notes): the block elements are rebuilt only when this changes,
    // not on every keystroke; their text follows `outputs` on its own.
    let arm_meta = Memo::new(move |_| {
        outputs.with(|o| {
            o.arm
                .iter()
                .filter_map(|b| {
                    Some((
                        PeeringType::parse(&b.peering_type).ok()?.as_str(),
                        b.notes.clone(),
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    let arm_blocks = move || {
        arm_meta
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (t, notes))| {
                let body = Signal::derive(move || {
                    outputs.with(|o| o.arm.get(i).map(|b| b.body.clone()).unwrap_or_default())
                });
                let rest = Signal::derive(move || {
                    outputs.with(|o| o.arm.get(i).map(|b| b.rest.clone()).unwrap_or_default())
                });
                let rest_powershell = Signal::derive(move || {
                    outputs.with(|o| {
                        o.arm
                            .get(i)
                            .map(|b| b.rest_powershell.clone())
                            .unwrap_or_default()
                    })
                });
                view! {
                    <section class="pp-arm-peering" aria-label=format!("{t} ARM payload")>
                        <h3>{t}</h3>
                        <OutputBlock
                            output="arm-json"
                            peering=t
                            title=format!("{t} JSON body")
                            filename=format!("{t}.json")
                            mime="application/json"
                            text=body
                        />
                        <ul class="pp-notes">
                            {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                        <OutputBlock
                            output="arm-rest"
                            peering=t
                            title=format!("{t}: send the body with az rest (bash)")
                            filename=format!("{t}-rest.sh")
                            mime="text/x-shellscript"
                            text=rest
                        />
                        <OutputBlock
                            output="arm-rest-powershell"
                            peering=t
                            title=format!("{t}: send the body with az rest (PowerShell)")
                            filename=format!("{t}-rest.ps1")
                            mime="text/plain"
                            text=rest_powershell
                        />
                    </section>
                }
            })
            .collect_view()
    };

    let ip_cells = Memo::new(move |_| state.analysis.with(|a| ip_plan_cells(&a.ip_plan)));
    let ip_table = move || {
        let rows = ip_cells.get();
        view! {
            <table class="pp-table">
                <caption>"Which address goes on which router, per peering, family and link"</caption>
                <thead>
                    <tr>{IP_PLAN_COLUMNS.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };

    view! {
        <section
            class="pp-card pp-outputs"
            aria-labelledby="pp-outputs-title"
            aria-busy=move || preparing.get().to_string()
            data-testid="outputs"
        >
            <h2 id="pp-outputs-title">
                {move || if change_mode.get() { "Changes to the live circuit" } else { "Commands and payloads" }}
            </h2>
            {move || {
                if change_mode.get() {
                    Either::Left(view! {
                        <p class="pp-help pp-change-note" data-testid="change-outputs-note">
                            "Change mode: the scripts hold one minimal "
                            <code>"az network express-route peering update"</code>
                            " per live peering, for the values you changed only (az keeps every other live value, Global Reach connections included). Each block first checks that the live circuit still holds what you imported, and stops otherwise. A live peering your plan drops is deleted only by the clean-up block, and only if you opt in for it; the rollback block puts back what the plan changes. Each ARM body is the whole peering and keeps its Global Reach connections and the live values the plan does not model."
                        </p>
                    })
                } else {
                    Either::Right(())
                }
            }}
            <p class="pp-print-only" data-testid="handover-title">
                {move || {
                    state
                        .doc
                        .with(|d| {
                            let c = &d.circuit;
                            let sub = if c.subscription.trim().is_empty() {
                                String::new()
                            } else {
                                format!(", subscription {}", c.subscription.trim())
                            };
                            format!(
                                "Handover sheet: ExpressRoute circuit {} in resource group {}{sub}. Microsoft's side of every BGP session is AS 12076.",
                                c.name.trim(),
                                c.resource_group.trim(),
                            )
                        })
                }}
            </p>
            <div class="pp-field pp-field-switch pp-no-print">
                <div class="pp-switch-row">
                    <input
                        type="checkbox"
                        class="pp-control"
                        id="pp-inline-key"
                        aria-describedby="pp-inline-key-help"
                        prop:checked=move || state.inline_key.get()
                        on:change=move |ev| state.inline_key.set(event_target_checked(&ev))
                    />
                    <label class="pp-label" for="pp-inline-key">"Put the shared key into the outputs"</label>
                </div>
                <p class="pp-help" id="pp-inline-key-help">
                    "Off: the scripts read the key from the environment variable ER_SHARED_KEY and the JSON leaves it out. On: the key is written into every block; do not share or log them."
                </p>
            </div>
            {blocked_note}
            <div role="tablist" aria-label="Output format" class="pp-tablist pp-no-print">{tabs}</div>
            {panel(
                Tab::Bash,
                "bash",
                EitherOf5::A(view! {
                    <OutputBlock output="az-bash" title="bash script".to_string() filename="peerings.sh".to_string() mime="text/x-shellscript" text=text(|o| o.bash.clone())/>
                }),
            )}
            {panel(
                Tab::PowerShell,
                "powershell",
                EitherOf5::B(view! {
                    <OutputBlock output="az-powershell" title="PowerShell script".to_string() filename="peerings.ps1".to_string() mime="text/plain" text=text(|o| o.powershell.clone())/>
                }),
            )}
            {panel(
                Tab::Arm,
                "arm",
                EitherOf5::C(view! {
                    <p class="pp-help">"One JSON body per peering, for az rest or any ARM client. A PUT replaces the whole peering: the az rest blocks check the live circuit first, send the body only when it is not there yet, and wait until Azure has finished."</p>
                    {arm_blocks}
                }),
            )}
            {panel(
                Tab::IpPlan,
                "ipplan",
                EitherOf5::D(view! {
                    <OutputBlock output="ip-plan" title="IP plan".to_string() filename="ip-plan.txt".to_string() mime="text/plain" text=text(|o| o.ip_plan.clone())/>
                    {ip_table}
                }),
            )}
            {panel(
                Tab::Cleanup,
                "cleanup",
                EitherOf5::E(view! {
                    <p class="pp-help">"The clean-up deletes nothing unless you opt in for each peering (ER_DELETE_<PEERING>=yes), and only while the peering still holds the values it expects. az asks for no confirmation."</p>
                    <OutputBlock output="az-bash-cleanup" title="bash clean-up".to_string() filename="peerings-cleanup.sh".to_string() mime="text/x-shellscript" text=text(|o| o.bash_cleanup.clone())/>
                    <OutputBlock output="az-powershell-cleanup" title="PowerShell clean-up".to_string() filename="peerings-cleanup.ps1".to_string() mime="text/plain" text=text(|o| o.powershell_cleanup.clone())/>
                    <p class="pp-help">"Change mode: the rollback puts back the values your plan changes, as they were when you imported them."</p>
                    <OutputBlock output="az-bash-rollback" title="bash rollback".to_string() filename="peerings-rollback.sh".to_string() mime="text/x-shellscript" text=text(|o| o.bash_rollback.clone())/>
                    <OutputBlock output="az-powershell-rollback" title="PowerShell rollback".to_string() filename="peerings-rollback.ps1".to_string() mime="text/plain" text=text(|o| o.powershell_rollback.clone())/>
                }),
            )}
            <p class="pp-status" role="status" aria-live="polite" data-testid="copy-status">
                {move || status.get()}
            </p>
        </section>
    }
}
