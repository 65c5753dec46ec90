//! Change mode, step 1 (§6, §9, §11.1): reads what `az` says is live and turns it into a plan document
//! whose `peerings` are the live values (key empty) and whose `baseline` holds the same peerings plus
//! their Global Reach `connections` as imported.
//!
//! Accepted input: the JSON of `az network express-route peering show` (one peering), `az network
//! express-route show` (a circuit with `peerings`), `az network express-route peering list` (an
//! array), or raw ARM JSON (with `properties` wrappers). Keys are case-insensitive at every level;
//! read-only and server-set fields (§9) and unknown fields are ignored. Total: never panics.

use super::document::{
    Baseline, BaselineFilter, BaselinePeering, CircuitDoc, FamilyDoc, FilterRuleDoc, PeeringDoc,
    PlanDocument, RoutersDoc, CARRIED_PROPERTIES,
};
use super::peering::{PeeringType, PeeringTypeError, RETIRED_PUBLIC_PEERING};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Inputs larger than this are refused (a peering `show` is a few kilobytes; a circuit with two
/// peerings and Global Reach connections stays far below).
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;

/// What to paste, repeated in every error message.
const WHAT_TO_PASTE: &str = "paste the output of az network express-route peering show -g <resource group> --circuit-name <circuit> -n <AzurePrivatePeering|MicrosoftPeering> (or of az network express-route show -g <resource group> -n <circuit>)";

/// The result of [`import_live`]: a plan in change mode and what the import noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveImport {
    /// `peerings` = the live values (shared key empty: unchanged), `baseline` = the same peerings with
    /// their `connections`; `circuit` from the resources' `id` when present.
    pub document: PlanDocument,
    /// Plain-language remarks for the UI (a key that was dropped, a retired peering kept out, ...).
    pub notes: Vec<String>,
}

/// Why a text could not be imported. The message names what is wrong and what to paste instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

fn error(what: impl std::fmt::Display) -> ImportError {
    ImportError {
        message: format!("{what}: {WHAT_TO_PASTE}."),
    }
}

/// A key of an object, case-insensitive (an exact match first).
fn get<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A field of an az output object (flattened) or of an ARM resource (under `properties`).
fn field<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    match get(obj, name) {
        Some(Value::Null) | None => get(obj, "properties")
            .and_then(Value::as_object)
            .and_then(|p| get(p, name))
            .filter(|v| !v.is_null()),
        some => some,
    }
}

/// A scalar as text: strings trimmed, numbers in decimal; anything else empty.
fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn type_of(obj: &Map<String, Value>) -> String {
    text(get(obj, "type")).to_ascii_lowercase()
}

/// Splits `/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/C[/...]`.
fn circuit_from_id(id: &str) -> Option<CircuitDoc> {
    let parts: Vec<&str> = id.trim().trim_matches('/').split('/').collect();
    let at = |i: usize, name: &str| parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case(name));
    if parts.len() >= 8
        && at(0, "subscriptions")
        && at(2, "resourcegroups")
        && at(4, "providers")
        && at(5, "microsoft.network")
        && at(6, "expressroutecircuits")
    {
        Some(CircuitDoc {
            subscription: parts[1].to_string(),
            resource_group: parts[3].to_string(),
            name: parts[7].to_string(),
        })
    } else {
        None
    }
}

/// The route filter of a family: its full ID (the plan's route filter text).
fn route_filter(config: &Map<String, Value>) -> String {
    match field(config, "routefilter") {
        Some(Value::Object(rf)) => text(get(rf, "id")),
        Some(Value::String(s)) => s.trim().to_string(),
        _ => String::new(),
    }
}

fn prefixes(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| text(Some(i)))
            .filter(|t| !t.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    }
}

