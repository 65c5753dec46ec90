//! Autonomous system numbers (§4). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use std::fmt;
use std::str::FromStr;

/// An ASN, always displayed in asplain (§4 policy: accept asdot, emit asplain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Asn(u32);

impl Asn {
    /// Azure's side of every BGP session (ROUTING).
    pub const MICROSOFT: Asn = Asn(12076);

    /// The largest customer ASN the API's int32 field holds (SPEC); above it, `asn.customer_int32`.
    pub const INT32_MAX: u32 = 2_147_483_647;

    pub fn value(self) -> u32 {
        self.0
    }

    /// Any number 0..=4294967295, without classification (for tests and for values Azure returned).
    pub fn from_u32(value: u32) -> Asn {
        Asn(value)
    }

    /// Syntax and range only (§4 parsing order, first two steps): asplain digits (leading zeros allowed,
    /// no sign) or asdot `X.Y` with both halves 0..=65535. Leading and trailing whitespace is ignored.
    pub fn parse(text: &str) -> Result<Asn, AsnError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(AsnError::Empty);
        }
        let owned = || input.to_string();
        match input.split_once('.') {
            None => {
                let value = super::digits::parse_digits(input, 10)
                    .ok_or_else(|| AsnError::Syntax { input: owned() })?;
                let value = value.ok_or_else(|| AsnError::Range { input: owned() })?;
                u32::try_from(value)
                    .map(Asn)
                    .map_err(|_| AsnError::Range { input: owned() })
            }
            Some((high, low)) => {
                let high = super::digits::parse_digits(high, 5)
                    .ok_or_else(|| AsnError::Syntax { input: owned() })?;
                let low = super::digits::parse_digits(low, 5)
                    .ok_or_else(|| AsnError::Syntax { input: owned() })?;
                match (high, low) {
                    (Some(h), Some(l)) if h <= 65_535 && l <= 65_535 => {
                        Ok(Asn((h as u32) << 16 | l as u32))
                    }
                    _ => Err(AsnError::AsdotHalfRange { input: owned() }),
                }
            }
        }
    }

    /// A peer ASN (§4): [`Asn::parse`], then the reserved list (`asn.reserved`). Private ASNs pass; on
    /// Microsoft peering they are a warning the validator raises.
    pub fn parse_peer(text: &str) -> Result<Asn, AsnError> {
        let asn = Asn::parse(text)?;
        match asn.class() {
            AsnClass::Reserved(reason) => Err(AsnError::Reserved {
                input: text.trim().to_string(),
                asn,
                reason,
            }),
            AsnClass::Private | AsnClass::Public => Ok(asn),
        }
    }

    /// A customer ASN (§5): it must be public, so reserved is `asn.reserved` and private is
    /// `asn.customer_not_public`. The int32 limit is a warning the validator raises.
    pub fn parse_customer(text: &str) -> Result<Asn, AsnError> {
        let asn = Asn::parse_peer(text)?;
        match asn.class() {
            AsnClass::Private => Err(AsnError::CustomerNotPublic {
                input: text.trim().to_string(),
                asn,
            }),
            AsnClass::Public | AsnClass::Reserved(_) => Ok(asn),
        }
    }

    /// Public, private-use or reserved, with the reason (§4).
    pub fn class(self) -> AsnClass {
        if let Some(range) = RESERVED_ASNS
            .iter()
            .find(|r| (r.first..=r.last).contains(&self.0))
        {
            return AsnClass::Reserved(range.reason);
        }
        if PRIVATE_ASNS.iter().any(|r| r.contains(&self.0)) {
            return AsnClass::Private;
        }
        AsnClass::Public
    }

    pub fn is_private(self) -> bool {
        self.class() == AsnClass::Private
    }
}

impl FromStr for Asn {
    type Err = AsnError;
    fn from_str(text: &str) -> Result<Asn, AsnError> {
        Asn::parse(text)
    }
}

impl fmt::Display for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsnClass {
    Public,
    /// RFC 6996 private use: 64512-65534 and 4200000000-4294967294.
    Private,
    /// Never valid; the text says why.
    Reserved(&'static str),
}

/// A reserved block with the reason shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReservedAsns {
    pub first: u32,
    pub last: u32,
    pub reason: &'static str,
}

