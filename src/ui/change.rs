//! Change mode: planning a change to a live peering (§11.1 `baseline`). NOT BUILT YET.
//!
//! Where it goes when the domain and emit layers offer it:
//! - an import control here that reads `az network express-route peering show` / `az network
//!   express-route show` JSON into `PlanDocument::baseline` (the domain engineer provides the parser);
//! - the findings already carry change-mode severities (`change.resets_bgp`), so the summary and the
//!   fields need no change;
//! - the output panes switch from create scripts to the minimal update commands emit provides.
//!
//! Until then this renders nothing, so the form's layout and tests are unaffected.

use leptos::prelude::*;

/// The place in the form where the change-mode import will live.
#[component]
pub fn ChangeModeSlot() -> impl IntoView {}
