//! The Terraform output (block `terraform`): one complete `.tf` file for hashicorp/azurerm 4.x. It reads
//! the circuit (`data`: we never manage the circuit), and declares one
//! `azurerm_express_route_circuit_peering` per planned peering with every planned value (from the field
//! table's Terraform column, the same values as the ARM body), the route filters the plan creates or
//! manages, and the shared keys as `sensitive` variables. Change mode adds `import {}` blocks with the
//! real IDs, so the first `terraform plan` adopts the live peerings and shows the minimal diff.
//!
//! Provider facts (hashicorp/terraform-provider-azurerm 4.x, `internal/services/network/
//! express_route_circuit_peering_resource.go` and `express_route_circuit_data_source.go`; the commits and
//! versions are in tests/terraform/azurerm-schema.json `_source`, the findings in its `_notes`):
//! - create sends `sharedKey` always (`""` when unset); an update sends it only when the argument changed
//!   (older 4.x sent it on every update); read never sets it. `shared_key = ""` fails
//!   validation (1-25 characters), so "no key" is `null`.
//! - create and update read the peering's Global Reach connections and send them with the PUT.
//! - `route_filter_id` is refused at apply time on AzurePrivatePeering; from 4.51 an update writes it
//!   only when `microsoft_peering_config` changed too ([`ROUTE_FILTER_UPDATE_NOTE`]).
//! - the resource refuses to create a peering that exists (it asks for an import), so a create never
//!   overwrites a live peering.
//! - the data source exports `service_provider_provisioning_state`; without `subscription_id` the
//!   provider takes `ARM_SUBSCRIPTION_ID` or, signed in with the Azure CLI, the CLI's subscription.

use super::arm::{carried_properties, family_state};
use super::commands::Ctx;
use super::fields::{carried_terraform, family_spec, ValueKind};
use super::filters::{planned as planned_filters, FilterPlan};
use super::hcl::{quote, render, Block, Expr, Item};
use super::EmitOptions;
use crate::domain::change::{
    plan_changes, ChangeKind, FieldValue, Held, PeeringChange, PeeringField, PeeringState,
};
use crate::domain::field::AddressFamily;
use crate::domain::model::{Peering, ValidPlan};
use crate::domain::peering::PeeringType;

/// The provider version the file pins: 4.x from 4.51, the version whose source the facts above and
/// tests/terraform/azurerm-schema.json come from; and the Terraform it needs (`import` blocks whose `id`
/// may be an expression: 1.6).
pub const AZURERM_VERSION: &str = "~> 4.51";
pub const TERRAFORM_VERSION: &str = ">= 1.6.0";

/// azurerm's update (4.51+, `express_route_circuit_peering_resource.go`) writes the top-level route filter
/// only inside `if d.HasChange("microsoft_peering_config")`: a change of `route_filter_id` alone is not
/// sent, and removing it never detaches the filter.
const ROUTE_FILTER_UPDATE_NOTE: &str = "This plan changes only the IPv4 route filter of this live peering. azurerm writes route_filter_id on an update only together with a change of microsoft_peering_config, so the apply may leave the old filter in place: the check below warns after the apply while the live filter is not the planned one; then attach it with the az block (its attach step skips what is done already).";

const CIRCUIT: &str = "data.azurerm_express_route_circuit.circuit";
const CLIENT: &str = "data.azurerm_client_config.current";

/// The resource name of a peering (`azurerm_express_route_circuit_peering.<name>`).
pub fn peering_label(t: PeeringType) -> &'static str {
    match t {
        PeeringType::AzurePrivatePeering => "private",
        PeeringType::MicrosoftPeering => "microsoft",
    }
}

/// The resource name of a route filter: its peering and the first family that attaches it.
pub fn filter_label(f: &FilterPlan) -> String {
    format!("{}_{}", peering_label(f.peering_type), f.family().key())
}

