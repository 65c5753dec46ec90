//! # ExpressRoute Peering Planner
//!
//! A browser app (Leptos, compiled to WebAssembly) that plans the peerings of an Azure ExpressRoute
//! circuit, validates every input and emits `az` CLI scripts and ARM JSON. The rules it encodes are in
//! `shared/docs/domain.md`; section numbers in comments (§N) refer to that page.
//!
//! ## Map
//! - [`domain`]: the pure rules. The plan document (what the user typed, §11.1), one type per value with a
//!   total parser, the validator that turns a document into findings (§11.2) and, when there is no error,
//!   a typed [`domain::model::ValidPlan`]; the IP plan. No browser crate is imported here.
//! - [`emit`]: pure outputs from a `ValidPlan`: az scripts for bash and Windows PowerShell, ARM JSON
//!   bodies and the `az rest` line. No browser crate either.
//! - [`cli`]: the command-line planner's logic (`src/bin/cli.rs`): check, emit and import on the same
//!   core, for plan files in Git and CI.
//! - `ui` (wasm32 only): thin Leptos components that read parsed values and render findings and outputs.
//!
//! `src/main.rs` only installs the panic hook and mounts the app, so `tests/` can reach everything.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod domain;
pub mod emit;
#[cfg(target_arch = "wasm32")]
pub mod ui;
