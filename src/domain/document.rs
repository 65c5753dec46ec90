//! The plan document, version 1 (§11.1): exactly what the user typed, as strings, so a half-finished or
//! invalid plan survives a round trip. Parsing into typed values happens in the validator, never here.

use super::field::{
    CircuitField, FamilyPart, FieldPath, FilterField, Link, PeeringPart, RouterField,
};
use super::findings::Edit;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The only document version this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDocument {
    pub version: u32,
    #[serde(default)]
    pub circuit: CircuitDoc,
    #[serde(default)]
    pub vnet_address_spaces: Vec<String>,
    #[serde(default)]
    pub peerings: Vec<PeeringDoc>,
    /// The router side (configs for the customer's routers); absent until the user sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routers: Option<RoutersDoc>,
    /// Change mode: the live peerings as imported from `az ... show` JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
}

impl Default for PlanDocument {
    fn default() -> Self {
        PlanDocument {
            version: PLAN_VERSION,
            circuit: CircuitDoc::default(),
            vnet_address_spaces: Vec::new(),
            peerings: Vec::new(),
            routers: None,
            baseline: None,
        }
    }
}

/// The router settings (README, "Router configs"): one vendor and one encapsulation for both routers,
/// each router's parent interface, and the BGP options. Text as typed, like every other value; `bfd`
/// is a switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RoutersDoc {
    /// `iosxe`, `junos`, `eos`, `frr`; empty: not chosen (every vendor's configs are offered).
    pub vendor: String,
    /// `dot1q` (the default when empty) or `qinq`.
    pub encapsulation: String,
    /// QinQ: the outer tag (S-tag).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub s_tag: String,
    /// BFD on the IPv4 sessions (§10: on by default).
    pub bfd: bool,
    /// Inbound maximum-prefix per session; empty: the default.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub max_prefix: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub primary_interface: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub secondary_interface: String,
}

impl Default for RoutersDoc {
    fn default() -> Self {
        RoutersDoc {
            vendor: String::new(),
            encapsulation: String::new(),
            s_tag: String::new(),
            bfd: true,
            max_prefix: String::new(),
            primary_interface: String::new(),
            secondary_interface: String::new(),
        }
    }
}

impl RoutersDoc {
    fn text(&self, field: RouterField) -> Option<&String> {
        Some(match field {
            RouterField::Vendor => &self.vendor,
            RouterField::Encapsulation => &self.encapsulation,
            RouterField::STag => &self.s_tag,
            RouterField::MaxPrefix => &self.max_prefix,
            RouterField::Interface(Link::Primary) => &self.primary_interface,
            RouterField::Interface(Link::Secondary) => &self.secondary_interface,
            RouterField::Bfd => return None,
        })
    }

