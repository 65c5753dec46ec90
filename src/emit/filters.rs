//! Route filters the plan creates (README "Route filters"): `az network route-filter create`, then its
//! one rule with `az network route-filter rule create --access Allow --communities C1 C2 ...` (one
//! argument per community: a comma-joined string is one invalid community), then the peering attaches
//! it (the existing attach step). Live-safe like the peering steps: one read of the filters of each
//! resource group first; a filter that exists with another rule is never overwritten ("import it and
//! plan a change"), and every step skips itself when the filter already holds its values. The clean-up
//! detaches a filter before it deletes it, only on request. ARM: the filter with its rule, and the
//! block that PUTs it with `az rest`.
//!
//! Sources: azure-cli `network route-filter` commands (rule `--communities` is `nargs='+'`; rule create
//! fills the location itself); ARM `Microsoft.Network/routeFilters` (rules[].properties.access "Allow",
//! routeFilterRuleType "Community", communities; one rule per filter).

use super::commands::{json_list, Ctx};
use super::script::{AzCommand, Check, OptIn, Script, Skip, Step};
use super::ARM_API_VERSION;
use crate::domain::change::{plan_changes, ChangeKind};
use crate::domain::field::AddressFamily;
use crate::domain::model::{Peering, ValidPlan};
use crate::domain::peering::PeeringType;
use serde_json::{json, Value};

/// One route filter to create, with everything its steps and body need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPlan {
    pub name: String,
    pub resource_group: String,
    /// `None`: the circuit's (or the account's current one, when the plan has none).
    pub subscription: Option<String>,
    pub location: String,
    pub rule_name: String,
    pub communities: Vec<String>,
    pub peering_type: PeeringType,
    /// The families of the peering that attach it, IPv4 first.
    pub families: Vec<AddressFamily>,
    /// Whether the peering is created by this plan (else it is live: change mode).
    pub peering_is_new: bool,
    /// Change mode: the filter as imported (its rule name and communities); the plan then manages it
    /// with a minimal rule update, never creates or deletes it.
    pub imported: Option<(String, Vec<String>)>,
}

impl FilterPlan {
    /// `resource-group/name`, how the scripts' read names it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.resource_group, self.name)
    }

    /// The rule's communities as az prints them (compact JSON, in plan order).
    pub fn communities_json(&self) -> String {
        json_list(&self.communities)
    }

    /// The first family that attaches it (the `data-family` of its blocks).
    pub fn family(&self) -> AddressFamily {
        self.families
            .first()
            .copied()
            .unwrap_or(AddressFamily::Ipv4)
    }

    /// `ER_DELETE_ROUTEFILTER_<NAME>`: the opt-in of its deletion.
    pub fn opt_in(&self) -> OptIn {
        let upper: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        OptIn {
            env: format!("ER_DELETE_ROUTEFILTER_{upper}"),
            peering: format!("route filter {}", self.name),
        }
    }

    /// `/subscriptions/{subscriptionId}/resourceGroups/.../routeFilters/<name>?api-version=...`.
    pub fn url(&self) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/routeFilters/{}?api-version={ARM_API_VERSION}",
            self.subscription.as_deref().unwrap_or("{subscriptionId}"),
            self.resource_group,
            self.name
        )
    }
}