/// One family from a config object that holds `primaryPeerAddressPrefix` & co. (the peering itself for
/// IPv4, `ipv6PeeringConfig` for IPv6); `None` when it has no link subnet (not configured).
fn family(config: &Map<String, Value>, microsoft: bool) -> Option<FamilyDoc> {
    let primary = text(field(config, "primarypeeraddressprefix"));
    let secondary = text(field(config, "secondarypeeraddressprefix"));
    if primary.is_empty() && secondary.is_empty() {
        return None;
    }
    let mut doc = FamilyDoc {
        primary,
        secondary,
        ..FamilyDoc::default()
    };
    if microsoft {
        if let Some(Value::Object(ms)) = field(config, "microsoftpeeringconfig") {
            doc.advertised_prefixes = prefixes(get(ms, "advertisedpublicprefixes"));
            let customer = text(get(ms, "customerasn"));
            // `show` reports an unset customer ASN as 0.
            doc.customer_asn = if customer == "0" {
                String::new()
            } else {
                customer
            };
            let registry = text(get(ms, "routingregistryname"));
            doc.routing_registry = if registry.eq_ignore_ascii_case("NONE") {
                String::new()
            } else {
                registry
            };
        }
        doc.route_filter = route_filter(config);
    }
    Some(doc)
}

struct Imported {
    peering: BaselinePeering,
    circuit: Option<CircuitDoc>,
    had_key: bool,
}

fn peering(obj: &Map<String, Value>) -> Result<Imported, ImportError> {
    let mut peering_type = text(field(obj, "peeringtype"));
    if peering_type.is_empty() {
        peering_type = text(get(obj, "name"));
    }
    if peering_type.is_empty() {
        return Err(error(
            "this object has no peeringType (nor a name): it does not look like a peering",
        ));
    }
    // The type is the resource name; spell the known ones as the planner does.
    match PeeringType::parse(&peering_type) {
        Ok(known) => peering_type = known.as_str().to_string(),
        Err(PeeringTypeError::Retired) => peering_type = RETIRED_PUBLIC_PEERING.to_string(),
        Err(_) => {}
    }
    let microsoft = peering_type == PeeringType::MicrosoftPeering.as_str();
    let ipv6 = match field(obj, "ipv6peeringconfig") {
        Some(Value::Object(v6)) => family(v6, microsoft),
        _ => None,
    };
    let connections = match field(obj, "connections") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let had_key = !text(field(obj, "sharedkey")).is_empty();
    let circuit = circuit_from_id(&text(get(obj, "id")));
    Ok(Imported {
        peering: BaselinePeering {
            peering: PeeringDoc {
                peering_type,
                peer_asn: text(field(obj, "peerasn")),
                vlan_id: text(field(obj, "vlanid")),
                // §6: never kept, even when `show` returns it.
                shared_key: String::new(),
                ipv4: family(obj, microsoft),
                ipv6,
            },
            connections,
            live_properties: carried(obj),
        },
        circuit,
        had_key,
    })
}

/// The live values a whole-peering PUT must carry over ([`CARRIED_PROPERTIES`]), as imported: each
/// dotted path is followed through az's flattened output or ARM's `properties`, case-insensitively.
fn carried(obj: &Map<String, Value>) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for path in CARRIED_PROPERTIES {
        let mut node = Some(obj);
        let mut value = None;
        let steps: Vec<&str> = path.split('.').collect();
        for (i, step) in steps.iter().enumerate() {
            let Some(current) = node else { break };
            let found = field(current, &step.to_ascii_lowercase());
            if i + 1 == steps.len() {
                value = found.filter(|v| !v.is_null()).cloned();
            } else {
                node = found.and_then(Value::as_object);
            }
        }
        if let Some(value) = value {
            out.insert(path.to_string(), value);
        }
    }
    out
}

/// What the object is, for a message that says so.
fn describe_other(obj: &Map<String, Value>) -> String {
    let t = type_of(obj);
    if t.ends_with("/routefilters") || field(obj, "rules").is_some() {
        return "this looks like a route filter, not a peering".into();
    }
    if t.ends_with("/expressroutecircuits/peerings/connections")
        || field(obj, "expressroutecircuitpeering").is_some()
    {
        return "this looks like a Global Reach connection, not a peering".into();
    }
    if t.ends_with("/virtualnetworkgateways") || t.ends_with("/connections") {
        return "this looks like a gateway or VNet connection, not a peering".into();
    }
    if !t.is_empty() {
        return format!("this is a resource of type {t}, not an ExpressRoute peering or circuit");
    }
    "this JSON object is neither a peering nor a circuit (no peeringType, no peerings)".into()
}