    fn text_mut(&mut self, field: RouterField) -> Option<&mut String> {
        Some(match field {
            RouterField::Vendor => &mut self.vendor,
            RouterField::Encapsulation => &mut self.encapsulation,
            RouterField::STag => &mut self.s_tag,
            RouterField::MaxPrefix => &mut self.max_prefix,
            RouterField::Interface(Link::Primary) => &mut self.primary_interface,
            RouterField::Interface(Link::Secondary) => &mut self.secondary_interface,
            RouterField::Bfd => return None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CircuitDoc {
    pub subscription: String,
    pub resource_group: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PeeringDoc {
    #[serde(rename = "type")]
    pub peering_type: String,
    pub peer_asn: String,
    pub vlan_id: String,
    /// A secret (§6): serialized only by [`PlanDocument::to_json`] with `include_shared_key`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub shared_key: String,
    /// Absent or null: not configured; an object, even `{}`: configured (§11.1).
    pub ipv4: Option<FamilyDoc>,
    pub ipv6: Option<FamilyDoc>,
}

/// One address family of a peering. Both families take the same keys; the Microsoft-only ones are
/// ignored (with `field.ignored`) on a private peering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FamilyDoc {
    pub primary: String,
    pub secondary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advertised_prefixes: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub customer_asn: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub routing_registry: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub route_filter: String,
    /// Private peering, router side: the on-premises prefixes the routers advertise to Azure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_premises_prefixes: Vec<String>,
    /// Microsoft peering: the route filter `route_filter` names is created (or, imported in change
    /// mode, managed) by the plan with this rule. Absent or null: attach an existing filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_filter_rule: Option<FilterRuleDoc>,
}

/// A route filter the plan creates: where, and the one rule it holds (README "Route filters").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FilterRuleDoc {
    /// Empty: the circuit's resource group.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub resource_group: String,
    /// The Azure region (`westeurope`).
    pub location: String,
    /// Empty: `allow-communities`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rule_name: String,
    pub communities: Vec<String>,
}

impl FilterRuleDoc {
    fn text(&self, field: FilterField) -> &String {
        match field {
            FilterField::ResourceGroup => &self.resource_group,
            FilterField::Location => &self.location,
            FilterField::RuleName => &self.rule_name,
        }
    }

    fn text_mut(&mut self, field: FilterField) -> &mut String {
        match field {
            FilterField::ResourceGroup => &mut self.resource_group,
            FilterField::Location => &mut self.location,
            FilterField::RuleName => &mut self.rule_name,
        }
    }
}

/// Change mode (§11.1): what is live now, so the outputs can be minimal updates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Baseline {
    pub peerings: Vec<BaselinePeering>,
    /// Route filters imported from `az network route-filter show` JSON: the plan manages them (a
    /// family's `routeFilterRule` with the same name and resource group) with minimal rule updates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_filters: Vec<BaselineFilter>,
}

/// A live route filter as imported: where it is and its one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BaselineFilter {
    pub id: String,
    pub name: String,
    pub resource_group: String,
    pub location: String,
    pub rule_name: String,
    pub communities: Vec<String>,
}

/// Read by a hand-written `Deserialize` (below) with exactly the semantics and messages the derived one with
/// `#[serde(flatten)]` had; the derived one buffered every entry through serde's private `Content` and
/// carried a second copy of the `PeeringDoc` reader (bundle size).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BaselinePeering {
    #[serde(flatten)]
    pub peering: PeeringDoc,
    /// Global Reach connections exactly as imported; a PUT must re-send them (§9).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub connections: Vec<serde_json::Value>,
    /// Live values the plan does not model but a whole-peering PUT must keep, as imported, keyed by
    /// their ARM property path under `properties` ([`CARRIED_PROPERTIES`]): the families' `state` (a
    /// disabled family stays disabled), and each Microsoft config's `legacyMode` and
    /// `advertisedCommunities`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub live_properties: BTreeMap<String, serde_json::Value>,
}

/// The live properties a change-mode PUT carries over from the baseline (§9), by ARM property path
/// under `properties`; each belongs to the family named by [`carried_family`].
pub const CARRIED_PROPERTIES: [&str; 6] = [
    "state",
    "microsoftPeeringConfig.legacyMode",
    "microsoftPeeringConfig.advertisedCommunities",
    "ipv6PeeringConfig.state",
    "ipv6PeeringConfig.microsoftPeeringConfig.legacyMode",
    "ipv6PeeringConfig.microsoftPeeringConfig.advertisedCommunities",
];

/// The family a carried property belongs to: IPv6 under `ipv6PeeringConfig`, IPv4 otherwise (the
/// top-level `state` is the IPv4 state: an IPv6-only peering reports it `Disabled`, §8).
pub fn carried_family(path: &str) -> super::field::AddressFamily {
    if path.starts_with("ipv6PeeringConfig.") {
        super::field::AddressFamily::Ipv6
    } else {
        super::field::AddressFamily::Ipv4
    }
}

/// Why a text is not a readable version-1 plan (finding `plan.unreadable`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadablePlan {
    pub reason: String,
}

impl UnreadablePlan {
    /// The finding the UI shows for a link, file or `#plan=` that is not a readable plan (§11.2:
    /// `plan.unreadable`, pointer `""`).
    pub fn to_finding(&self) -> super::findings::Finding {
        super::findings::Finding::new(
            super::findings::Code::PlanUnreadable,
            FieldPath::Plan,
            self.to_string(),
        )
    }
}

impl std::fmt::Display for UnreadablePlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "this is not a readable version-1 plan: {}", self.reason)
    }
}

