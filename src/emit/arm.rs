//! The ARM REST payload of each peering (§9): one PUT body with both families, built from the field
//! table, and the block that sends it with `az rest` (relative URL, so it works in every cloud; az
//! fills `{subscriptionId}`) and waits for the PUT to finish.

use super::apply::columns_planned;
use super::commands::{raw_text, Ctx};
use super::fields::{family_spec, spec, ValueKind};
use super::script::{Arg, AzCommand, Check, Script, Skip, Step};
use super::ARM_API_VERSION;
use crate::domain::change::{
    plan_changes, ChangeKind, FieldValue, Held, PeeringField, PeeringState,
};
use crate::domain::document::carried_family;
use crate::domain::field::AddressFamily;
use crate::domain::model::{Peering, ValidPlan};
use serde_json::{Map, Value};

/// The file the `az rest` block sends.
pub const BODY_FILE: &str = "peering.json";

/// One peering's REST payload: blocks `arm-json` (the body) and `arm-rest` / `arm-rest-powershell`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmPayload {
    pub peering_type: crate::domain::peering::PeeringType,
    /// The pretty JSON body only; empty when the plan lacks what the body needs (see `notes`).
    pub body: String,
    /// The relative URL of the PUT (cloud-neutral; az fills `{subscriptionId}`).
    pub url: String,
    /// The `az rest` block, when a body exists.
    pub rest: Option<Script>,
    /// Explanations shown beside the body.
    pub notes: Vec<String>,
}

/// Inserts `value` at a dotted path, creating the objects on the way.
fn insert(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = child {
                insert(inner, rest, value);
            }
        }
    }
}

/// A field's value as the body carries it; `None` when it needs what the plan lacks (a bare route filter
/// name and no subscription).
fn json_value(ctx: Ctx, value: &FieldValue) -> Option<Value> {
    Some(match value {
        FieldValue::Asn(a) => Value::from(a.value()),
        FieldValue::Vlan(v) => Value::from(v.value()),
        FieldValue::Key(k) => Value::from(k.expose()),
        FieldValue::Subnet(s) => Value::from(s.to_string()),
        FieldValue::Registry(r) => Value::from(r.as_str()),
        FieldValue::Prefixes(list) => {
            Value::Array(list.iter().map(|p| Value::from(p.to_string())).collect())
        }
        FieldValue::RouteFilter(r) => Value::from(ctx.route_filter_id(&r.reference).as_literal()?),
    })
}

/// The PUT body, or why there is none.
fn body(ctx: Ctx, peering: &Peering) -> Result<Value, String> {
    let plan = ctx.plan;
    let planned = PeeringState::of_plan(peering, &plan.circuit);
    let live = plan.live(peering.peering_type());
    let mut props = Map::new();
    props.insert(
        "peeringType".into(),
        Value::from(peering.peering_type().as_str()),
    );
    for (field, held) in &planned.values {
        let s = spec(*field);
        if s.kind == ValueKind::Secret && !ctx.opts.inline_shared_key {
            continue; // §6: the key stays out unless the user asked for it
        }
        let Held::Known(value) = held else { continue };
        let json = json_value(ctx, value).ok_or_else(|| {
            "Add the subscription ID to the plan: the route filter's full resource ID needs it, so no body is shown (a body with a placeholder would fail).".to_string()
        })?;
        insert(&mut props, s.arm, json);
    }
    for f in AddressFamily::ALL {
        if planned.has_family(f) {
            insert(
                &mut props,
                family_spec(f).state,
                family_state(plan, peering, f),
            );
        }
    }
    for (path, value) in carried_properties(plan, peering) {
        insert(&mut props, path, value.clone());
    }
    if let Some(live) = live {
        if !live.connections.is_empty() {
            props.insert(
                "connections".into(),
                Value::Array(live.connections.iter().map(arm_connection).collect()),
            );
        }
    }
    let mut root = Map::new();
    root.insert("properties".into(), Value::Object(props));
    Ok(Value::Object(root))
}

/// A planned family's state (§9): `Enabled` for a new family; a kept family keeps its live state (a
/// disabled one stays so).
pub(crate) fn family_state(plan: &ValidPlan, peering: &Peering, f: AddressFamily) -> Value {
    plan.live(peering.peering_type())
        .filter(|l| l.family(f).is_some())
        .and_then(|l| {
            l.live_properties
                .iter()
                .find(|(p, _)| p == family_spec(f).state)
        })
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| Value::from("Enabled"))
}

/// The live properties other than the states that a whole-peering write carries over from the
/// baseline (`legacyMode`, `advertisedCommunities`), by ARM path: only for families both planned and
/// live.
pub(crate) fn carried_properties<'p>(
    plan: &'p ValidPlan,
    peering: &Peering,
) -> Vec<(&'p str, &'p Value)> {
    let Some(live) = plan.live(peering.peering_type()) else {
        return Vec::new();
    };
    live.live_properties
        .iter()
        .filter(|(path, _)| {
            let f = carried_family(path);
            path != family_spec(f).state && peering.has(f) && live.family(f).is_some()
        })
        .map(|(path, value)| (path.as_str(), value))
        .collect()
}

