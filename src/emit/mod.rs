//! Pure outputs from a [`ValidPlan`]: az CLI scripts (bash, PowerShell), ARM JSON bodies and the block
//! that sends them (§6, §8, §9, §11.3). Nothing here may import leptos, web-sys or gloo.
//!
//! Floors, each using only the ones above it:
//! - [`quote`]: how a word is written for each shell; [`script`]: the shell-neutral model of a block
//!   (steps, live-state checks, skips);
//! - [`fields`]: the one table of az flags, `--set` paths and ARM properties per field;
//! - [`commands`]: commands, values and columns built from that table;
//! - the blocks: [`apply`] (the main script), [`cleanup`] (clean-up and rollback), [`arm`] (ARM body and
//!   its `az rest` block), each from the one [`PeeringChange`](crate::domain::change::PeeringChange)
//!   per peering;
//! - [`bash`] and [`powershell`] render a script; [`blocks`] holds every block's exact text (§11.3).
//!
//! The scripts of a valid plan always render: every value of a [`ValidPlan`] is in the safe charset or
//! quotable; the quoting layer refuses (with a reason) only text that no plan can hold.

pub mod apply;
pub mod arm;
pub mod bash;
pub mod blocks;
pub mod cleanup;
pub mod commands;
pub mod fields;
pub mod filters;
pub mod hcl;
pub mod powershell;
pub mod quote;
mod render;
pub mod router;
pub mod script;
pub mod terraform;

use crate::domain::model::ValidPlan;
use commands::Ctx;
use script::{AzCommand, Script, Skip, Step};

pub use arm::ArmPayload;

/// The api-version of the planner's own ARM payloads (§9 policy).
pub const ARM_API_VERSION: &str = "2024-05-01";

/// Output options. Default: the shared key is read by the scripts and stays out of the text (§6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// "Put the shared key into the outputs": inline `--shared-key=<value>` and `sharedKey` in the body.
    pub inline_shared_key: bool,
}

/// The two shells the blocks are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    PowerShell,
}

fn header_common(plan: &ValidPlan) -> String {
    let c = &plan.circuit;
    let sub = match &c.subscription {
        Some(s) => format!("subscription {s}"),
        None => "the account's current subscription".to_string(),
    };
    format!(
        "ExpressRoute peerings for circuit {} in resource group {} ({sub}).",
        c.name, c.resource_group
    )
}

fn how_to_paste(shell: Shell) -> Vec<String> {
    match shell {
        Shell::Bash => vec![
            "Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only".into(),
            "hands it over), and it stops at the first failed step.".into(),
        ],
        Shell::PowerShell => vec![
            "Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or".into(),
            "macOS: it sets how arguments reach az for itself, and stops at the first failed step.".into(),
        ],
    }
}

const SAFE_TO_RERUN: [&str; 3] = [
    "Safe to run again: the first step reads the circuit and stops before any change when the plan would",
    "overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it",
    "was imported; every later step skips itself when the circuit already holds its values.",
];

/// The header and the subscription read every block needs, around a built script.
fn finish(ctx: Ctx, mut script: Script, header: Vec<String>) -> Script {
    if ctx.needs_subscription() && script.reads_circuit() {
        script.steps.insert(
            0,
            Step::ReadSubscription {
                command: AzCommand::new(&["account", "show"])
                    .opt("--query", "id")
                    .opt("-o", "tsv"),
            },
        );
    }
    script.header = header;
    script
}

/// Renders a script; on a [`ValidPlan`] the quoting layer cannot refuse (see the module docs), and if it
/// ever did the block says why instead of holding a broken command.
pub fn render(script: &Script, shell: Shell) -> String {
    let rendered = match shell {
        Shell::Bash => bash::render(script),
        Shell::PowerShell => powershell::render(script),
    };
    rendered.unwrap_or_else(|e| format!("# No commands: {e}\n"))
}

fn key_lines(script: &Script, shell: Shell, opts: &EmitOptions, plan: &ValidPlan) -> Vec<String> {
    let mut lines = Vec::new();
    for key in script.keys() {
        let var = match shell {
            Shell::Bash => key.env.clone(),
            Shell::PowerShell => format!("$env:{}", key.env),
        };
        lines.push(format!(
            "The BGP shared key of {} is read from {var}, or asked for (typing is not shown); it is never exported and is removed at the end.",
            key.peerings
        ));
    }
    if opts.inline_shared_key && plan.peerings.iter().any(|p| p.shared_key.is_some()) {
        lines.push("This block contains the BGP shared key: do not share or log it.".into());
    }
    lines
}

/// Blocks `az-bash` / `az-powershell`: the whole plan.
pub fn main_script(plan: &ValidPlan, opts: &EmitOptions, shell: Shell) -> String {
    let ctx = Ctx::new(plan, opts);
    let script = apply::main_script(ctx);
    let mut header = vec![header_common(plan)];
    header.extend(how_to_paste(shell));
    header.extend(SAFE_TO_RERUN.iter().map(|l| l.to_string()));
    if plan.baseline.is_some() {
        header.push("Change mode: one minimal update per live peering for what you edited; a live peering your plan".into());
        header.push(
            "drops is left alone (only the clean-up block deletes it, and only if you opt in)."
                .into(),
        );
    }
    header.extend(key_lines(&script, shell, opts, plan));
    render(&finish(ctx, script, header), shell)
}

