//! The blocks that undo (§11.3): the clean-up (`az-bash-cleanup`, `az-powershell-cleanup`), which deletes
//! peerings, and in change mode the rollback (`az-bash-rollback`, `az-powershell-rollback`), which
//! restores what the plan edits from the baseline.
//!
//! A deletion never happens by accident: each peering needs its own opt-in (`ER_DELETE_<PEERING>=yes`),
//! the peering must still hold what this block expects (the plan's values for a peering the plan
//! created, the imported values for a live peering the plan drops), and a private peering is deleted
//! only once its Global Reach connections are gone.

use super::apply::{columns_planned, consequence_lines};
use super::commands::{raw_text, readable_edits, Ctx};
use super::fields::spec;
use super::quote::Word;
use super::script::{Check, Column, OptIn, Script, Skip, Step};
use crate::domain::change::{plan_changes, ChangeKind, Held, PeeringField, PeeringState};
use crate::domain::model::LivePeering;
use crate::domain::peering::PeeringType;

/// The clean-up block of a valid plan.
pub fn cleanup_script(ctx: Ctx) -> Script {
    let plan = ctx.plan;
    let mut checks = Vec::new();
    let mut steps = Vec::new();
    // Last created first (the reverse of the main script), then the live peerings the plan drops.
    let changes = plan_changes(plan);
    for change in changes
        .iter()
        .rev()
        .filter(|c| c.kind == ChangeKind::Create)
    {
        let Some(peering) = plan.planned(change.peering_type) else {
            continue;
        };
        let offer = Offer {
            columns: columns_planned(ctx, peering),
            source: "this plan",
            why: "was created by this plan.",
            connections: Vec::new(),
        };
        offer_delete(ctx, &mut steps, &mut checks, change.peering_type, offer);
    }
    for change in changes.iter().filter(|c| c.kind == ChangeKind::Drop) {
        let Some(live) = plan.live(change.peering_type) else {
            continue;
        };
        let offer = Offer {
            columns: imported_columns(ctx, live),
            source: "the imported peering",
            why: "is live and not in your plan. Deleting it stops its BGP sessions and all traffic over it.",
            connections: live.connection_names(),
        };
        offer_delete(ctx, &mut steps, &mut checks, change.peering_type, offer);
    }
    if let Some(baseline) = &plan.baseline {
        for live in &baseline.peerings {
            if plan.planned(live.peering_type).is_some() {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{} is live and stays in your plan: never deleted here (the rollback block restores its imported values).",
                    live.peering_type
                )));
            }
        }
    }
    // The route filters the plan creates: detached and deleted before any peering goes (detaching
    // needs the peering), each with its own opt-in.
    let filters = super::filters::planned(plan);
    let mut filter_checks = Vec::new();
    let mut filter_steps = Vec::new();
    for f in &filters {
        super::filters::cleanup_steps(ctx, f, &mut filter_checks, &mut filter_steps);
    }
    if checks.is_empty() && filters.is_empty() {
        steps.push(Step::Comment(
            "Nothing to delete: every peering of the plan is live and stays.".into(),
        ));
        return Script {
            header: Vec::new(),
            steps,
        };
    }
    let mut all = vec![Step::ReadCircuit {
        command: ctx.circuit_read(),
        circuit: plan.circuit.name.to_string(),
        checks,
    }];
    let created: Vec<_> = filters
        .iter()
        .filter(|f| f.imported.is_none())
        .cloned()
        .collect();
    if !created.is_empty() {
        all.push(super::filters::read_step(&created, filter_checks));
    }
    all.extend(filter_steps);
    all.extend(steps);
    Script {
        header: Vec::new(),
        steps: all,
    }
}

/// The values az printed when the peering was imported, as columns.
fn imported_columns(ctx: Ctx, live: &LivePeering) -> Vec<Column> {
    let state = PeeringState::of_live(live, crate::domain::change::Scope::of(&ctx.plan.circuit));
    let mut columns = ctx.columns_of(&state);
    for column in &mut columns {
        if let Some(field) = field_of(column.name) {
            column.value = Word::text(raw_text(&live.raw, field));
        }
    }
    columns
}