fn is_circuit(obj: &Map<String, Value>) -> bool {
    type_of(obj).ends_with("/expressroutecircuits") || field(obj, "peerings").is_some()
}

fn is_peering(obj: &Map<String, Value>) -> bool {
    let id = text(get(obj, "id"));
    let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
    let peering_id = parts.len() == 10
        && circuit_from_id(&id).is_some()
        && parts[8].eq_ignore_ascii_case("peerings");
    type_of(obj).ends_with("/expressroutecircuits/peerings")
        || field(obj, "peeringtype").is_some()
        || peering_id
}

/// Reads `az ... peering show`, `az network express-route show`, `az ... peering list` or raw ARM
/// JSON into a plan in change mode. Total: any text gives a [`LiveImport`] or an [`ImportError`].
pub fn import_live(input: &str) -> Result<LiveImport, ImportError> {
    if input.trim().is_empty() {
        return Err(error("nothing was pasted"));
    }
    if input.len() > MAX_IMPORT_BYTES {
        return Err(error(format!(
            "the text is {} bytes, more than the {} a circuit's JSON can be",
            input.len(),
            MAX_IMPORT_BYTES
        )));
    }
    let value: Value = serde_json::from_str(input.trim_start_matches('\u{feff}')).map_err(|e| {
        error(format!(
            "this is not JSON ({e}); run the command with -o json (the default), not -o table or tsv"
        ))
    })?;
    let mut circuit: Option<CircuitDoc> = None;
    let mut s_tag: Option<String> = None;
    let mut stag_note: Option<String> = None;
    let mut objects: Vec<Map<String, Value>> = Vec::new();
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(error(
                    "the list is empty: the circuit has no peering to change",
                ));
            }
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::Object(obj) if is_peering(&obj) => objects.push(obj),
                    Value::Object(obj) => {
                        return Err(error(format!(
                            "item {i} of the list: {}",
                            describe_other(&obj)
                        )))
                    }
                    other => {
                        return Err(error(format!(
                            "item {i} of the list is {} instead of a peering object",
                            kind(&other)
                        )))
                    }
                }
            }
        }
        Value::Object(obj) if is_route_filter(&obj) => return route_filter_import(&obj),
        Value::Object(obj) if is_peering(&obj) && !is_circuit(&obj) => objects.push(obj),
        Value::Object(obj) if is_circuit(&obj) => {
            (s_tag, stag_note) = circuit_s_tag(&obj);
            circuit = circuit_from_id(&text(get(&obj, "id")));
            if circuit.is_none() {
                circuit = circuit_from_name(&obj);
            }
            match field(&obj, "peerings") {
                Some(Value::Array(items)) if !items.is_empty() => {
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::Object(p) => objects.push(p.clone()),
                            other => {
                                return Err(error(format!(
                                    "peering {i} of the circuit is {} instead of an object",
                                    kind(other)
                                )))
                            }
                        }
                    }
                }
                _ => {
                    return Err(error(
                        "this circuit has no peerings yet: there is nothing live to change (plan new peerings instead)",
                    ))
                }
            }
        }
        Value::Object(obj) => return Err(error(describe_other(&obj))),
        other => {
            return Err(error(format!(
                "this JSON is {} instead of a peering object",
                kind(&other)
            )))
        }
    }

    let mut notes = Vec::new();
    let mut live: Vec<BaselinePeering> = Vec::new();
    for obj in &objects {
        let imported = peering(obj)?;
        if circuit.is_none() {
            circuit = imported.circuit.clone();
        }
        if imported.had_key {
            notes.push(format!(
                "{}: the pasted JSON holds a shared key; it was not imported (an empty key means unchanged).",
                imported.peering.peering.peering_type
            ));
        }
        let duplicate = live.iter().any(|p| {
            p.peering
                .peering_type
                .eq_ignore_ascii_case(&imported.peering.peering.peering_type)
        });
        if duplicate {
            return Err(error(format!(
                "the text holds {} twice",
                imported.peering.peering.peering_type
            )));
        }
        live.push(imported.peering);
    }
    let peerings: Vec<PeeringDoc> = live
        .iter()
        .filter(|p| {
            let retired = p.peering.peering_type == RETIRED_PUBLIC_PEERING;
            if retired {
                notes.push("AzurePublicPeering is retired and cannot be planned: it stays in the baseline only; the planner neither changes nor deletes it.".into());
            }
            !retired
        })
        .map(|p| p.peering.clone())
        .collect();
    if circuit.is_none() {
        notes.push("The JSON has no resource id: fill in the subscription, resource group and circuit name.".into());
    }
    notes.extend(stag_note);
    Ok(LiveImport {
        document: PlanDocument {
            circuit: circuit.unwrap_or_default(),
            peerings,
            routers: s_tag.map(|s_tag| RoutersDoc {
                encapsulation: "qinq".into(),
                s_tag,
                ..RoutersDoc::default()
            }),
            baseline: Some(Baseline {
                peerings: live,
                route_filters: Vec::new(),
            }),
            ..PlanDocument::default()
        },
        notes,
    })
}

