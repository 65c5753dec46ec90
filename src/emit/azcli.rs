//! The `az` steps of a plan (§8): pre-flight, per peering `create` (one family), the second family by
//! generic update, route filters by a separate update, and a verify `show`; clean-up `delete`s apart.

use super::quote::{Piece, ShellVar, Word};
use super::steps::{AzCommand, Capture, Script, Step};
use super::EmitOptions;
use crate::domain::model::{FamilyPlan, ValidPeering, ValidPlan};
use crate::domain::names::RouteFilterRef;

/// The environment variable the scripts read a shared key from (§6).
pub const SHARED_KEY_ENV: &str = "ER_SHARED_KEY";

/// The environment variable a peering's key is read from (§6): `None` when the peering has no key.
/// One `ER_SHARED_KEY` when all keys of the plan are the same (the usual case), one per peering type
/// when they differ. The header, the `RequireEnv` step and the `--shared-key=` flag all use this.
pub fn key_var(plan: &ValidPlan, peering: &ValidPeering) -> Option<String> {
    peering.shared_key.as_ref()?;
    let mut keys = plan.peerings.iter().filter_map(|p| p.shared_key.as_ref());
    let first = keys.next();
    let all_same = keys.all(|k| Some(k) == first);
    Some(if all_same {
        SHARED_KEY_ENV.to_string()
    } else if peering.peering_type.is_microsoft() {
        format!("{SHARED_KEY_ENV}_MICROSOFT")
    } else {
        format!("{SHARED_KEY_ENV}_PRIVATE")
    })
}

/// Every distinct key variable of the plan, in peering order.
pub fn key_var_names(plan: &ValidPlan) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for var in plan.peerings.iter().filter_map(|p| key_var(plan, p)) {
        if !names.contains(&var) {
            names.push(var);
        }
    }
    names
}

/// Which environment variable carries each peering's key (see [`key_var`]).
pub fn shared_key_vars(plan: &ValidPlan) -> Vec<(usize, String)> {
    plan.peerings
        .iter()
        .filter_map(|p| key_var(plan, p).map(|v| (p.index, v)))
        .collect()
}

pub(super) fn peering_command(plan: &ValidPlan, verb: &str) -> AzCommand {
    let mut cmd = AzCommand::new(&["network", "express-route", "peering", verb]);
    if let Some(sub) = &plan.circuit.subscription {
        cmd = cmd.opt("--subscription", sub.as_str());
    }
    cmd.opt("-g", plan.circuit.resource_group.as_str())
        .opt("--circuit-name", plan.circuit.name.as_str())
}

/// The full resource ID of a route filter (§7): a bare name lives in the circuit's resource group and
/// subscription; without a subscription in the plan the script's `SUB` variable stands in.
pub fn route_filter_id_pieces(plan: &ValidPlan, filter: &RouteFilterRef) -> Vec<Piece> {
    let tail = |rg: &str, name: &str| {
        format!("/resourceGroups/{rg}/providers/Microsoft.Network/routeFilters/{name}")
    };
    match filter {
        RouteFilterRef::Id {
            subscription,
            resource_group,
            name,
        } => vec![Piece::Text(format!(
            "/subscriptions/{}{}",
            subscription.as_str(),
            tail(resource_group.as_str(), name.as_str())
        ))],
        RouteFilterRef::Name(name) => {
            let tail = tail(plan.circuit.resource_group.as_str(), name.as_str());
            match &plan.circuit.subscription {
                Some(sub) => vec![Piece::Text(format!(
                    "/subscriptions/{}{tail}",
                    sub.as_str()
                ))],
                None => vec![
                    Piece::Text("/subscriptions/".into()),
                    Piece::Var(ShellVar::Subscription),
                    Piece::Text(tail),
                ],
            }
        }
    }
}

fn needs_subscription_lookup(plan: &ValidPlan) -> bool {
    plan.circuit.subscription.is_none()
        && plan.peerings.iter().any(|p| {
            matches!(
                p.ipv6
                    .as_ref()
                    .and_then(|f| f.microsoft.as_ref())
                    .and_then(|m| m.route_filter.as_ref()),
                Some(RouteFilterRef::Name(_))
            )
        })
}

fn families(p: &ValidPeering) -> &'static str {
    match (&p.ipv4, &p.ipv6) {
        (Some(_), Some(_)) => "IPv4 + IPv6",
        (None, Some(_)) => "IPv6 only",
        _ => "IPv4",
    }
}

