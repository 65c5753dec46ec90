//! The app shell: the root element every other component renders inside.

use leptos::prelude::*;

/// The product name, shown as the page heading (and in `index.html`'s `<title>`).
pub const APP_TITLE: &str = "ExpressRoute Peering Planner";

/// The value of the root element's `data-app` attribute, which host pages and tests look for (§11.3).
pub const APP_ID: &str = "peering-planner";

/// The app's root component.
///
/// It owns the one root element (`class="peering-planner"`, `data-app="peering-planner"`) that scopes the
/// styles; the peering form, IP plan, findings and outputs are added as children of `<main>`.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="peering-planner" data-app=APP_ID>
            <header class="pp-header">
                <h1 class="pp-title">{APP_TITLE}</h1>
                <p class="pp-intro" data-testid="intro">
                    "Plan the private and Microsoft peerings of an Azure ExpressRoute circuit, check every \
                     value before you deploy, and copy ready-to-run az CLI scripts and ARM JSON. \
                     Everything runs in your browser; nothing you type leaves this page."
                </p>
            </header>
            <main class="pp-main" data-testid="planner-main"></main>
        </div>
    }
}
