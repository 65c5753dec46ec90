//! Pure outputs from a [`ValidPlan`]: az CLI scripts (bash, Windows PowerShell), ARM JSON bodies, the
//! `az rest` line (§6, §8, §9, §11.3). Nothing here may import leptos, web-sys or gloo.
//!
//! Layout: [`azcli`] turns a plan into one shell-neutral list of `az` argv [`steps`]; [`bash`] and
//! [`powershell`] render that list through the quoting layer [`quote`]; [`arm`] builds the REST payloads.
//! Change mode (the plan has a baseline): [`change`] turns each live peering into one minimal `update`.
//! [`blocks`]: the exact text of every block of the page (§11.3), including what they say while the plan
//! has errors, and the IP plan as a text table.
//! The scripts of a valid plan always render: every value of a [`ValidPlan`] is in the safe charset or
//! quotable; the quoting layer refuses (with a reason) only text that no plan can hold.

pub mod arm;
pub mod azcli;
pub mod bash;
pub mod blocks;
pub mod change;
pub mod powershell;
pub mod quote;
pub mod steps;

use crate::domain::model::ValidPlan;
use crate::domain::peering::PeeringType;
use steps::Script;

/// The api-version of the planner's own ARM payloads (§9 policy).
pub const ARM_API_VERSION: &str = "2024-05-01";

/// Output options. Default: the shared key comes from `ER_SHARED_KEY` and stays out of the text (§6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// "Put the shared key into the outputs": inline `--shared-key=<value>` and `sharedKey` in the body.
    pub inline_shared_key: bool,
}

/// One peering's REST payload: blocks `arm-json` (the body) and `arm-rest` (URL and `az rest` line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmPayload {
    pub peering_type: PeeringType,
    /// The pretty JSON body only; empty when the plan lacks what the body needs (see `notes`).
    pub body: String,
    /// `None` when the plan has no subscription.
    pub url: Option<String>,
    pub rest_bash: String,
    pub rest_powershell: String,
    /// Explanations shown beside the body.
    pub notes: Vec<String>,
}

fn header_common(plan: &ValidPlan) -> Vec<String> {
    let c = &plan.circuit;
    let sub = match &c.subscription {
        Some(s) => format!("subscription {s}"),
        None => "the account's current subscription".to_string(),
    };
    vec![format!(
        "ExpressRoute peerings for circuit {} in resource group {} ({sub}).",
        c.name, c.resource_group
    )]
}

/// The header of a main script: what it is, how to paste it, where the shared key comes from.
fn script_header(
    plan: &ValidPlan,
    opts: &EmitOptions,
    how_to_paste: &[&str],
    set_key: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut h = header_common(plan);
    h.extend(how_to_paste.iter().map(|line| line.to_string()));
    if !opts.inline_shared_key {
        for var in azcli::key_var_names(plan) {
            h.push(set_key(&var));
        }
    }
    if opts.inline_shared_key && plan.peerings.iter().any(|p| p.shared_key.is_some()) {
        h.push("This block contains the BGP shared key: do not share or log it.".into());
    }
    h
}

fn bash_header(plan: &ValidPlan, opts: &EmitOptions) -> Vec<String> {
    script_header(
        plan,
        opts,
        &["Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step."],
        |var| format!("The BGP shared key is read from {var}; set it first: read -rs {var}; export {var}"),
    )
}

fn powershell_header(plan: &ValidPlan, opts: &EmitOptions) -> Vec<String> {
    script_header(
        plan,
        opts,
        &[
            "Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh",
            "on Linux/macOS. Paste the whole block: it stops at the first failed step.",
        ],
        |var| format!("The BGP shared key is read from $env:{var}; set it first: $env:{var} = Read-Host 'BGP shared key'"),
    )
}

fn cleanup_header(plan: &ValidPlan) -> Vec<String> {
    let mut h = header_common(plan);
    if plan.baseline.is_some() {
        h.push("CLEAN-UP (change mode): deletes the live peerings your plan drops, and the peerings this".into());
        h.push("plan creates. It never deletes a live peering the plan keeps. az asks for no confirmation.".into());
        h.push("Remove the VNet connections and Global Reach connections of a peering before deleting it.".into());
        return h;
    }
    h.push("CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.".into());
    h.push("Remove the VNet connections of these peerings (az network vpn-connection delete) and their".into());
    h.push(
        "Global Reach connections (az network express-route peering connection delete) first."
            .into(),
    );
    h
}

fn with_header(mut script: Script, header: Vec<String>) -> Script {
    script.header = header;
    script
}

/// Renders a script; on a [`ValidPlan`] the quoting layer cannot refuse (see the module docs), and if it
/// ever did the block says why instead of holding a broken command.
fn render_or_explain(rendered: Result<String, quote::QuoteError>) -> String {
    rendered.unwrap_or_else(|e| format!("# No commands: {e}\n"))
}

/// Block `az-bash`: the whole plan for bash.
pub fn bash_script(plan: &ValidPlan, opts: &EmitOptions) -> String {
    let script = with_header(azcli::plan_script(plan, opts), bash_header(plan, opts));
    render_or_explain(bash::render(&script))
}

/// Block `az-powershell`: the whole plan for Windows PowerShell.
pub fn powershell_script(plan: &ValidPlan, opts: &EmitOptions) -> String {
    let script = with_header(
        azcli::plan_script(plan, opts),
        powershell_header(plan, opts),
    );
    render_or_explain(powershell::render(&script))
}

/// Block `az-bash-cleanup`.
pub fn bash_cleanup(plan: &ValidPlan) -> String {
    let script = with_header(azcli::cleanup_script(plan), cleanup_header(plan));
    render_or_explain(bash::render(&script))
}

/// Block `az-powershell-cleanup`.
pub fn powershell_cleanup(plan: &ValidPlan) -> String {
    let script = with_header(azcli::cleanup_script(plan), cleanup_header(plan));
    render_or_explain(powershell::render(&script))
}

/// Blocks `arm-json` and `arm-rest`, one per peering.
pub fn arm_payloads(plan: &ValidPlan, opts: &EmitOptions) -> Vec<ArmPayload> {
    arm::payloads(plan, opts)
}
