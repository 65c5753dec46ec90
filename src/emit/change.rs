//! Change mode (§6, §8, §9, §11.2): one minimal `peering update` per live peering, for what changed
//! only. `update` is GET, merge, PUT (§8), so every field not named here keeps its live value; the
//! forms below were each proven against the real az 2.91 (tests/conformance):
//! - IPv4 and top-level values: the plain flags (`--peer-asn`, `--vlan-id`, `--primary-peer-subnet`,
//!   `--secondary-peer-subnet`, `--advertised-public-prefixes`, `--customer-asn`,
//!   `--routing-registry-name`, `--route-filter`, `--shared-key=`): a pure merge without `--ip-version`;
//! - IPv6 values: `--set ipv6PeeringConfig.<field>=...`; lists `=[]` then one `--add` per prefix;
//! - a value the plan clears: `--remove <path>` (the key leaves the PUT body);
//! - a family the plan drops: `--remove ipv6PeeringConfig`, resp. `--remove` of the IPv4 fields and of
//!   the top-level `state` (the same body as an IPv6-only peering, and as Azure PowerShell's
//!   `Remove-AzExpressRouteCircuitPeeringConfig -PeerAddressType IPv4`);
//! - never `update --ip-version IPv6`, which drops IPv4 (§8).

use super::azcli::{
    merge_text, peering_command, route_filter_id_pieces, shared_key_word, verify_step, Builder,
};
use super::quote::{Piece, Word};
use super::steps::{AzCommand, Step};
use super::EmitOptions;
use crate::domain::model::{FamilyPlan, LiveFamily, LivePeering, ValidPeering, ValidPlan};
use crate::domain::names::RouteFilterRef;

/// One peering's change: the flags of its single `update`, and what the script says about it.
#[derive(Default)]
struct Change {
    cmd: Vec<Flagged>,
    /// What resets the BGP sessions (§11.2 `change.resets_bgp`), for the comment before the command.
    resets: Vec<String>,
    /// What the update does, for the comment before the command.
    what: Vec<String>,
    notes: Vec<String>,
}