/// The route filters the plan creates, one per resource group and name (both families of a peering
/// may share one).
pub fn planned(plan: &ValidPlan) -> Vec<FilterPlan> {
    let changes = plan_changes(plan);
    let mut filters: Vec<FilterPlan> = Vec::new();
    for peering in &plan.peerings {
        let peering_is_new = changes
            .iter()
            .any(|c| c.peering_type == peering.peering_type() && c.kind == ChangeKind::Create);
        for family in AddressFamily::ALL {
            let Some(m) = peering.microsoft(family) else {
                continue;
            };
            let (Some(reference), Some(rule)) = (&m.route_filter, &m.filter_rule) else {
                continue;
            };
            let circuit = &plan.circuit;
            let (subscription, resource_group, name) = reference.parts(
                circuit.subscription.as_ref().map(|s| s.as_str()),
                Some(
                    rule.resource_group
                        .as_ref()
                        .map_or(circuit.resource_group.as_str(), |r| r.as_str()),
                ),
            );
            let (subscription, resource_group, name) = (
                subscription.map(str::to_string),
                resource_group.unwrap_or_default().to_string(),
                name.to_string(),
            );
            let same = |f: &FilterPlan| {
                f.resource_group.eq_ignore_ascii_case(&resource_group)
                    && f.name.eq_ignore_ascii_case(&name)
            };
            if let Some(existing) = filters.iter_mut().find(|f| same(f)) {
                existing.families.push(family);
                continue;
            }
            let imported = plan.baseline.as_ref().and_then(|b| {
                b.route_filters
                    .iter()
                    .find(|f| {
                        f.name.eq_ignore_ascii_case(&name)
                            && f.resource_group.eq_ignore_ascii_case(&resource_group)
                    })
                    .map(|f| (f.rule_name.clone(), f.communities.clone()))
            });
            filters.push(FilterPlan {
                imported,
                name,
                resource_group,
                subscription,
                location: rule.location.clone(),
                rule_name: rule.rule_name.clone(),
                communities: rule
                    .communities
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect(),
                peering_type: peering.peering_type(),
                families: vec![family],
                peering_is_new,
            });
        }
    }
    filters
}

/// `az network route-filter <verb>` for a filter.
fn filter_command(verb: &str, f: &FilterPlan) -> AzCommand {
    let mut cmd = AzCommand::new(&["network", "route-filter", verb]);
    if let Some(sub) = &f.subscription {
        cmd = cmd.opt("--subscription", sub.as_str());
    }
    cmd.opt("-g", f.resource_group.as_str())
        .opt("-n", f.name.as_str())
}

/// `az network route-filter rule <verb>` for a filter's rule.
fn rule_command(verb: &str, f: &FilterPlan) -> AzCommand {
    let mut cmd = AzCommand::new(&["network", "route-filter", "rule", verb]);
    if let Some(sub) = &f.subscription {
        cmd = cmd.opt("--subscription", sub.as_str());
    }
    cmd.opt("-g", f.resource_group.as_str())
        .opt("--filter-name", f.name.as_str())
        .opt("-n", f.rule_name.as_str())
}

/// The read of the filters of one resource group: per filter its resource group, name, location, rule
/// name and the rule's communities, tab-separated (no quote, `|` or `&` in the query).
fn list_command(subscription: Option<&str>, resource_group: &str) -> AzCommand {
    let mut cmd = AzCommand::new(&["network", "route-filter", "list"]);
    if let Some(sub) = subscription {
        cmd = cmd.opt("--subscription", sub);
    }
    cmd.opt("-g", resource_group)
        .opt(
            "--query",
            "[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]",
        )
        .opt("-o", "tsv")
}

/// The step that reads the filters of every resource group the filters go in, with their checks.
pub fn read_step(filters: &[FilterPlan], checks: Vec<Check>) -> Step {
    // One read per distinct resource group (and subscription), in the order the filters name them.
    let mut seen: Vec<(Option<String>, String)> = Vec::new();
    let reads = filters
        .iter()
        .filter(|f| {
            let group = (
                f.subscription.clone(),
                f.resource_group.to_ascii_lowercase(),
            );
            let new = !seen.contains(&group);
            seen.push(group);
            new
        })
        .map(|f| list_command(f.subscription.as_deref(), &f.resource_group))
        .collect();
    Step::ReadFilters { reads, checks }
}

