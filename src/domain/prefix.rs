//! Advertised public prefixes (§5). CONTRACT: the type below is shared with `emit`; parsing is added here.

use super::findings::{quote, Code};
use super::subnet::{nets_overlap, parse_cidr, truncated, AddressFamily, Cidr};
use ipnet::IpNet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// A public network prefix with host bits zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AdvertisedPrefix(IpNet);

impl AdvertisedPrefix {
    pub fn net(self) -> IpNet {
        self.0
    }

    pub fn family(self) -> AddressFamily {
        AddressFamily::of(self.0.addr())
    }

    /// A prefix of either family (the list decides the family: see [`AdvertisedPrefix::parse_for`]).
    pub fn parse(text: &str) -> Result<AdvertisedPrefix, PrefixError> {
        let family = super::subnet::family_of_text(text);
        AdvertisedPrefix::parse_for(text, family)
    }

    /// A prefix for the `family` list of a Microsoft peering (§5). Order, one error per value: syntax
    /// (a bare address suggests /32 or /128; an entry holding a separator says to split it), family,
    /// default route, host bits (offers the network address), then special-purpose ranges.
    pub fn parse_for(text: &str, family: AddressFamily) -> Result<AdvertisedPrefix, PrefixError> {
        let (input, addr, len) = parse_parts(text, family)?;
        let owned = || input.to_string();
        if len == 0 {
            return Err(PrefixError::DefaultRoute { input: owned() });
        }
        let net = network_of(input, addr, len)?;
        if let Some(reason) = not_public(net) {
            return Err(PrefixError::NotPublic {
                input: owned(),
                reason,
                network: net,
            });
        }
        Ok(AdvertisedPrefix(net))
    }

    pub fn overlaps(self, other: IpNet) -> bool {
        nets_overlap(self.0, other)
    }
}

/// The syntax of one prefix entry for a `family` list, in the order of §5's one-error-per-value rule:
/// empty, several in one, syntax (a bare address suggests /32 or /128), family, length. Gives the
/// trimmed input, the address and the length.
pub(crate) fn parse_parts(
    text: &str,
    family: AddressFamily,
) -> Result<(&str, IpAddr, u8), PrefixError> {
    let input = text.trim();
    if input.is_empty() {
        return Err(PrefixError::Empty);
    }
    let owned = || input.to_string();
    if split_pasted_prefixes(input).len() > 1 {
        return Err(PrefixError::SeveralInOne { input: owned() });
    }
    let (addr, len) = match parse_cidr(input) {
        None => {
            return Err(PrefixError::Syntax {
                input: owned(),
                family,
            })
        }
        Some(Cidr::Bare(addr)) => {
            if AddressFamily::of(addr) == family {
                return Err(PrefixError::BareAddress {
                    input: owned(),
                    suggestion: IpNet::from(addr),
                });
            }
            (addr, family.max_len())
        }
        Some(Cidr::Net { addr, len }) => (addr, len),
    };
    if AddressFamily::of(addr) != family {
        return Err(PrefixError::Family {
            input: owned(),
            expected: family,
        });
    }
    if len > family.max_len() {
        return Err(PrefixError::Length {
            input: owned(),
            family,
        });
    }
    Ok((input, addr, len as u8))
}

/// The network `addr/len`, or the host-bits error that offers it.
pub(crate) fn network_of(input: &str, addr: IpAddr, len: u8) -> Result<IpNet, PrefixError> {
    let net = truncated(addr, len);
    if net.addr() != addr {
        return Err(PrefixError::HostBits {
            input: input.to_string(),
            network: net,
        });
    }
    Ok(net)
}

impl FromStr for AdvertisedPrefix {
    type Err = PrefixError;
    fn from_str(text: &str) -> Result<AdvertisedPrefix, PrefixError> {
        AdvertisedPrefix::parse(text)
    }
}

/// Canonical text (lower-case, compressed IPv6).
impl fmt::Display for AdvertisedPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Splits pasted text into prefix entries for the UI (§11.1: splitting happens in the UI): commas,
/// spaces, newlines and tabs separate; order is kept; empty pieces are dropped.
pub fn split_pasted_prefixes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|piece| !piece.is_empty())
        .map(str::to_string)
        .collect()
}

/// A block that is not the customer's to advertise (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialRange {
    pub addr: IpAddr,
    pub len: u8,
    pub name: &'static str,
}

impl SpecialRange {
    pub fn net(self) -> IpNet {
        IpNet::new(self.addr, self.len).unwrap_or_else(|_| IpNet::from(self.addr))
    }
}

