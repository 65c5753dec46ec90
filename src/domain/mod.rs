//! The pure rules of `shared/docs/domain.md`. Nothing here may import leptos, web-sys or gloo.

pub mod asn;
pub mod document;
pub mod examples;
pub mod findings;
pub mod ipplan;
pub mod key;
pub mod model;
pub mod names;
pub mod peering;
pub mod pointer;
pub mod prefix;
pub mod registry;
pub mod subnet;
pub mod validate;
pub mod vlan;
