//! The plan document, version 1 (§11.1): exactly what the user typed, as strings, so a half-finished or
//! invalid plan survives a round trip. Parsing into typed values happens in the validator, never here.

use super::field::{CircuitField, FamilyPart, FieldPath, Link, PeeringPart, RouterField};
use super::findings::Edit;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The only document version this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDocument {
    pub version: u32,
    #[serde(default, deserialize_with = "null_as_default")]
    pub circuit: CircuitDoc,
    #[serde(default, deserialize_with = "string_list")]
    pub vnet_address_spaces: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RoutersDoc {
    /// `iosxe`, `junos`, `eos`, `frr`; empty: not chosen (every vendor's configs are offered).
    #[serde(deserialize_with = "lenient_string")]
    pub vendor: String,
    /// `dot1q` (the default when empty) or `qinq`.
    #[serde(deserialize_with = "lenient_string")]
    pub encapsulation: String,
    /// QinQ: the outer tag (S-tag).
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub s_tag: String,
    /// BFD on the IPv4 sessions (§10: on by default).
    #[serde(deserialize_with = "lenient_bool")]
    pub bfd: bool,
    /// Inbound maximum-prefix per session; empty: the default.
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub max_prefix: String,
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub primary_interface: String,
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CircuitDoc {
    #[serde(deserialize_with = "lenient_string")]
    pub subscription: String,
    #[serde(deserialize_with = "lenient_string")]
    pub resource_group: String,
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PeeringDoc {
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub peering_type: String,
    #[serde(deserialize_with = "lenient_string")]
    pub peer_asn: String,
    #[serde(deserialize_with = "lenient_string")]
    pub vlan_id: String,
    /// A secret (§6): serialized only by [`PlanDocument::to_json`] with `include_shared_key`.
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub shared_key: String,
    /// Absent or null: not configured; an object, even `{}`: configured (§11.1).
    pub ipv4: Option<FamilyDoc>,
    pub ipv6: Option<FamilyDoc>,
}

/// One address family of a peering. Both families take the same keys; the Microsoft-only ones are
/// ignored (with `field.ignored`) on a private peering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FamilyDoc {
    #[serde(deserialize_with = "lenient_string")]
    pub primary: String,
    #[serde(deserialize_with = "lenient_string")]
    pub secondary: String,
    #[serde(
        deserialize_with = "string_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub advertised_prefixes: Vec<String>,
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub customer_asn: String,
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub routing_registry: String,
    #[serde(
        deserialize_with = "lenient_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub route_filter: String,
    /// Private peering, router side: the on-premises prefixes the routers advertise to Azure.
    #[serde(
        deserialize_with = "string_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub on_premises_prefixes: Vec<String>,
}

/// Change mode (§11.1): what is live now, so the outputs can be minimal updates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Baseline {
    #[serde(deserialize_with = "null_as_default")]
    pub peerings: Vec<BaselinePeering>,
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

impl<'de> Deserialize<'de> for BaselinePeering {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        use serde_json::Value;
        let mut map = match Value::deserialize(d)? {
            Value::Object(map) => map,
            other => {
                // What serde_json reports for a flattened struct read from a value that is not an object.
                let unexpected = match &other {
                    Value::Null => Unexpected::Unit,
                    Value::Bool(b) => Unexpected::Bool(*b),
                    Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                        (Some(u), _) => Unexpected::Unsigned(u),
                        (None, Some(i)) => Unexpected::Signed(i),
                        (None, None) => Unexpected::Float(n.as_f64().unwrap_or_default()),
                    },
                    Value::String(s) => Unexpected::Str(s),
                    Value::Array(_) => Unexpected::Seq,
                    Value::Object(_) => Unexpected::Map,
                };
                return Err(D::Error::invalid_type(
                    unexpected,
                    &"struct BaselinePeering",
                ));
            }
        };
        // The fields of its own first (the derived reader also read them before the flattened rest).
        let connections = match map.remove("connections") {
            Some(value) => null_as_default(value).map_err(D::Error::custom)?,
            None => Vec::new(),
        };
        let live_properties = match map.remove("liveProperties") {
            Some(value) => null_as_default(value).map_err(D::Error::custom)?,
            None => BTreeMap::new(),
        };
        let peering = PeeringDoc::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(BaselinePeering {
            peering,
            connections,
            live_properties,
        })
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
        serde_json::from_value(value).map_err(|e| UnreadablePlan {
            reason: e.to_string(),
        })
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

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Strings stay as typed; numbers (ASN, VLAN, customer ASN may arrive as JSON numbers) become their
/// decimal text; null means empty. Booleans, arrays and objects are refused.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Null => Ok(String::new()),
        other => Err(D::Error::custom(format!(
            "expected a string or a number, found {other}"
        ))),
    }
}

/// A switch: `true`/`false`, or their text; null means the default (on).
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Bool(b) => Ok(b),
        serde_json::Value::Null => Ok(true),
        serde_json::Value::String(s) if s == "true" => Ok(true),
        serde_json::Value::String(s) if s == "false" => Ok(false),
        other => Err(D::Error::custom(format!(
            "expected true or false, found {other}"
        ))),
    }
}

fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(Vec::new()),
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(s),
                serde_json::Value::Number(n) => Ok(n.to_string()),
                other => Err(D::Error::custom(format!(
                    "expected a list of strings, found {other} in it"
                ))),
            })
            .collect(),
        other => Err(D::Error::custom(format!(
            "expected a list of strings, found {other}"
        ))),
    }
}

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
                        entry @ (FamilyPart::AdvertisedPrefix(k) | FamilyPart::OnPremisesPrefix(k)),
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
                            FamilyPart::Whole
                            | FamilyPart::AdvertisedPrefixes
                            | FamilyPart::OnPremisesPrefixes => return None,
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
        FamilyPart::Whole | FamilyPart::AdvertisedPrefixes | FamilyPart::OnPremisesPrefixes => {
            return None
        }
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