/// A Global Reach connection in the shape a PUT carries it (what az's own `peering update` sends):
/// `name`, `id` and `properties`. `az ... show` prints connections flattened (no `properties`, plus
/// `resourceGroup`); those are folded back. Read-only and output-only fields are left out
/// (`etag`, `type`, `resourceGroup`, `provisioningState`, `circuitConnectionStatus`); everything else
/// is kept as imported.
pub fn arm_connection(connection: &Value) -> Value {
    const DROP: &[&str] = &[
        "etag",
        "type",
        "resourcegroup",
        "provisioningstate",
        "circuitconnectionstatus",
    ];
    fn clean(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| !DROP.contains(&k.to_ascii_lowercase().as_str()))
                    .map(|(k, v)| (k.clone(), clean(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(clean).collect()),
            other => other.clone(),
        }
    }
    let Value::Object(map) = connection else {
        return connection.clone();
    };
    let mut out = Map::new();
    let mut props = Map::new();
    for (k, v) in map {
        match k.to_ascii_lowercase().as_str() {
            "name" | "id" => {
                out.insert(k.clone(), v.clone());
            }
            "properties" => {
                if let Value::Object(p) = clean(v) {
                    props.extend(p);
                }
            }
            key if DROP.contains(&key) => {}
            _ => {
                props.insert(k.clone(), clean(v));
            }
        }
    }
    out.insert("properties".into(), Value::Object(props));
    Value::Object(out)
}

/// The relative URL of a peering's PUT (`{subscriptionId}` when the plan has none: az fills it).
pub fn url(ctx: Ctx, peering: &Peering) -> String {
    let c = &ctx.plan.circuit;
    let sub = c
        .subscription
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "{subscriptionId}".to_string());
    format!(
        "/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.Network/expressRouteCircuits/{}/peerings/{}?api-version={ARM_API_VERSION}",
        c.resource_group.as_str(),
        c.name.as_str(),
        peering.peering_type().as_str()
    )
}

/// The `az rest` block of a peering: the same live-state checks as the main script, the PUT (skipped
/// when the peering already holds every value of the body), then the wait for `Succeeded`.
fn rest_script(ctx: Ctx, peering: &Peering) -> Script {
    let plan = ctx.plan;
    let name = peering.peering_type().as_str();
    let planned_columns = columns_planned(ctx, peering);
    let planned = PeeringState::of_plan(peering, &plan.circuit);
    let mut checks = vec![Check::Ready {
        circuit: plan.circuit.name.to_string(),
    }];
    match plan.live(peering.peering_type()) {
        None => {
            checks.push(Check::NewOrOurs {
                peering: name.to_string(),
                planned: planned_columns.clone(),
                created: planned_columns
                    .iter()
                    .filter(|c| c.value.as_literal().is_none_or(|t| !t.is_empty()))
                    .map(|c| c.name)
                    .collect(),
                show: ctx.show_json(peering.peering_type()),
            });
            checks.push(Check::VlanFree {
                peering: name.to_string(),
                vlan: peering.vlan_id.to_string(),
            });
        }
        Some(live) => {
            // A PUT replaces the whole peering: every readable value must still be as imported (or
            // already as planned), or the body would overwrite someone else's change.
            let columns = planned_columns
                .iter()
                .filter_map(|c| {
                    let field = super::fields::TABLE
                        .iter()
                        .find(|s| s.path == c.name)?
                        .field;
                    Some((
                        c.name,
                        super::quote::Word::text(raw_text(&live.raw, field)),
                        c.value.clone(),
                    ))
                })
                .collect();
            checks.push(Check::Unchanged {
                peering: name.to_string(),
                columns,
                before_is: "imported",
            });
            if live.vlan_id != crate::domain::model::LiveValue::Known(peering.vlan_id) {
                checks.push(Check::VlanFree {
                    peering: name.to_string(),
                    vlan: peering.vlan_id.to_string(),
                });
            }
        }
    }
    let sends_new_key = plan_changes(plan).iter().any(|c| {
        c.peering_type == peering.peering_type()
            && c.kind == ChangeKind::Update
            && c.edit(PeeringField::SharedKey).is_some()
    });
    let put = AzCommand::new(&["rest"])
        .opt("--method", "put")
        .opt("--url", url(ctx, peering))
        .flag("--body")
        .push(Arg::FileRef(BODY_FILE.into()))
        .opt("-o", "none");
    let wait = ctx
        .peering_command("show")
        .opt("-n", name)
        .opt("--query", "provisioningState")
        .opt("-o", "tsv");
    let mut steps = vec![Step::ReadCircuit {
        command: ctx.circuit_read(),
        circuit: plan.circuit.name.to_string(),
        checks,
    }];
    // The body attaches the filters the plan creates by ID: a PUT before they exist fails with
    // InvalidResourceReference, so the block checks for them first and says which block makes them.
    let creates: Vec<super::filters::FilterPlan> = super::filters::planned(plan)
        .into_iter()
        .filter(|f| f.peering_type == peering.peering_type() && f.imported.is_none())
        .collect();
    if !creates.is_empty() {
        let checks = creates
            .iter()
            .map(|f| Check::FilterThere {
                filter: f.key(),
                message: format!(
                    "route filter {} is not there yet: this body attaches it, so send {} first (the block \"route filter {}: send the body with az rest\"), then run this block again.",
                    f.name,
                    super::filters::body_file(f),
                    f.name
                ),
            })
            .collect();
        steps.push(super::filters::read_step(&creates, checks));
    }
    steps.extend([
        Step::RequireBody {
            file: BODY_FILE.into(),
            peering: name.to_string(),
            key: peering.shared_key.is_some() || plan.live(peering.peering_type()).is_some(),
        },
        Step::Run {
            title: format!("PUT the body of {BODY_FILE} as {name}."),
            command: put,
            // Every readable field, unset ones included: a body that removes a value is not "done"
            // while the live peering still has it.
            // A new shared key cannot be read back, so a peering that holds every other value
            // may still have the old key: then the PUT always runs (sending it twice is harmless).
            skip: if sends_new_key {
                Vec::new()
            } else {
                vec![Skip::Holds {
                    peering: name.to_string(),
                    columns: ctx.columns_of(&planned),
                    reason: format!("{name} already holds every value of the body"),
                }]
            },
            done: format!("sent {BODY_FILE} for {name}."),
        },
        Step::Wait {
            peering: name.to_string(),
            command: wait,
        },
    ]);
    Script {
        header: Vec::new(),
        steps,
    }
}