fn field_of(path: &str) -> Option<PeeringField> {
    super::fields::TABLE
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.field)
}

/// A peering the clean-up may delete, and what it must still hold first.
struct Offer {
    columns: Vec<Column>,
    /// Where `columns` come from: "this plan" / "the imported peering".
    source: &'static str,
    /// Why it is offered, after its name.
    why: &'static str,
    /// Its Global Reach connections the baseline knows (deleted first).
    connections: Vec<String>,
}

/// The opt-in steps that delete one peering (§8 clean-up): only with `ER_DELETE_<PEERING>=yes`, only
/// while it still holds `offer.columns`.
fn offer_delete(
    ctx: Ctx,
    steps: &mut Vec<Step>,
    checks: &mut Vec<Check>,
    peering_type: PeeringType,
    offer: Offer,
) {
    let name = peering_type.as_str();
    let opt_in = OptIn::for_peering(name);
    checks.push(Check::StillHolds {
        opt_in: opt_in.clone(),
        columns: offer.columns,
        source: offer.source,
    });
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "{name} {} To delete it, run the block with {}=yes.",
        offer.why, opt_in.env
    )));
    delete_steps(
        ctx,
        steps,
        checks,
        &opt_in,
        peering_type,
        &offer.connections,
    );
}

/// The deletion of one peering: for a private peering, its known Global Reach connections first and
/// a fresh check that none is left (§9 `connections`); then the `delete`.
fn delete_steps(
    ctx: Ctx,
    steps: &mut Vec<Step>,
    checks: &mut Vec<Check>,
    opt_in: &OptIn,
    peering: PeeringType,
    connections: &[String],
) {
    let name = peering.as_str();
    let opted_out = Skip::NotOptedIn {
        opt_in: opt_in.clone(),
    };
    if peering == PeeringType::AzurePrivatePeering {
        checks.push(Check::NoGlobalReach {
            opt_in: opt_in.clone(),
            deleted_first: connections.to_vec(),
        });
        checks.push(Check::NoVirtualWan {
            opt_in: opt_in.clone(),
        });
        steps.push(Step::Comment(
            "Before a private peering goes, so must what uses it: its VNet gateway connections (az network vpn-connection delete)".into(),
        ));
        steps.push(Step::Comment(
            "and its Virtual WAN connection (az network express-route gateway connection delete); this block stops while one is left.".into(),
        ));
        for connection in connections {
            steps.push(Step::Run {
                title: format!("delete the Global Reach connection {connection} of {name}."),
                command: ctx.connection_delete(name, connection),
                skip: vec![
                    opted_out.clone(),
                    Skip::NoConnection {
                        peering: name.to_string(),
                        connection: connection.clone(),
                    },
                ],
                done: format!("deleted the Global Reach connection {connection}."),
            });
        }
        steps.push(Step::CheckNoConnections {
            opt_in: opt_in.clone(),
            command: ctx
                .peering_command("show")
                .opt("-n", name)
                .opt("--query", "to_string(connections[].name)")
                .opt("-o", "tsv"),
        });
    }
    steps.push(Step::Run {
        title: format!("delete {name}; az asks for no confirmation."),
        command: ctx
            .peering_command("delete")
            .opt("-n", name)
            .opt("-o", "none"),
        skip: vec![
            opted_out,
            Skip::Absent {
                peering: name.to_string(),
                reason: format!("{name} does not exist"),
            },
        ],
        done: format!("deleted {name}."),
    });
}

