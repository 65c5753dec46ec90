//! The main script (blocks `az-bash`, `az-powershell`): the plan's [`PeeringChange`]s as `az` steps,
//! each guarded by the one read of the circuit (§8, §11.3: never a `delete`).
//! - Create: `create` with the first family, the second family by a generic update, route filters by
//!   a separate update (§8), then a verify `show`.
//! - Update (change mode): one minimal `update` for what changed; az reads the live peering, changes
//!   those fields and writes it back with everything else as it was.

use super::commands::{raw_text, readable_edits, Ctx};
use super::fields::{spec, ValueKind, TABLE};
use super::quote::Word;
use super::script::{AzCommand, Check, Column, Script, Skip, Step};
use crate::domain::change::{
    plan_changes, ChangeKind, Consequence, FamilyChange, FieldEdit, PeeringChange, PeeringField,
    PeeringState,
};
use crate::domain::field::{AddressFamily, Link};
use crate::domain::model::Peering;

/// The main script of a valid plan.
pub fn main_script(ctx: Ctx) -> Script {
    let plan = ctx.plan;
    let changes = plan_changes(plan);
    let mut steps = Vec::new();
    let mut checks = vec![Check::Ready {
        circuit: plan.circuit.name.to_string(),
    }];
    for change in &changes {
        checks.extend(preflight_checks(ctx, change));
    }
    steps.push(Step::ReadCircuit {
        command: ctx.circuit_read(),
        circuit: plan.circuit.name.to_string(),
        checks,
    });
    let filters = super::filters::planned(plan);
    if !filters.is_empty() {
        let checks = filters.iter().map(super::filters::ok_check).collect();
        steps.push(super::filters::read_step(&filters, checks));
    }
    let mut keys = Vec::new();
    for change in &changes {
        let Some(peering) = plan.planned(change.peering_type) else {
            continue;
        };
        let sends_key = match change.kind {
            ChangeKind::Create => true,
            ChangeKind::Update => change.edit(PeeringField::SharedKey).is_some(),
            _ => false,
        };
        if let Some(input) = ctx.key_input(peering).filter(|_| sends_key) {
            if !keys.contains(&input) {
                keys.push(input);
            }
        }
    }
    if !keys.is_empty() {
        steps.push(Step::ReadKeys(keys));
    }
    // The filters first: a peering's attach step needs its filter.
    for f in &filters {
        super::filters::create_steps(f, &mut steps);
    }
    for change in &changes {
        let planned = plan.planned(change.peering_type);
        match (change.kind, planned) {
            (ChangeKind::Create, Some(peering)) => create_steps(ctx, &mut steps, peering),
            (ChangeKind::Update, Some(peering)) => update_steps(ctx, &mut steps, change, peering),
            (ChangeKind::Unchanged, _) => {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{}: no change from the live peering; nothing to run.",
                    change.peering_type
                )));
            }
            _ => {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{} is live but not in this plan: this block leaves it as it is (the clean-up block deletes it only if you opt in).",
                    change.peering_type
                )));
            }
        }
    }
    Script {
        header: Vec::new(),
        steps,
    }
}

