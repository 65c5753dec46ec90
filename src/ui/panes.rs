//! The output panes, grouped by audience (ARIA tabs: arrow keys, Home, End): Azure (bash, PowerShell,
//! ARM JSON), the router team (one tab per vendor with both routers' configs, and the handover sheet),
//! the IP plan, and clean-up and rollback. Every block stays in the DOM (a hidden panel keeps its
//! blocks), its text content is exactly what Copy copies, and each has Copy and Download. Copy reports in
//! one `aria-live` status line. The texts come from [`Blocks`].

use super::browser::{copy_text, download_text, select_text_of};
use super::generator::Blocks;
use super::state::PlannerState;
use crate::domain::field::{AddressFamily, Link};
use crate::domain::peering::PeeringType;
use crate::domain::router::Vendor;
use crate::emit::blocks::{BlockId, IP_PLAN_COLUMNS};
use leptos::either::Either;
use leptos::prelude::*;

/// Who a group of outputs is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Azure,
    Routers,
    IpPlan,
    Cleanup,
}

/// The Azure outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AzureTab {
    Bash,
    PowerShell,
    Arm,
    Terraform,
}

const AUDIENCES: [(Audience, &str, &str); 4] = [
    (Audience::Azure, "azure", "Azure"),
    (Audience::Routers, "routers", "Router team"),
    (Audience::IpPlan, "ipplan", "IP plan"),
    (Audience::Cleanup, "cleanup", "Clean-up and rollback"),
];

const AZURE_TABS: [(AzureTab, &str, &str); 4] = [
    (AzureTab::Bash, "bash", "bash"),
    (AzureTab::PowerShell, "powershell", "PowerShell"),
    (AzureTab::Arm, "arm", "ARM JSON"),
    (AzureTab::Terraform, "terraform", "Terraform"),
];

/// Which tabs are selected: what the user sees, so those blocks are built first.
#[derive(Clone, Copy)]
pub struct OutputTabs {
    pub audience: RwSignal<Audience>,
    pub azure: RwSignal<AzureTab>,
    pub vendor: RwSignal<Vendor>,
}

impl OutputTabs {
    pub fn new(vendor: Vendor) -> OutputTabs {
        OutputTabs {
            audience: RwSignal::new(Audience::Azure),
            azure: RwSignal::new(AzureTab::Bash),
            vendor: RwSignal::new(vendor),
        }
    }