impl PlanDocument {
    /// Reads a plan from JSON. Total: any input gives a plan or an [`UnreadablePlan`].
    pub fn from_json(text: &str) -> Result<PlanDocument, UnreadablePlan> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| UnreadablePlan {
            reason: format!("invalid JSON ({e})"),
        })?;
        match value.get("version") {
            Some(serde_json::Value::Number(n)) if n.as_u64() == Some(PLAN_VERSION as u64) => {}
            Some(other) => {
                return Err(UnreadablePlan {
                    reason: format!(
                        "\"version\" is {other}; this planner reads version {PLAN_VERSION}"
                    ),
                })
            }
            None => {
                return Err(UnreadablePlan {
                    reason: "it has no \"version\" field (expected \"version\": 1)".into(),
                })
            }
        }
        read::document(&value).map_err(|reason| UnreadablePlan { reason })
    }

    /// Writes the plan as JSON. The shared keys are left out unless `include_shared_key` (§6: only a file
    /// export the user explicitly asks for carries them).
    pub fn to_json(&self, include_shared_key: bool) -> String {
        let mut plan = self.clone();
        if !include_shared_key {
            plan.strip_shared_keys();
        }
        serde_json::to_string_pretty(&plan).unwrap_or_default()
    }

    /// Compact JSON without keys, for links (`#plan=`).
    ///
    /// Byte-identical to `serde_json::to_string` of the stripped plan, but derived from the pretty text:
    /// that way the wasm carries one JSON serializer of the plan instead of two. Measured 2026-11-26
    /// (trunk build --release, HEAD 8fb9b3c): `serde_json::to_string` here makes the first-load wasm
    /// 5,364 bytes larger (1,306 gzip -9).
    pub fn to_compact_json(&self) -> String {
        compact(&self.to_json(false))
    }

    /// Whether any peering carries a shared key (a link that does is rewritten without it, §11.3).
    pub fn has_shared_key(&self) -> bool {
        self.peerings.iter().any(|p| !p.shared_key.is_empty())
    }

    pub fn strip_shared_keys(&mut self) {
        for p in &mut self.peerings {
            p.shared_key.clear();
        }
        if let Some(b) = &mut self.baseline {
            for p in &mut b.peerings {
                p.peering.shared_key.clear();
            }
        }
    }
}

/// Removes the whitespace `serde_json`'s pretty printer puts between tokens (outside strings). The compact
/// printer writes the same tokens with no whitespace at all, so the result equals its output exactly.
fn compact(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in pretty.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\n') {
            out.push(c);
        }
    }
    out
}

/// Reading a plan document from JSON, by hand over `serde_json::Value` (bundle size: measured 2026-11-26
/// with `trunk build --release`, the derived readers of the nine document types made the first-load wasm
/// 48,565 bytes larger, 26,435 gzip -9, and the generator module 37 KB gzip larger; one set of small
/// readers serves them all). Lenient as §11.1 says: unknown fields are ignored, `null` and a missing field mean empty,
/// numbers are accepted where a text is expected (their exact decimal text), a family that is an object
/// (even `{}`) is configured.
mod read {
    use super::*;
    use serde_json::{Map, Value};

    type Obj = Map<String, Value>;