pub(super) struct Builder {
    pub(super) steps: Vec<Step>,
    pub(super) number: usize,
}

impl Builder {
    pub(super) fn comment(&mut self, text: impl Into<String>) {
        self.steps.push(Step::Comment(text.into()));
    }

    /// Adds a numbered `az` step; the comment above it carries the same number as the PowerShell
    /// `throw "step N failed"`.
    pub(super) fn az(&mut self, what: &str, command: AzCommand, capture: Option<Capture>) {
        self.number += 1;
        self.steps
            .push(Step::Comment(format!("Step {}: {what}", self.number)));
        self.steps.push(Step::Az { command, capture });
    }
}

/// The main script: never a `delete` (§11.3).
pub fn plan_script(plan: &ValidPlan, opts: &EmitOptions) -> Script {
    let mut b = Builder {
        steps: Vec::new(),
        number: 0,
    };
    let required = if opts.inline_shared_key {
        Vec::new()
    } else {
        key_var_names(plan)
    };
    for var in required {
        b.steps.push(Step::RequireEnv {
            var: ShellVar::Env(var),
            purpose: "the BGP shared key".into(),
        });
    }

    let circuit = plan.circuit.name.as_str();
    let mut show = AzCommand::new(&["network", "express-route", "show"]);
    if let Some(sub) = &plan.circuit.subscription {
        show = show.opt("--subscription", sub.as_str());
    }
    let show = show
        .opt("-g", plan.circuit.resource_group.as_str())
        .opt("-n", circuit)
        .opt(
            "--query",
            "[serviceProviderProvisioningState,circuitProvisioningState]",
        )
        .opt("-o", "tsv");
    b.az(
        "pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).",
        show,
        Some(Capture::CircuitState {
            circuit: circuit.to_string(),
        }),
    );
    if needs_subscription_lookup(plan) {
        b.az(
            "read the current subscription once (the IPv6 route filter needs a full resource ID).",
            AzCommand::new(&["account", "show"])
                .opt("--query", "id")
                .opt("-o", "tsv"),
            Some(Capture::Subscription),
        );
    }

    for peering in &plan.peerings {
        match plan
            .baseline
            .as_ref()
            .and_then(|base| base.peering(peering.peering_type))
        {
            Some(live) => super::change::change_steps(&mut b, plan, peering, live, opts),
            None => peering_steps(&mut b, plan, peering, opts),
        }
    }
    if let Some(baseline) = &plan.baseline {
        for live in &baseline.peerings {
            if !plan
                .peerings
                .iter()
                .any(|p| p.peering_type == live.peering_type)
            {
                let name = live.peering_type.as_str();
                b.steps.push(Step::Blank);
                b.comment(format!(
                    "{name} is live but not in this plan: this script leaves it as it is (the clean-up block removes it, if you mean to)."
                ));
            }
        }
    }
    Script {
        header: Vec::new(),
        steps: b.steps,
    }
}

