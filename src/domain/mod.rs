//! The pure rules of `shared/docs/domain.md`. Nothing here may import leptos, web-sys or gloo.
//!
//! Floors, each using only the ones above it (no import cycles; `tests/architecture.rs` checks):
//! - [`field`]: where a value lives in the plan document ([`field::FieldPath`]), address families, links.
//! - [`findings`]: codes, severities, fixes (§11.2).
//! - One type per value, each with a total `FromStr`/`parse` and an error that names the input and the
//!   fix: [`asn`], [`vlan`], [`subnet`] (link subnets), [`prefix`] (advertised prefixes, public
//!   address space), [`key`], [`registry`], [`names`], [`peering`] (the peering type); [`digits`] is
//!   their shared digits-only parser.
//! - [`document`]: the plan document as typed (§11.1), JSON, typed access and edits by path.
//! - [`model`]: the typed plan, where illegal states cannot be built, and the typed live baseline.
//! - [`change`]: [`change::PeeringChange`], live to planned per field (create = change from nothing).
//! - [`ipplan`]: who takes which address.
//! - [`import`]: change mode: `az ... show` JSON to a plan with a `baseline`.
//! - [`validate`]: `analyze(&PlanDocument) -> Analysis` (findings, the typed plan when there is no
//!   error, the IP plan).
//! - [`link`]: share links (`#plan=`); [`examples`]: sample plans for the UI, tests and the benchmark.

pub mod asn;
pub mod change;
pub mod communities;
pub mod digits;
pub mod document;
pub mod examples;
pub mod field;
pub mod findings;
pub mod import;
pub mod ipplan;
pub mod key;
pub mod link;
pub mod model;
pub mod names;
pub mod peering;
pub mod prefix;
pub mod registry;
pub mod router;
pub mod subnet;
pub mod validate;
pub mod vlan;