    /// `null` or missing: `None`; an object; anything else an error naming what was expected.
    pub(super) fn object<'a>(v: Option<&'a Value>, what: &str) -> Result<Option<&'a Obj>, String> {
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(other) => Err(format!(
                "expected {what} (an object or null), found {other}"
            )),
        }
    }

    /// A text value: a string, a number's exact decimal text, or empty for `null` / missing.
    pub(super) fn text(o: &Obj, key: &str) -> Result<String, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(other) => Err(format!("expected a string or a number, found {other}")),
        }
    }

    /// A list of texts (strings or numbers); `null` or missing: empty.
    pub(super) fn texts(o: &Obj, key: &str) -> Result<Vec<String>, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(format!("expected a list of strings, found {other} in it")),
                })
                .collect(),
            Some(other) => Err(format!("expected a list of strings, found {other}")),
        }
    }

    /// A switch: `true`/`false` or their text; `null` or missing: `default`.
    fn switch(o: &Obj, key: &str, default: bool) -> Result<bool, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) if s == "true" => Ok(true),
            Some(Value::String(s)) if s == "false" => Ok(false),
            Some(other) => Err(format!("expected true or false, found {other}")),
        }
    }

    /// A list of objects, each read by `item`; `null` or missing: empty.
    fn list<T>(
        o: &Obj,
        key: &str,
        item: fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items.iter().map(item).collect(),
            Some(other) => Err(format!("expected a list for {key}, found {other}")),
        }
    }

    pub(super) fn document(v: &Value) -> Result<PlanDocument, String> {
        let o = object(Some(v), "a plan")?.ok_or("the plan is null")?;
        let version = o
            .get("version")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(PLAN_VERSION);
        Ok(PlanDocument {
            version,
            circuit: match object(o.get("circuit"), "the circuit")? {
                Some(c) => circuit(c)?,
                None => CircuitDoc::default(),
            },
            vnet_address_spaces: texts(o, "vnetAddressSpaces")?,
            peerings: list(o, "peerings", |v| {
                peering(object(Some(v), "a peering")?.ok_or("a peering is null")?)
            })?,
            routers: object(o.get("routers"), "the router settings")?
                .map(routers)
                .transpose()?,
            baseline: object(o.get("baseline"), "the baseline")?
                .map(baseline)
                .transpose()?,
        })
    }

    fn circuit(o: &Obj) -> Result<CircuitDoc, String> {
        Ok(CircuitDoc {
            subscription: text(o, "subscription")?,
            resource_group: text(o, "resourceGroup")?,
            name: text(o, "name")?,
        })
    }

    fn routers(o: &Obj) -> Result<RoutersDoc, String> {
        Ok(RoutersDoc {
            vendor: text(o, "vendor")?,
            encapsulation: text(o, "encapsulation")?,
            s_tag: text(o, "sTag")?,
            bfd: switch(o, "bfd", true)?,
            max_prefix: text(o, "maxPrefix")?,
            primary_interface: text(o, "primaryInterface")?,
            secondary_interface: text(o, "secondaryInterface")?,
        })
    }

    pub(super) fn peering(o: &Obj) -> Result<PeeringDoc, String> {
        Ok(PeeringDoc {
            peering_type: text(o, "type")?,
            peer_asn: text(o, "peerAsn")?,
            vlan_id: text(o, "vlanId")?,
            shared_key: text(o, "sharedKey")?,
            ipv4: object(o.get("ipv4"), "the ipv4 family")?
                .map(family)
                .transpose()?,
            ipv6: object(o.get("ipv6"), "the ipv6 family")?
                .map(family)
                .transpose()?,
        })
    }

    fn family(o: &Obj) -> Result<FamilyDoc, String> {
        Ok(FamilyDoc {
            primary: text(o, "primary")?,
            secondary: text(o, "secondary")?,
            advertised_prefixes: texts(o, "advertisedPrefixes")?,
            customer_asn: text(o, "customerAsn")?,
            routing_registry: text(o, "routingRegistry")?,
            route_filter: text(o, "routeFilter")?,
            on_premises_prefixes: texts(o, "onPremisesPrefixes")?,
            route_filter_rule: object(o.get("routeFilterRule"), "the route filter to create")?
                .map(filter_rule)
                .transpose()?,
        })
    }

    fn filter_rule(o: &Obj) -> Result<FilterRuleDoc, String> {
        Ok(FilterRuleDoc {
            resource_group: text(o, "resourceGroup")?,
            location: text(o, "location")?,
            rule_name: text(o, "ruleName")?,
            communities: texts(o, "communities")?,
        })
    }

    fn baseline(o: &Obj) -> Result<Baseline, String> {
        Ok(Baseline {
            peerings: list(o, "peerings", baseline_peering)?,
            route_filters: list(o, "routeFilters", |v| {
                let o = object(Some(v), "a route filter")?.ok_or("a route filter is null")?;
                Ok(BaselineFilter {
                    id: text(o, "id")?,
                    name: text(o, "name")?,
                    resource_group: text(o, "resourceGroup")?,
                    location: text(o, "location")?,
                    rule_name: text(o, "ruleName")?,
                    communities: texts(o, "communities")?,
                })
            })?,
        })
    }

    pub(super) fn baseline_peering(v: &Value) -> Result<BaselinePeering, String> {
        let o = object(Some(v), "a live peering")?.ok_or("a live peering is null")?;
        let connections = match o.get("connections") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(other) => return Err(format!("expected a list of connections, found {other}")),
        };
        let live_properties = match o.get("liveProperties") {
            None | Some(Value::Null) => BTreeMap::new(),
            Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(other) => {
                return Err(format!(
                    "expected an object of live properties, found {other}"
                ))
            }
        };
        Ok(BaselinePeering {
            peering: peering(o)?,
            connections,
            live_properties,
        })
    }
}

