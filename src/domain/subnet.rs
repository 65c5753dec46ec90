//! Link subnets (§2). CONTRACT: the type below is shared with `emit`; parsing is added here.

pub use super::field::{AddressFamily, Link};
use super::findings::{quote, Code};
use ipnet::IpNet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

/// An IPv4 /30 or IPv6 /126 whose address is the network address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkSubnet(IpNet);

impl LinkSubnet {
    pub fn net(self) -> IpNet {
        self.0
    }
    pub fn prefix_len(self) -> u8 {
        self.0.prefix_len()
    }
    /// IPv4 only: the dotted mask (255.255.255.252).
    pub fn netmask_v4(self) -> Option<Ipv4Addr> {
        match self.0 {
            IpNet::V4(n) => Some(n.netmask()),
            IpNet::V6(_) => None,
        }
    }
    /// First usable address: the customer's router (§2).
    pub fn customer_router_ip(self) -> IpAddr {
        offset(self.0.network(), 1)
    }
    /// Second usable address: Microsoft's router (§2).
    pub fn microsoft_router_ip(self) -> IpAddr {
        offset(self.0.network(), 2)
    }

    pub fn family(self) -> AddressFamily {
        AddressFamily::of(self.0.addr())
    }

    /// A link subnet of either family (the field decides the family: see [`LinkSubnet::parse_for`]).
    pub fn parse(text: &str) -> Result<LinkSubnet, SubnetError> {
        let family = family_of_text(text);
        LinkSubnet::parse_for(text, family)
    }

    /// A link subnet for the `family` field (§2 policy): exactly /30 (IPv4) or /126 (IPv6), at its
    /// network address. Order: syntax (a bare address suggests the /30 or /126 holding it), family,
    /// length (a /29 or /125 offers the split), host bits (offers the network address).
    pub fn parse_for(text: &str, family: AddressFamily) -> Result<LinkSubnet, SubnetError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(SubnetError::Empty);
        }
        let owned = || input.to_string();
        let (addr, len) = match parse_cidr(input) {
            None => {
                return Err(SubnetError::Syntax {
                    input: owned(),
                    family,
                })
            }
            Some(Cidr::Bare(addr)) if AddressFamily::of(addr) == family => {
                return Err(SubnetError::BareAddress {
                    input: owned(),
                    suggestion: LinkSubnet(truncated(addr, family.link_len())),
                })
            }
            Some(Cidr::Bare(addr)) => (addr, family.max_len()),
            Some(Cidr::Net { addr, len }) => (addr, len),
        };
        if AddressFamily::of(addr) != family {
            return Err(SubnetError::Family {
                input: owned(),
                expected: family,
            });
        }
        if len != u32::from(family.link_len()) {
            if len == u32::from(family.link_len()) - 1 {
                let wide = truncated(addr, family.link_len() - 1);
                if let Some([primary, secondary]) = split_link_pair(wide) {
                    return Err(SubnetError::Split {
                        input: owned(),
                        primary,
                        secondary,
                    });
                }
            }
            return Err(SubnetError::Length {
                input: owned(),
                family,
                len,
            });
        }
        let net = truncated(addr, family.link_len());
        if net.addr() != addr {
            return Err(SubnetError::HostBits {
                input: owned(),
                network: LinkSubnet(net),
            });
        }
        Ok(LinkSubnet(net))
    }

    /// For the split helpers: a /30 or /126 known to be at its network address.
    pub(crate) fn from_network(net: IpNet) -> Option<LinkSubnet> {
        let family = AddressFamily::of(net.addr());
        (net.prefix_len() == family.link_len() && net.trunc() == net).then_some(LinkSubnet(net))
    }

    /// True when the two subnets share any address (identical included).
    pub fn overlaps(self, other: IpNet) -> bool {
        nets_overlap(self.0, other)
    }
}

impl FromStr for LinkSubnet {
    type Err = SubnetError;
    fn from_str(text: &str) -> Result<LinkSubnet, SubnetError> {
        LinkSubnet::parse(text)
    }
}

fn offset(addr: IpAddr, by: u8) -> IpAddr {
    match addr {
        IpAddr::V4(a) => IpAddr::V4(Ipv4Addr::from(u32::from(a).wrapping_add(by as u32))),
        IpAddr::V6(a) => IpAddr::V6(std::net::Ipv6Addr::from(
            u128::from(a).wrapping_add(by as u128),
        )),
    }
}

/// Canonical text: lower-case, compressed IPv6, e.g. `192.168.100.128/30`, `fd00:10::/126`.
impl fmt::Display for LinkSubnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The family a CIDR or address text is written in; IPv4 when it is neither (the parsers then report a
/// syntax error with an IPv4 example).
pub fn family_of_text(text: &str) -> AddressFamily {
    match parse_cidr(text.trim()) {
        Some(Cidr::Net { addr, .. }) | Some(Cidr::Bare(addr)) => AddressFamily::of(addr),
        None => AddressFamily::Ipv4,
    }
}

/// An example link subnet for messages.
fn example_link(family: AddressFamily) -> &'static str {
    match family {
        AddressFamily::Ipv4 => "192.168.100.128/30",
        AddressFamily::Ipv6 => "fd00:10::/126",
    }
}