/// The variable that holds a peering's shared key.
pub fn key_variable(t: PeeringType) -> String {
    format!("er_shared_key_{}", peering_label(t))
}

/// `"/subscriptions/<sub><tail>"`, the subscription read from the provider when the plan has none.
fn with_subscription(subscription: Option<&str>, tail: &str) -> (Expr, bool) {
    match subscription {
        Some(sub) => (Expr::Str(format!("/subscriptions/{sub}{tail}")), false),
        None => {
            let quoted = quote(tail);
            let inner = &quoted[1..quoted.len() - 1];
            (
                Expr::Raw(format!(
                    "\"/subscriptions/${{{CLIENT}.subscription_id}}{inner}\""
                )),
                true,
            )
        }
    }
}

/// A `precondition` / `assert` block: a condition (our own expression) and its message.
fn condition_block(kind: &str, condition: String, message: String) -> Block {
    Block::new(kind, &[])
        .attr("condition", Expr::Raw(condition))
        .attr("error_message", Expr::Str(message))
}

fn filter_id_tail(resource_group: &str, name: &str) -> String {
    format!("/resourceGroups/{resource_group}/providers/Microsoft.Network/routeFilters/{name}")
}

struct Writer<'a> {
    ctx: Ctx<'a>,
    filters: Vec<FilterPlan>,
    /// Live to planned, per peering (change mode edits).
    changes: Vec<PeeringChange>,
    /// Some expression reads the subscription from the provider (`azurerm_client_config`).
    needs_client: bool,
}