/// Serde entry points for the readers above (tests and tools read single values this way).
macro_rules! deserialize_by_hand {
    ($t:ty, $read:expr) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(d)?;
                let read: fn(&serde_json::Value) -> Result<$t, String> = $read;
                read(&value).map_err(serde::de::Error::custom)
            }
        }
    };
}

deserialize_by_hand!(PlanDocument, read::document);
deserialize_by_hand!(PeeringDoc, |v| read::peering(
    read::object(Some(v), "a peering")?.ok_or("a peering is null")?
));
deserialize_by_hand!(BaselinePeering, read::baseline_peering);

impl PlanDocument {
    /// Applies one edit of a [`Fix`](super::findings::Fix). Total: a path that names nothing in this
    /// plan (a peering or family that is not there) is an `Err` and leaves the plan unchanged. The shared
    /// keys are kept.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<(), String> {
        let missing = |path: &FieldPath| match path {
            FieldPath::Plan => "an edit cannot replace the whole plan".to_string(),
            path => format!("{path} names no value of this plan"),
        };
        match edit {
            Edit::Set {
                path: FieldPath::Router(RouterField::Bfd),
                value,
            } => {
                self.routers_mut().bfd = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    other => return Err(format!("/routers/bfd is true or false, not {other:?}")),
                };
            }
            Edit::Set { path, value } => {
                let slot = self.text_mut(*path).ok_or_else(|| missing(path))?;
                *slot = value.clone();
            }
            Edit::Remove { path } => match *path {
                FieldPath::VnetAddressSpace(k) => {
                    remove_at(&mut self.vnet_address_spaces, k, path)?
                }
                FieldPath::Peering(
                    n,
                    PeeringPart::Family(
                        f,
                        entry @ (FamilyPart::AdvertisedPrefix(k)
                        | FamilyPart::OnPremisesPrefix(k)
                        | FamilyPart::Community(k)),
                    ),
                ) => {
                    let list_part = entry.list().ok_or_else(|| missing(path))?;
                    let list = self
                        .list_mut(FieldPath::family(n, f, list_part))
                        .ok_or_else(|| missing(path))?;
                    remove_at(list, k, path)?
                }
                FieldPath::Routers => self.routers = None,
                FieldPath::Router(RouterField::Bfd) => self.routers_mut().bfd = true,
                FieldPath::Peering(_, PeeringPart::Family(_, FamilyPart::Whole)) => {
                    *self.family_mut(*path).ok_or_else(|| missing(path))? = None;
                }
                FieldPath::Peering(n, PeeringPart::Family(f, FamilyPart::FilterRule)) => {
                    let family = self
                        .peerings
                        .get_mut(n)
                        .and_then(|p| p.family_mut(f).as_mut())
                        .ok_or_else(|| missing(path))?;
                    family.route_filter_rule = None;
                }
                other => {
                    if let Some(list) = self.list_mut(other) {
                        list.clear();
                    } else {
                        self.text_mut(other).ok_or_else(|| missing(path))?.clear();
                    }
                }
            },
        }
        Ok(())
    }

    /// Applies every edit of a fix in order, all or none.
    pub fn apply_fix(&mut self, fix: &super::findings::Fix) -> Result<(), String> {
        let mut edited = self.clone();
        for edit in &fix.edits {
            edited.apply_edit(edit)?;
        }
        *self = edited;
        Ok(())
    }

    /// The text value at `path` (a circuit name, a peering's ASN, a family's link subnet, ...); `None`
    /// when the path names no text value or its peering or family does not exist.
    pub fn text(&self, path: FieldPath) -> Option<&str> {
        Some(match path {
            FieldPath::Circuit(c) => circuit_text(&self.circuit, c),
            FieldPath::Peering(n, part) => {
                let p = self.peerings.get(n)?;
                match part {
                    PeeringPart::Type => &p.peering_type,
                    PeeringPart::PeerAsn => &p.peer_asn,
                    PeeringPart::VlanId => &p.vlan_id,
                    PeeringPart::SharedKey => &p.shared_key,
                    PeeringPart::Family(f, part) => family_text(p.family(f).as_ref()?, part)?,
                    PeeringPart::Whole => return None,
                }
            }
            FieldPath::VnetAddressSpace(k) => self.vnet_address_spaces.get(k)?,
            FieldPath::Router(r) => match &self.routers {
                Some(routers) => routers.text(r)?,
                None if r == RouterField::Bfd => return None,
                None => "",
            },
            _ => return None,
        })
    }

    /// The router settings, created with their defaults on first use.
    pub fn routers_mut(&mut self) -> &mut RoutersDoc {
        self.routers.get_or_insert_with(RoutersDoc::default)
    }

    /// Whether BFD is on (§10: on unless the user turned it off).
    pub fn bfd(&self) -> bool {
        self.routers.as_ref().is_none_or(|r| r.bfd)
    }

    pub fn text_mut(&mut self, path: FieldPath) -> Option<&mut String> {
        Some(match path {
            FieldPath::Circuit(c) => match c {
                CircuitField::Subscription => &mut self.circuit.subscription,
                CircuitField::ResourceGroup => &mut self.circuit.resource_group,
                CircuitField::Name => &mut self.circuit.name,
            },
            FieldPath::Peering(n, part) => {
                let p = self.peerings.get_mut(n)?;
                match part {
                    PeeringPart::Type => &mut p.peering_type,
                    PeeringPart::PeerAsn => &mut p.peer_asn,
                    PeeringPart::VlanId => &mut p.vlan_id,
                    PeeringPart::SharedKey => &mut p.shared_key,
                    PeeringPart::Family(f, part) => {
                        let family = p.family_mut(f).as_mut()?;
                        match part {
                            FamilyPart::Link(super::field::Link::Primary) => &mut family.primary,
                            FamilyPart::Link(super::field::Link::Secondary) => {
                                &mut family.secondary
                            }
                            FamilyPart::CustomerAsn => &mut family.customer_asn,
                            FamilyPart::RoutingRegistry => &mut family.routing_registry,
                            FamilyPart::RouteFilter => &mut family.route_filter,
                            FamilyPart::AdvertisedPrefix(k) => {
                                family.advertised_prefixes.get_mut(k)?
                            }
                            FamilyPart::OnPremisesPrefix(k) => {
                                family.on_premises_prefixes.get_mut(k)?
                            }
                            FamilyPart::FilterRuleField(x) => {
                                family.route_filter_rule.as_mut()?.text_mut(x)
                            }
                            FamilyPart::Community(k) => {
                                family.route_filter_rule.as_mut()?.communities.get_mut(k)?
                            }
                            FamilyPart::Whole
                            | FamilyPart::AdvertisedPrefixes
                            | FamilyPart::OnPremisesPrefixes
                            | FamilyPart::FilterRule
                            | FamilyPart::Communities => return None,
                        }
                    }
                    PeeringPart::Whole => return None,
                }
            }
            FieldPath::VnetAddressSpace(k) => self.vnet_address_spaces.get_mut(k)?,
            FieldPath::Router(r) => self.routers_mut().text_mut(r)?,
            _ => return None,
        })
    }

    /// The list at `path`: `/vnetAddressSpaces`, `/peerings/N/<family>/advertisedPrefixes` or
    /// `.../onPremisesPrefixes`.
    pub fn list(&self, path: FieldPath) -> Option<&Vec<String>> {
        match path {
            FieldPath::VnetAddressSpaces => Some(&self.vnet_address_spaces),
            FieldPath::Peering(n, PeeringPart::Family(f, part)) => {
                let family = self.peerings.get(n)?.family(f).as_ref()?;
                match part {
                    FamilyPart::AdvertisedPrefixes => Some(&family.advertised_prefixes),
                    FamilyPart::OnPremisesPrefixes => Some(&family.on_premises_prefixes),
                    FamilyPart::Communities => {
                        Some(&family.route_filter_rule.as_ref()?.communities)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    pub fn list_mut(&mut self, path: FieldPath) -> Option<&mut Vec<String>> {
        match path {
            FieldPath::VnetAddressSpaces => Some(&mut self.vnet_address_spaces),
            FieldPath::Peering(n, PeeringPart::Family(f, part)) => {
                let family = self.peerings.get_mut(n)?.family_mut(f).as_mut()?;
                match part {
                    FamilyPart::AdvertisedPrefixes => Some(&mut family.advertised_prefixes),
                    FamilyPart::OnPremisesPrefixes => Some(&mut family.on_premises_prefixes),
                    FamilyPart::Communities => {
                        Some(&mut family.route_filter_rule.as_mut()?.communities)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The family slot `/peerings/N/ipv4` or `/peerings/N/ipv6` (`Some(None)`: not configured).
    pub fn family(&self, path: FieldPath) -> Option<&Option<FamilyDoc>> {
        match path {
            FieldPath::Peering(n, PeeringPart::Family(f, FamilyPart::Whole)) => {
                Some(self.peerings.get(n)?.family(f))
            }
            _ => None,
        }
    }

    pub fn family_mut(&mut self, path: FieldPath) -> Option<&mut Option<FamilyDoc>> {
        match path {
            FieldPath::Peering(n, PeeringPart::Family(f, FamilyPart::Whole)) => {
                Some(self.peerings.get_mut(n)?.family_mut(f))
            }
            _ => None,
        }
    }
}

impl PeeringDoc {
    pub fn family(&self, family: super::field::AddressFamily) -> &Option<FamilyDoc> {
        match family {
            super::field::AddressFamily::Ipv4 => &self.ipv4,
            super::field::AddressFamily::Ipv6 => &self.ipv6,
        }
    }

    pub fn family_mut(&mut self, family: super::field::AddressFamily) -> &mut Option<FamilyDoc> {
        match family {
            super::field::AddressFamily::Ipv4 => &mut self.ipv4,
            super::field::AddressFamily::Ipv6 => &mut self.ipv6,
        }
    }
}

fn circuit_text(circuit: &CircuitDoc, field: CircuitField) -> &String {
    match field {
        CircuitField::Subscription => &circuit.subscription,
        CircuitField::ResourceGroup => &circuit.resource_group,
        CircuitField::Name => &circuit.name,
    }
}

fn family_text(family: &FamilyDoc, part: FamilyPart) -> Option<&String> {
    Some(match part {
        FamilyPart::Link(super::field::Link::Primary) => &family.primary,
        FamilyPart::Link(super::field::Link::Secondary) => &family.secondary,
        FamilyPart::CustomerAsn => &family.customer_asn,
        FamilyPart::RoutingRegistry => &family.routing_registry,
        FamilyPart::RouteFilter => &family.route_filter,
        FamilyPart::AdvertisedPrefix(k) => family.advertised_prefixes.get(k)?,
        FamilyPart::OnPremisesPrefix(k) => family.on_premises_prefixes.get(k)?,
        FamilyPart::FilterRuleField(x) => family.route_filter_rule.as_ref()?.text(x),
        FamilyPart::Community(k) => family.route_filter_rule.as_ref()?.communities.get(k)?,
        FamilyPart::Whole
        | FamilyPart::AdvertisedPrefixes
        | FamilyPart::OnPremisesPrefixes
        | FamilyPart::FilterRule
        | FamilyPart::Communities => return None,
    })
}

fn remove_at(list: &mut Vec<String>, k: usize, path: &FieldPath) -> Result<(), String> {
    if k < list.len() {
        list.remove(k);
        Ok(())
    } else {
        Err(format!(
            "{path} is not an entry of this list of {}",
            list.len()
        ))
    }
}