/// Splits one /29 (IPv4) or /125 (IPv6) into the two link subnets, first half primary, second half
/// secondary (§2, ROUTING). `None` for any other length; host bits are ignored (the network is used).
pub fn split_link_pair(net: IpNet) -> Option<[LinkSubnet; 2]> {
    let family = AddressFamily::of(net.addr());
    if net.prefix_len() != family.link_len() - 1 {
        return None;
    }
    let mut halves = net.trunc().subnets(family.link_len()).ok()?;
    let primary = LinkSubnet::from_network(halves.next()?)?;
    let secondary = LinkSubnet::from_network(halves.next()?)?;
    Some([primary, secondary])
}

/// The shape of a CIDR text before any policy: an address with a length, or a bare address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cidr {
    /// `len` is the typed length (digits only, leading zeros allowed), saturated at 999.
    Net {
        addr: IpAddr,
        len: u32,
    },
    Bare(IpAddr),
}

/// `None` when the text is neither `address/length` nor a bare address.
pub(crate) fn parse_cidr(input: &str) -> Option<Cidr> {
    match input.split_once('/') {
        None => input.parse::<IpAddr>().ok().map(Cidr::Bare),
        Some((addr, len)) => {
            let addr = addr.parse::<IpAddr>().ok()?;
            // More than three significant digits: out of range however large.
            let len = super::digits::parse_digits(len, 3)?.map_or(999, |n| n as u32);
            Some(Cidr::Net { addr, len })
        }
    }
}

/// The network of `addr` with `len` (clamped to the family's maximum).
pub(crate) fn truncated(addr: IpAddr, len: u8) -> IpNet {
    let max = AddressFamily::of(addr).max_len() as u8;
    IpNet::new(addr, len.min(max))
        .map(|n| n.trunc())
        .unwrap_or_else(|_| IpNet::from(addr))
}

/// True when two networks share an address; networks of different families never do.
pub fn nets_overlap(a: IpNet, b: IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubnetError {
    Empty,
    Syntax {
        input: String,
        family: AddressFamily,
    },
    /// An address without `/len`: suggest the /30 or /126 that holds it.
    BareAddress {
        input: String,
        suggestion: LinkSubnet,
    },
    Family {
        input: String,
        expected: AddressFamily,
    },
    /// Any length other than /30 (/126), except the /29 (/125) of [`SubnetError::Split`].
    Length {
        input: String,
        family: AddressFamily,
        len: u32,
    },
    /// A /29 (/125) in one link field: offer the split into primary and secondary (§2 help).
    Split {
        input: String,
        primary: LinkSubnet,
        secondary: LinkSubnet,
    },
    HostBits {
        input: String,
        network: LinkSubnet,
    },
}

impl SubnetError {
    pub fn code(&self) -> Code {
        match self {
            SubnetError::Empty => Code::Required,
            SubnetError::Syntax { .. } | SubnetError::BareAddress { .. } => Code::SubnetSyntax,
            SubnetError::Family { .. } => Code::SubnetFamily,
            SubnetError::Length { .. } | SubnetError::Split { .. } => Code::SubnetLength,
            SubnetError::HostBits { .. } => Code::SubnetHostBits,
        }
    }
}

impl fmt::Display for SubnetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubnetError::Empty => f.write_str("the link subnet is empty: type a /30 (IPv4) or /126 (IPv6)."),
            SubnetError::Syntax { input, family } => write!(
                f,
                "{} is not a subnet: type a network address and its length, e.g. {}.",
                quote(input),
                example_link(*family)
            ),
            SubnetError::BareAddress { input, suggestion } => write!(
                f,
                "{} has no prefix length: a link subnet is a /{}; use {suggestion}.",
                quote(input),
                suggestion.prefix_len()
            ),
            SubnetError::Family { input, expected } => write!(
                f,
                "{} is an {} subnet in an {expected} field: move it to the {} links, or type an {expected} /{} here.",
                quote(input),
                expected.other(),
                expected.other(),
                expected.link_len()
            ),
            SubnetError::Length { input, family, len } if *len > family.max_len() => write!(
                f,
                "{} has a prefix length above /{}: an {family} link subnet must be exactly /{}.",
                quote(input),
                family.max_len(),
                family.link_len()
            ),
            SubnetError::Length { input, family, len } => write!(
                f,
                "{} is a /{len}: an {family} link subnet must be exactly /{}.",
                quote(input),
                family.link_len()
            ),
            SubnetError::Split { input, primary, secondary } => write!(
                f,
                "{} is a /{}: each link field takes one /{}; split it into {primary} (primary) and {secondary} (secondary).",
                quote(input),
                primary.prefix_len() - 1,
                primary.prefix_len()
            ),
            SubnetError::HostBits { input, network } => write!(
                f,
                "{} has host bits set: a link subnet must start at its network address; use {network}.",
                quote(input)
            ),
        }
    }
}

impl std::error::Error for SubnetError {}