pub fn payloads(ctx: Ctx) -> Vec<ArmPayload> {
    ctx.plan
        .peerings
        .iter()
        .map(|peering| payload(ctx, peering))
        .collect()
}

fn payload(ctx: Ctx, peering: &Peering) -> ArmPayload {
    let plan = ctx.plan;
    let name = peering.peering_type().as_str();
    let mut notes = Vec::new();
    let body_text = match body(ctx, peering) {
        Ok(json) => {
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            text
        }
        Err(reason) => {
            notes.push(reason);
            String::new()
        }
    };
    if peering.shared_key.is_some() && !ctx.opts.inline_shared_key {
        notes.push(
            "The shared key is left out of this body (it is a secret). Add \"sharedKey\": \"<key>\" under \"properties\" before sending it, or turn on \"Put the shared key into the outputs\"; the az rest block stops until the file has it.".into(),
        );
    }
    if !peering.has(AddressFamily::Ipv4) {
        notes.push("IPv6-only peering: the body has no top-level state; the service then reports state Disabled, and ipv6PeeringConfig.state Enabled.".into());
    }
    match plan.live(peering.peering_type()) {
        Some(live) => {
            notes.push(format!(
                "Change mode: this body is the whole {name} as your plan wants it, with the live values the plan does not model (family states, legacyMode, advertisedCommunities) as imported. A PUT replaces the whole live peering; the az script changes only the fields you edited and is the safer route."
            ));
            if !live.connections.is_empty() {
                notes.push(format!(
                    "properties.connections holds the {} Global Reach connection(s) of the live peering as imported (without their read-only fields), so the PUT keeps them.",
                    live.connections.len()
                ));
            }
            if peering.shared_key.is_none() {
                notes.push("No shared key in this body: you left the key empty (unchanged), and the live key cannot be read back. A PUT without sharedKey may remove the live key and reset the BGP sessions, so the az rest block stops until the file has \"sharedKey\" (the current key, or \"\" when the peering has none).".into());
            }
        }
        None => notes.push(format!(
            "A PUT replaces the whole peering. Use it to create {name}: the az rest block stops when {name} is already live with other values."
        )),
    }
    for f in super::filters::planned(plan)
        .iter()
        .filter(|f| f.peering_type == peering.peering_type() && f.imported.is_none())
    {
        notes.push(format!(
            "This body attaches route filter {}, which the plan creates: send its body (below) first; the az rest block stops until the filter is there.",
            f.name
        ));
    }
    let rest = (!body_text.is_empty()).then(|| rest_script(ctx, peering));
    ArmPayload {
        peering_type: peering.peering_type(),
        body: body_text,
        url: url(ctx, peering),
        rest,
        notes,
    }
}

/// The carried live properties are ARM paths: their family decides whether they go in the body.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_builds_nested_objects() {
        let mut map = Map::new();
        insert(&mut map, "a.b.c", Value::from(1));
        insert(&mut map, "a.d", Value::from(2));
        assert_eq!(
            Value::Object(map),
            serde_json::json!({"a": {"b": {"c": 1}, "d": 2}})
        );
    }
}