/// Reserved ASNs (§4, errors): RFC 7607 (0), Azure's own (12076, 8074, 8075), ExpressRoute internal use
/// 65515-65520 (ExpressRoute routing requirements), AS_TRANS (RFC 6793), documentation (RFC 5398),
/// last ASNs (RFC 7300), and 65552-131071 (reserved by IANA). Checked before the private ranges, which
/// contain 65515-65520.
pub const RESERVED_ASNS: &[ReservedAsns] = &[
    ReservedAsns {
        first: 0,
        last: 0,
        reason: "AS 0 is never valid, RFC 7607",
    },
    ReservedAsns {
        first: 8074,
        last: 8075,
        reason: "used by Azure",
    },
    ReservedAsns {
        first: 12076,
        last: 12076,
        reason: "Azure's own ASN, the other end of every session",
    },
    ReservedAsns {
        first: 23456,
        last: 23456,
        reason: "AS_TRANS, RFC 6793",
    },
    ReservedAsns {
        first: 64496,
        last: 64511,
        reason: "documentation range, RFC 5398",
    },
    ReservedAsns {
        first: 65515,
        last: 65520,
        reason: "ExpressRoute internal use",
    },
    ReservedAsns {
        first: 65535,
        last: 65535,
        reason: "last 16-bit ASN, RFC 7300",
    },
    ReservedAsns {
        first: 65536,
        last: 65551,
        reason: "documentation range, RFC 5398",
    },
    ReservedAsns {
        first: 65552,
        last: 131_071,
        reason: "reserved by IANA",
    },
    ReservedAsns {
        first: 4_294_967_295,
        last: 4_294_967_295,
        reason: "last 32-bit ASN, RFC 7300",
    },
];

/// Private-use ASNs (RFC 6996).
pub const PRIVATE_ASNS: [std::ops::RangeInclusive<u32>; 2] =
    [64_512..=65_534, 4_200_000_000..=4_294_967_294];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsnError {
    /// Nothing typed (the validator reports `required` where the ASN is required).
    Empty,
    Syntax {
        input: String,
    },
    /// Above 4294967295, however many digits.
    Range {
        input: String,
    },
    /// An asdot half above 65535.
    AsdotHalfRange {
        input: String,
    },
    Reserved {
        input: String,
        asn: Asn,
        reason: &'static str,
    },
    /// Customer ASN only: a private ASN (§5).
    CustomerNotPublic {
        input: String,
        asn: Asn,
    },
}

impl AsnError {
    pub fn code(&self) -> Code {
        match self {
            AsnError::Empty => Code::Required,
            AsnError::Syntax { .. } => Code::AsnSyntax,
            AsnError::Range { .. } | AsnError::AsdotHalfRange { .. } => Code::AsnRange,
            AsnError::Reserved { .. } => Code::AsnReserved,
            AsnError::CustomerNotPublic { .. } => Code::AsnCustomerNotPublic,
        }
    }

    /// The parsed number when the text was a well-formed ASN refused by policy (change mode keeps it).
    pub fn policy_value(&self) -> Option<Asn> {
        match self {
            AsnError::Reserved { asn, .. } | AsnError::CustomerNotPublic { asn, .. } => Some(*asn),
            _ => None,
        }
    }
}

/// `"1.10" (asplain 65546)` when the user typed asdot, `"65546"` otherwise.
fn named(input: &str, asn: Asn) -> String {
    if input.trim_start_matches('0') == asn.to_string() || (asn.0 == 0 && !input.contains('.')) {
        quote(input)
    } else {
        format!("{} (asplain {asn})", quote(input))
    }
}

impl fmt::Display for AsnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsnError::Empty => f.write_str("the ASN is empty: type it in asplain (65010) or asdot (1.10)."),
            AsnError::Syntax { input } => write!(
                f,
                "{} is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces.",
                quote(input)
            ),
            AsnError::Range { input } => write!(
                f,
                "{} is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included).",
                quote(input)
            ),
            AsnError::AsdotHalfRange { input } => write!(
                f,
                "{} is out of range: each half of an asdot ASN is 0 to 65535.",
                quote(input)
            ),
            AsnError::Reserved { input, asn, reason } => write!(
                f,
                "{} is a reserved ASN ({reason}): use an ASN assigned to you.",
                named(input, *asn)
            ),
            AsnError::CustomerNotPublic { input, asn } => write!(
                f,
                "{} is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN.",
                named(input, *asn)
            ),
        }
    }
}

impl std::error::Error for AsnError {}

/// The message of `asn.private_on_microsoft` (§4: a warning, Microsoft strips private ASNs).
pub fn private_on_microsoft_message(input: &str, asn: Asn) -> String {
    format!(
        "{} is a private ASN (RFC 6996): Microsoft peering with a private peer ASN needs manual validation and Microsoft strips private ASNs from the AS path; use your public ASN if you have one.",
        named(input, asn)
    )
}

/// The message of `asn.customer_int32` (§5: the API field is int32).
pub fn customer_int32_message(input: &str, asn: Asn) -> String {
    format!(
        "{} is above 2147483647: the API stores the customer ASN as int32, so the service may refuse it; check that this is the ASN your prefixes are registered to.",
        named(input, asn)
    )
}