    /// The keys of the blocks on screen (tracked: a tab change re-runs the reader).
    pub fn visible(&self, blocks: &Blocks) -> Vec<String> {
        match self.audience.get() {
            Audience::Azure => match self.azure.get() {
                AzureTab::Bash => vec![BlockId::AzBash.key()],
                AzureTab::PowerShell => vec![BlockId::AzPowerShell.key()],
                AzureTab::Terraform => vec![BlockId::Terraform.key()],
                AzureTab::Arm => {
                    let mut keys: Vec<String> = blocks.arm.with(|arm| {
                        arm.iter()
                            .filter_map(|(p, _)| PeeringType::parse(p).ok())
                            .flat_map(|p| {
                                [
                                    BlockId::ArmJson(p).key(),
                                    BlockId::ArmRest(p).key(),
                                    BlockId::ArmRestPowerShell(p).key(),
                                ]
                            })
                            .collect()
                    });
                    keys.extend(blocks.filters.with(|filters| {
                        filters
                            .iter()
                            .filter_map(|(p, f, _)| filter_id(p, f))
                            .flat_map(|(p, f)| {
                                [
                                    BlockId::ArmRouteFilter(p, f).key(),
                                    BlockId::ArmRouteFilterRest(p, f).key(),
                                    BlockId::ArmRouteFilterRestPowerShell(p, f).key(),
                                ]
                            })
                            .collect::<Vec<_>>()
                    }));
                    keys
                }
            },
            Audience::Routers => {
                let vendor = self.vendor.get();
                Link::ALL
                    .into_iter()
                    .map(|l| BlockId::Router(vendor, l).key())
                    .chain([BlockId::RouterHandover.key()])
                    .collect()
            }
            Audience::IpPlan => Vec::new(),
            Audience::Cleanup => [
                BlockId::CleanupBash,
                BlockId::CleanupPowerShell,
                BlockId::RollbackBash,
                BlockId::RollbackPowerShell,
            ]
            .into_iter()
            .map(BlockId::key)
            .collect(),
        }
    }
}

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
    output: String,
    /// Human name, e.g. "bash script".
    title: String,
    filename: String,
    mime: &'static str,
    text: Signal<String>,
    /// Brings the text up to date before Copy or Download reads it.
    #[prop(optional)]
    ensure: Option<Callback<()>>,
    #[prop(default = None)] peering: Option<&'static str>,
    /// `data-family` (route filter blocks).
    #[prop(default = None)]
    family: Option<&'static str>,
) -> impl IntoView {
    let status = expect_context::<CopyStatus>().0;
    let heading_id = format!(
        "pp-out-{output}-{}{}",
        peering.unwrap_or("plan"),
        family.map(|f| format!("-{f}")).unwrap_or_default()
    );
    let block = NodeRef::<leptos::html::Pre>::new();
    let current = move || {
        if let Some(ensure) = ensure {
            ensure.run(());
        }
        text.get_untracked()
    };
    let copy = {
        let title = title.clone();
        move |_| {
            let title = title.clone();
            let text = current();
            let chars = text.chars().count();
            status.set(format!("Copying the {title}…"));
            copy_text(&text, move |result| match result {
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
        move |_| download_text(&filename, mime, &current())
    };
    view! {
        <div class="pp-output">
            <div class="pp-output-bar">
                <h3 class="pp-output-title" id=heading_id.clone()>{title.clone()}</h3>
                <button type="button" class="pp-button" on:click=copy data-copy=output.clone()>
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
                data-family=family
                role="region"
                aria-labelledby=heading_id
            >{move || text.get()}</pre>
        </div>
    }
}

/// A tab list over `tabs`, with the ARIA keyboard pattern; `prefix` keeps the element ids unique.
fn tab_list<T: Copy + PartialEq + Send + Sync + 'static>(
    label: &'static str,
    prefix: &'static str,
    tabs: Vec<(T, &'static str, &'static str)>,
    selected: RwSignal<T>,
    class: &'static str,
) -> impl IntoView {
    let keys: Vec<(T, &'static str)> = tabs.iter().map(|(t, k, _)| (*t, *k)).collect();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = keys.len();
        let current = keys
            .iter()
            .position(|(t, _)| *t == selected.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (current + 1) % n,
            "ArrowLeft" | "ArrowUp" => (current + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(keys[next].0);
        focus(&tab_id(&format!("{prefix}{}", keys[next].1)));
    };
    let buttons = tabs
        .into_iter()
        .map(|(tab, key, label)| {
            let is = move || selected.get() == tab;
            let key = format!("{prefix}{key}");
            view! {
                <button
                    type="button"
                    role="tab"
                    class="pp-tab"
                    id=tab_id(&key)
                    aria-controls=panel_id(&key)
                    aria-selected=move || is().to_string()
                    tabindex=move || if is() { "0" } else { "-1" }
                    on:click=move |_| selected.set(tab)
                    on:keydown=on_key.clone()
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! { <div role="tablist" aria-label=label class=class>{buttons}</div> }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A tab panel that stays in the DOM when hidden.
fn tab_panel(key: String, shown: Signal<bool>, body: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div
            role="tabpanel"
            class="pp-panel"
            id=panel_id(&key)
            aria-labelledby=tab_id(&key)
            hidden=move || !shown.get()
        >
            {body}
        </div>
    }
}

/// Whether `tab` is the selected one.
fn shown<T: Copy + PartialEq + Send + Sync + 'static>(
    selected: RwSignal<T>,
    tab: T,
) -> Signal<bool> {
    Signal::derive(move || selected.get() == tab)
}

/// The output section: the key option, the tabs and their panels, the copy status.
#[component]
pub fn OutputPanes(
    blocks: Blocks,
    tabs: OutputTabs,
    /// The output section is `aria-busy`: blocks are being built.
    busy: Signal<bool>,
) -> impl IntoView {
    let state = PlannerState::expect();
    let change_mode = state.change_mode();
    let status = RwSignal::new(String::new());
    provide_context(CopyStatus(status));
    let blocked = Signal::derive(move || state.analysis.with(|a| a.checked && !a.valid));

    let block = move |id: BlockId, title: String, filename: String, mime: &'static str| {
        let key = id.key();
        let text: Signal<String> = blocks.cell(&key).into();
        let ensure = Callback::new(move |()| blocks.build(&key));
        view! {
            <OutputBlock
                output=id.output()
                peering=id.peering().map(PeeringType::as_str)
                family=id.family().map(|f| f.key())
                title=title
                filename=filename
                mime=mime
                text=text
                ensure=ensure
            />
        }
    };

    let blocked_note = move || {
        blocked.get().then(|| {
            view! {
                <p class="pp-blocked" role="note">
                    <span aria-hidden="true">"✖ "</span>
                    "The plan has errors, so the blocks below hold no commands yet: fix the errors listed under “Check your plan” first."
                </p>
            }
        })
    };

    // The ARM blocks of the current plan: rebuilt only when the peerings or their notes change, not on
    // every keystroke; each block's text follows its own signal.
    let arm_blocks = move || {
        blocks
            .arm
            .get()
            .into_iter()
            .filter_map(|(t, notes)| Some((PeeringType::parse(&t).ok()?, notes)))
            .map(|(t, notes)| {
                let name = t.as_str();
                view! {
                    <section class="pp-arm-peering" aria-label=format!("{name} ARM payload")>
                        <h3>{name}</h3>
                        {block(BlockId::ArmJson(t), format!("{name} JSON body"), format!("{name}.json"), "application/json")}
                        <ul class="pp-notes">
                            {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                        {block(BlockId::ArmRest(t), format!("{name}: send the body with az rest (bash)"), format!("{name}-rest.sh"), "text/x-shellscript")}
                        {block(BlockId::ArmRestPowerShell(t), format!("{name}: send the body with az rest (PowerShell)"), format!("{name}-rest.ps1"), "text/plain")}
                    </section>
                }
            })
            .collect_view()
    };

    // The route filters the plan creates, each with its body and az rest blocks.
    let filter_blocks = move || {
        blocks
            .filters
            .get()
            .into_iter()
            .filter_map(|(p, f, name)| Some((filter_id(&p, &f)?, name)))
            .map(|((p, f), name)| {
                view! {
                    <section class="pp-arm-peering" aria-label=format!("Route filter {name}")>
                        <h3>{format!("Route filter {name} ({} {})", p.as_str(), f.label())}</h3>
                        {block(BlockId::ArmRouteFilter(p, f), format!("route filter {name} JSON body"), format!("routefilter-{name}.json"), "application/json")}
                        {block(BlockId::ArmRouteFilterRest(p, f), format!("route filter {name}: send the body with az rest (bash)"), format!("routefilter-{name}-rest.sh"), "text/x-shellscript")}
                        {block(BlockId::ArmRouteFilterRestPowerShell(p, f), format!("route filter {name}: send the body with az rest (PowerShell)"), format!("routefilter-{name}-rest.ps1"), "text/plain")}
                    </section>
                }
            })
            .collect_view()
    };

    let ip_cells = Memo::new(move |_| state.analysis.with(|a| a.ip_rows.clone()));
    let ip_text = Signal::derive(move || state.analysis.with(|a| a.ip_text.clone()));
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

    let vendor_tabs: Vec<(Vendor, &'static str, &'static str)> = Vendor::ALL
        .into_iter()
        .map(|v| (v, v.key(), v.label()))
        .collect();
    let vendor_panels = Vendor::ALL
        .into_iter()
        .map(|vendor| {
            let body = Link::ALL
                .into_iter()
                .map(|link| {
                    block(
                        BlockId::Router(vendor, link),
                        format!("{} router ({})", link.label(), vendor.label()),
                        format!("router-{}-{}.{}", vendor.key(), link.key(), ext(vendor)),
                        "text/plain",
                    )
                })
                .collect_view();
            tab_panel(
                format!("vendor-{}", vendor.key()),
                shown(tabs.vendor, vendor),
                body,
            )
        })
        .collect_view();

    let azure_panel = view! {
        {tab_list("Azure output", "", AZURE_TABS.to_vec(), tabs.azure, "pp-tablist pp-tablist-sub pp-no-print")}
        {tab_panel("bash".into(), shown(tabs.azure, AzureTab::Bash), block(BlockId::AzBash, "bash script".into(), "peerings.sh".into(), "text/x-shellscript"))}
        {tab_panel("powershell".into(), shown(tabs.azure, AzureTab::PowerShell), block(BlockId::AzPowerShell, "PowerShell script".into(), "peerings.ps1".into(), "text/plain"))}
        {tab_panel("arm".into(), shown(tabs.azure, AzureTab::Arm), view! {
            <p class="pp-help">"One JSON body per peering, for az rest or any ARM client. A PUT replaces the whole peering: the az rest blocks check the live circuit first, send the body only when it is not there yet, and wait until Azure has finished."</p>
            {arm_blocks}
            {filter_blocks}
        })}
        {tab_panel("terraform".into(), shown(tabs.azure, AzureTab::Terraform), view! {
            <p class="pp-help">"One complete main.tf for hashicorp/azurerm 4.x: the circuit is read, never managed; every peering waits for the provider to provision the circuit; shared keys come from sensitive variables (TF_VAR_…). In change mode the import blocks adopt the live peerings, so the first terraform plan shows only your edits."</p>
            {block(BlockId::Terraform, "Terraform (main.tf)".into(), "main.tf".into(), "text/plain")}
        })}
    };
    let routers_panel = view! {
        <p class="pp-help">"Each router's whole config for every peering of the plan: the VLAN sub-interface, our address (the first usable of the link subnet), the eBGP session to Microsoft (AS 12076, the second usable) with its MD5 key, BFD on IPv4, the outbound prefix filter and the inbound maximum-prefix. Set the vendor, interfaces and options under Router settings."</p>
        {tab_list("Router vendor", "vendor-", vendor_tabs, tabs.vendor, "pp-tablist pp-tablist-sub pp-no-print")}
        {vendor_panels}
        {block(BlockId::RouterHandover, "Handover sheet for the router team".into(), "expressroute-handover.txt".into(), "text/plain")}
    };
    let ip_panel = view! {
        <OutputBlock output="ip-plan".to_string() title="IP plan".to_string() filename="ip-plan.txt".to_string() mime="text/plain" text=ip_text/>
        {ip_table}
    };
    let cleanup_panel = view! {
        <p class="pp-help">"The clean-up deletes nothing unless you opt in for each peering (ER_DELETE_<PEERING>=yes), and only while the peering still holds the values it expects. az asks for no confirmation."</p>
        {block(BlockId::CleanupBash, "bash clean-up".into(), "peerings-cleanup.sh".into(), "text/x-shellscript")}
        {block(BlockId::CleanupPowerShell, "PowerShell clean-up".into(), "peerings-cleanup.ps1".into(), "text/plain")}
        <p class="pp-help">"Change mode: the rollback puts back the values your plan changes, as they were when you imported them."</p>
        {block(BlockId::RollbackBash, "bash rollback".into(), "peerings-rollback.sh".into(), "text/x-shellscript")}
        {block(BlockId::RollbackPowerShell, "PowerShell rollback".into(), "peerings-rollback.ps1".into(), "text/plain")}
    };

    view! {
        <section
            class="pp-card pp-outputs"
            aria-labelledby="pp-outputs-title"
            aria-busy=move || busy.get().to_string()
            data-testid="outputs"
        >
            <h2 id="pp-outputs-title">
                {move || if change_mode.get() { "Changes to the live circuit" } else { "Commands, payloads and router configs" }}
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
                    "Off: the scripts read the key from the environment variable ER_SHARED_KEY, the JSON leaves it out and the router configs hold a placeholder. On: the key is written into every block; do not share or log them."
                </p>
            </div>
            {blocked_note}
            {tab_list("Outputs by audience", "", AUDIENCES.to_vec(), tabs.audience, "pp-tablist pp-no-print")}
            {tab_panel("azure".into(), shown(tabs.audience, Audience::Azure), azure_panel)}
            {tab_panel("routers".into(), shown(tabs.audience, Audience::Routers), routers_panel)}
            {tab_panel("ipplan".into(), shown(tabs.audience, Audience::IpPlan), ip_panel)}
            {tab_panel("cleanup".into(), shown(tabs.audience, Audience::Cleanup), cleanup_panel)}
            <p class="pp-status" role="status" aria-live="polite" data-testid="copy-status">
                {move || status.get()}
            </p>
        </section>
    }
}

/// The download extension of a vendor's config.
fn ext(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Frr => "conf",
        _ => "txt",
    }
}

/// The block ids of a route filter from the generator's text.
fn filter_id(peering: &str, family: &str) -> Option<(PeeringType, AddressFamily)> {
    let p = PeeringType::parse(peering).ok()?;
    let f = AddressFamily::ALL.into_iter().find(|x| x.key() == family)?;
    Some((p, f))
}
