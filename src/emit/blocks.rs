//! The page's output blocks (§11.3 `data-output`): the exact text of every block the page offers to copy
//! or download, derived from the analysis in one function ([`Outputs::build`]), including what a block
//! says while the plan has errors, and the IP plan as a text table.

use crate::domain::document::PlanDocument;
use crate::domain::ipplan::IpPlan;
use crate::domain::peering::PeeringType;
use crate::domain::validate::{analyze, Analysis};
use crate::emit::{self, EmitOptions, Shell};
use serde::{Deserialize, Serialize};

/// One peering's REST blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArmBlock {
    /// `AzurePrivatePeering` / `MicrosoftPeering` (the block's `data-peering`).
    pub peering_type: String,
    /// Block `arm-json`: the body, or (when there is none) what is needed first.
    pub body: String,
    /// Block `arm-rest`: the URL and the bash block that sends the body with `az rest`.
    pub rest: String,
    /// Block `arm-rest-powershell`: the same for PowerShell.
    pub rest_powershell: String,
    pub notes: Vec<String>,
}

/// Every output block's exact text. It crosses from the lazily loaded generator module to the page as
/// JSON (`src/bin/outputs.rs`), hence serde.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Outputs {
    /// `Some(first error)` when the plan has errors: the blocks then hold no command.
    pub blocked_by: Option<String>,
    pub bash: String,
    pub powershell: String,
    pub bash_cleanup: String,
    pub powershell_cleanup: String,
    /// Blocks `az-bash-rollback` / `az-powershell-rollback` (change mode: restores the baseline).
    pub bash_rollback: String,
    pub powershell_rollback: String,
    pub arm: Vec<ArmBlock>,
    pub ip_plan: String,
}

/// What a block says while the plan has errors (§11.2: no commands, say what to fix first).
fn fix_first_text(analysis: &Analysis) -> String {
    let errors: Vec<_> = analysis.findings.errors().collect();
    let mut text = format!(
        "# No commands yet: the plan has {} error{}. Fix {} first (see “Check your plan”):\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        if errors.len() == 1 { "it" } else { "them" }
    );
    for e in errors.iter().take(5) {
        let at = match e.path {
            crate::domain::field::FieldPath::Plan => "(plan)".to_string(),
            path => path.to_string(),
        };
        text.push_str(&format!("# - {at}: {}\n", e.message));
    }
    if errors.len() > 5 {
        text.push_str(&format!("# ... and {} more.\n", errors.len() - 5));
    }
    text
}

impl Outputs {
    /// Every block of the plan: [`Outputs::blocked`] while it has errors, else the scripts and bodies.
    pub fn build(doc: &PlanDocument, analysis: &Analysis, inline_shared_key: bool) -> Outputs {
        Outputs::blocked(doc, analysis).unwrap_or_else(|| generate(analysis, inline_shared_key))
    }

    /// The blocks of a plan with errors (each says what to fix first), `None` for a valid plan. Needs no
    /// emitter, so the page shows it before the generator module has loaded.
    pub fn blocked(doc: &PlanDocument, analysis: &Analysis) -> Option<Outputs> {
        if analysis.plan.is_some() {
            return None;
        }
        let first = analysis
            .findings
            .errors()
            .next()
            .map(|f| f.message.clone())
            .unwrap_or_default();
        let mut outputs = Outputs::uniform(doc, analysis, fix_first_text(analysis));
        outputs.blocked_by = Some(first);
        Some(outputs)
    }

    /// Every block saying `text` (the generator is loading, or could not load), the IP plan as it is.
    pub fn uniform(doc: &PlanDocument, analysis: &Analysis, text: String) -> Outputs {
        let mut seen = Vec::new();
        let arm = doc
            .peerings
            .iter()
            .filter_map(|p| PeeringType::parse(&p.peering_type).ok())
            .filter(|t| {
                let new = !seen.contains(t);
                seen.push(*t);
                new
            })
            .map(|t| ArmBlock {
                peering_type: t.as_str().to_string(),
                body: text.clone(),
                rest: text.clone(),
                rest_powershell: text.clone(),
                notes: Vec::new(),
            })
            .collect();
        Outputs {
            blocked_by: None,
            bash: text.clone(),
            powershell: text.clone(),
            bash_cleanup: text.clone(),
            powershell_cleanup: text.clone(),
            bash_rollback: text.clone(),
            powershell_rollback: text,
            arm,
            ip_plan: ip_plan_text(&analysis.ip_plan),
        }
    }