fn peering_steps(b: &mut Builder, plan: &ValidPlan, peering: &ValidPeering, opts: &EmitOptions) {
    let name = peering.peering_type.as_str();
    b.steps.push(Step::Blank);
    b.comment(format!(
        "{name}: VLAN {}, peer ASN {}, {}.",
        peering.vlan_id,
        peering.peer_asn,
        families(peering)
    ));

    // 1. create with the first family: IPv4, or IPv6 for an IPv6-only peering (§8).
    let (first, ipv6_only) = match (&peering.ipv4, &peering.ipv6) {
        (Some(v4), _) => (v4, false),
        (None, Some(v6)) => (v6, true),
        (None, None) => return, // the validator never lets a peering without a family through
    };
    let mut create = peering_command(plan, "create")
        .opt("--peering-type", name)
        .opt("--peer-asn", peering.peer_asn.to_string())
        .opt("--vlan-id", peering.vlan_id.to_string())
        .opt("--primary-peer-subnet", first.primary.to_string())
        .opt("--secondary-peer-subnet", first.secondary.to_string());
    if let Some(word) = shared_key_word(plan, peering, opts) {
        create = create.joined("--shared-key", word);
    }
    if peering.peering_type.is_microsoft() {
        if let Some(ms) = &first.microsoft {
            if !ms.advertised_prefixes.is_empty() {
                create = create.flag("--advertised-public-prefixes");
                for prefix in &ms.advertised_prefixes {
                    create = create.value(prefix.to_string());
                }
            }
            if let Some(asn) = ms.customer_asn {
                create = create.opt("--customer-asn", asn.to_string());
            }
            if let Some(registry) = ms.routing_registry {
                create = create.opt("--routing-registry-name", registry.as_str());
            }
        }
    }
    if ipv6_only {
        create = create.opt("--ip-version", "IPv6");
    }
    b.az(
        &format!(
            "create {name} with its {} settings.",
            if ipv6_only { "IPv6" } else { "IPv4" }
        ),
        create,
        None,
    );

    // 2. the second family by generic update: never the `--ip-version IPv6` form of update, which drops IPv4 (§8).
    if let (Some(_), Some(v6)) = (&peering.ipv4, &peering.ipv6) {
        b.comment("Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6");
        b.comment("flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).");
        b.az(
            &format!("add the IPv6 settings to {name}."),
            ipv6_update(plan, name, v6),
            None,
        );
    }

    // 3. route filters in a separate update (Microsoft peering only, §5, §8).
    let v4_filter = peering
        .ipv4
        .as_ref()
        .and_then(|f| f.microsoft.as_ref())
        .and_then(|m| m.route_filter.as_ref());
    let v6_filter = peering
        .ipv6
        .as_ref()
        .and_then(|f| f.microsoft.as_ref())
        .and_then(|m| m.route_filter.as_ref());
    if peering.peering_type.is_microsoft() && (v4_filter.is_some() || v6_filter.is_some()) {
        let mut update = peering_command(plan, "update").opt("-n", name);
        let mut v4_note = None;
        if let Some(filter) = v4_filter {
            let (value, note) = route_filter_v4(plan, filter);
            update = update.opt("--route-filter", value);
            v4_note = note;
        }
        if let Some(filter) = v6_filter {
            let mut pieces = vec![Piece::Text("ipv6PeeringConfig.routeFilter.id=".into())];
            pieces.extend(route_filter_id_pieces(plan, filter));
            update = update.opt_word("--set", merge_text(pieces));
        }
        b.comment("Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.");
        if let Some(note) = v4_note {
            b.comment(note);
        }
        b.az(
            &format!("attach the route filter(s) to {name}."),
            update,
            None,
        );
    }

    // 4. verify.
    verify_step(b, plan, peering);
}

/// The `--route-filter` value of an IPv4 route filter (the name, or the full resource ID as the plan
/// gives it), and the note a filter in another subscription than the circuit's needs (§7).
pub(super) fn route_filter_v4(
    plan: &ValidPlan,
    filter: &RouteFilterRef,
) -> (String, Option<String>) {
    let note = match filter {
        RouteFilterRef::Id { subscription, .. }
            if plan.circuit.subscription.as_ref().map(|s| s.as_str())
                != Some(subscription.as_str()) =>
        {
            Some(format!(
                "The IPv4 route filter is in subscription {subscription}: az 2.91 signs in to it as well, so it must be in 'az account list'."
            ))
        }
        _ => None,
    };
    (filter.to_string(), note)
}

/// The `--shared-key=` value: the environment variable of [`key_var`], or the key itself only when
/// the user asked to inline it (§6). Never the key when inlining is off.
pub(super) fn shared_key_word(
    plan: &ValidPlan,
    peering: &ValidPeering,
    opts: &EmitOptions,
) -> Option<Word> {
    if opts.inline_shared_key {
        let key = peering.shared_key.as_ref()?;
        return Some(Word::text(key.expose()));
    }
    let var = key_var(plan, peering)?;
    Some(Word::from_pieces(vec![Piece::Var(ShellVar::Env(var))]))
}

/// The verify step of a peering (§8).
pub(super) fn verify_step(b: &mut Builder, plan: &ValidPlan, peering: &ValidPeering) {
    let name = peering.peering_type.as_str();
    let ipv6_only = peering.ipv4.is_none();
    let mut query = String::from("{state:state,provisioningState:provisioningState");
    if peering.ipv6.is_some() {
        query.push_str(",ipv6State:ipv6PeeringConfig.state");
    }
    if peering.peering_type.is_microsoft() {
        query.push_str(",ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState");
        query.push_str(
            ",ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState",
        );
    }
    query.push('}');
    let show = peering_command(plan, "show")
        .opt("-n", name)
        .opt("--query", query)
        .opt("-o", "table");
    if ipv6_only {
        b.comment("Expect provisioningState Succeeded and ipv6State Enabled. An IPv6-only peering");
        b.comment("reports the top-level state Disabled: only ipv6PeeringConfig.state is Enabled.");
    } else if peering.ipv6.is_some() {
        b.comment(
            "Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.",
        );
    } else {
        b.comment("Expect provisioningState Succeeded and state Enabled.");
    }
    if peering.peering_type.is_microsoft() {
        b.comment(
            "The prefixes state of each configured family must reach Configured. ValidationNeeded",
        );
        b.comment("means the routing registry did not prove the prefixes are yours: open a support ticket");
        b.comment("with documents that show you own them.");
    }
    b.az(&format!("show {name}."), show, None);
}