impl fmt::Display for SpecialRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.net())
    }
}

const fn v4(a: u8, b: u8, c: u8, d: u8, len: u8, name: &'static str) -> SpecialRange {
    SpecialRange {
        addr: IpAddr::V4(Ipv4Addr::new(a, b, c, d)),
        len,
        name,
    }
}

#[allow(clippy::too_many_arguments)]
const fn v6(s: [u16; 8], len: u8, name: &'static str) -> SpecialRange {
    SpecialRange {
        addr: IpAddr::V6(Ipv6Addr::new(
            s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
        )),
        len,
        name,
    }
}

/// Special-purpose blocks refused in Microsoft-peering link subnets and advertised prefixes (§5 policy):
/// the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates), plus the NAT64
/// (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16, 192.88.99.0/24) blocks, multicast and the
/// IPv4 "future use" block, none of which a customer can register in an RIR/IRR (ExpressRoute routing
/// requirements: Microsoft peering needs public addresses registered to the customer).
#[rustfmt::skip]
pub const SPECIAL_PURPOSE_RANGES: &[SpecialRange] = &[
    v4(0, 0, 0, 0, 8, "\"this network\", RFC 791"),
    v4(10, 0, 0, 0, 8, "private-use, RFC 1918"),
    v4(100, 64, 0, 0, 10, "shared address space, RFC 6598"),
    v4(127, 0, 0, 0, 8, "loopback, RFC 1122"),
    v4(169, 254, 0, 0, 16, "link-local, RFC 3927"),
    v4(172, 16, 0, 0, 12, "private-use, RFC 1918"),
    v4(192, 0, 0, 0, 24, "IETF protocol assignments, RFC 6890"),
    v4(192, 0, 2, 0, 24, "documentation TEST-NET-1, RFC 5737"),
    v4(192, 88, 99, 0, 24, "6to4 relay anycast, RFC 7526"),
    v4(192, 168, 0, 0, 16, "private-use, RFC 1918"),
    v4(198, 18, 0, 0, 15, "benchmarking, RFC 2544"),
    v4(198, 51, 100, 0, 24, "documentation TEST-NET-2, RFC 5737"),
    v4(203, 0, 113, 0, 24, "documentation TEST-NET-3, RFC 5737"),
    v4(224, 0, 0, 0, 4, "multicast, RFC 5771"),
    v4(240, 0, 0, 0, 4, "reserved for future use, RFC 1112"),
    v6([0, 0, 0, 0, 0, 0, 0, 0], 128, "unspecified address, RFC 4291"),
    v6([0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback, RFC 4291"),
    v6([0, 0, 0, 0, 0, 0xffff, 0, 0], 96, "IPv4-mapped, RFC 4291"),
    v6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, "NAT64, RFC 6052"),
    v6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "local-use NAT64, RFC 8215"),
    v6([0x100, 0, 0, 0, 0, 0, 0, 0], 64, "discard-only, RFC 6666"),
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, "IETF protocol assignments, RFC 2928"),
    v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, "documentation, RFC 3849"),
    v6([0x2002, 0, 0, 0, 0, 0, 0, 0], 16, "6to4, RFC 3056"),
    v6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, "documentation, RFC 9637"),
    v6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, "segment routing SIDs, RFC 9602"),
    v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "unique local, RFC 4193"),
    v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "link-local, RFC 4291"),
    v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "multicast, RFC 4291"),
];

/// The IPv6 global unicast space (RFC 4291 §2.4): every other IPv6 prefix is reserved by the IETF.
const GLOBAL_UNICAST_V6: Ipv6Addr = Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0);

/// Why a subnet or prefix is not a public address a customer can register (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPublic {
    /// It overlaps a special-purpose block (inside it or containing it).
    Special(SpecialRange),
    /// IPv6 not entirely inside `2000::/3` (§5 policy of 2026-11-26: `fec0::/10`, `4000::/48`).
    OutsideGlobalUnicast,
}

impl fmt::Display for NotPublic {
    /// The predicate of a message: "{value} {this}: ...".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotPublic::Special(range) => write!(f, "overlaps {range} ({})", range.name),
            NotPublic::OutsideGlobalUnicast => f.write_str(
                "is not inside 2000::/3, the IPv6 global unicast space (RFC 4291); the rest of the IPv6 space is reserved",
            ),
        }
    }
}

