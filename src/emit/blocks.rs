//! The page's output blocks (§11.3 `data-output`): the exact text of every block the page offers to copy
//! or download, derived from the analysis in one function ([`Outputs::build`]), including what a block
//! says while the plan has errors, and the IP plan as a text table.

use crate::domain::document::PlanDocument;
use crate::domain::field::{AddressFamily, Link};
use crate::domain::findings::Findings;
use crate::domain::ipplan::IpPlan;
use crate::domain::model::ValidPlan;
use crate::domain::peering::PeeringType;
use crate::domain::router::Vendor;
use crate::domain::validate::{analyze, Analysis};
use crate::emit::{self, router, EmitOptions, Shell};
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
    /// Blocks `router-<vendor>-<router>` (§11.3), in [`Vendor::ALL`] × [`Link::ALL`] order.
    pub routers: Vec<RouterBlock>,
    /// Block `router-handover`: the sheet for the router team.
    pub handover: String,
    /// One complete `.tf` file (block `terraform`).
    #[serde(default)]
    pub terraform: String,
    /// Blocks `arm-route-filter` and its `az rest` blocks, one set per route filter the plan creates.
    #[serde(default)]
    pub route_filters: Vec<FilterBlock>,
    pub ip_plan: String,
}

/// One route filter's ARM blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterBlock {
    pub peering_type: String,
    /// `ipv4` / `ipv6`: the (first) family that attaches it.
    pub family: String,
    pub name: String,
    pub body: String,
    pub rest: String,
    pub rest_powershell: String,
}

/// One router config block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterBlock {
    /// `iosxe`, `junos`, `eos`, `frr`.
    pub vendor: String,
    /// `primary`, `secondary`.
    pub router: String,
    pub text: String,
}

/// What the page shows of an analysis: the findings, whether the plan is valid, and the IP plan as
/// cells and as text. The generator module sends it to the page as JSON with every edit (README
/// "Architecture": the validator runs there, next to the emitters).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Report {
    /// `false` until a validator has looked at the plan (the page then says it is checking).
    pub checked: bool,
    pub findings: Findings,
    /// No finding is an error: the blocks hold commands.
    pub valid: bool,
    pub ip_rows: Vec<[String; 10]>,
    pub ip_text: String,
}

impl Report {
    pub fn of(analysis: &Analysis) -> Report {
        Report {
            checked: true,
            findings: analysis.findings.clone(),
            valid: analysis.plan.is_some(),
            ip_rows: ip_plan_cells(&analysis.ip_plan),
            ip_text: ip_plan_text(&analysis.ip_plan),
        }
    }
}