/// The pre-flight check of a filter the block creates: not there, or as an earlier run left it.
pub fn ok_check(f: &FilterPlan) -> Check {
    Check::FilterOk {
        filter: f.key(),
        location: f.location.clone(),
        rule: f.rule_name.clone(),
        communities: f.communities_json(),
        imported: f
            .imported
            .as_ref()
            .map(|(_, c)| json_list(c))
            .unwrap_or_default(),
        show: filter_command("show", f).opt("-o", "json"),
    }
}

/// `rule update --set communities=[] --add communities C ...`: the generic update replaces the list in
/// plan order (az reads the rule, changes only the list and writes it back).
fn rule_update(f: &FilterPlan, communities: &[String]) -> AzCommand {
    let mut cmd = rule_command("update", f).opt("--set", "communities=[]");
    for c in communities {
        cmd = cmd.opt("--add", "communities").value(c.as_str());
    }
    cmd.opt("-o", "none")
}

/// Change mode: the steps of a filter the plan manages (imported): one rule update when the
/// communities changed, nothing otherwise.
fn update_steps(f: &FilterPlan, imported: &[String], steps: &mut Vec<Step>) {
    steps.push(Step::Blank);
    if imported == f.communities.as_slice() {
        steps.push(Step::Comment(format!(
            "Route filter {}: no change from the imported filter; nothing to run.",
            f.name
        )));
        return;
    }
    steps.push(Step::Comment(format!(
        "Route filter {} (live): its rule {} allows {} instead of {}. Microsoft's routes over the peerings that use it change at once.",
        f.name,
        f.rule_name,
        describe(&f.communities),
        describe(imported)
    )));
    steps.push(Step::Run {
        title: format!("update rule {} of route filter {}.", f.rule_name, f.name),
        command: rule_update(f, &f.communities),
        skip: vec![Skip::FilterHolds {
            filter: f.key(),
            rule: f.rule_name.clone(),
            communities: f.communities_json(),
            reason: format!("route filter {} already holds these communities", f.name),
        }],
        done: format!("updated rule {} of route filter {}.", f.rule_name, f.name),
    });
}

/// The rollback of a managed filter: the imported communities back (only when the plan changes them).
pub fn rollback_steps(f: &FilterPlan, checks: &mut Vec<Check>, steps: &mut Vec<Step>) {
    let Some((_, imported)) = &f.imported else {
        return;
    };
    if *imported == f.communities {
        return;
    }
    checks.push(Check::FilterOk {
        filter: f.key(),
        location: f.location.clone(),
        rule: f.rule_name.clone(),
        communities: json_list(imported),
        imported: f.communities_json(),
        show: filter_command("show", f).opt("-o", "json"),
    });
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "Route filter {}: its rule {} allows again what it did when it was imported ({}).",
        f.name,
        f.rule_name,
        describe(imported)
    )));
    steps.push(Step::Run {
        title: format!("restore rule {} of route filter {}.", f.rule_name, f.name),
        command: rule_update(f, imported),
        skip: vec![Skip::FilterHolds {
            filter: f.key(),
            rule: f.rule_name.clone(),
            communities: json_list(imported),
            reason: format!("route filter {} holds the imported communities", f.name),
        }],
        done: format!("restored rule {} of route filter {}.", f.rule_name, f.name),
    });
}

