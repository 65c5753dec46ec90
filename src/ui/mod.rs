//! The Leptos UI (wasm32 only).

/// Mounts the app into `#peering-planner` when the host page has one, otherwise into `body` (§11.3).
pub fn mount() {}
