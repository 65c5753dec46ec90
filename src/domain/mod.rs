//! The pure rules of `shared/docs/domain.md`. Nothing here may import leptos, web-sys or gloo.
//!
//! - [`document`]: the plan document as typed (§11.1), JSON import/export, [`document::PlanDocument::apply_edit`].
//! - One type per value, each with a total `FromStr`/`parse` and an error that names the input and the
//!   fix: [`asn`], [`vlan`], [`subnet`] (link subnets, address families), [`prefix`] (advertised
//!   prefixes, special-purpose ranges, pasted-text splitting), [`key`], [`registry`], [`names`],
//!   [`peering`].
//! - [`validate`]: `analyze(&PlanDocument) -> Analysis` (findings, the typed [`model::ValidPlan`] when
//!   there is no error, the [`ipplan::IpPlan`]).
//! - [`import`]: change mode: `import_live(&str) -> Result<LiveImport, ImportError>` reads what `az ...
//!   show` / `list` (or raw ARM) says is live into a plan with a `baseline`; `merge_import` puts it into
//!   an existing plan. The validator turns the baseline into the typed [`model::LiveBaseline`].
//! - [`findings`]: codes, severities, fixes; [`pointer`](mod@pointer): JSON Pointers for finding paths and fixes.
//! - [`examples`]: sample plans for the UI, tests and the benchmark.

pub mod asn;
pub mod document;
pub mod examples;
pub mod fields;
pub mod findings;
pub mod import;
pub mod ipplan;
pub mod key;
pub mod link;
pub mod model;
pub mod names;
pub mod peering;
pub mod pointer;
pub mod prefix;
pub mod registry;
pub mod subnet;
pub mod validate;
pub mod vlan;
