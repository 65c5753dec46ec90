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
    merge_text, peering_command, route_filter_id_pieces, route_filter_v4, shared_key_word,
    verify_step, Builder,
};
use super::quote::Piece;
use super::steps::{AzCommand, Step};
use super::EmitOptions;
use crate::domain::model::{FamilyPlan, LiveFamily, LivePeering, ValidPeering, ValidPlan};
use crate::domain::names::RouteFilterRef;

/// One peering's change: the flags of its single `update` (after `update -n <peering>`), and what the
/// script says about it.
#[derive(Default)]
struct Change {
    cmd: AzCommand,
    /// What resets the BGP sessions (§11.2 `change.resets_bgp`), for the comment before the command.
    resets: Vec<String>,
    /// What the update does, for the comment before the command.
    what: Vec<String>,
    notes: Vec<String>,
}

impl Change {
    /// Adds to the command with the [`AzCommand`] builders.
    fn push(&mut self, add: impl FnOnce(AzCommand) -> AzCommand) {
        self.cmd = add(std::mem::take(&mut self.cmd));
    }
    fn opt(&mut self, flag: &'static str, value: impl Into<String>) {
        let value = value.into();
        self.push(|cmd| cmd.opt(flag, value));
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
            self.push(|cmd| cmd.opt("--add", path).value(item.as_str()));
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

/// The subscription (when known), resource group and name of a route filter: a bare name lives in the
/// circuit's resource group and subscription; without a subscription in the plan that is the script's
/// current one, which the emitter cannot know.
fn filter_parts<'a>(
    plan: &'a ValidPlan,
    filter: &'a RouteFilterRef,
) -> (Option<&'a str>, &'a str, &'a str) {
    match filter {
        RouteFilterRef::Id {
            subscription,
            resource_group,
            name,
        } => (
            Some(subscription.as_str()),
            resource_group.as_str(),
            name.as_str(),
        ),
        RouteFilterRef::Name(name) => (
            plan.circuit.subscription.as_ref().map(|s| s.as_str()),
            plan.circuit.resource_group.as_str(),
            name.as_str(),
        ),
    }
}

/// Whether two route filters are the same resource (ARM IDs compare case-insensitively). When either
/// subscription is unknown (a bare name and no subscription in the plan), the resource group and the
/// name decide: otherwise every run would report a change.
fn same_filter(plan: &ValidPlan, a: &RouteFilterRef, b: &RouteFilterRef) -> bool {
    let (sub_a, rg_a, name_a) = filter_parts(plan, a);
    let (sub_b, rg_b, name_b) = filter_parts(plan, b);
    let same_sub = match (sub_a, sub_b) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    same_sub && rg_a.eq_ignore_ascii_case(rg_b) && name_a.eq_ignore_ascii_case(name_b)
}

fn filter_differs(plan: &ValidPlan, planned: Option<&RouteFilterRef>, live: &LiveFamily) -> bool {
    if live.raw.route_filter.trim().is_empty() {
        return planned.is_some();
    }
    match (planned, &live.route_filter) {
        (Some(p), Some(l)) => !same_filter(plan, p, l),
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

/// The two families differ only in the form of each edit: IPv4 uses the top-level flags (a pure merge
/// without `--ip-version`), IPv6 the generic `--set ipv6PeeringConfig.…` paths (§8).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fam {
    V4,
    V6,
}

const V6: &str = "ipv6PeeringConfig";
const V6_MS: &str = "ipv6PeeringConfig.microsoftPeeringConfig";

impl Fam {
    fn label(self) -> &'static str {
        match self {
            Fam::V4 => "IPv4",
            Fam::V6 => "IPv6",
        }
    }

    fn link(self, c: &mut Change, primary: bool, subnet: String) {
        let which = if primary { "primary" } else { "secondary" };
        match self {
            Fam::V4 => c.opt(
                if primary {
                    "--primary-peer-subnet"
                } else {
                    "--secondary-peer-subnet"
                },
                subnet,
            ),
            Fam::V6 => c.set(&format!("{V6}.{which}PeerAddressPrefix"), subnet),
        }
    }

    fn prefixes(self, c: &mut Change, prefixes: Vec<String>) {
        match self {
            Fam::V4 => c.push(|cmd| {
                prefixes
                    .into_iter()
                    .fold(cmd.flag("--advertised-public-prefixes"), AzCommand::value)
            }),
            Fam::V6 => c.set_list(&format!("{V6_MS}.advertisedPublicPrefixes"), &prefixes),
        }
    }

    /// The Microsoft config field `field` (`customerASN`, `routingRegistryName`): set through `flag`
    /// (IPv4) or `--set` (IPv6); `None` removes it.
    fn extra(self, c: &mut Change, flag: &'static str, field: &str, value: Option<String>) {
        match (self, value) {
            (Fam::V4, Some(v)) => c.opt(flag, v),
            (Fam::V4, None) => c.remove(&format!("microsoftPeeringConfig.{field}")),
            (Fam::V6, Some(v)) => c.set(&format!("{V6_MS}.{field}"), v),
            (Fam::V6, None) => c.remove(&format!("{V6_MS}.{field}")),
        }
    }

    fn route_filter(self, c: &mut Change, plan: &ValidPlan, filter: Option<&RouteFilterRef>) {
        match (self, filter) {
            (Fam::V4, Some(filter)) => {
                let (value, note) = route_filter_v4(plan, filter);
                c.notes.extend(note);
                c.opt("--route-filter", value);
            }
            (Fam::V4, None) => c.remove("routeFilter"),
            (Fam::V6, Some(filter)) => {
                let mut pieces = vec![Piece::Text(format!("{V6}.routeFilter.id="))];
                pieces.extend(route_filter_id_pieces(plan, filter));
                c.push(|cmd| cmd.opt_word("--set", merge_text(pieces)));
            }
            (Fam::V6, None) => c.remove(&format!("{V6}.routeFilter")),
        }
    }
}

/// A family the live peering lacks: every value of the plan, then its state `Enabled` (an IPv6-only
/// peering reports the top-level state Disabled, §8; IPv4 needs it Enabled).
fn add_family(c: &mut Change, plan: &ValidPlan, fam: Fam, family: &FamilyPlan, microsoft: bool) {
    c.what.push(format!("adds {}", fam.label()));
    fam.link(c, true, family.primary.to_string());
    fam.link(c, false, family.secondary.to_string());
    if let (true, Some(ms)) = (microsoft, &family.microsoft) {
        if !ms.advertised_prefixes.is_empty() {
            fam.prefixes(c, prefixes_text(family));
        }
        if let Some(asn) = ms.customer_asn {
            fam.extra(c, "--customer-asn", "customerASN", Some(asn.to_string()));
        }
        if let Some(r) = ms.routing_registry {
            fam.extra(
                c,
                "--routing-registry-name",
                "routingRegistryName",
                Some(r.as_str().into()),
            );
        }
        if let Some(filter) = &ms.route_filter {
            fam.route_filter(c, plan, Some(filter));
        }
    }
    match fam {
        Fam::V4 => c.set("state", "Enabled"),
        Fam::V6 => c.set(&format!("{V6}.state"), "Enabled"),
    }
}

/// A family the plan drops: its BGP sessions go down.
fn remove_family(c: &mut Change, fam: Fam, live: &LiveFamily, microsoft: bool) {
    c.what.push(format!(
        "removes {} (its BGP sessions go down)",
        fam.label()
    ));
    c.resets.push(format!("{} is removed", fam.label()));
    match fam {
        Fam::V6 => c.remove(V6),
        Fam::V4 => {
            c.remove("primaryPeerAddressPrefix");
            c.remove("secondaryPeerAddressPrefix");
            if microsoft {
                c.remove("microsoftPeeringConfig");
                if !live.raw.route_filter.trim().is_empty() {
                    c.remove("routeFilter");
                }
            }
            // The body of an IPv6-only peering has no top-level state (§9).
            c.remove("state");
            c.notes.push("IPv4 is removed with --remove of its fields: the PUT then carries the same body as an IPv6-only peering (and as Azure PowerShell's Remove-AzExpressRouteCircuitPeeringConfig -PeerAddressType IPv4).".into());
        }
    }
}

/// A family in both: only the values that differ.
fn change_family(
    c: &mut Change,
    plan: &ValidPlan,
    fam: Fam,
    family: &FamilyPlan,
    live: &LiveFamily,
    microsoft: bool,
) {
    let label = fam.label();
    for (primary, planned, typed, raw) in [
        (true, family.primary, &live.primary, &live.raw.primary),
        (
            false,
            family.secondary,
            &live.secondary,
            &live.raw.secondary,
        ),
    ] {
        if differs(&Some(planned), typed, raw) {
            let which = if primary { "primary" } else { "secondary" };
            c.what
                .push(format!("changes the {which} {label} link subnet"));
            c.resets.push(format!("the {which} {label} link subnet"));
            fam.link(c, primary, planned.to_string());
        }
    }
    let Some(ms) = family.microsoft.as_ref().filter(|_| microsoft) else {
        return;
    };
    let live_prefixes = if live.raw.advertised_prefixes.is_empty() {
        Some(Vec::new())
    } else {
        live.advertised_prefixes.clone()
    };
    if live_prefixes.as_ref() != Some(&ms.advertised_prefixes) {
        c.what
            .push(format!("changes the {label} advertised prefixes"));
        fam.prefixes(c, prefixes_text(family));
    }
    if differs(&ms.customer_asn, &live.customer_asn, &live.raw.customer_asn) {
        c.what.push(format!("changes the {label} customer ASN"));
        let value = ms.customer_asn.map(|a| a.to_string());
        fam.extra(c, "--customer-asn", "customerASN", value);
    }
    if differs(
        &ms.routing_registry,
        &live.routing_registry,
        &live.raw.routing_registry,
    ) {
        c.what.push(format!("changes the {label} routing registry"));
        let value = ms.routing_registry.map(|r| r.as_str().to_string());
        fam.extra(c, "--routing-registry-name", "routingRegistryName", value);
    }
    if filter_differs(plan, ms.route_filter.as_ref(), live) {
        c.what.push(format!("changes the {label} route filter"));
        fam.route_filter(c, plan, ms.route_filter.as_ref());
    }
}

fn family_edits(
    c: &mut Change,
    plan: &ValidPlan,
    fam: Fam,
    planned: Option<&FamilyPlan>,
    live: Option<&LiveFamily>,
    microsoft: bool,
) {
    match (planned, live) {
        (None, None) => {}
        (Some(family), None) => add_family(c, plan, fam, family, microsoft),
        (None, Some(live)) => remove_family(c, fam, live, microsoft),
        (Some(family), Some(live)) => change_family(c, plan, fam, family, live, microsoft),
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
    if let Some(word) = shared_key_word(plan, peering, opts) {
        c.what.push("sets the shared key".into());
        c.resets.push("the shared key".into());
        c.push(|cmd| cmd.joined("--shared-key", word));
    }
    let microsoft = peering.peering_type.is_microsoft();
    for (fam, planned, live) in [
        (Fam::V4, peering.ipv4.as_ref(), live.ipv4.as_ref()),
        (Fam::V6, peering.ipv6.as_ref(), live.ipv6.as_ref()),
    ] {
        family_edits(&mut c, plan, fam, planned, live, microsoft);
    }

    b.steps.push(Step::Blank);
    if c.cmd.args.is_empty() {
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
    let mut cmd = peering_command(plan, "update").opt("-n", name);
    cmd.args.extend(c.cmd.args);
    b.az(&format!("update the live {name}."), cmd, None);
    verify_step(b, plan, peering);
}