    /// The generator module's entry point: a plan document as JSON (shared key included: it never
    /// leaves the page) in, the [`Outputs`] as JSON out. Total: unreadable input gets blocks that say so.
    pub fn from_document_json(doc_json: &str, inline_shared_key: bool) -> String {
        let outputs = match PlanDocument::from_json(doc_json) {
            Ok(doc) => {
                let analysis = analyze(&doc);
                Outputs::build(&doc, &analysis, inline_shared_key)
            }
            Err(e) => Outputs {
                blocked_by: Some(e.to_string()),
                ..Outputs::default()
            },
        };
        serde_json::to_string(&outputs).unwrap_or_default()
    }
}

/// The blocks of a valid plan.
fn generate(analysis: &Analysis, inline_shared_key: bool) -> Outputs {
    let ip_plan = ip_plan_text(&analysis.ip_plan);
    let Some(plan) = &analysis.plan else {
        return Outputs::default();
    };
    let opts = EmitOptions { inline_shared_key };
    let arm = emit::arm_payloads(plan, &opts)
        .into_iter()
        .map(|p| {
            let body = if p.body.is_empty() {
                let mut t = String::from("# No JSON body yet:\n");
                for n in &p.notes {
                    t.push_str(&format!("# {n}\n"));
                }
                t
            } else {
                p.body.clone()
            };
            ArmBlock {
                peering_type: p.peering_type.as_str().to_string(),
                body,
                rest: emit::rest_block(plan, &p, Shell::Bash),
                rest_powershell: emit::rest_block(plan, &p, Shell::PowerShell),
                notes: p.notes,
            }
        })
        .collect();
    Outputs {
        blocked_by: None,
        bash: emit::main_script(plan, &opts, Shell::Bash),
        powershell: emit::main_script(plan, &opts, Shell::PowerShell),
        bash_cleanup: emit::cleanup(plan, Shell::Bash),
        powershell_cleanup: emit::cleanup(plan, Shell::PowerShell),
        bash_rollback: emit::rollback(plan, Shell::Bash),
        powershell_rollback: emit::rollback(plan, Shell::PowerShell),
        arm,
        ip_plan,
    }
}

/// The columns of the IP plan, for the text table and the HTML table alike.
pub const IP_PLAN_COLUMNS: [&str; 10] = [
    "Peering",
    "Family",
    "Link",
    "Subnet",
    "Your router",
    "Microsoft router",
    "Mask",
    "VLAN",
    "Your ASN",
    "Microsoft ASN",
];

/// The cells of each row of the IP plan (§2, §10): every address spelled out.
pub fn ip_plan_cells(plan: &IpPlan) -> Vec<[String; 10]> {
    plan.rows
        .iter()
        .map(|r| {
            let mask = match r.netmask {
                Some(m) => format!("/{} ({m})", r.prefix_len),
                None => format!("/{}", r.prefix_len),
            };
            [
                r.peering_type.as_str().to_string(),
                r.family.label().to_string(),
                r.link.label().to_string(),
                r.subnet.to_string(),
                r.customer_router_ip.to_string(),
                r.microsoft_router_ip.to_string(),
                mask,
                r.vlan_id
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "?".into()),
                r.peer_asn
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "?".into()),
                r.microsoft_asn.to_string(),
            ]
        })
        .collect()
}

/// Block `ip-plan`: a plain-text table with aligned columns (copyable into a ticket or e-mail).
pub fn ip_plan_text(plan: &IpPlan) -> String {
    let rows = ip_plan_cells(plan);
    if rows.is_empty() {
        return "No link subnet is valid yet: the IP plan lists each link once its subnet is valid.\n"
            .into();
    }
    let mut widths: [usize; 10] = IP_PLAN_COLUMNS.map(|c| c.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = cells
            .iter()
            .zip(widths.iter())
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ");
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let header: Vec<String> = IP_PLAN_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut text = line(&header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    text.push_str(&line(&rule));
    for row in &rows {
        text.push_str(&line(row));
    }
    text.push_str("? = not valid yet. Microsoft's side of every BGP session is AS 12076.\n");
    text
}