/// The circuit's S-tag (`stag`) when the customer's routers tag it: only on ExpressRoute Direct (the
/// circuit sits on an `expressRoutePort`); a provider circuit's S-tag is the provider's and stays out of
/// the router configs (background/router-iac-routefilters.md §1a, azure-docs PR #999).
fn circuit_s_tag(obj: &Map<String, Value>) -> (Option<String>, Option<String>) {
    let stag = match field(obj, "stag") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(t)) => t.trim().to_string(),
        _ => return (None, None),
    };
    if stag.is_empty() || stag == "0" {
        return (None, None);
    }
    let direct =
        matches!(field(obj, "expressrouteport"), Some(Value::Object(port)) if !port.is_empty());
    if direct {
        (
            Some(stag.clone()),
            Some(format!(
                "ExpressRoute Direct circuit: its S-tag {stag} was imported into the router settings (QinQ)."
            )),
        )
    } else {
        (
            None,
            Some(format!(
                "The circuit reports S-tag {stag}: on a provider circuit the provider adds it, so the router configs tag only each peering's VLAN (dot1q); choose qinq under router settings if your provider hands you the S-tag."
            )),
        )
    }
}

fn is_route_filter(obj: &Map<String, Value>) -> bool {
    type_of(obj).ends_with("/routefilters")
        || (field(obj, "rules").is_some() && field(obj, "peeringtype").is_none())
}

/// `az network route-filter show -o json` (or the ARM resource): the filter as a baseline the plan can
/// manage. Its one rule's communities are what the plan then edits; [`merge_import`] puts it into the
/// family that names the filter.
fn route_filter_import(obj: &Map<String, Value>) -> Result<LiveImport, ImportError> {
    let id = text(get(obj, "id"));
    let name = match text(get(obj, "name")) {
        n if !n.is_empty() => n,
        _ => return Err(error("this route filter JSON has no name")),
    };
    let resource_group = match text(get(obj, "resourcegroup")) {
        rg if !rg.is_empty() => rg,
        _ => resource_group_of(&id).unwrap_or_default(),
    };
    let rules: Vec<&Map<String, Value>> = match field(obj, "rules") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let rule = rules.first();
    let communities = rule
        .and_then(|r| field(r, "communities"))
        .and_then(Value::as_array)
        .map(|items| items.iter().map(|v| text(Some(v))).collect())
        .unwrap_or_default();
    let mut notes = vec![format!(
        "Imported route filter {name} ({} rule{}): the Microsoft peering family that names it manages its rule; edit the communities there.",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" }
    )];
    if rules.len() > 1 {
        notes.push("The filter has more than one rule: only the first is planned; the others stay as they are.".into());
    }
    Ok(LiveImport {
        document: PlanDocument {
            baseline: Some(Baseline {
                peerings: Vec::new(),
                route_filters: vec![BaselineFilter {
                    id,
                    name,
                    resource_group,
                    location: text(get(obj, "location")),
                    rule_name: rule.map(|r| text(get(r, "name"))).unwrap_or_default(),
                    communities,
                }],
            }),
            ..PlanDocument::default()
        },
        notes,
    })
}