/// What a block says while the plan has errors (§11.2: no commands, say what to fix first).
fn fix_first_text(report: &Report) -> String {
    let errors: Vec<_> = report.findings.errors().collect();
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
        Outputs::blocked(doc, &Report::of(analysis))
            .unwrap_or_else(|| generate(analysis, inline_shared_key))
    }

    /// The blocks of a plan with errors (each says what to fix first), `None` for a valid plan. Needs no
    /// emitter, so the page shows it before the generator module has loaded.
    pub fn blocked(doc: &PlanDocument, report: &Report) -> Option<Outputs> {
        if report.valid {
            return None;
        }
        let first = report
            .findings
            .errors()
            .next()
            .map(|f| f.message.clone())
            .unwrap_or_default();
        let mut outputs = Outputs::uniform(doc, report, fix_first_text(report));
        outputs.blocked_by = Some(first);
        Some(outputs)
    }

    /// Every block saying `text` (the generator is loading, or could not load), the IP plan as it is.
    pub fn uniform(doc: &PlanDocument, report: &Report, text: String) -> Outputs {
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
        let routers = router_pairs()
            .map(|(vendor, link)| RouterBlock {
                vendor: vendor.key().to_string(),
                router: link.key().to_string(),
                text: text.clone(),
            })
            .collect();
        Outputs {
            blocked_by: None,
            bash: text.clone(),
            powershell: text.clone(),
            bash_cleanup: text.clone(),
            powershell_cleanup: text.clone(),
            bash_rollback: text.clone(),
            powershell_rollback: text.clone(),
            arm,
            routers,
            handover: text.clone(),
            terraform: text,
            route_filters: Vec::new(),
            ip_plan: report.ip_text.clone(),
        }
    }

    /// Every block at once from a plan document as JSON (shared key included). Total: unreadable
    /// input gets blocks that say so.
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
    let Some(generator) = Generator::new(analysis, inline_shared_key) else {
        return Outputs::default();
    };
    let arm = generator
        .arm_meta()
        .into_iter()
        .map(|(peering_type, notes)| ArmBlock {
            body: generator.block(BlockId::ArmJson(peering_type)),
            rest: generator.block(BlockId::ArmRest(peering_type)),
            rest_powershell: generator.block(BlockId::ArmRestPowerShell(peering_type)),
            peering_type: peering_type.as_str().to_string(),
            notes,
        })
        .collect();
    let routers = router_pairs()
        .map(|(vendor, link)| RouterBlock {
            vendor: vendor.key().to_string(),
            router: link.key().to_string(),
            text: generator.block(BlockId::Router(vendor, link)),
        })
        .collect();
    Outputs {
        blocked_by: None,
        bash: generator.block(BlockId::AzBash),
        powershell: generator.block(BlockId::AzPowerShell),
        bash_cleanup: generator.block(BlockId::CleanupBash),
        powershell_cleanup: generator.block(BlockId::CleanupPowerShell),
        bash_rollback: generator.block(BlockId::RollbackBash),
        powershell_rollback: generator.block(BlockId::RollbackPowerShell),
        arm,
        routers,
        handover: generator.block(BlockId::RouterHandover),
        terraform: generator.block(BlockId::Terraform),
        route_filters: generator
            .filters
            .iter()
            .map(|f| {
                let (p, fam) = (f.peering_type, f.family());
                FilterBlock {
                    peering_type: p.as_str().to_string(),
                    family: fam.key().to_string(),
                    name: f.name.clone(),
                    body: generator.block(BlockId::ArmRouteFilter(p, fam)),
                    rest: generator.block(BlockId::ArmRouteFilterRest(p, fam)),
                    rest_powershell: generator.block(BlockId::ArmRouteFilterRestPowerShell(p, fam)),
                }
            })
            .collect(),
        ip_plan: ip_plan_text(&analysis.ip_plan),
    }
}

/// Every (vendor, router) pair, vendor by vendor, primary first.
pub fn router_pairs() -> impl Iterator<Item = (Vendor, Link)> {
    Vendor::ALL
        .into_iter()
        .flat_map(|v| Link::ALL.into_iter().map(move |l| (v, l)))
}

/// One output block of a valid plan (§11.3 `data-output`, with its `data-peering`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockId {
    AzBash,
    AzPowerShell,
    CleanupBash,
    CleanupPowerShell,
    RollbackBash,
    RollbackPowerShell,
    ArmJson(PeeringType),
    ArmRest(PeeringType),
    ArmRestPowerShell(PeeringType),
    Router(Vendor, Link),
    RouterHandover,
    /// One complete `.tf` file for azurerm 4.x.
    Terraform,
    /// A route filter the plan creates, by the peering and (first) family that attach it.
    ArmRouteFilter(PeeringType, AddressFamily),
    ArmRouteFilterRest(PeeringType, AddressFamily),
    ArmRouteFilterRestPowerShell(PeeringType, AddressFamily),
}

impl BlockId {
    /// The blocks every valid plan has, before the per-peering ARM ones.
    pub const SCRIPTS: [BlockId; 6] = [
        BlockId::AzBash,
        BlockId::AzPowerShell,
        BlockId::CleanupBash,
        BlockId::CleanupPowerShell,
        BlockId::RollbackBash,
        BlockId::RollbackPowerShell,
    ];

    /// The blocks every valid plan has, whatever its peerings (the per-peering ones come on top), in
    /// page order.
    pub fn fixed() -> impl Iterator<Item = BlockId> {
        BlockId::SCRIPTS
            .into_iter()
            .chain([BlockId::Terraform])
            .chain(BlockId::routers())
            .chain([BlockId::RouterHandover])
    }

