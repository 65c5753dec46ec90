//! Azure names (§7). CONTRACT: the types below are shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use std::fmt;
use std::str::FromStr;

/// A subscription GUID, canonical lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubscriptionId(String);

/// Letters, digits, `_ - . ( )`, 1-90, not ending with `.`, ASCII only, no leading `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourceGroupName(String);

/// Letters, digits, `_ - .`, 1-80, starts with a letter or digit, ends with a letter, digit or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CircuitName(String);

/// Same rules as [`CircuitName`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RouteFilterName(String);

macro_rules! as_str {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
as_str!(
    SubscriptionId,
    ResourceGroupName,
    CircuitName,
    RouteFilterName
);

/// How the plan names a route filter (§7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteFilterRef {
    /// In the circuit's resource group and subscription (how AZ resolves `--route-filter NAME`).
    Name(RouteFilterName),
    /// A full resource ID, segments as the user typed them.
    Id {
        subscription: SubscriptionId,
        resource_group: ResourceGroupName,
        name: RouteFilterName,
    },
}

/// Which name a [`NameError`] is about; decides the finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    Subscription,
    ResourceGroup,
    Circuit,
    RouteFilter,
}

impl NameField {
    fn label(self) -> &'static str {
        match self {
            NameField::Subscription => "subscription",
            NameField::ResourceGroup => "resource group",
            NameField::Circuit => "circuit name",
            NameField::RouteFilter => "route filter",
        }
    }
    fn code(self) -> Code {
        match self {
            NameField::Subscription => Code::NameSubscription,
            NameField::ResourceGroup => Code::NameResourceGroup,
            NameField::Circuit => Code::NameCircuit,
            NameField::RouteFilter => Code::NameRouteFilter,
        }
    }
    fn allowed(self) -> &'static str {
        match self {
            NameField::ResourceGroup => "ASCII letters, digits and _ - . ( ) are",
            _ => "ASCII letters, digits and _ - . are",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    NotGuid,
    TooLong {
        chars: usize,
        max: usize,
    },
    BadChar(char),
    BadStart(char),
    BadEnd(char),
    /// A text starting with `/` that is not a route-filter resource ID; says which part is wrong.
    BadResourceId(String),
}

/// A name that breaks §7; `input` is the trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    pub field: NameField,
    pub input: String,
    pub problem: NameProblem,
}

impl NameError {
    pub fn code(&self) -> Code {
        match self.problem {
            NameProblem::Empty => Code::Required,
            _ => self.field.code(),
        }
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.field.label();
        let q = quote(&self.input);
        match &self.problem {
            NameProblem::Empty => write!(f, "the {label} is required: type it."),
            NameProblem::NotGuid => write!(
                f,
                "subscription {q} is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."
            ),
            NameProblem::TooLong { chars, max } => {
                write!(f, "{label} {q} has {chars} characters: shorten it to at most {max}.")
            }
            NameProblem::BadChar(c) => write!(
                f,
                "{label} {q} contains {c:?}: remove it; only {} allowed.",
                self.field.allowed()
            ),
            NameProblem::BadStart(c) => match self.field {
                NameField::ResourceGroup => write!(
                    f,
                    "{label} {q} starts with {c:?}: start it with a letter, digit, _, . or ( (a leading - breaks pasted commands)."
                ),
                _ => write!(f, "{label} {q} starts with {c:?}: start it with a letter or digit."),
            },
            NameProblem::BadEnd(c) => match self.field {
                NameField::ResourceGroup => {
                    write!(f, "{label} {q} ends with {c:?}: remove the trailing dot.")
                }
                _ => write!(f, "{label} {q} ends with {c:?}: end it with a letter, digit or _."),
            },
            NameProblem::BadResourceId(why) => write!(
                f,
                "route filter {q} is not a route filter resource ID ({why}): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."
            ),
        }
    }
}

impl std::error::Error for NameError {}

fn error(field: NameField, input: &str, problem: NameProblem) -> NameError {
    NameError {
        field,
        input: input.to_string(),
        problem,
    }
}

/// Shared shape check of §7 names: length, allowed characters, first and last character.
fn check_name(
    field: NameField,
    input: &str,
    max: usize,
    allowed: impl Fn(char) -> bool,
    start_ok: impl Fn(char) -> bool,
    end_ok: impl Fn(char) -> bool,
) -> Result<(), NameError> {
    let chars = input.chars().count();
    if chars == 0 {
        return Err(error(field, input, NameProblem::Empty));
    }
    if let Some(c) = input.chars().find(|&c| !allowed(c)) {
        return Err(error(field, input, NameProblem::BadChar(c)));
    }
    if chars > max {
        return Err(error(field, input, NameProblem::TooLong { chars, max }));
    }
    match (input.chars().next(), input.chars().last()) {
        (Some(first), _) if !start_ok(first) => {
            Err(error(field, input, NameProblem::BadStart(first)))
        }
        (_, Some(last)) if !end_ok(last) => Err(error(field, input, NameProblem::BadEnd(last))),
        _ => Ok(()),
    }
}

impl SubscriptionId {
    /// A GUID, 8-4-4-4-12 hex digits; stored in lower case (§7). Surrounding whitespace ignored.
    pub fn parse(text: &str) -> Result<SubscriptionId, NameError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(error(NameField::Subscription, input, NameProblem::Empty));
        }
        let groups: Vec<&str> = input.split('-').collect();
        let lengths = [8, 4, 4, 4, 12];
        let is_guid = groups.len() == lengths.len()
            && groups
                .iter()
                .zip(lengths)
                .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
        if !is_guid {
            return Err(error(NameField::Subscription, input, NameProblem::NotGuid));
        }
        Ok(SubscriptionId(input.to_ascii_lowercase()))
    }
}