impl Writer<'_> {
    fn plan(&self) -> &ValidPlan {
        self.ctx.plan
    }

    fn value(&mut self, peering: &Peering, field: PeeringField, value: &FieldValue) -> Expr {
        match value {
            FieldValue::Asn(a) => Expr::Num(u64::from(a.value())),
            FieldValue::Vlan(v) => Expr::Num(u64::from(v.value())),
            // The key itself goes into the variable's default (ticked) or nowhere.
            FieldValue::Key(_) => {
                Expr::Raw(format!("var.{}", key_variable(peering.peering_type())))
            }
            FieldValue::Subnet(s) => Expr::Str(s.to_string()),
            FieldValue::Registry(r) => Expr::Str(r.as_str().to_string()),
            FieldValue::Prefixes(list) => {
                Expr::List(list.iter().map(|p| Expr::Str(p.to_string())).collect())
            }
            FieldValue::RouteFilter(r) => {
                let family = field.family().unwrap_or(AddressFamily::Ipv4);
                if let Some(f) = self.filters.iter().find(|f| {
                    f.peering_type == peering.peering_type() && f.families.contains(&family)
                }) {
                    return Expr::Raw(format!("azurerm_route_filter.{}.id", filter_label(f)));
                }
                if let Some(id) = self.ctx.route_filter_id(&r.reference).as_literal() {
                    return Expr::Str(id);
                }
                let (_, rg, name) = r
                    .reference
                    .parts(None, Some(self.plan().circuit.resource_group.as_str()));
                let (expr, client) =
                    with_subscription(None, &filter_id_tail(rg.unwrap_or_default(), name));
                self.needs_client |= client;
                expr
            }
        }
    }

    fn filter_resource(&self, f: &FilterPlan) -> Block {
        let mut b = Block::new("resource", &["azurerm_route_filter", &filter_label(f)]);
        if f.imported.is_some() {
            b.push(Item::Comment(format!(
                "Route filter {} is live: the import below adopts it, and a plan shows only the edit of its rule.",
                f.name
            )));
        } else {
            b.push(Item::Comment(format!(
                "Route filter {}, created by this plan. Compare the communities with `az network route-filter rule list-service-communities`.",
                f.name
            )));
        }
        b.set_path("name", Expr::Str(f.name.clone()));
        b.set_path("resource_group_name", Expr::Str(f.resource_group.clone()));
        b.set_path("location", Expr::Str(f.location.clone()));
        // One rule per filter, and `Allow` is the only access a rule can have (route-filter docs).
        let rule = Block::new("rule", &[])
            .attr("name", Expr::Str(f.rule_name.clone()))
            .attr("access", Expr::Str("Allow".into()))
            .attr("rule_type", Expr::Str("Community".into()))
            .attr(
                "communities",
                Expr::List(f.communities.iter().map(|c| Expr::Str(c.clone())).collect()),
            );
        b.block(rule)
    }

    fn filter_import(&mut self, f: &FilterPlan) -> Block {
        let sub = f.subscription.clone().or_else(|| {
            self.plan()
                .circuit
                .subscription
                .as_ref()
                .map(|s| s.as_str().to_string())
        });
        let (id, client) =
            with_subscription(sub.as_deref(), &filter_id_tail(&f.resource_group, &f.name));
        self.needs_client |= client;
        Block::new("import", &[])
            .attr(
                "to",
                Expr::Raw(format!("azurerm_route_filter.{}", filter_label(f))),
            )
            .attr("id", id)
    }

    fn key_variable(&self, peering: &Peering) -> Option<Block> {
        let live = self.plan().live(peering.peering_type()).is_some();
        let t = peering.peering_type();
        let name = key_variable(t);
        let (description, pattern) = match (&peering.shared_key, live) {
            (Some(_), _) => (
                format!("The BGP MD5 shared key of {t}: 1-25 letters and digits. Set it with TF_VAR_{name}, never in a file."),
                "^[A-Za-z0-9]{1,25}$",
            ),
            (None, true) => (
                format!("The shared key {t} uses today (Azure never returns it), or \"\" when it has none. Terraform sends the key on every apply: a wrong value changes the key and resets BGP."),
                "^[A-Za-z0-9]{0,25}$",
            ),
            (None, false) => return None,
        };
        let mut b = Block::new("variable", &[&name])
            .attr("description", Expr::Str(description))
            .attr("type", Expr::Raw("string".into()))
            .attr("sensitive", Expr::Bool(true));
        if let (Some(key), true) = (&peering.shared_key, self.ctx.opts.inline_shared_key) {
            b.push(Item::Comment(
                "The key is written here because \"Put the shared key into the outputs\" is on: keep this file out of Git.".into(),
            ));
            b.set_path("default", Expr::Str(key.expose().to_string()));
        }
        let validation = Block::new("validation", &[])
            .attr(
                "condition",
                Expr::Raw(format!("can(regex({}, var.{name}))", quote(pattern))),
            )
            .attr(
                "error_message",
                Expr::Str(format!(
                    "{name} must be {} letters and digits (A-Z, a-z, 0-9): ExpressRoute accepts no other characters.",
                    if pattern.contains("{0,") { "0-25" } else { "1-25" }
                )),
            );
        Some(b.block(validation))
    }

    fn peering_resource(&mut self, peering: &Peering) -> Block {
        let plan = self.ctx.plan;
        let t = peering.peering_type();
        let live = plan.live(t);
        let mut b = Block::new(
            "resource",
            &["azurerm_express_route_circuit_peering", peering_label(t)],
        );
        b.push(Item::Comment(match live {
            Some(_) => format!("{t} is live: the import below adopts it; the first plan shows only what this plan edits."),
            None => format!("{t}, created by this plan. If it already exists, the provider stops and asks for an import: it never overwrites a live peering."),
        }));
        b.set_path("peering_type", Expr::Str(t.as_str().to_string()));
        b.set_path(
            "express_route_circuit_name",
            Expr::Raw(format!("{CIRCUIT}.name")),
        );
        b.set_path(
            "resource_group_name",
            Expr::Raw(format!("{CIRCUIT}.resource_group_name")),
        );
        let state = PeeringState::of_plan(peering, &plan.circuit);
        // The top-level state is IPv4's; an IPv6-only peering has it off (§8).
        let ipv4_on = peering.has(AddressFamily::Ipv4)
            && family_state(plan, peering, AddressFamily::Ipv4) == "Enabled";
        for s in super::fields::TABLE {
            if s.kind == ValueKind::Secret {
                if let Some(expr) = self.key_expr(peering) {
                    b.push(Item::Comment(
                        "azurerm sends shared_key when it creates the peering (an empty key when unset) and whenever the argument changes, and never reads the key back: keep it set to the peering's key, or an apply can remove it (terraform-provider-azurerm #12148).".into(),
                    ));
                    b.set_path(s.terraform, expr);
                } else {
                    b.push(Item::Comment(
                        "No shared key: the plan has none, and azurerm then sends an empty one."
                            .into(),
                    ));
                }
                continue;
            }
            if let Some(Held::Known(value)) = state.get(s.field) {
                let expr = self.value(peering, s.field, value);
                b.set_path(s.terraform, expr);
            }
            if s.field == PeeringField::VlanId {
                b.set_path(
                    family_spec(AddressFamily::Ipv4).terraform_enabled,
                    Expr::Bool(ipv4_on),
                );
            }
        }
        // A Microsoft IPv4 family always has its block: the provider refuses IPv4 on Microsoft peering
        // without `microsoft_peering_config`, whose prefix list is required.
        if let Some(block) = peering
            .microsoft(AddressFamily::Ipv4)
            .and_then(|_| b.child("microsoft_peering_config"))
        {
            if !block
                .body
                .iter()
                .any(|i| matches!(i, Item::Attr(k, _) if k == "advertised_public_prefixes"))
            {
                block.set_path("advertised_public_prefixes", Expr::List(Vec::new()));
            }
        }
        if peering.has(AddressFamily::Ipv6) {
            let on = family_state(plan, peering, AddressFamily::Ipv6) == "Enabled";
            b.set_path(
                family_spec(AddressFamily::Ipv6).terraform_enabled,
                Expr::Bool(on),
            );
        }
        for (path, value) in carried_properties(plan, peering) {
            if let (Some(tf), Some(list)) = (carried_terraform(path), value.as_array()) {
                let items: Vec<Expr> = list
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(|v| Expr::Str(v.to_string()))
                    .collect();
                if !items.is_empty() {
                    b.set_path(tf, Expr::List(items));
                }
            }
        }
        if let Some(live) = live {
            if !live.connections.is_empty() {
                b.push(Item::Comment(format!(
                    "Global Reach: the live peering has {} connection(s) ({}). azurerm reads them and sends them with every PUT of the peering, so an apply keeps them; it manages them as azurerm_express_route_circuit_connection, not here.",
                    live.connections.len(),
                    live.connection_names().join(", ")
                )));
            }
            // legacyMode 0 is what every peering created since 2017 has: only another value is news.
            let legacy: Vec<&str> = carried_properties(plan, peering)
                .iter()
                .filter(|(p, v)| {
                    carried_terraform(p).is_none() && !(v.is_null() || v.as_u64() == Some(0))
                })
                .map(|(p, _)| *p)
                .collect();
            if !legacy.is_empty() {
                b.push(Item::Comment(format!(
                    "azurerm has no argument for {} (the ARM body keeps it as imported).",
                    legacy.join(", ")
                )));
            }
        }
        if self.filter_edit_alone(peering) {
            b.push(Item::Comment(ROUTE_FILTER_UPDATE_NOTE.into()));
        }
        let lifecycle = Block::new("lifecycle", &[]).block(condition_block(
            "precondition",
            format!("{CIRCUIT}.service_provider_provisioning_state == \"Provisioned\""),
            format!(
                "Circuit {} is not provisioned by its connectivity provider yet (service_provider_provisioning_state is not Provisioned): ask the provider to finish, then apply again.",
                plan.circuit.name.as_str()
            ),
        ));
        b.block(lifecycle)
    }

    /// Change mode: the plan edits the IPv4 route filter of a live peering and nothing else of its
    /// `microsoft_peering_config`, which azurerm's update does not send (see [`ROUTE_FILTER_UPDATE_NOTE`]).
    fn filter_edit_alone(&self, peering: &Peering) -> bool {
        let v4 = AddressFamily::Ipv4;
        self.changes.iter().any(|c| {
            c.peering_type == peering.peering_type()
                && c.kind == ChangeKind::Update
                && c.edit(PeeringField::RouteFilter(v4)).is_some()
                && [
                    PeeringField::AdvertisedPrefixes(v4),
                    PeeringField::CustomerAsn(v4),
                    PeeringField::RoutingRegistry(v4),
                ]
                .iter()
                .all(|f| c.edit(*f).is_none())
        })
    }

    /// A `check` that warns after the apply while the live IPv4 route filter is not the planned one.
    fn filter_check(&mut self, peering: &Peering) -> Option<Block> {
        if !self.filter_edit_alone(peering) {
            return None;
        }
        let state = PeeringState::of_plan(peering, &self.plan().circuit);
        let field = PeeringField::RouteFilter(AddressFamily::Ipv4);
        let want = match state.known(field) {
            Some(value) => self.value(peering, field, value),
            None => Expr::Str(String::new()),
        };
        let want = match want {
            Expr::Str(s) => quote(&s),
            Expr::Raw(r) => r,
            _ => return None,
        };
        let label = peering_label(peering.peering_type());
        let assert = condition_block(
            "assert",
            format!(
                "lower(azurerm_express_route_circuit_peering.{label}.route_filter_id) == lower({want})"
            ),
            format!(
                "The IPv4 route filter of {} is not the planned one: azurerm does not write route_filter_id alone. Attach it with the az block's attach step (az network express-route peering update --route-filter), then run terraform plan again.",
                peering.peering_type()
            ),
        );
        Some(Block::new("check", &[&format!("{label}_route_filter")]).block(assert))
    }

    fn key_expr(&self, peering: &Peering) -> Option<Expr> {
        let name = key_variable(peering.peering_type());
        match (
            &peering.shared_key,
            self.plan().live(peering.peering_type()),
        ) {
            (Some(_), _) => Some(Expr::Raw(format!("var.{name}"))),
            // The live key is unknown: the user says what it is, "" for none (null sends no key).
            (None, Some(_)) => Some(Expr::Raw(format!("var.{name} != \"\" ? var.{name} : null"))),
            (None, None) => None,
        }
    }

    fn peering_import(&mut self, peering: &Peering) -> Block {
        let c = &self.plan().circuit;
        let tail = format!(
            "/resourceGroups/{}/providers/Microsoft.Network/expressRouteCircuits/{}/peerings/{}",
            c.resource_group.as_str(),
            c.name.as_str(),
            peering.peering_type().as_str()
        );
        let sub = c.subscription.as_ref().map(|s| s.as_str().to_string());
        let (id, client) = with_subscription(sub.as_deref(), &tail);
        self.needs_client |= client;
        Block::new("import", &[])
            .attr(
                "to",
                Expr::Raw(format!(
                    "azurerm_express_route_circuit_peering.{}",
                    peering_label(peering.peering_type())
                )),
            )
            .attr("id", id)
    }
}

