//! The plan document, version 1 (§11.1): exactly what the user typed, as strings, so a half-finished or
//! invalid plan survives a round trip. Parsing into typed values happens in the validator, never here.

use serde::{Deserialize, Deserializer, Serialize};

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
            baseline: None,
        }
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
        // The field of its own first (the derived reader also read it before the flattened rest).
        let connections = match map.remove("connections") {
            Some(value) => null_as_default(value).map_err(D::Error::custom)?,
            None => Vec::new(),
        };
        let peering = PeeringDoc::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(BaselinePeering {
            peering,
            connections,
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
        super::findings::Finding::new(super::findings::Code::PlanUnreadable, "", self.to_string())
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
    /// that way the wasm carries one JSON serializer of the plan instead of two (bundle size).
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
    /// Applies one edit of a [`Fix`](super::findings::Fix) (JSON Pointer set or remove, RFC 6901).
    /// Total: a pointer that does not fit the plan, or a result that is not a plan, is an `Err` and
    /// leaves the plan unchanged. The shared keys are kept.
    pub fn apply_edit(&mut self, edit: &super::findings::Edit) -> Result<(), String> {
        use super::findings::Edit;
        use super::pointer;
        let mut value = serde_json::to_value(&*self).map_err(|e| e.to_string())?;
        match edit {
            Edit::Set {
                pointer: at,
                value: text,
            } => pointer::set(&mut value, at, serde_json::Value::String(text.clone()))?,
            Edit::Remove { pointer: at } => pointer::remove(&mut value, at)?,
        }
        let edited: PlanDocument = serde_json::from_value(value)
            .map_err(|e| format!("the edit does not leave a valid plan: {e}"))?;
        *self = edited;
        Ok(())
    }

    /// Applies every edit of a fix in order; stops at the first that does not apply.
    pub fn apply_fix(&mut self, fix: &super::findings::Fix) -> Result<(), String> {
        let mut edited = self.clone();
        for edit in &fix.edits {
            edited.apply_edit(edit)?;
        }
        *self = edited;
        Ok(())
    }
}