impl ResourceGroupName {
    /// §7: 1-90 of ASCII letters, digits, `_ - . ( )`, not ending with `.`; policy: no leading `-`.
    pub fn parse(text: &str) -> Result<ResourceGroupName, NameError> {
        let input = text.trim();
        check_name(
            NameField::ResourceGroup,
            input,
            90,
            |c| c.is_ascii_alphanumeric() || "_-.()".contains(c),
            |c| c != '-',
            |c| c != '.',
        )?;
        Ok(ResourceGroupName(input.to_string()))
    }
}

fn check_resource_name(field: NameField, input: &str) -> Result<(), NameError> {
    check_name(
        field,
        input,
        80,
        |c| c.is_ascii_alphanumeric() || "_-.".contains(c),
        |c| c.is_ascii_alphanumeric(),
        |c| c.is_ascii_alphanumeric() || c == '_',
    )
}

impl CircuitName {
    /// §7: 1-80 of letters, digits, `_ - .`, starting with a letter or digit, ending with a letter,
    /// digit or `_`.
    pub fn parse(text: &str) -> Result<CircuitName, NameError> {
        let input = text.trim();
        check_resource_name(NameField::Circuit, input)?;
        Ok(CircuitName(input.to_string()))
    }
}

impl RouteFilterName {
    /// Same rules as [`CircuitName::parse`].
    pub fn parse(text: &str) -> Result<RouteFilterName, NameError> {
        let input = text.trim();
        check_resource_name(NameField::RouteFilter, input)?;
        Ok(RouteFilterName(input.to_string()))
    }
}

impl RouteFilterRef {
    /// (subscription, resource group, name) of the filter: an ID's own, or for a bare name the
    /// defaults given (the circuit's, or a planned filter's resource group).
    pub fn parts<'a>(
        &'a self,
        subscription: Option<&'a str>,
        resource_group: Option<&'a str>,
    ) -> (Option<&'a str>, Option<&'a str>, &'a str) {
        match self {
            RouteFilterRef::Id {
                subscription,
                resource_group,
                name,
            } => (
                Some(subscription.as_str()),
                Some(resource_group.as_str()),
                name.as_str(),
            ),
            RouteFilterRef::Name(name) => (subscription, resource_group, name.as_str()),
        }
    }

    /// A bare name, or a full resource ID
    /// `/subscriptions/<GUID>/resourceGroups/<rg>/providers/Microsoft.Network/routeFilters/<name>`
    /// (segment names case-insensitive, no trailing slash) (§7). Every problem is `name.route_filter`.
    pub fn parse(text: &str) -> Result<RouteFilterRef, NameError> {
        let input = text.trim();
        if !input.starts_with('/') {
            return RouteFilterName::parse(input).map(RouteFilterRef::Name);
        }
        let bad = |why: String| {
            error(
                NameField::RouteFilter,
                input,
                NameProblem::BadResourceId(why),
            )
        };
        if input.ends_with('/') {
            return Err(bad("it ends with /".into()));
        }
        // §11.2 policy (2026-11-26): only the whole value is trimmed; a space inside an ID is an error,
        // never silently dropped from a segment.
        if input.chars().any(char::is_whitespace) {
            return Err(bad("it has whitespace inside it".into()));
        }
        let parts: Vec<&str> = input.split('/').skip(1).collect();
        let fixed = [
            (0, "subscriptions"),
            (2, "resourceGroups"),
            (4, "providers"),
            (5, "Microsoft.Network"),
            (6, "routeFilters"),
        ];
        if parts.len() != 8 {
            return Err(bad(format!(
                "it has {} segments, a route filter ID has 8",
                parts.len()
            )));
        }
        for (index, expected) in fixed {
            if !parts[index].eq_ignore_ascii_case(expected) {
                return Err(bad(format!(
                    "segment {} is {}, expected {expected}",
                    index + 1,
                    quote(parts[index])
                )));
            }
        }
        // The inner problem in a few words; the full rules are in the message of each field.
        let inner = |e: NameError| {
            let what = match e.field {
                NameField::Subscription => "is not a subscription GUID",
                NameField::ResourceGroup => "is not a valid resource group name",
                _ => "is not a valid route filter name",
            };
            bad(format!("{} {what}", quote(&e.input)))
        };
        let subscription = SubscriptionId::parse(parts[1]).map_err(inner)?;
        let resource_group = ResourceGroupName::parse(parts[3]).map_err(inner)?;
        let name = RouteFilterName::parse(parts[7]).map_err(inner)?;
        Ok(RouteFilterRef::Id {
            subscription,
            resource_group,
            name,
        })
    }
}

macro_rules! from_str {
    ($($t:ty),*) => {$(
        impl FromStr for $t {
            type Err = NameError;
            fn from_str(text: &str) -> Result<$t, NameError> {
                <$t>::parse(text)
            }
        }
    )*};
}
from_str!(
    SubscriptionId,
    ResourceGroupName,
    CircuitName,
    RouteFilterName,
    RouteFilterRef
);

impl fmt::Display for RouteFilterRef {
    /// The name, or the full resource ID with canonical segment names.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteFilterRef::Name(name) => write!(f, "{name}"),
            RouteFilterRef::Id { subscription, resource_group, name } => write!(
                f,
                "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.Network/routeFilters/{name}"
            ),
        }
    }
}