/// Blocks `az-bash-cleanup` / `az-powershell-cleanup`.
pub fn cleanup(plan: &ValidPlan, shell: Shell) -> String {
    let opts = EmitOptions::default();
    let ctx = Ctx::new(plan, &opts);
    let script = cleanup::cleanup_script(ctx);
    let mut header = vec![header_common(plan)];
    header.push("CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering".into());
    header.push("still holds the values this block expects. az asks for no confirmation.".into());
    let opt_ins: Vec<&script::OptIn> = script
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Run { skip, .. } => skip.iter().find_map(|k| match k {
                Skip::NotOptedIn { opt_in } => Some(opt_in),
                _ => None,
            }),
            _ => None,
        })
        .fold(Vec::new(), |mut acc, o| {
            if !acc.iter().any(|x: &&script::OptIn| x.env == o.env) {
                acc.push(o);
            }
            acc
        });
    for opt_in in &opt_ins {
        header.push(match shell {
            Shell::Bash => format!(
                "To delete {}: change the first line to  {}=yes bash -s <<'{}'",
                opt_in.peering,
                opt_in.env,
                bash::DELIMITER
            ),
            Shell::PowerShell => format!(
                "To delete {}: run  $env:{} = 'yes'  first (the block removes it at its end).",
                opt_in.peering, opt_in.env
            ),
        });
    }
    render(&finish(ctx, script, header), shell)
}

/// Blocks `az-bash-rollback` / `az-powershell-rollback` (change mode only).
pub fn rollback(plan: &ValidPlan, shell: Shell) -> String {
    let opts = EmitOptions::default();
    let ctx = Ctx::new(plan, &opts);
    let Some(script) = cleanup::rollback_script(ctx) else {
        let note = [
            "No rollback: this plan creates peerings and changes nothing live (the clean-up block deletes".to_string(),
            "what it creates, if you opt in). Import a live circuit to plan a change with a rollback.".to_string(),
        ];
        return note_block(&note, shell);
    };
    let mut header = vec![header_common(plan)];
    header.push("ROLLBACK (change mode): puts back the values your plan edits, as they were when imported. It".into());
    header.push("stops when a peering changed since the plan was applied; what is already restored is skipped.".into());
    header.extend(how_to_paste(shell));
    render(&finish(ctx, script, header), shell)
}

/// A block that runs no command and says why; in bash still a here-document, so pasting it into zsh
/// runs nothing by accident.
fn note_block(lines: &[String], shell: Shell) -> String {
    match shell {
        Shell::Bash => bash::note(lines),
        Shell::PowerShell => powershell::note(lines),
    }
}

/// Blocks `arm-json`, `arm-rest` and `arm-rest-powershell`, one per peering.
pub fn arm_payloads(plan: &ValidPlan, opts: &EmitOptions) -> Vec<ArmPayload> {
    let ctx = Ctx::new(plan, opts);
    arm::payloads(ctx)
        .into_iter()
        .map(|mut p| {
            if let Some(script) = p.rest.take() {
                p.rest = Some(finish(ctx, script, Vec::new()));
            }
            p
        })
        .collect()
}

/// The `az rest` block of a payload for a shell, with its header.
pub fn rest_block(plan: &ValidPlan, payload: &ArmPayload, shell: Shell) -> String {
    let Some(script) = &payload.rest else {
        let mut note = vec!["No az rest block:".to_string()];
        note.extend(payload.notes.iter().cloned());
        return note_block(&note, shell);
    };
    let mut script = script.clone();
    let name = payload.peering_type.as_str();
    let mut header = vec![header_common(plan)];
    header.push(format!("PUT {}", payload.url));
    header.push(format!(
        "Save the {name} JSON body as {} in the current folder, then paste this block.",
        arm::BODY_FILE
    ));
    header.extend(how_to_paste(shell));
    header.push(
        "It stops before the PUT when the live circuit conflicts with the body, skips the PUT when"
            .into(),
    );
    header.push(format!(
        "{name} already holds every value of it, and waits for the PUT to finish."
    ));
    script.header = header;
    render(&script, shell)
}

/// The `az rest` block of a route filter the plan creates (block `arm-route-filter-rest`).
pub fn route_filter_rest_block(
    plan: &ValidPlan,
    filter: &filters::FilterPlan,
    shell: Shell,
) -> String {
    let mut script = filters::rest_script(filter);
    let mut header = vec![header_common(plan)];
    header.push(format!("PUT {}", filter.url()));
    header.push(format!(
        "Save the route filter {} JSON body as {} in the current folder, then paste this block.",
        filter.name,
        filters::body_file(filter)
    ));
    header.extend(how_to_paste(shell));
    header.push(
        "It stops before the PUT when the filter exists with another rule or region, skips the PUT"
            .into(),
    );
    header.push("when it already holds the body's rule, and waits for the PUT to finish.".into());
    script.header = header;
    render(&script, shell)
}