/// `12076:5010 (Exchange Online), 12076:51002 (West Europe)`, or "no community".
fn describe(communities: &[String]) -> String {
    if communities.is_empty() {
        return "no community".into();
    }
    communities
        .iter()
        .map(|c| match crate::domain::communities::lookup(c) {
            Some(e) => format!("{c} ({})", e.name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The main script's steps of one filter: create it, then its rule (each skipped when done).
pub fn create_steps(f: &FilterPlan, steps: &mut Vec<Step>) {
    if let Some((_, imported)) = &f.imported {
        return update_steps(f, imported, steps);
    }
    let key = f.key();
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "Route filter {} ({}) for the {} of {}: allows {}.",
        f.name,
        f.resource_group,
        f.families
            .iter()
            .map(|x| x.label())
            .collect::<Vec<_>>()
            .join(" and "),
        f.peering_type,
        if f.communities.is_empty() {
            "no community yet (no routes until it does)".to_string()
        } else {
            describe(&f.communities)
        }
    )));
    steps.push(Step::Comment(format!(
        "The communities are the catalogue of {}: compare with az network route-filter rule list-service-communities.",
        crate::domain::communities::DATE
    )));
    steps.push(Step::Run {
        title: format!("create route filter {} in {}.", f.name, f.location),
        command: filter_command("create", f)
            .opt("-l", f.location.as_str())
            .opt("-o", "none"),
        skip: vec![Skip::FilterExists {
            filter: key.clone(),
            reason: format!("route filter {} exists (an earlier run created it)", f.name),
        }],
        done: format!("created route filter {}.", f.name),
    });
    if f.communities.is_empty() {
        steps.push(Step::Comment(
            "No community is planned: the rule is left out (a rule needs at least one).".into(),
        ));
        return;
    }
    // Without -l, az 2.91 sends the location of the filter's resource group, not the filter's (found
    // by the conformance suite: a GET of the group, then the rule PUT with its region).
    let mut rule = rule_command("create", f)
        .opt("-l", f.location.as_str())
        .opt("--access", "Allow")
        .flag("--communities");
    for c in &f.communities {
        rule = rule.value(c.as_str());
    }
    steps.push(Step::Run {
        title: format!("create rule {} of route filter {}.", f.rule_name, f.name),
        command: rule.opt("-o", "none"),
        skip: vec![Skip::FilterHolds {
            filter: key,
            rule: f.rule_name.clone(),
            communities: f.communities_json(),
            reason: format!("route filter {} already holds this rule", f.name),
        }],
        done: format!("created rule {} of route filter {}.", f.rule_name, f.name),
    });
}

/// The clean-up's checks and steps of one filter the plan created: only with its opt-in, only while
/// it holds the plan's rule; each family's peering detaches it first.
pub fn cleanup_steps(ctx: Ctx, f: &FilterPlan, checks: &mut Vec<Check>, steps: &mut Vec<Step>) {
    let planned_ref = |family: AddressFamily| {
        ctx.plan
            .peerings
            .iter()
            .find(|p| p.peering_type() == f.peering_type)
            .and_then(|p| p.microsoft(family))
            .and_then(|m| m.route_filter.as_ref())
    };
    if f.imported.is_some() {
        steps.push(Step::Blank);
        steps.push(Step::Comment(format!(
            "Route filter {} was imported, not created by this plan: the clean-up leaves it alone.",
            f.name
        )));
        return;
    }
    let opt_in = f.opt_in();
    checks.push(Check::FilterStill {
        opt_in: opt_in.clone(),
        filter: f.key(),
        rule: f.rule_name.clone(),
        communities: f.communities_json(),
    });
    steps.push(Step::Blank);
    steps.push(Step::Comment(format!(
        "Route filter {} was created by this plan. To delete it, run the block with {}=yes: its peering detaches it first (no Microsoft prefixes over that family until another filter is attached).",
        f.name, opt_in.env
    )));
    let peering = f.peering_type.as_str();
    for family in &f.families {
        let path = match family {
            AddressFamily::Ipv4 => "routeFilter",
            AddressFamily::Ipv6 => "ipv6PeeringConfig.routeFilter",
        };
        let column = match family {
            AddressFamily::Ipv4 => "routeFilter.id",
            AddressFamily::Ipv6 => "ipv6PeeringConfig.routeFilter.id",
        };
        steps.push(Step::Run {
            title: format!(
                "detach route filter {} from the {} {family} sessions.",
                f.name, peering
            ),
            command: ctx
                .peering_command("update")
                .opt("-n", peering)
                .opt("--remove", path)
                .opt("-o", "none"),
            skip: vec![
                Skip::NotOptedIn {
                    opt_in: opt_in.clone(),
                },
                Skip::Absent {
                    peering: peering.to_string(),
                    reason: format!("{peering} is not live"),
                },
                // Only our filter is detached: another one attached since is someone else's.
                Skip::Lacks {
                    peering: peering.to_string(),
                    columns: vec![super::script::Column {
                        name: column,
                        value: planned_ref(*family)
                            .map(|r| ctx.route_filter_id(r))
                            .unwrap_or_else(|| super::quote::Word::text(f.key())),
                    }],
                    reason: format!(
                        "{peering} ({family}) does not have route filter {} attached",
                        f.name
                    ),
                },
            ],
            done: format!(
                "detached route filter {} from {peering} ({family}).",
                f.name
            ),
        });
    }
    steps.push(Step::Run {
        title: format!("delete route filter {}.", f.name),
        command: filter_command("delete", f).opt("-o", "none"),
        skip: vec![
            Skip::NotOptedIn {
                opt_in: opt_in.clone(),
            },
            Skip::FilterAbsent {
                filter: f.key(),
                reason: format!("route filter {} is not there (any more)", f.name),
            },
        ],
        done: format!("deleted route filter {}.", f.name),
    });
}

/// The ARM body of a filter with its rule (§9 api-version policy).
pub fn body(f: &FilterPlan) -> String {
    let mut properties = serde_json::Map::new();
    let rules: Vec<Value> = if f.communities.is_empty() {
        Vec::new()
    } else {
        vec![json!({
            "name": f.rule_name,
            "properties": {
                "access": "Allow",
                "communities": f.communities,
                "routeFilterRuleType": "Community",
            }
        })]
    };
    properties.insert("rules".into(), Value::Array(rules));
    let body = json!({ "location": f.location, "properties": Value::Object(properties) });
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
    text.push('\n');
    text
}

/// The file the `az rest` block of a filter sends.
pub fn body_file(f: &FilterPlan) -> String {
    format!("routefilter-{}.json", f.name)
}

/// The `az rest` block of a filter: the same read and check as the main script, the PUT (skipped when
/// the filter already holds the body's rule), then the wait for `Succeeded`.
pub fn rest_script(f: &FilterPlan) -> Script {
    let file = body_file(f);
    let put = AzCommand::new(&["rest"])
        .opt("--method", "put")
        .opt("--url", f.url())
        .flag("--body")
        .push(super::script::Arg::FileRef(file.clone()))
        .opt("-o", "none");
    let wait = filter_command("show", f)
        .opt("--query", "provisioningState")
        .opt("-o", "tsv");
    let holds = if f.communities.is_empty() {
        Skip::FilterExists {
            filter: f.key(),
            reason: format!("route filter {} exists", f.name),
        }
    } else {
        Skip::FilterHolds {
            filter: f.key(),
            rule: f.rule_name.clone(),
            communities: f.communities_json(),
            reason: format!("route filter {} already holds the body's rule", f.name),
        }
    };
    Script {
        header: Vec::new(),
        steps: vec![
            read_step(std::slice::from_ref(f), vec![ok_check(f)]),
            Step::RequireBody {
                file: file.clone(),
                peering: format!("route filter {}", f.name),
                key: false,
            },
            Step::Run {
                title: format!("PUT the body of {file} as route filter {}.", f.name),
                command: put,
                skip: vec![holds],
                done: format!("sent {file} for route filter {}.", f.name),
            },
            Step::Wait {
                peering: format!("route filter {}", f.name),
                command: wait,
            },
        ],
    }
}

/// Whether a peering attaches a filter the plan creates (its attach step then follows the filter's).
pub fn attaches_planned(peering: &Peering) -> bool {
    AddressFamily::ALL.iter().any(|f| {
        peering
            .microsoft(*f)
            .is_some_and(|m| m.filter_rule.is_some())
    })
}