/// What must hold before any write (§8 pre-flight): a peering to create is new (or an earlier run's),
/// a peering to change is as imported, and no other live peering uses a VLAN the block sets.
fn preflight_checks(ctx: Ctx, change: &PeeringChange) -> Vec<Check> {
    let plan = ctx.plan;
    let name = change.peering_type.as_str().to_string();
    let Some(peering) = plan.planned(change.peering_type) else {
        return Vec::new();
    };
    let planned = PeeringState::of_plan(peering, &plan.circuit);
    let vlan_free = Check::VlanFree {
        peering: name.clone(),
        vlan: peering.vlan_id.to_string(),
    };
    match change.kind {
        ChangeKind::Create => {
            let (_, created) = ctx.create_command(peering, &planned);
            let created: Vec<&'static str> = created
                .into_iter()
                .filter(|f| *f != PeeringField::SharedKey)
                .map(|f| spec(f).path)
                .collect();
            vec![
                Check::NewOrOurs {
                    peering: name,
                    planned: ctx.columns_of(&planned),
                    created,
                    show: ctx.show_json(change.peering_type),
                },
                vlan_free,
            ]
        }
        ChangeKind::Update => {
            let Some(live) = plan.live(change.peering_type) else {
                return Vec::new();
            };
            let columns: Vec<(&'static str, Word, Word)> = readable_edits(change)
                .into_iter()
                .map(|field| {
                    let after = ctx
                        .columns_for(&planned, &[field])
                        .pop()
                        .map(|c| c.value)
                        .unwrap_or_else(|| Word::text(""));
                    (
                        spec(field).path,
                        Word::text(raw_text(&live.raw, field)),
                        after,
                    )
                })
                .collect();
            let mut checks = vec![Check::Unchanged {
                peering: name,
                columns,
                before_is: "imported",
            }];
            if change.edit(PeeringField::VlanId).is_some() {
                checks.push(vlan_free);
            }
            checks
        }
        // Nothing to run, yet the plan claims the peering is as imported: if it drifted since, the
        // plan is stale and "nothing to run" would leave live different from the plan unnoticed.
        ChangeKind::Unchanged => {
            let Some(live) = plan.live(change.peering_type) else {
                return Vec::new();
            };
            let columns = TABLE
                .iter()
                .filter(|s| s.kind != ValueKind::Secret)
                .map(|s| {
                    let text = Word::text(raw_text(&live.raw, s.field));
                    (s.path, text.clone(), text)
                })
                .collect();
            vec![Check::Unchanged {
                peering: name,
                columns,
                before_is: "imported",
            }]
        }
        _ => Vec::new(),
    }
}

fn create_steps(ctx: Ctx, steps: &mut Vec<Step>, peering: &Peering) {
    let name = peering.peering_type().as_str();
    let planned = PeeringState::of_plan(peering, &ctx.plan.circuit);
    let families = peering.links();
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "{name}: VLAN {}, peer ASN {}, {}.",
        peering.vlan_id,
        peering.peer_asn,
        families.label()
    )));
    let (first, _) = families.first();
    let (create, created) = ctx.create_command(peering, &planned);
    let create = create.opt("-o", "none");
    steps.push(Step::Run {
        title: format!("create {name} with its {} settings.", first.label()),
        command: create,
        skip: vec![holds(
            ctx,
            &planned,
            name,
            &created,
            "already exists with these values (an earlier run created it)",
        )],
        done: format!("created {name}."),
    });
    if let Some(second) = families.iter().map(|(f, _)| f).find(|f| *f != first) {
        let (add, added) = ctx.add_family_command(peering, &planned, second);
        let add = add.opt("-o", "none");
        steps.push(Step::Comment(
            "Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6".into(),
        ));
        steps.push(Step::Comment(
            "flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91)."
                .into(),
        ));
        steps.push(Step::Run {
            title: format!("add the {} settings to {name}.", second.label()),
            command: add,
            skip: vec![holds(
                ctx,
                &planned,
                name,
                &added,
                "already has these IPv6 settings",
            )],
            done: format!("added the {} settings to {name}.", second.label()),
        });
    }
    if let Some((attach, filters)) = ctx.attach_filters_command(peering, &planned) {
        steps.push(Step::Comment(
            "Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes."
                .into(),
        ));
        steps.extend(cross_subscription_note(ctx, peering));
        steps.push(Step::Run {
            title: format!("attach the route filter(s) to {name}."),
            command: attach.opt("-o", "none"),
            skip: vec![holds(
                ctx,
                &planned,
                name,
                &filters,
                "already has these route filters",
            )],
            done: format!("attached the route filter(s) to {name}."),
        });
    }
    verify_steps(ctx, steps, peering);
}

/// A skip when the peering already holds the planned values of `fields`.
fn holds(
    ctx: Ctx,
    planned: &PeeringState,
    name: &str,
    fields: &[PeeringField],
    reason: &str,
) -> Skip {
    Skip::Holds {
        peering: name.to_string(),
        columns: ctx.columns_for(planned, fields),
        reason: format!("{name} {reason}"),
    }
}

/// §7: an IPv4 route filter in another subscription makes az 2.91 sign in to that subscription too.
fn cross_subscription_note(ctx: Ctx, peering: &Peering) -> Option<Step> {
    let filter = peering
        .microsoft(AddressFamily::Ipv4)
        .and_then(|m| m.route_filter.as_ref())?;
    let crate::domain::names::RouteFilterRef::Id { subscription, .. } = filter else {
        return None;
    };
    let own = ctx.plan.circuit.subscription.as_ref().map(|s| s.as_str());
    (own != Some(subscription.as_str())).then(|| {
        Step::Comment(format!(
            "The IPv4 route filter is in subscription {subscription}: az 2.91 signs in to it as well, so it must be in 'az account list'."
        ))
    })
}

