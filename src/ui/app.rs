//! The app shell: the root element every other component renders inside, the planner's state, and the
//! two effects that talk to the world outside the root (the address and the stored draft).

use super::browser::{
    clear_draft, copy_text, download_text, embed_requested, load_draft, location_hash,
    on_color_scheme_change, prefers_dark, replace_fragment, save_draft, settle, share_link,
    take_chosen_file,
};
use super::change::{ChangeModeBanner, ChangeModeSection};
use super::findings::FindingsSummary;
use super::form::{CircuitSection, PeeringsSection, RouterSection, VnetSection};
use super::generator::{self, Blocks, GeneratorStatus};
use super::panes::OutputPanes;
use super::panes::OutputTabs;
use super::state::{PlannerConfig, PlannerState};
use crate::domain::document::PlanDocument;
use crate::domain::examples::sample_plan;
use crate::domain::import::MAX_IMPORT_BYTES;
use crate::domain::link::{parse_fragment, FragmentPlan};
use crate::domain::router::Vendor;
use leptos::prelude::*;
use std::time::Duration;

/// The product name, shown as the page heading (and in `index.html`'s `<title>`).
pub const APP_TITLE: &str = "ExpressRoute Peering Planner";

/// The value of the root element's `data-app` attribute, which host pages and tests look for (§11.3).
pub const APP_ID: &str = "peering-planner";

/// How long the address and the draft wait after the last edit before they are written.
const SAVE_DELAY: Duration = Duration::from_millis(250);

/// The configuration the page itself implies: inside a host page's `#peering-planner` the address is
/// the host's, so it is left alone unless that element has `data-sync-url` (§11.3).
pub fn page_config() -> PlannerConfig {
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(super::HOST_ELEMENT_ID));
    PlannerConfig {
        sync_url: host.is_none_or(|h| h.has_attribute("data-sync-url")),
        use_storage: true,
        embed: embed_requested(),
        linked_generator: None,
        linked_report: None,
    }
}

/// The app's root component, configured from the page it runs in.
#[component]
pub fn App() -> impl IntoView {
    view! { <Planner config=page_config()/> }
}

/// Opens what the address's fragment holds (at start and on `hashchange`): a plan counts as submitted
/// (§11.3); a plan that carried a shared key keeps it in memory and the address is rewritten without it.
fn open_fragment(state: PlannerState, fragment: FragmentPlan) {
    match fragment {
        FragmentPlan::Plan(plan) => {
            let had_key = plan.has_shared_key();
            state.load_submitted(*plan);
            if had_key {
                state.doc.with_untracked(replace_fragment);
            }
        }
        FragmentPlan::Unreadable(reason) => state.load_failed(reason),
        FragmentPlan::None => {}
    }
}