/// Why `net` is not public (§5): the first special-purpose block it overlaps, else (IPv6) whether it
/// leaves `2000::/3`. `None` for a public network.
pub fn not_public(net: IpNet) -> Option<NotPublic> {
    if let Some(range) = SPECIAL_PURPOSE_RANGES
        .iter()
        .copied()
        .find(|range| nets_overlap(range.net(), net))
    {
        return Some(NotPublic::Special(range));
    }
    match net {
        IpNet::V6(v6) => {
            let global = ipnet::Ipv6Net::new(GLOBAL_UNICAST_V6, 3).ok()?;
            (!global.contains(&v6)).then_some(NotPublic::OutsideGlobalUnicast)
        }
        IpNet::V4(_) => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrefixError {
    Empty,
    Syntax {
        input: String,
        family: AddressFamily,
    },
    /// An entry that still holds a separator (§11.1): several prefixes pasted into one.
    SeveralInOne {
        input: String,
    },
    /// An address without `/len`: suggest the /32 or /128.
    BareAddress {
        input: String,
        suggestion: IpNet,
    },
    /// A length above 32 (128).
    Length {
        input: String,
        family: AddressFamily,
    },
    Family {
        input: String,
        expected: AddressFamily,
    },
    DefaultRoute {
        input: String,
    },
    HostBits {
        input: String,
        network: IpNet,
    },
    /// Not public (§5); `network` is the well-formed prefix (change mode keeps a live one, downgraded
    /// to a warning).
    NotPublic {
        input: String,
        reason: NotPublic,
        network: IpNet,
    },
}

impl PrefixError {
    pub fn code(&self) -> Code {
        match self {
            PrefixError::Empty => Code::Required,
            PrefixError::Syntax { .. }
            | PrefixError::SeveralInOne { .. }
            | PrefixError::BareAddress { .. }
            | PrefixError::Length { .. } => Code::PrefixSyntax,
            PrefixError::Family { .. } => Code::PrefixFamily,
            PrefixError::DefaultRoute { .. } => Code::PrefixDefaultRoute,
            PrefixError::HostBits { .. } => Code::PrefixHostBits,
            PrefixError::NotPublic { .. } => Code::PrefixNotPublic,
        }
    }

    /// The prefix when the text was well formed but refused by policy (not public).
    pub fn policy_value(&self) -> Option<AdvertisedPrefix> {
        match self {
            PrefixError::NotPublic { network, .. } => Some(AdvertisedPrefix(*network)),
            _ => None,
        }
    }

    /// The value a one-click fix would put in the field, when there is an obvious one.
    pub fn suggestion(&self) -> Option<String> {
        match self {
            PrefixError::BareAddress { suggestion, .. } => Some(suggestion.to_string()),
            PrefixError::HostBits { network, .. } => Some(network.to_string()),
            _ => None,
        }
    }
}

impl fmt::Display for PrefixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrefixError::Empty => f.write_str("the prefix is empty: type a public prefix such as 123.1.0.0/24."),
            PrefixError::Syntax { input, family } => write!(
                f,
                "{} is not a prefix: type a network address and its length, e.g. {}.",
                quote(input),
                match family {
                    AddressFamily::Ipv4 => "123.1.0.0/24",
                    AddressFamily::Ipv6 => "2a01:111:2000::/48",
                }
            ),
            PrefixError::SeveralInOne { input } => write!(
                f,
                "{} holds more than one prefix: put each prefix in its own entry.",
                quote(input)
            ),
            PrefixError::BareAddress { input, suggestion } => write!(
                f,
                "{} has no prefix length: use {suggestion} to advertise this one address.",
                quote(input)
            ),
            PrefixError::Length { input, family } => write!(
                f,
                "{} has a prefix length above /{}: an {family} prefix is /1 to /{}.",
                quote(input),
                family.max_len(),
                family.max_len()
            ),
            PrefixError::Family { input, expected } => write!(
                f,
                "{} is not an {expected} prefix: move it to the advertised prefixes of the other address family.",
                quote(input)
            ),
            PrefixError::DefaultRoute { input } => write!(
                f,
                "{} is a default route: Microsoft peering never accepts one; advertise your own public prefixes.",
                quote(input)
            ),
            PrefixError::HostBits { input, network } => write!(
                f,
                "{} has host bits set: a prefix must start at its network address; use {network}.",
                quote(input)
            ),
            PrefixError::NotPublic { input, reason, .. } => write!(
                f,
                "{} {reason}: advertise only public prefixes registered to you.",
                quote(input)
            ),
        }
    }
}

impl std::error::Error for PrefixError {}