/// The rollback block (change mode): every live peering the plan edits, back to its imported values.
pub fn rollback_script(ctx: Ctx) -> Option<Script> {
    let plan = ctx.plan;
    plan.baseline.as_ref()?;
    let mut checks = vec![];
    let mut steps = Vec::new();
    for change in plan_changes(plan) {
        let name = change.peering_type.as_str();
        match change.kind {
            ChangeKind::Create => {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{name} did not exist before this plan: to undo it, delete it with the clean-up block ({}=yes).",
                    OptIn::for_peering(name).env
                )));
            }
            ChangeKind::Update => {
                let Some(live) = plan.live(change.peering_type) else {
                    continue;
                };
                let back = change.inverse();
                let planned = plan
                    .planned(change.peering_type)
                    .map(|p| PeeringState::of_plan(p, &plan.circuit));
                let state = live
                    .live_properties
                    .iter()
                    .find(|(path, _)| path == "state")
                    .map(|(_, v)| v);
                let (command, unparsed) = ctx.update_command(&back, None, state);
                let command = command.opt("-o", "none");
                let fields = readable_edits(&back);
                let columns: Vec<(&'static str, Word, Word)> = fields
                    .iter()
                    .map(|f| {
                        let now = planned
                            .as_ref()
                            .and_then(|p| ctx.columns_for(p, &[*f]).pop())
                            .map(|c| c.value)
                            .unwrap_or_else(|| Word::text(""));
                        (spec(*f).path, now, Word::text(raw_text(&live.raw, *f)))
                    })
                    .collect();
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{name}: back to the values it had when it was imported."
                )));
                for line in consequence_lines(name, &back) {
                    steps.push(Step::Comment(line));
                }
                if change.edit(PeeringField::SharedKey).is_some() {
                    steps.push(Step::Comment("The shared key cannot be restored (the live key is never read back): set the old key again by hand if you need it.".into()));
                }
                for edit in &unparsed {
                    steps.push(Step::Comment(format!(
                        "Cannot restore {}: its imported value {} did not parse; set it by hand.",
                        edit.field.label(),
                        edit.after.as_ref().map(Held::to_string).unwrap_or_default()
                    )));
                }
                if fields.is_empty() {
                    steps.push(Step::Comment(format!("Nothing of {name} to restore.")));
                    continue;
                }
                checks.push(Check::Unchanged {
                    peering: name.to_string(),
                    columns: columns.clone(),
                    before_is: "planned",
                });
                if change.edit(PeeringField::VlanId).is_some() {
                    checks.push(Check::VlanFree {
                        peering: name.to_string(),
                        vlan: raw_text(&live.raw, PeeringField::VlanId),
                    });
                }
                steps.push(Step::Run {
                    title: format!("restore the imported values of {name}."),
                    command,
                    skip: vec![Skip::Holds {
                        peering: name.to_string(),
                        columns: columns
                            .into_iter()
                            .map(|(name, _, imported)| Column {
                                name,
                                value: imported,
                            })
                            .collect(),
                        reason: format!("{name} already holds its imported values"),
                    }],
                    done: format!("restored {name}."),
                });
            }
            ChangeKind::Unchanged => {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{name}: the plan does not change it; nothing to restore."
                )));
            }
            ChangeKind::Drop => {
                steps.push(Step::Blank);
                steps.push(Step::Comment(format!(
                    "{name}: the plan leaves it as it is; nothing to restore."
                )));
            }
        }
    }
    // Managed route filters: the imported communities back.
    let filters = super::filters::planned(plan);
    let mut filter_checks = Vec::new();
    let mut filter_steps = Vec::new();
    for f in &filters {
        super::filters::rollback_steps(f, &mut filter_checks, &mut filter_steps);
    }
    let mut all = Vec::new();
    if !checks.is_empty() || !filter_checks.is_empty() {
        all.push(Step::ReadCircuit {
            command: ctx.circuit_read(),
            circuit: plan.circuit.name.to_string(),
            checks,
        });
    }
    if !filter_checks.is_empty() {
        let managed: Vec<_> = filters
            .iter()
            .filter(|f| f.imported.is_some())
            .cloned()
            .collect();
        all.push(super::filters::read_step(&managed, filter_checks));
        all.extend(filter_steps);
    }
    all.extend(steps);
    Some(Script {
        header: Vec::new(),
        steps: all,
    })
}