enum Flagged {
    Opt(&'static str, String),
    OptWord(&'static str, Word),
    Values(&'static str, Vec<String>),
    Joined(&'static str, Word),
}

impl Change {
    fn opt(&mut self, flag: &'static str, value: impl Into<String>) {
        self.cmd.push(Flagged::Opt(flag, value.into()));
    }
    fn set(&mut self, path: &str, value: impl std::fmt::Display) {
        self.opt("--set", format!("{path}={value}"));
    }
    fn remove(&mut self, path: &str) {
        self.opt("--remove", path.to_string());
    }
    fn set_list(&mut self, path: &str, items: &[String]) {
        self.opt("--set", format!("{path}=[]"));
        for item in items {
            self.cmd.push(Flagged::Values(
                "--add",
                vec![path.to_string(), item.clone()],
            ));
        }
    }
}

/// `Some(value)` when the live value is known (empty text is a known "none"); `None` when the live
/// text did not parse, so any planned value counts as a change.
fn known<T: Clone>(typed: &Option<T>, raw: &str) -> Option<Option<T>> {
    if raw.trim().is_empty() {
        Some(None)
    } else {
        typed.clone().map(Some)
    }
}

fn differs<T: PartialEq + Clone>(planned: &Option<T>, typed: &Option<T>, raw: &str) -> bool {
    known(typed, raw).as_ref() != Some(planned)
}

/// The full resource ID of a route filter, lower-cased for comparison; `None` when it needs the
/// script's subscription variable.
fn filter_id(plan: &ValidPlan, filter: &RouteFilterRef) -> Option<String> {
    Word::from_pieces(route_filter_id_pieces(plan, filter))
        .as_literal()
        .map(|s| s.to_ascii_lowercase())
}

fn filter_differs(plan: &ValidPlan, planned: Option<&RouteFilterRef>, live: &LiveFamily) -> bool {
    if live.raw.route_filter.trim().is_empty() {
        return planned.is_some();
    }
    match (planned, &live.route_filter) {
        (Some(p), Some(l)) => match (filter_id(plan, p), filter_id(plan, l)) {
            (Some(a), Some(b)) => a != b,
            _ => true,
        },
        _ => true,
    }
}

fn prefixes_text(family: &FamilyPlan) -> Vec<String> {
    family
        .microsoft
        .as_ref()
        .map(|m| {
            m.advertised_prefixes
                .iter()
                .map(|p| p.to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// IPv4 (top-level flags).
fn ipv4(c: &mut Change, plan: &ValidPlan, peering: &ValidPeering, live: &LivePeering) {
    let microsoft = peering.peering_type.is_microsoft();
    match (&peering.ipv4, &live.ipv4) {
        (None, None) => {}
        (Some(v4), None) => {
            c.what.push("adds IPv4".into());
            c.opt("--primary-peer-subnet", v4.primary.to_string());
            c.opt("--secondary-peer-subnet", v4.secondary.to_string());
            if let (true, Some(ms)) = (microsoft, &v4.microsoft) {
                if !ms.advertised_prefixes.is_empty() {
                    c.cmd.push(Flagged::Values(
                        "--advertised-public-prefixes",
                        prefixes_text(v4),
                    ));
                }
                if let Some(asn) = ms.customer_asn {
                    c.opt("--customer-asn", asn.to_string());
                }
                if let Some(registry) = ms.routing_registry {
                    c.opt("--routing-registry-name", registry.as_str());
                }
                if let Some(filter) = &ms.route_filter {
                    route_filter_v4(c, plan, filter);
                }
            }
            // An IPv6-only peering reports state Disabled (§8): IPv4 needs it Enabled.
            c.set("state", "Enabled");
        }
        (None, Some(l4)) => {
            c.what
                .push("removes IPv4 (its BGP sessions go down)".into());
            c.resets.push("IPv4 is removed".into());
            c.remove("primaryPeerAddressPrefix");
            c.remove("secondaryPeerAddressPrefix");
            if microsoft {
                c.remove("microsoftPeeringConfig");
                if !l4.raw.route_filter.trim().is_empty() {
                    c.remove("routeFilter");
                }
            }
            // The body of an IPv6-only peering has no top-level state (§9).
            c.remove("state");
            c.notes.push("IPv4 is removed with --remove of its fields: the PUT then carries the same body as an IPv6-only peering (and as Azure PowerShell's Remove-AzExpressRouteCircuitPeeringConfig -PeerAddressType IPv4).".into());
        }
        (Some(v4), Some(l4)) => {
            if differs(&Some(v4.primary), &l4.primary, &l4.raw.primary) {
                c.what.push("changes the primary IPv4 link subnet".into());
                c.resets.push("the primary IPv4 link subnet".into());
                c.opt("--primary-peer-subnet", v4.primary.to_string());
            }
            if differs(&Some(v4.secondary), &l4.secondary, &l4.raw.secondary) {
                c.what.push("changes the secondary IPv4 link subnet".into());
                c.resets.push("the secondary IPv4 link subnet".into());
                c.opt("--secondary-peer-subnet", v4.secondary.to_string());
            }
            let Some(ms) = v4.microsoft.as_ref().filter(|_| microsoft) else {
                return;
            };
            let live_prefixes = if l4.raw.advertised_prefixes.is_empty() {
                Some(Vec::new())
            } else {
                l4.advertised_prefixes.clone()
            };
            if live_prefixes.as_ref() != Some(&ms.advertised_prefixes) {
                c.what.push("changes the IPv4 advertised prefixes".into());
                c.cmd.push(Flagged::Values(
                    "--advertised-public-prefixes",
                    prefixes_text(v4),
                ));
            }
            if differs(&ms.customer_asn, &l4.customer_asn, &l4.raw.customer_asn) {
                c.what.push("changes the IPv4 customer ASN".into());
                match ms.customer_asn {
                    Some(asn) => c.opt("--customer-asn", asn.to_string()),
                    None => c.remove("microsoftPeeringConfig.customerASN"),
                }
            }
            if differs(
                &ms.routing_registry,
                &l4.routing_registry,
                &l4.raw.routing_registry,
            ) {
                c.what.push("changes the IPv4 routing registry".into());
                match ms.routing_registry {
                    Some(r) => c.opt("--routing-registry-name", r.as_str()),
                    None => c.remove("microsoftPeeringConfig.routingRegistryName"),
                }
            }
            if filter_differs(plan, ms.route_filter.as_ref(), l4) {
                c.what.push("changes the IPv4 route filter".into());
                match &ms.route_filter {
                    Some(filter) => route_filter_v4(c, plan, filter),
                    None => c.remove("routeFilter"),
                }
            }
        }
    }
}

fn route_filter_v4(c: &mut Change, plan: &ValidPlan, filter: &RouteFilterRef) {
    let value = match filter {
        RouteFilterRef::Name(n) => n.as_str().to_string(),
        RouteFilterRef::Id { .. } => Word::from_pieces(route_filter_id_pieces(plan, filter))
            .as_literal()
            .unwrap_or_default(),
    };
    if let RouteFilterRef::Id { subscription, .. } = filter {
        let circuit_sub = plan.circuit.subscription.as_ref().map(|s| s.as_str());
        if circuit_sub != Some(subscription.as_str()) {
            c.notes.push(format!(
                "The IPv4 route filter is in subscription {subscription}: az 2.91 signs in to it as well, so it must be in 'az account list'."
            ));
        }
    }
    c.opt("--route-filter", value);
}

fn route_filter_v6(c: &mut Change, plan: &ValidPlan, filter: &RouteFilterRef) {
    let mut pieces = vec![Piece::Text("ipv6PeeringConfig.routeFilter.id=".into())];
    pieces.extend(route_filter_id_pieces(plan, filter));
    c.cmd.push(Flagged::OptWord("--set", merge_text(pieces)));
}

const V6: &str = "ipv6PeeringConfig";
const V6_MS: &str = "ipv6PeeringConfig.microsoftPeeringConfig";

/// IPv6 (generic `--set` / `--add` / `--remove` paths, §8).
fn ipv6(c: &mut Change, plan: &ValidPlan, peering: &ValidPeering, live: &LivePeering) {
    let microsoft = peering.peering_type.is_microsoft();
    match (&peering.ipv6, &live.ipv6) {
        (None, None) => {}
        (Some(v6), None) => {
            c.what.push("adds IPv6".into());
            c.set(&format!("{V6}.primaryPeerAddressPrefix"), v6.primary);
            c.set(&format!("{V6}.secondaryPeerAddressPrefix"), v6.secondary);
            if let (true, Some(ms)) = (microsoft, &v6.microsoft) {
                if !ms.advertised_prefixes.is_empty() {
                    c.set_list(
                        &format!("{V6_MS}.advertisedPublicPrefixes"),
                        &prefixes_text(v6),
                    );
                }
                if let Some(asn) = ms.customer_asn {
                    c.set(&format!("{V6_MS}.customerASN"), asn);
                }
                if let Some(r) = ms.routing_registry {
                    c.set(&format!("{V6_MS}.routingRegistryName"), r.as_str());
                }
                if let Some(filter) = &ms.route_filter {
                    route_filter_v6(c, plan, filter);
                }
            }
            c.set(&format!("{V6}.state"), "Enabled");
        }
        (None, Some(_)) => {
            c.what
                .push("removes IPv6 (its BGP sessions go down)".into());
            c.resets.push("IPv6 is removed".into());
            c.remove(V6);
        }
        (Some(v6), Some(l6)) => {
            if differs(&Some(v6.primary), &l6.primary, &l6.raw.primary) {
                c.what.push("changes the primary IPv6 link subnet".into());
                c.resets.push("the primary IPv6 link subnet".into());
                c.set(&format!("{V6}.primaryPeerAddressPrefix"), v6.primary);
            }
            if differs(&Some(v6.secondary), &l6.secondary, &l6.raw.secondary) {
                c.what.push("changes the secondary IPv6 link subnet".into());
                c.resets.push("the secondary IPv6 link subnet".into());
                c.set(&format!("{V6}.secondaryPeerAddressPrefix"), v6.secondary);
            }
            let Some(ms) = v6.microsoft.as_ref().filter(|_| microsoft) else {
                return;
            };
            let live_prefixes = if l6.raw.advertised_prefixes.is_empty() {
                Some(Vec::new())
            } else {
                l6.advertised_prefixes.clone()
            };
            if live_prefixes.as_ref() != Some(&ms.advertised_prefixes) {
                c.what.push("changes the IPv6 advertised prefixes".into());
                c.set_list(
                    &format!("{V6_MS}.advertisedPublicPrefixes"),
                    &prefixes_text(v6),
                );
            }
            if differs(&ms.customer_asn, &l6.customer_asn, &l6.raw.customer_asn) {
                c.what.push("changes the IPv6 customer ASN".into());
                match ms.customer_asn {
                    Some(asn) => c.set(&format!("{V6_MS}.customerASN"), asn),
                    None => c.remove(&format!("{V6_MS}.customerASN")),
                }
            }
            if differs(
                &ms.routing_registry,
                &l6.routing_registry,
                &l6.raw.routing_registry,
            ) {
                c.what.push("changes the IPv6 routing registry".into());
                match ms.routing_registry {
                    Some(r) => c.set(&format!("{V6_MS}.routingRegistryName"), r.as_str()),
                    None => c.remove(&format!("{V6_MS}.routingRegistryName")),
                }
            }
            if filter_differs(plan, ms.route_filter.as_ref(), l6) {
                c.what.push("changes the IPv6 route filter".into());
                match &ms.route_filter {
                    Some(filter) => route_filter_v6(c, plan, filter),
                    None => c.remove(&format!("{V6}.routeFilter")),
                }
            }
        }
    }
}

/// The steps of a peering that is live: one minimal `update` and a verify `show`, or a comment that
/// nothing changed.
pub(super) fn change_steps(
    b: &mut Builder,
    plan: &ValidPlan,
    peering: &ValidPeering,
    live: &LivePeering,
    opts: &EmitOptions,
    key_var: Option<String>,
) {
    let name = peering.peering_type.as_str();
    let mut c = Change::default();
    if live.peer_asn != Some(peering.peer_asn) {
        c.what.push("changes the peer ASN".into());
        c.resets.push("the peer ASN".into());
        c.opt("--peer-asn", peering.peer_asn.to_string());
    }
    if live.vlan_id != Some(peering.vlan_id) {
        c.what.push("changes the VLAN ID".into());
        c.resets.push("the VLAN ID".into());
        c.opt("--vlan-id", peering.vlan_id.to_string());
    }
    // §6: in change mode an empty key means unchanged; only a typed key is sent.
    if let Some(word) = shared_key_word(peering, opts, key_var.as_deref()) {
        c.what.push("sets the shared key".into());
        c.resets.push("the shared key".into());
        c.cmd.push(Flagged::Joined("--shared-key", word));
    }
    ipv4(&mut c, plan, peering, live);
    ipv6(&mut c, plan, peering, live);

    b.steps.push(Step::Blank);
    if c.cmd.is_empty() {
        b.comment(format!(
            "{name}: no change from the live peering; nothing to run."
        ));
        return;
    }
    b.comment(format!("{name} (live): {}.", c.what.join(", ")));
    b.comment(
        "One update: az reads the live peering, changes only these fields and writes it back",
    );
    b.comment("with everything else as it was (Global Reach connections included).");
    for note in &c.notes {
        b.comment(note.clone());
    }
    if !c.resets.is_empty() {
        b.comment(format!(
            "This resets the BGP sessions of {name} ({}): run it in a maintenance window.",
            c.resets.join(", ")
        ));
    }
    let mut cmd: AzCommand = peering_command(plan, "update").opt("-n", name);
    for flagged in c.cmd {
        cmd = match flagged {
            Flagged::Opt(flag, value) => cmd.opt(flag, value),
            Flagged::OptWord(flag, word) => cmd.opt_word(flag, word),
            Flagged::Values(flag, values) => {
                let mut cmd = cmd.flag(flag);
                for v in values {
                    cmd = cmd.value(v);
                }
                cmd
            }
            Flagged::Joined(flag, word) => cmd.joined(flag, word),
        };
    }
    b.az(&format!("update the live {name}."), cmd, None);
    verify_step(b, plan, peering);
}