/// The resource group segment of an ARM ID.
fn resource_group_of(id: &str) -> Option<String> {
    let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
    parts
        .iter()
        .position(|p| p.eq_ignore_ascii_case("resourcegroups"))
        .and_then(|i| parts.get(i + 1))
        .map(|s| s.to_string())
}

/// A circuit object without `id`: its name (and resource group when az printed it).
fn circuit_from_name(obj: &Map<String, Value>) -> Option<CircuitDoc> {
    let name = text(get(obj, "name"));
    if name.is_empty() {
        return None;
    }
    Some(CircuitDoc {
        subscription: String::new(),
        resource_group: text(get(obj, "resourcegroup")),
        name,
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Puts an import into an existing plan: the circuit (fields the import has), the peerings and the
/// baseline are replaced; the VNet address spaces stay. The result is in change mode.
pub fn merge_import(plan: &PlanDocument, import: &LiveImport) -> PlanDocument {
    if let Some(filters) = import
        .document
        .baseline
        .as_ref()
        .map(|b| &b.route_filters)
        .filter(|f| !f.is_empty() && import.document.peerings.is_empty())
    {
        return merge_filters(plan, filters);
    }
    let mut merged = plan.clone();
    let from = &import.document.circuit;
    for (target, value) in [
        (&mut merged.circuit.subscription, &from.subscription),
        (&mut merged.circuit.resource_group, &from.resource_group),
        (&mut merged.circuit.name, &from.name),
    ] {
        if !value.is_empty() {
            *target = value.clone();
        }
    }
    merged.peerings = import.document.peerings.clone();
    merged.baseline = import.document.baseline.clone();
    if let Some(imported) = &import.document.routers {
        let routers = merged.routers_mut();
        routers.encapsulation = imported.encapsulation.clone();
        routers.s_tag = imported.s_tag.clone();
    }
    merged
}

/// A route filter import: kept in the baseline (replacing an earlier import of the same filter), and
/// every Microsoft family that names it (by ID, or by name in the circuit's resource group) manages it:
/// its `routeFilterRule` becomes the live filter's region and rule, so an unchanged plan changes nothing.
fn merge_filters(plan: &PlanDocument, filters: &[BaselineFilter]) -> PlanDocument {
    let mut merged = plan.clone();
    let baseline = merged.baseline.get_or_insert_with(Baseline::default);
    for f in filters {
        baseline.route_filters.retain(|b| {
            !(b.name.eq_ignore_ascii_case(&f.name)
                && b.resource_group.eq_ignore_ascii_case(&f.resource_group))
        });
        baseline.route_filters.push(f.clone());
    }
    let circuit_rg = merged.circuit.resource_group.trim().to_string();
    for peering in &mut merged.peerings {
        for slot in [&mut peering.ipv4, &mut peering.ipv6] {
            let Some(family) = slot.as_mut() else {
                continue;
            };
            let named = family.route_filter.trim().to_string();
            let Some(f) = filters
                .iter()
                .find(|f| names_filter(&named, f, &circuit_rg))
            else {
                continue;
            };
            family.route_filter_rule = Some(FilterRuleDoc {
                resource_group: if f.resource_group.eq_ignore_ascii_case(&circuit_rg)
                    || named.starts_with('/')
                {
                    String::new()
                } else {
                    f.resource_group.clone()
                },
                location: f.location.clone(),
                rule_name: f.rule_name.clone(),
                communities: f.communities.clone(),
            });
        }
    }
    merged
}

/// Whether a family's `routeFilter` text names this filter.
fn names_filter(named: &str, f: &BaselineFilter, circuit_rg: &str) -> bool {
    if named.is_empty() {
        return false;
    }
    if named.starts_with('/') {
        return named.eq_ignore_ascii_case(&f.id)
            || (resource_group_of(named)
                .is_some_and(|rg| rg.eq_ignore_ascii_case(&f.resource_group))
                && named
                    .rsplit('/')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case(&f.name)));
    }
    named.eq_ignore_ascii_case(&f.name) && f.resource_group.eq_ignore_ascii_case(circuit_rg)
}