/// Joins adjacent text pieces.
pub(super) fn merge_text(pieces: Vec<Piece>) -> Word {
    let mut merged: Vec<Piece> = Vec::new();
    for p in pieces {
        match (merged.last_mut(), p) {
            (Some(Piece::Text(prev)), Piece::Text(t)) => prev.push_str(&t),
            (_, p) => merged.push(p),
        }
    }
    Word::from_pieces(merged)
}

/// The generic update that only adds IPv6 (§8 "What to emit instead").
pub(super) fn ipv6_update(plan: &ValidPlan, name: &str, v6: &FamilyPlan) -> AzCommand {
    let mut cmd = peering_command(plan, "update")
        .opt("-n", name)
        .opt(
            "--set",
            format!("ipv6PeeringConfig.primaryPeerAddressPrefix={}", v6.primary),
        )
        .opt(
            "--set",
            format!(
                "ipv6PeeringConfig.secondaryPeerAddressPrefix={}",
                v6.secondary
            ),
        );
    if let Some(ms) = &v6.microsoft {
        const LIST: &str = "ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes";
        if !ms.advertised_prefixes.is_empty() {
            cmd = cmd.opt("--set", format!("{LIST}=[]"));
            for prefix in &ms.advertised_prefixes {
                cmd = cmd.opt("--add", LIST).value(prefix.to_string());
            }
        }
        if let Some(asn) = ms.customer_asn {
            cmd = cmd.opt(
                "--set",
                format!("ipv6PeeringConfig.microsoftPeeringConfig.customerASN={asn}"),
            );
        }
        if let Some(registry) = ms.routing_registry {
            cmd = cmd.opt(
                "--set",
                format!(
                    "ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName={}",
                    registry.as_str()
                ),
            );
        }
    }
    cmd.opt("--set", "ipv6PeeringConfig.state=Enabled")
}

/// The clean-up script: one `peering delete` per peering, last created first.
pub fn cleanup_script(plan: &ValidPlan) -> Script {
    let mut b = Builder {
        steps: Vec::new(),
        number: 0,
    };
    if let Some(baseline) = &plan.baseline {
        // Change mode: the live peerings the plan drops, then the peerings the plan creates; never a
        // live peering the plan keeps.
        for live in &baseline.peerings {
            if plan
                .peerings
                .iter()
                .any(|p| p.peering_type == live.peering_type)
            {
                continue;
            }
            let name = live.peering_type.as_str();
            b.comment(format!(
                "WARNING: {name} is live and not in your plan. Deleting it drops its BGP sessions and all"
            ));
            b.comment("traffic over it, and its Global Reach connections must go first. Run this step only if you mean it.");
            b.az(
                &format!("delete the live {name} (no confirmation prompt)."),
                peering_command(plan, "delete").opt("-n", name),
                None,
            );
        }
        for peering in plan.peerings.iter().rev() {
            if baseline.peering(peering.peering_type).is_some() {
                continue;
            }
            let name = peering.peering_type.as_str();
            b.az(
                &format!("delete {name}, which this plan creates (no confirmation prompt)."),
                peering_command(plan, "delete").opt("-n", name),
                None,
            );
        }
        if b.number == 0 {
            b.comment("Nothing to delete: every peering of the plan is live and stays.");
        }
        return Script {
            header: Vec::new(),
            steps: b.steps,
        };
    }
    for peering in plan.peerings.iter().rev() {
        let name = peering.peering_type.as_str();
        b.az(
            &format!("delete {name} (no confirmation prompt)."),
            peering_command(plan, "delete").opt("-n", name),
            None,
        );
    }
    Script {
        header: Vec::new(),
        steps: b.steps,
    }
}