fn header(plan: &ValidPlan, opts: &EmitOptions) -> String {
    let c = &plan.circuit;
    let mut lines = vec![
        format!(
            "ExpressRoute peerings of circuit {} (resource group {}), from the ExpressRoute Peering Planner.",
            c.name.as_str(),
            c.resource_group.as_str()
        ),
        "Terraform >= 1.6 and hashicorp/azurerm 4.51 or a later 4.x: terraform init, then terraform plan; read the plan before you apply.".to_string(),
        "The circuit is read, never managed: a peering in the same apply as a new circuit fails while the provider has not provisioned it (terraform-provider-azurerm #5342), so every peering checks that first.".to_string(),
    ];
    if plan.baseline.is_some() {
        lines.push("Change mode: the import blocks adopt the live peerings (IDs end in /peerings/<peering type>), so the first plan shows the minimal diff. A live peering this plan leaves out is not managed here, and Terraform leaves it as it is.".into());
    }
    let keyed: Vec<String> = plan
        .peerings
        .iter()
        .filter(|p| p.shared_key.is_some() || plan.live(p.peering_type()).is_some())
        .map(|p| format!("TF_VAR_{}", key_variable(p.peering_type())))
        .collect();
    if !keyed.is_empty() && !opts.inline_shared_key {
        lines.push(format!(
            "Shared keys come from sensitive variables: export {} (read without echo) before terraform plan.",
            keyed.join(" and ")
        ));
    }
    if c.subscription.is_none() {
        lines.push(
            "The plan names no subscription: azurerm takes ARM_SUBSCRIPTION_ID, or the Azure CLI's current one."
                .into(),
        );
    }
    lines.join("\n")
}