/// What an edit does, for the comment above an update.
fn describe(edit: &FieldEdit) -> String {
    match (&edit.before, &edit.after) {
        (_, _) if edit.field == PeeringField::SharedKey => "sets the shared key".into(),
        (None, Some(_)) => format!("sets {}", edit.field.label()),
        (Some(_), None) if matches!(edit.field, PeeringField::RouteFilter(_)) => {
            format!("detaches {}", edit.field.label())
        }
        (Some(_), None) => format!("removes {}", edit.field.label()),
        _ => format!("changes {}", edit.field.label()),
    }
}

fn update_steps(ctx: Ctx, steps: &mut Vec<Step>, change: &PeeringChange, peering: &Peering) {
    let name = peering.peering_type().as_str();
    let planned = PeeringState::of_plan(peering, &ctx.plan.circuit);
    let (command, unparsed) = ctx.update_command(change, Some(peering), None);
    let command = command.opt("-o", "none");
    let mut what: Vec<String> = Vec::new();
    for f in AddressFamily::ALL {
        match change.family(f) {
            FamilyChange::Added => what.push(format!("adds {f}")),
            FamilyChange::Removed => what.push(format!("removes {f} (its BGP sessions end)")),
            _ => {}
        }
    }
    for edit in &change.edits {
        let family = edit.field.family();
        if family.is_some_and(|f| change.family(f) != FamilyChange::Kept) {
            continue;
        }
        what.push(describe(edit));
    }
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "{name} (live): {}.",
        what.join(", ")
    )));
    steps.push(Step::Comment(
        "One update: az reads the live peering, changes only these fields and writes it back"
            .into(),
    ));
    steps.push(Step::Comment(
        "with everything else as it was (Global Reach connections included).".into(),
    ));
    for line in consequence_lines(name, change) {
        steps.push(Step::Comment(line));
    }
    for edit in &unparsed {
        steps.push(Step::Comment(format!(
            "Left out: {} (its value did not parse).",
            edit.field.label()
        )));
    }
    steps.extend(cross_subscription_note(ctx, peering).filter(|_| {
        change
            .edit(PeeringField::RouteFilter(AddressFamily::Ipv4))
            .is_some()
    }));
    let readable_fields = readable_edits(change);
    let mut skip = Vec::new();
    if change.edit(PeeringField::SharedKey).is_some() {
        // The other values may hold (an earlier run, or someone else) while the key is still the old one.
        steps.push(Step::Comment(
            "The shared key is never read back, so this step cannot tell whether an earlier run set it:"
                .into(),
        ));
        steps.push(Step::Comment(
            "it runs every time (sending the same values again changes nothing).".into(),
        ));
    } else if readable_fields.is_empty() {
        // Nothing readable and no key: an edit whose value did not parse is left out above.
    } else {
        skip.push(holds(
            ctx,
            &planned,
            name,
            &readable_fields,
            "already holds these values",
        ));
    }
    steps.push(Step::Run {
        title: format!("update the live {name}."),
        command,
        skip,
        done: format!("updated {name}."),
    });
    verify_steps(ctx, steps, peering);
}

/// The comment lines that name what a change does to the live peering (§11.2 `change.*`).
pub fn consequence_lines(name: &str, change: &PeeringChange) -> Vec<String> {
    let mut resets = Vec::new();
    let mut revalidates = Vec::new();
    let mut lines = Vec::new();
    for consequence in change.consequences() {
        match consequence {
            Consequence::ResetsBgp(field) => resets.push(field.label()),
            Consequence::RevalidatesPrefixes(field) => revalidates.push(field.label()),
            Consequence::RemovesFamily(f) => lines.push(format!(
                "It removes {f}: the {f} BGP sessions of {name} end."
            )),
            Consequence::DetachesRouteFilter(f) => lines.push(format!(
                "It detaches the {f} route filter: no Microsoft prefixes over {f} until one is attached again."
            )),
        }
    }
    if !revalidates.is_empty() {
        lines.insert(
            0,
            format!(
                "Microsoft validates the advertised prefixes again ({} change): they are out of service until advertisedPublicPrefixesState is Configured again.",
                revalidates.join(", ")
            ),
        );
    }
    if !resets.is_empty() {
        lines.insert(
            0,
            format!(
                "This resets the BGP sessions of {name} ({}): run it in a maintenance window.",
                resets.join(", ")
            ),
        );
    }
    lines
}

