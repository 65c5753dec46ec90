//! Routing registries (§5). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoutingRegistry {
    Arin,
    Apnic,
    Afrinic,
    Lacnic,
    Ripencc,
    Radb,
    Altdb,
    Level3,
}

impl RoutingRegistry {
    pub const ALL: [RoutingRegistry; 8] = [
        RoutingRegistry::Arin,
        RoutingRegistry::Apnic,
        RoutingRegistry::Afrinic,
        RoutingRegistry::Lacnic,
        RoutingRegistry::Ripencc,
        RoutingRegistry::Radb,
        RoutingRegistry::Altdb,
        RoutingRegistry::Level3,
    ];

    /// Canonical upper-case name, as AZ's enum spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoutingRegistry::Arin => "ARIN",
            RoutingRegistry::Apnic => "APNIC",
            RoutingRegistry::Afrinic => "AFRINIC",
            RoutingRegistry::Lacnic => "LACNIC",
            RoutingRegistry::Ripencc => "RIPENCC",
            RoutingRegistry::Radb => "RADB",
            RoutingRegistry::Altdb => "ALTDB",
            RoutingRegistry::Level3 => "LEVEL3",
        }
    }

    /// Case-insensitive, like AZ's enum (§5); surrounding whitespace ignored. Empty and `NONE` (what
    /// `show` returns when unset) mean "no registry": `Ok(None)`.
    pub fn parse_optional(text: &str) -> Result<Option<RoutingRegistry>, RegistryError> {
        let input = text.trim();
        if input.is_empty() || input.eq_ignore_ascii_case("NONE") {
            return Ok(None);
        }
        RoutingRegistry::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(input))
            .map(Some)
            .ok_or_else(|| RegistryError::Unknown {
                input: input.to_string(),
            })
    }

    /// A registry that must be named: empty or `NONE` is [`RegistryError::Empty`].
    pub fn parse(text: &str) -> Result<RoutingRegistry, RegistryError> {
        RoutingRegistry::parse_optional(text)?.ok_or(RegistryError::Empty)
    }
}

impl FromStr for RoutingRegistry {
    type Err = RegistryError;
    fn from_str(text: &str) -> Result<RoutingRegistry, RegistryError> {
        RoutingRegistry::parse(text)
    }
}

impl fmt::Display for RoutingRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryError {
    /// Empty or `NONE` where a registry is needed.
    Empty,
    Unknown {
        input: String,
    },
}

impl RegistryError {
    pub fn code(&self) -> Code {
        match self {
            RegistryError::Empty => Code::Required,
            RegistryError::Unknown { .. } => Code::RegistryUnknown,
        }
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::Empty => f.write_str(
                "no routing registry is named: use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3.",
            ),
            RegistryError::Unknown { input } => {
                let upper = input.to_ascii_uppercase();
                let hint = if upper.starts_with("RIPE") { " (RIPE NCC is RIPENCC)" } else { "" };
                write!(
                    f,
                    "{} is not a routing registry{hint}: use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3.",
                    quote(input)
                )
            }
        }
    }
}

impl std::error::Error for RegistryError {}

/// The message of `registry.missing` (§5 policy: a warning when prefixes are given without one).
pub const MISSING_MESSAGE: &str =
    "no routing registry is named for these prefixes: name the registry (ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB or LEVEL3) where they are registered, or Microsoft cannot validate them and they stay in ValidationNeeded.";