    /// Every router block, vendor by vendor, primary first.
    pub fn routers() -> impl Iterator<Item = BlockId> {
        router_pairs().map(|(v, l)| BlockId::Router(v, l))
    }

    /// The `data-output` value.
    pub fn output(self) -> String {
        match self {
            BlockId::AzBash => "az-bash".into(),
            BlockId::AzPowerShell => "az-powershell".into(),
            BlockId::CleanupBash => "az-bash-cleanup".into(),
            BlockId::CleanupPowerShell => "az-powershell-cleanup".into(),
            BlockId::RollbackBash => "az-bash-rollback".into(),
            BlockId::RollbackPowerShell => "az-powershell-rollback".into(),
            BlockId::ArmJson(_) => "arm-json".into(),
            BlockId::ArmRest(_) => "arm-rest".into(),
            BlockId::ArmRestPowerShell(_) => "arm-rest-powershell".into(),
            BlockId::Router(vendor, link) => format!("router-{}-{}", vendor.key(), link.key()),
            BlockId::RouterHandover => "router-handover".into(),
            BlockId::Terraform => "terraform".into(),
            BlockId::ArmRouteFilter(..) => "arm-route-filter".into(),
            BlockId::ArmRouteFilterRest(..) => "arm-route-filter-rest".into(),
            BlockId::ArmRouteFilterRestPowerShell(..) => "arm-route-filter-rest-powershell".into(),
        }
    }

    /// The `data-family` value, for the route filter blocks.
    pub fn family(self) -> Option<AddressFamily> {
        match self {
            BlockId::ArmRouteFilter(_, f)
            | BlockId::ArmRouteFilterRest(_, f)
            | BlockId::ArmRouteFilterRestPowerShell(_, f) => Some(f),
            _ => None,
        }
    }

    /// The `data-peering` value, for the per-peering blocks.
    pub fn peering(self) -> Option<PeeringType> {
        match self {
            BlockId::ArmJson(p) | BlockId::ArmRest(p) | BlockId::ArmRestPowerShell(p) => Some(p),
            BlockId::ArmRouteFilter(p, _)
            | BlockId::ArmRouteFilterRest(p, _)
            | BlockId::ArmRouteFilterRestPowerShell(p, _) => Some(p),
            _ => None,
        }
    }

    /// A key that names the block alone: its `data-output`, and `:<peering>` for per-peering blocks.
    pub fn key(self) -> String {
        match (self.peering(), self.family()) {
            (Some(p), Some(f)) => format!("{}:{}:{}", self.output(), p.as_str(), f.key()),
            (Some(p), None) => format!("{}:{}", self.output(), p.as_str()),
            _ => self.output(),
        }
    }