/// The planner with an explicit configuration (tests use [`PlannerConfig::ISOLATED`]).
///
/// It owns the one root element (`class="peering-planner"`, `data-app="peering-planner"`) that scopes
/// the styles.
#[component]
pub fn Planner(config: PlannerConfig) -> impl IntoView {
    // A link beats a stored draft, a draft beats an empty plan.
    let fragment = if config.sync_url {
        parse_fragment(&location_hash())
    } else {
        FragmentPlan::None
    };
    let initial = match (&fragment, config.use_storage) {
        (FragmentPlan::Plan(_), _) | (_, false) => PlanDocument::default(),
        (_, true) => load_draft().unwrap_or_default(),
    };
    let state = PlannerState::new(initial, config);
    provide_context(state);
    open_fragment(state, fragment);

    // The outside world, after the user pauses typing: the address (§11.3, replaceState fires no
    // hashchange) and the draft. Neither ever holds a shared key.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        state.doc.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                state.doc.with_untracked(|plan| {
                    if config.sync_url {
                        replace_fragment(plan);
                    }
                    if config.use_storage {
                        save_draft(plan);
                    }
                })
            },
            SAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });

    if config.sync_url {
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            open_fragment(state, parse_fragment(&location_hash()))
        });
        on_cleanup(move || listener.remove());
    }

    // The output blocks: a plan with errors needs no emitter; a valid one needs the generator module
    // (or the emitters linked in, `config.linked_generator`). The blocks on screen are built on every
    // edit, the others off the input path (`ui::generator`).
    let generator = RwSignal::new(GeneratorStatus::Idle);
    if let Some(linked) = config.linked_generator {
        generator::use_linked(linked, generator);
    }
    Effect::new(move |_| {
        let wanted = state.submitted.get() || state.doc.with(|d| *d != PlanDocument::default());
        if config.linked_generator.is_none() && wanted {
            generator::load_module(generator);
        }
    });
    let blocks = Blocks::new();
    let initial_vendor = state
        .doc
        .with_untracked(|d| {
            d.routers
                .as_ref()
                .and_then(|r| Vendor::parse_optional(&r.vendor).ok().flatten())
        })
        .unwrap_or(Vendor::IosXe);
    let tabs = OutputTabs::new(initial_vendor);
    Effect::new(move |_| {
        let inline = state.inline_key.get();
        let status = generator.get();
        let visible = untrack(|| tabs.visible(&blocks));
        state
            .doc
            .with(|doc| blocks.refresh(doc, inline, &status, &visible, state.report));
    });
    // A tab the user opens shows its blocks at once, built or not.
    Effect::new(move |_| {
        for key in tabs.visible(&blocks) {
            blocks.build(&key);
        }
    });
    // The plan's vendor opens its router tab.
    Effect::new(move |_| {
        if let Some(vendor) = state.doc.with(|d| {
            d.routers
                .as_ref()
                .and_then(|r| Vendor::parse_optional(&r.vendor).ok().flatten())
        }) {
            if tabs.vendor.get_untracked() != vendor {
                tabs.vendor.set(vendor);
            }
        }
    });
    // Printing shows every block: bring them all up to date first.
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| blocks.flush());
    on_cleanup(move || before_print.remove());
    let busy = Signal::derive(move || {
        blocks.stale_count.get() > 0
            || (state.doc.with(|d| *d != PlanDocument::default())
                && matches!(
                    generator.get(),
                    GeneratorStatus::Idle | GeneratorStatus::Loading
                ))
    });

    let dark = RwSignal::new(prefers_dark());
    // The theme follows the system's setting while the page is open, until the user picks one.
    let picked = StoredValue::new(false);
    let scheme = on_color_scheme_change(move |is_dark| {
        if picked.try_get_value() == Some(false) {
            let _ = dark.try_set(is_dark);
        }
    });
    let scheme = StoredValue::new_local(scheme);
    on_cleanup(move || {
        scheme.try_update_value(|s| *s = None);
    });
    let summary_ref = NodeRef::<leptos::html::Section>::new();
    let check_plan = move |_| {
        state.submitted.set(true);
        request_animation_frame(move || {
            if let Some(el) = summary_ref.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    // "Load example" and "Start over" replace the whole plan: keep the previous one for one Undo.
    let replaced = RwSignal::new(None::<(PlanDocument, &'static str)>);
    let keep_for_undo = move |what: &'static str| {
        let previous = state.doc.get_untracked();
        if previous != PlanDocument::default() {
            replaced.set(Some((previous, what)));
        }
    };
    let load_example = move |_| {
        keep_for_undo("The example replaced your plan.");
        state.load_submitted(sample_plan());
    };
    let start_over = move |_| {
        keep_for_undo("The plan was cleared.");
        state.doc.set(PlanDocument::default());
        state.submitted.set(false);
        state.touched.set(Default::default());
        state.load_error.set(None);
        if config.use_storage {
            clear_draft();
        }
    };
    let undo = move |_| {
        if let Some((previous, _)) = replaced.get_untracked() {
            state.doc.set(previous);
            replaced.set(None);
        }
    };
    let root_class = move || {
        let mut c = String::from("peering-planner");
        c.push_str(if dark.get() {
            " pp-theme-dark"
        } else {
            " pp-theme-light"
        });
        if config.embed {
            c.push_str(" pp-embed");
        }
        c
    };

    view! {
        <div class=root_class data-app=APP_ID>
            {(!config.embed)
                .then(|| {
                    view! {
                        <header class="pp-header">
                            <h1 class="pp-title">{APP_TITLE}</h1>
                            <p class="pp-intro" data-testid="intro">
                                "Plan the private and Microsoft peerings of an Azure ExpressRoute circuit, check every \
                                 value before you deploy, and copy ready-to-run az CLI scripts and ARM JSON. \
                                 Everything runs in your browser; nothing you type leaves this page."
                            </p>
                        </header>
                    }
                })}
            <div class="pp-toolbar pp-no-print">
                <button
                    type="button"
                    class="pp-button pp-button-secondary"
                    aria-pressed=move || dark.get().to_string()
                    on:click=move |_| {
                        picked.set_value(true);
                        dark.update(|d| *d = !*d)
                    }
                >
                    "Dark theme"
                </button>
                <button type="button" class="pp-button pp-button-secondary" on:click=load_example>
                    "Load example"
                </button>
                <button type="button" class="pp-button pp-button-secondary" on:click=start_over>
                    "Start over"
                </button>
                <p class="pp-status pp-toolbar-status" role="status" aria-live="polite">
                    {move || {
                        replaced
                            .get()
                            .map(|(_, what)| {
                                view! {
                                    {what}
                                    " "
                                    <button type="button" class="pp-button pp-button-secondary" on:click=undo>
                                        "Undo"
                                    </button>
                                }
                            })
                    }}
                </p>
            </div>
            <main class="pp-main" data-testid="planner-main">
                <ChangeModeBanner/>
                <ChangeModeSection/>
                <FindingsSummary node_ref=summary_ref/>
                <form
                    class="pp-form pp-no-print"
                    novalidate=true
                    aria-label="Peering plan"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        check_plan(());
                    }
                >
                    <CircuitSection/>
                    <PeeringsSection/>
                    <VnetSection/>
                    <RouterSection/>
                    <div class="pp-actions">
                        <button type="submit" class="pp-button pp-button-primary">"Check plan"</button>
                    </div>
                </form>
                <OutputPanes blocks=blocks tabs=tabs busy=busy/>
                <ShareSection/>
            </main>
        </div>
    }
}

/// Share and keep: the share link, the plan file (export and import).
#[component]
fn ShareSection() -> impl IntoView {
    let state = PlannerState::expect();
    let status = RwSignal::new(String::new());
    let include_key = RwSignal::new(false);
    let copy_link = move |_| {
        let link = state.doc.with_untracked(share_link);
        copy_text(&link, move |r| match r {
            Ok(()) => status.set("Copied the share link (it never holds the shared key).".into()),
            Err(e) => status.set(format!("Could not copy the share link ({e}).")),
        });
    };
    let export = move |_| {
        let json = state
            .doc
            .with_untracked(|d| d.to_json(include_key.get_untracked()));
        download_text("expressroute-peering-plan.json", "application/json", &json);
        status.set("Downloaded the plan file.".into());
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            state.load_failed(format!(
                "{name} is larger than {} MiB: a plan file is a few kilobytes; open the plan file the planner saved.",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ));
            return;
        }
        settle(file.text(), move |r| {
            match r
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "the file could not be read".to_string())
                .and_then(|text| PlanDocument::from_json(&text).map_err(|e| e.to_string()))
            {
                Ok(plan) => {
                    state.load_submitted(plan);
                    status.set(format!("Opened the plan file {name}."));
                }
                Err(reason) => {
                    state.load_failed(format!("{name}: {reason}."));
                    status.set(format!(
                        "{name} is not a readable plan: see “Check your plan”."
                    ));
                }
            }
        });
    };
    view! {
        <section class="pp-card pp-share pp-no-print" aria-labelledby="pp-share-title">
            <h2 id="pp-share-title">"Share and keep"</h2>
            <p class="pp-help">
                "The address of this page always holds the plan (without the shared key), so you can bookmark it or send it. A draft is also kept in this browser. Shared keys stay in memory only."
            </p>
            <div class="pp-actions">
                <button type="button" class="pp-button" on:click=copy_link>"Copy share link"</button>
                <button type="button" class="pp-button" on:click=export>"Download plan file"</button>
            </div>
            <div class="pp-field pp-field-switch">
                <div class="pp-switch-row">
                    <input
                        type="checkbox"
                        id="pp-export-key"
                        class="pp-control"
                        aria-describedby="pp-export-key-help"
                        prop:checked=move || include_key.get()
                        on:change=move |ev| include_key.set(event_target_checked(&ev))
                    />
                    <label class="pp-label" for="pp-export-key">"Include the shared key in the plan file"</label>
                </div>
                <p class="pp-help" id="pp-export-key-help">"Off by default: the file is then safe to share."</p>
            </div>
            <div class="pp-field">
                <label class="pp-label" for="pp-import">"Open a plan file"</label>
                <input
                    type="file"
                    id="pp-import"
                    class="pp-control pp-file"
                    accept=".json,application/json"
                    on:change=import
                />
            </div>
            <p class="pp-status" role="status" aria-live="polite" data-testid="share-status">
                {move || status.get()}
            </p>
        </section>
    }
}
