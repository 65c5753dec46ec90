//! Peering types (§1). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use std::fmt;
use std::str::FromStr;

/// The peering types that can be planned. `AzurePublicPeering` is retired and never valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeeringType {
    AzurePrivatePeering,
    MicrosoftPeering,
}

impl PeeringType {
    pub const ALL: [PeeringType; 2] = [
        PeeringType::AzurePrivatePeering,
        PeeringType::MicrosoftPeering,
    ];

    /// The type string, which is also the peering's resource name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeeringType::AzurePrivatePeering => "AzurePrivatePeering",
            PeeringType::MicrosoftPeering => "MicrosoftPeering",
        }
    }
    pub fn is_microsoft(self) -> bool {
        self == PeeringType::MicrosoftPeering
    }

    /// The type string (§1), case-insensitive, surrounding whitespace ignored. Empty is `required`,
    /// `AzurePublicPeering` is `peering.type_retired`, anything else `peering.type_unknown`.
    pub fn parse(text: &str) -> Result<PeeringType, PeeringTypeError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(PeeringTypeError::Empty);
        }
        if let Some(t) = PeeringType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(input))
        {
            return Ok(t);
        }
        if input.eq_ignore_ascii_case(RETIRED_PUBLIC_PEERING) {
            return Err(PeeringTypeError::Retired);
        }
        Err(PeeringTypeError::Unknown {
            input: input.to_string(),
        })
    }
}

impl FromStr for PeeringType {
    type Err = PeeringTypeError;
    fn from_str(text: &str) -> Result<PeeringType, PeeringTypeError> {
        PeeringType::parse(text)
    }
}

impl fmt::Display for PeeringType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Retired 2024-03-31; cannot be created on new circuits (§1).
pub const RETIRED_PUBLIC_PEERING: &str = "AzurePublicPeering";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeeringTypeError {
    Empty,
    Retired,
    Unknown { input: String },
}

impl PeeringTypeError {
    pub fn code(&self) -> Code {
        match self {
            PeeringTypeError::Empty => Code::Required,
            PeeringTypeError::Retired => Code::PeeringTypeRetired,
            PeeringTypeError::Unknown { .. } => Code::PeeringTypeUnknown,
        }
    }
}

impl fmt::Display for PeeringTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeeringTypeError::Empty => f.write_str(
                "the peering type is required: choose AzurePrivatePeering or MicrosoftPeering.",
            ),
            PeeringTypeError::Retired => f.write_str(
                "\"AzurePublicPeering\" was retired on 2024-03-31 and cannot be created: reach Azure public services through MicrosoftPeering instead.",
            ),
            PeeringTypeError::Unknown { input } => {
                let hint = if input.eq_ignore_ascii_case("AzureMicrosoftPeering") {
                    " (AzureMicrosoftPeering does not exist; the Microsoft peering type is MicrosoftPeering)"
                } else {
                    ""
                };
                write!(
                    f,
                    "{} is not a peering type{hint}: use AzurePrivatePeering or MicrosoftPeering.",
                    quote(input)
                )
            }
        }
    }
}

impl std::error::Error for PeeringTypeError {}
