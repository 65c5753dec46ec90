//! The ARM REST payload of each peering (§9): one PUT body with both families, its URL and the
//! `az rest` line that sends it.

use super::azcli::route_filter_id_pieces;
use super::quote::Word;
use super::steps::{Arg, AzCommand};
use super::{ArmPayload, EmitOptions, ARM_API_VERSION};
use crate::domain::model::{FamilyPlan, ValidPeering, ValidPlan};

/// A JSON value whose objects keep their key order (the body reads in the order of §9).
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Str(String),
    Num(u64),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    fn pretty(&self, indent: usize, out: &mut String) {
        match self {
            Json::Str(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
            Json::Num(n) => out.push_str(&n.to_string()),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&"  ".repeat(indent + 1));
                    item.pretty(indent + 1, out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Json::Obj(fields) => {
                out.push_str("{\n");
                for (i, (key, value)) in fields.iter().enumerate() {
                    out.push_str(&"  ".repeat(indent + 1));
                    out.push_str(&format!("\"{key}\": "));
                    value.pretty(indent + 1, out);
                    out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
        }
    }
}

/// The route filter's full ID, or `None` when it needs a subscription the plan does not have.
fn route_filter_id(plan: &ValidPlan, family: &FamilyPlan) -> Result<Option<String>, ()> {
    match family
        .microsoft
        .as_ref()
        .and_then(|m| m.route_filter.as_ref())
    {
        None => Ok(None),
        Some(filter) => Word::from_pieces(route_filter_id_pieces(plan, filter))
            .as_literal()
            .map(Some)
            .ok_or(()),
    }
}

fn microsoft_config(family: &FamilyPlan) -> Option<Json> {
    let ms = family.microsoft.as_ref()?;
    let mut fields = vec![(
        "advertisedPublicPrefixes",
        Json::Arr(
            ms.advertised_prefixes
                .iter()
                .map(|p| Json::Str(p.to_string()))
                .collect(),
        ),
    )];
    if let Some(asn) = ms.customer_asn {
        fields.push(("customerASN", Json::Num(asn.value() as u64)));
    }
    if let Some(registry) = ms.routing_registry {
        fields.push(("routingRegistryName", Json::Str(registry.as_str().into())));
    }
    Some(Json::Obj(fields))
}

/// The PUT body, or `Err` naming what is missing.
fn body(plan: &ValidPlan, peering: &ValidPeering, opts: &EmitOptions) -> Result<Json, String> {
    let mut props: Vec<(&'static str, Json)> = vec![
        (
            "peeringType",
            Json::Str(peering.peering_type.as_str().into()),
        ),
        ("peerASN", Json::Num(peering.peer_asn.value() as u64)),
        ("vlanId", Json::Num(peering.vlan_id.value() as u64)),
    ];
    let missing_sub = || {
        "Add the subscription ID to the plan: the route filter's full resource ID needs it, so no body is shown (a body with a placeholder would fail).".to_string()
    };
    if let Some(v4) = &peering.ipv4 {
        props.push((
            "primaryPeerAddressPrefix",
            Json::Str(v4.primary.to_string()),
        ));
        props.push((
            "secondaryPeerAddressPrefix",
            Json::Str(v4.secondary.to_string()),
        ));
    }
    if let (Some(key), true) = (&peering.shared_key, opts.inline_shared_key) {
        props.push(("sharedKey", Json::Str(key.expose().to_string())));
    }
    if let Some(v4) = &peering.ipv4 {
        props.push(("state", Json::Str("Enabled".into())));
        if let Some(ms) = microsoft_config(v4) {
            props.push(("microsoftPeeringConfig", ms));
        }
        if let Some(id) = route_filter_id(plan, v4).map_err(|_| missing_sub())? {
            props.push(("routeFilter", Json::Obj(vec![("id", Json::Str(id))])));
        }
    }
    if let Some(v6) = &peering.ipv6 {
        let mut v6_fields = vec![
            (
                "primaryPeerAddressPrefix",
                Json::Str(v6.primary.to_string()),
            ),
            (
                "secondaryPeerAddressPrefix",
                Json::Str(v6.secondary.to_string()),
            ),
        ];
        if let Some(ms) = microsoft_config(v6) {
            v6_fields.push(("microsoftPeeringConfig", ms));
        }
        if let Some(id) = route_filter_id(plan, v6).map_err(|_| missing_sub())? {
            v6_fields.push(("routeFilter", Json::Obj(vec![("id", Json::Str(id))])));
        }
        v6_fields.push(("state", Json::Str("Enabled".into())));
        props.push(("ipv6PeeringConfig", Json::Obj(v6_fields)));
    }
    Ok(Json::Obj(vec![("properties", Json::Obj(props))]))
}

pub fn payloads(plan: &ValidPlan, opts: &EmitOptions) -> Vec<ArmPayload> {
    plan.peerings
        .iter()
        .map(|peering| payload(plan, peering, opts))
        .collect()
}

fn payload(plan: &ValidPlan, peering: &ValidPeering, opts: &EmitOptions) -> ArmPayload {
    let name = peering.peering_type.as_str();
    let mut notes = Vec::new();
    let body_text = match body(plan, peering, opts) {
        Ok(json) => {
            let mut text = String::new();
            json.pretty(0, &mut text);
            text.push('\n');
            text
        }
        Err(reason) => {
            notes.push(reason);
            String::new()
        }
    };
    if peering.shared_key.is_some() && !opts.inline_shared_key {
        notes.push(
            "The shared key is left out of this body (it is a secret). Add \"sharedKey\": \"<key>\" under \"properties\" before sending it, or turn on \"Put the shared key into the outputs\".".into(),
        );
    }
    if peering.ipv4.is_none() {
        notes.push("IPv6-only peering: the body has no top-level state; the service then reports state Disabled, and ipv6PeeringConfig.state Enabled.".into());
    }
    notes.push(format!(
        "A PUT replaces the whole peering. Use it to create {name}; on an existing peering the body must carry everything that should survive (Global Reach connections in properties.connections included)."
    ));
    let url = plan.circuit.subscription.as_ref().map(|sub| {
        format!(
            "https://management.azure.com/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/expressRouteCircuits/{}/peerings/{name}?api-version={ARM_API_VERSION}",
            sub.as_str(),
            plan.circuit.resource_group.as_str(),
            plan.circuit.name.as_str()
        )
    });
    let (rest_bash, rest_powershell) = match &url {
        Some(url) => {
            let command = AzCommand::new(&["rest"])
                .opt("--method", "put")
                .opt("--url", url.clone())
                .flag("--body")
                .push(Arg::FileRef("peering.json".into()));
            let intro =
                format!("# PUT {url}\n# Save the {name} JSON body as peering.json, then run:\n");
            let bash = super::bash::command_line(&command)
                .map(|line| format!("{intro}{line}\n"))
                .unwrap_or_else(|e| format!("# {e}\n"));
            let ps = super::powershell::command_line(&command)
                .map(|line| format!("{intro}{line}\n"))
                .unwrap_or_else(|e| format!("# {e}\n"));
            (bash, ps)
        }
        None => {
            if !body_text.is_empty() {
                notes.push(
                    "Add the subscription ID to the plan to get the REST URL and the az rest line."
                        .into(),
                );
            }
            let text =
                "# Add the subscription ID to the plan to get the REST URL and the az rest line.\n"
                    .to_string();
            (text.clone(), text)
        }
    };
    ArmPayload {
        peering_type: peering.peering_type,
        body: body_text,
        url,
        rest_bash,
        rest_powershell,
        notes,
    }
}