/// The whole `.tf` file of a valid plan.
pub fn terraform(plan: &ValidPlan, opts: &EmitOptions) -> String {
    let ctx = Ctx::new(plan, opts);
    let mut w = Writer {
        ctx,
        filters: planned_filters(plan),
        changes: plan_changes(plan),
        needs_client: false,
    };
    let mut items = vec![Item::Comment(header(plan, opts)), Item::Blank];
    let providers = Block::new("required_providers", &[]).attr(
        "azurerm",
        Expr::Object(vec![
            ("source".into(), Expr::Str("hashicorp/azurerm".into())),
            ("version".into(), Expr::Str(AZURERM_VERSION.into())),
        ]),
    );
    items.push(Item::Block(
        Block::new("terraform", &[])
            .attr("required_version", Expr::Str(TERRAFORM_VERSION.into()))
            .block(providers),
    ));
    items.push(Item::Blank);
    let mut provider = Block::new("provider", &["azurerm"]).block(Block::new("features", &[]));
    if let Some(sub) = &plan.circuit.subscription {
        provider.set_path("subscription_id", Expr::Str(sub.as_str().to_string()));
    }
    items.push(Item::Block(provider));
    items.push(Item::Blank);
    items.push(Item::Block(
        Block::new("data", &["azurerm_express_route_circuit", "circuit"])
            .attr("name", Expr::Str(plan.circuit.name.as_str().to_string()))
            .attr(
                "resource_group_name",
                Expr::Str(plan.circuit.resource_group.as_str().to_string()),
            ),
    ));
    items.push(Item::Blank);
    let mut body = Vec::new();
    for peering in &plan.peerings {
        if let Some(v) = w.key_variable(peering) {
            body.push(Item::Block(v));
            body.push(Item::Blank);
        }
    }
    for f in w.filters.clone() {
        body.push(Item::Block(w.filter_resource(&f)));
        body.push(Item::Blank);
        if f.imported.is_some() {
            body.push(Item::Block(w.filter_import(&f)));
            body.push(Item::Blank);
        }
    }
    for peering in &plan.peerings {
        body.push(Item::Block(w.peering_resource(peering)));
        body.push(Item::Blank);
        if plan.live(peering.peering_type()).is_some() {
            body.push(Item::Block(w.peering_import(peering)));
            body.push(Item::Blank);
        }
        if let Some(check) = w.filter_check(peering) {
            body.push(Item::Block(check));
            body.push(Item::Blank);
        }
    }
    if w.needs_client {
        items.push(Item::Comment(
            "The subscription of the IDs below: the provider's (the plan names none).".into(),
        ));
        items.push(Item::Block(Block::new(
            "data",
            &["azurerm_client_config", "current"],
        )));
        items.push(Item::Blank);
    }
    items.extend(body);
    while items.last() == Some(&Item::Blank) {
        items.pop();
    }
    render(&items)
}
