//! VLAN ID (§3). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use std::fmt;
use std::str::FromStr;

/// 1..=4094 once parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VlanId(u16);

impl VlanId {
    /// §3 policy: 802.1Q reserves 0 and 4095; no Azure source states a range.
    pub const MIN: u16 = 1;
    pub const MAX: u16 = 4094;

    pub fn value(self) -> u16 {
        self.0
    }

    /// Decimal digits only, leading zeros allowed (`0200` is 200); surrounding whitespace ignored.
    /// Anything else is `vlan.syntax`; a number outside 1-4094, however long, is `vlan.range`.
    pub fn parse(text: &str) -> Result<VlanId, VlanError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(VlanError::Empty);
        }
        // Five significant digits are always out of range.
        let Some(value) = super::digits::parse_digits(input, 4) else {
            return Err(VlanError::Syntax {
                input: input.to_string(),
            });
        };
        match value {
            Some(v) if (u64::from(Self::MIN)..=u64::from(Self::MAX)).contains(&v) => {
                Ok(VlanId(v as u16))
            }
            _ => Err(VlanError::Range {
                input: input.to_string(),
                value: value.and_then(|v| u16::try_from(v).ok()),
            }),
        }
    }
}

impl FromStr for VlanId {
    type Err = VlanError;
    fn from_str(text: &str) -> Result<VlanId, VlanError> {
        VlanId::parse(text)
    }
}

impl fmt::Display for VlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VlanError {
    Empty,
    Syntax {
        input: String,
    },
    /// `value` is the number when it has at most four digits (0 or 4095..=9999).
    Range {
        input: String,
        value: Option<u16>,
    },
}

impl VlanError {
    pub fn code(&self) -> Code {
        match self {
            VlanError::Empty => Code::Required,
            VlanError::Syntax { .. } => Code::VlanSyntax,
            VlanError::Range { .. } => Code::VlanRange,
        }
    }
}

impl fmt::Display for VlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VlanError::Empty => f.write_str("the VLAN ID is empty: type a number from 1 to 4094."),
            VlanError::Syntax { input } => write!(
                f,
                "{} is not a VLAN ID: type decimal digits only, a number from 1 to 4094.",
                quote(input)
            ),
            VlanError::Range { input, .. } => write!(
                f,
                "{} is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095).",
                quote(input)
            ),
        }
    }
}

impl std::error::Error for VlanError {}