    /// Reads a [`BlockId::key`]. Total.
    pub fn parse(key: &str) -> Option<BlockId> {
        let mut parts = key.split(':');
        let output = parts.next()?;
        let peering = match parts.next() {
            Some(p) => Some(PeeringType::parse(p).ok()?),
            None => None,
        };
        if let Some(family) = parts.next() {
            let family = AddressFamily::ALL.into_iter().find(|f| f.key() == family)?;
            let peering = peering?;
            if parts.next().is_some() {
                return None;
            }
            return match output {
                "arm-route-filter" => Some(BlockId::ArmRouteFilter(peering, family)),
                "arm-route-filter-rest" => Some(BlockId::ArmRouteFilterRest(peering, family)),
                "arm-route-filter-rest-powershell" => {
                    Some(BlockId::ArmRouteFilterRestPowerShell(peering, family))
                }
                _ => None,
            };
        }
        let simple = BlockId::fixed().find(|b| b.output() == output);
        match (simple, peering) {
            (Some(b), None) => Some(b),
            (None, Some(p)) => match output {
                "arm-json" => Some(BlockId::ArmJson(p)),
                "arm-rest" => Some(BlockId::ArmRest(p)),
                "arm-rest-powershell" => Some(BlockId::ArmRestPowerShell(p)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Builds the blocks of one valid plan on demand, one at a time, so a page can show the visible blocks
/// at once and the others a moment later (README "Architecture": off the input path).
pub struct Generator {
    plan: ValidPlan,
    ip_plan: IpPlan,
    opts: EmitOptions,
    /// The ARM payloads are built once: three blocks of each peering read them.
    arm: Vec<emit::ArmPayload>,
    /// The route filters the plan creates.
    filters: Vec<emit::filters::FilterPlan>,
}

impl Generator {
    fn filter(&self, p: PeeringType, f: AddressFamily) -> Option<&emit::filters::FilterPlan> {
        self.filters
            .iter()
            .find(|x| x.peering_type == p && x.family() == f)
    }

    /// `None` for a plan with errors (its blocks come from [`Outputs::blocked`]).
    pub fn new(analysis: &Analysis, inline_shared_key: bool) -> Option<Generator> {
        let plan = analysis.plan.clone()?;
        let opts = EmitOptions { inline_shared_key };
        let arm = emit::arm_payloads(&plan, &opts);
        let filters = emit::filters::planned(&plan);
        Some(Generator {
            plan,
            ip_plan: analysis.ip_plan.clone(),
            opts,
            arm,
            filters,
        })
    }

    /// Each peering's ARM block: its type and the notes beside the body.
    pub fn arm_meta(&self) -> Vec<(PeeringType, Vec<String>)> {
        self.arm
            .iter()
            .map(|p| (p.peering_type, p.notes.clone()))
            .collect()
    }

    /// Every block of the plan.
    pub fn ids(&self) -> Vec<BlockId> {
        // Page order: the scripts, each peering's ARM blocks, then the rest.
        let mut ids = BlockId::SCRIPTS.to_vec();
        for p in &self.arm {
            ids.push(BlockId::ArmJson(p.peering_type));
            ids.push(BlockId::ArmRest(p.peering_type));
            ids.push(BlockId::ArmRestPowerShell(p.peering_type));
        }
        ids.extend(BlockId::fixed().skip(BlockId::SCRIPTS.len()));
        for f in &self.filters {
            ids.push(BlockId::ArmRouteFilter(f.peering_type, f.family()));
            ids.push(BlockId::ArmRouteFilterRest(f.peering_type, f.family()));
            ids.push(BlockId::ArmRouteFilterRestPowerShell(
                f.peering_type,
                f.family(),
            ));
        }
        ids
    }

    /// Each route filter the plan creates: its peering, (first) family and name.
    pub fn filter_meta(&self) -> Vec<(String, String, String)> {
        self.filters
            .iter()
            .map(|f| {
                (
                    f.peering_type.as_str().to_string(),
                    f.family().key().to_string(),
                    f.name.clone(),
                )
            })
            .collect()
    }

    /// One block's exact text (empty for a per-peering block of a peering the plan does not have).
    pub fn block(&self, id: BlockId) -> String {
        let plan = &self.plan;
        let payload = |t: PeeringType| self.arm.iter().find(|p| p.peering_type == t);
        match id {
            BlockId::AzBash => emit::main_script(plan, &self.opts, Shell::Bash),
            BlockId::AzPowerShell => emit::main_script(plan, &self.opts, Shell::PowerShell),
            BlockId::CleanupBash => emit::cleanup(plan, Shell::Bash),
            BlockId::CleanupPowerShell => emit::cleanup(plan, Shell::PowerShell),
            BlockId::RollbackBash => emit::rollback(plan, Shell::Bash),
            BlockId::RollbackPowerShell => emit::rollback(plan, Shell::PowerShell),
            BlockId::ArmJson(t) => payload(t).map(arm_body_text).unwrap_or_default(),
            BlockId::ArmRest(t) => payload(t)
                .map(|p| emit::rest_block(plan, p, Shell::Bash))
                .unwrap_or_default(),
            BlockId::ArmRestPowerShell(t) => payload(t)
                .map(|p| emit::rest_block(plan, p, Shell::PowerShell))
                .unwrap_or_default(),
            BlockId::Router(vendor, link) => router::config(plan, vendor, link, &self.opts),
            BlockId::RouterHandover => router::handover::sheet(plan, &self.ip_plan, &self.opts),
            BlockId::Terraform => emit::terraform::terraform(plan, &self.opts),
            BlockId::ArmRouteFilter(p, f) => self
                .filter(p, f)
                .map(emit::filters::body)
                .unwrap_or_default(),
            BlockId::ArmRouteFilterRest(p, f) => self
                .filter(p, f)
                .map(|x| emit::route_filter_rest_block(plan, x, Shell::Bash))
                .unwrap_or_default(),
            BlockId::ArmRouteFilterRestPowerShell(p, f) => self
                .filter(p, f)
                .map(|x| emit::route_filter_rest_block(plan, x, Shell::PowerShell))
                .unwrap_or_default(),
        }
    }
}

/// What the page learns when it hands a plan to the generator module: the ARM blocks it will show (one
/// per peering, with their notes), or why there is nothing to generate.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanMeta {
    /// The plan's findings and IP plan.
    pub report: Report,
    /// `(peering type, notes)` of each ARM block (a valid plan only).
    pub arm: Vec<(String, Vec<String>)>,
    /// `(peering type, family, name)` of each route filter the plan creates.
    #[serde(default)]
    pub filters: Vec<(String, String, String)>,
    /// Set when the document is unreadable.
    pub error: Option<String>,
}

/// The generator module's state (`src/bin/outputs.rs`): the plan of the last [`GeneratorSession::load`],
/// whose blocks [`GeneratorSession::block`] then builds one by one.
#[derive(Default)]
pub struct GeneratorSession {
    current: Option<Generator>,
}

impl GeneratorSession {
    /// Reads a plan document (JSON, shared key included: both modules live in one page's memory) and
    /// answers its [`PlanMeta`] as JSON. Total.
    pub fn load(&mut self, doc_json: &str, inline_shared_key: bool) -> String {
        let meta = match PlanDocument::from_json(doc_json) {
            Ok(doc) => self.load_document(&doc, inline_shared_key),
            Err(e) => {
                self.current = None;
                PlanMeta {
                    error: Some(e.to_string()),
                    ..PlanMeta::default()
                }
            }
        };
        serde_json::to_string(&meta).unwrap_or_default()
    }

    /// Checks a plan document and keeps its generator (none while it has errors): its [`PlanMeta`].
    pub fn load_document(&mut self, doc: &PlanDocument, inline_shared_key: bool) -> PlanMeta {
        let analysis = analyze(doc);
        self.current = Generator::new(&analysis, inline_shared_key);
        PlanMeta {
            report: Report::of(&analysis),
            arm: self.current.as_ref().map(arm_meta_text).unwrap_or_default(),
            filters: self
                .current
                .as_ref()
                .map(Generator::filter_meta)
                .unwrap_or_default(),
            error: None,
        }
    }

    /// Whether a valid plan is loaded.
    pub fn has_plan(&self) -> bool {
        self.current.is_some()
    }

    /// The text of the block with [`BlockId::key`] `key` for the loaded plan; empty when there is no
    /// plan or no such block. Total.
    pub fn block(&self, key: &str) -> String {
        match (&self.current, BlockId::parse(key)) {
            (Some(g), Some(id)) => g.block(id),
            _ => String::new(),
        }
    }
}

/// The ARM blocks of a generator as text: `(peering type, notes)`.
pub fn arm_meta_text(g: &Generator) -> Vec<(String, Vec<String>)> {
    g.arm_meta()
        .into_iter()
        .map(|(t, notes)| (t.as_str().to_string(), notes))
        .collect()
}

/// Block `arm-json`: the body, or what is needed before there is one.
fn arm_body_text(p: &emit::ArmPayload) -> String {
    if p.body.is_empty() {
        let mut t = String::from("# No JSON body yet:\n");
        for n in &p.notes {
            t.push_str(&format!("# {n}\n"));
        }
        t
    } else {
        p.body.clone()
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