/// The verify step of a peering (§8) and the checks to run once the routers are configured.
fn verify_steps(ctx: Ctx, steps: &mut Vec<Step>, peering: &Peering) {
    let name = peering.peering_type().as_str();
    let families = peering.links();
    let mut query = String::from("{state:state,provisioningState:provisioningState");
    if families.has(AddressFamily::Ipv6) {
        query.push_str(",ipv6State:ipv6PeeringConfig.state");
    }
    if peering.is_microsoft() {
        query.push_str(",ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState");
        query.push_str(
            ",ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState",
        );
    }
    query.push('}');
    let show = ctx
        .peering_command("show")
        .opt("-n", name)
        .opt("--query", query)
        .opt("-o", "table");
    steps.push(Step::Comment(
        "This shows that Azure accepted the configuration; it does not prove that BGP is up."
            .into(),
    ));
    let expect = match (families.has(AddressFamily::Ipv4), families.has(AddressFamily::Ipv6)) {
        (false, _) => "Expect provisioningState Succeeded and ipv6State Enabled. An IPv6-only peering reports the top-level state Disabled: only ipv6PeeringConfig.state is Enabled.",
        (true, true) => "Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.",
        (true, false) => "Expect provisioningState Succeeded and state Enabled.",
    };
    steps.push(Step::Comment(expect.into()));
    if peering.is_microsoft() {
        steps.push(Step::Comment("The prefixes state of each configured family must reach Configured. ValidationNeeded means the routing registry did not prove the prefixes are yours: open a support ticket with documents that show you own them.".into()));
    }
    steps.push(Step::Run {
        title: format!("show {name}."),
        command: show,
        skip: Vec::new(),
        done: format!("{name} is shown above."),
    });
    steps.push(Step::Comment(format!(
        "Once your routers are configured, check each path of {name} (run these by hand):"
    )));
    for (command, expect) in azure_checks(ctx, peering) {
        steps.push(Step::Later { command, expect });
    }
}

/// The Azure-side checks of a peering once the routers are up, per path: the ARP table (layer 2) and
/// the route table summary (the BGP session), each with what a healthy answer looks like (§10: our
/// address odd, Microsoft's even; AS 12076 on our router, the peer ASN seen by Microsoft).
pub fn azure_checks(ctx: Ctx, peering: &Peering) -> Vec<(AzCommand, Vec<String>)> {
    let name = peering.peering_type().as_str();
    let families = peering.links();
    let mut checks = Vec::new();
    for link in Link::ALL {
        let path = link.key();
        let arp = ctx
            .circuit_command("list-arp-tables")
            .opt("--peering-name", name)
            .opt("--path", path)
            .opt("-o", "table");
        let mut arp_expect = Vec::new();
        if let Some(links) = families.get(AddressFamily::Ipv4) {
            let subnet = links.get(link);
            arp_expect.push(format!(
                "expect two entries: {} (your router) and {} (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN {}, or the provider's tags).",
                subnet.customer_router_ip(),
                subnet.microsoft_router_ip(),
                peering.vlan_id
            ));
        } else {
            arp_expect.push("the ARP table lists IPv4 only; this peering has no IPv4: check the route table summary instead.".into());
        }
        checks.push((arp, arp_expect));
        let summary = ctx
            .circuit_command("list-route-tables-summary")
            .opt("--peering-name", name)
            .opt("--path", path)
            .opt("-o", "table");
        let neighbors: Vec<String> = families
            .iter()
            .map(|(_, links)| links.get(link).customer_router_ip().to_string())
            .collect();
        checks.push((
            summary,
            vec![format!(
                "expect neighbor {} with AS {} and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.",
                neighbors.join(" and "),
                peering.peer_asn
            )],
        ));
    }
    checks
}

/// Re-exported for the clean-up, rollback and REST builders.
pub(super) fn columns_planned(ctx: Ctx, peering: &Peering) -> Vec<Column> {
    ctx.columns_of(&PeeringState::of_plan(peering, &ctx.plan.circuit))
}
