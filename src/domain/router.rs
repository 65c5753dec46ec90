//! The router side of a plan (README "Router configs", domain.md §10): the vendor, the encapsulation,
//! each router's parent interface, BFD and the inbound maximum-prefix, and the on-premises prefixes a
//! private peering's routers advertise. One small type per value, each with a total parser whose error
//! names the value and the fix.

use super::field::{AddressFamily, Link};
use super::findings::{quote, Code};
use super::prefix::{network_of, parse_parts, PrefixError};
use super::subnet::nets_overlap;
use super::vlan::VlanId;
use ipnet::IpNet;
use std::fmt;

/// The router operating systems we write configs for (§11.3 `router-<vendor>-<router>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Vendor {
    IosXe,
    Junos,
    Eos,
    Frr,
}

impl Vendor {
    pub const ALL: [Vendor; 4] = [Vendor::IosXe, Vendor::Junos, Vendor::Eos, Vendor::Frr];

    /// The key in the plan document and in `data-output`: `iosxe`, `junos`, `eos`, `frr`.
    pub fn key(self) -> &'static str {
        match self {
            Vendor::IosXe => "iosxe",
            Vendor::Junos => "junos",
            Vendor::Eos => "eos",
            Vendor::Frr => "frr",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Vendor::IosXe => "Cisco IOS XE",
            Vendor::Junos => "Juniper Junos",
            Vendor::Eos => "Arista EOS",
            Vendor::Frr => "FRRouting (frr.conf)",
        }
    }

    /// The parent interface a config uses when the plan names none (a placeholder the comment says to
    /// change).
    pub fn default_interface(self) -> &'static str {
        match self {
            Vendor::IosXe => "GigabitEthernet0/0/1",
            Vendor::Junos => "xe-0/0/0",
            Vendor::Eos => "Ethernet1",
            Vendor::Frr => "eth1",
        }
    }

    /// `None` for empty text (not chosen).
    pub fn parse_optional(text: &str) -> Result<Option<Vendor>, RouterError> {
        let input = text.trim();
        if input.is_empty() {
            return Ok(None);
        }
        Vendor::ALL
            .into_iter()
            .find(|v| v.key().eq_ignore_ascii_case(input))
            .map(Some)
            .ok_or_else(|| RouterError::Vendor {
                input: input.to_string(),
            })
    }
}

/// How the sub-interfaces are tagged (domain.md §3; the peering's VLAN is the C-tag under QinQ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encapsulation {
    Dot1q,
    /// The outer tag is the same for every peering of the circuit.
    QinQ {
        s_tag: VlanId,
    },
}

/// The encapsulation keyword as typed: empty is `dot1q`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncapsulationKind {
    Dot1q,
    QinQ,
}

impl EncapsulationKind {
    pub fn parse(text: &str) -> Result<EncapsulationKind, RouterError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "dot1q" => Ok(EncapsulationKind::Dot1q),
            "qinq" => Ok(EncapsulationKind::QinQ),
            _ => Err(RouterError::Encapsulation {
                input: text.trim().to_string(),
            }),
        }
    }
}

/// The longest interface name we accept; Linux allows 15 bytes (IFNAMSIZ 16), which FRR's check adds.
const MAX_INTERFACE_LEN: usize = 64;
/// Linux: `IFNAMSIZ` is 16 with the terminating NUL.
pub const LINUX_IFNAME_MAX: usize = 15;

/// A router's parent (physical or port-channel) interface, as the vendor spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceName(String);

impl InterfaceName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Letters, digits and `/ . _ : -`, starting with a letter; no sub-interface number (the VLAN makes
    /// that). `None` for empty text (the vendor's default then).
    pub fn parse_optional(text: &str) -> Result<Option<InterfaceName>, RouterError> {
        let input = text.trim();
        if input.is_empty() {
            return Ok(None);
        }
        let owned = || input.to_string();
        let allowed =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | ':' | '-');
        if !input.starts_with(|c: char| c.is_ascii_alphabetic())
            || !input.chars().all(allowed)
            || input.chars().count() > MAX_INTERFACE_LEN
        {
            return Err(RouterError::Interface {
                input: owned(),
                reason: "is not an interface name: use the name the router shows, e.g. GigabitEthernet0/0/1, xe-0/0/0, Ethernet1 or eth1",
            });
        }
        if let Some((_, unit)) = input.rsplit_once('.') {
            if !unit.is_empty() && unit.bytes().all(|b| b.is_ascii_digit()) {
                return Err(RouterError::Interface {
                    input: owned(),
                    reason: "names a sub-interface: give the parent interface; the configs add the VLAN sub-interface themselves",
                });
            }
        }
        Ok(Some(InterfaceName(owned())))
    }
}

impl fmt::Display for InterfaceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The inbound maximum-prefix of a session: 1 to 2,147,483,647 (the smallest range of the four
/// vendors: IOS XE's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxPrefix(u32);

impl MaxPrefix {
    pub const MAX: u32 = 2_147_483_647;

    pub fn value(self) -> u32 {
        self.0
    }

    /// `None` for empty text (the defaults of [`RouterPlan::max_prefix`]).
    pub fn parse_optional(text: &str) -> Result<Option<MaxPrefix>, RouterError> {
        let input = text.trim();
        if input.is_empty() {
            return Ok(None);
        }
        let bad = || RouterError::MaxPrefix {
            input: input.to_string(),
        };
        if !input.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let digits = input.trim_start_matches('0');
        if digits.len() > 10 {
            return Err(bad());
        }
        match digits.parse::<u64>() {
            Ok(n) if (1..=u64::from(MaxPrefix::MAX)).contains(&n) => Ok(Some(MaxPrefix(n as u32))),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for MaxPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A prefix a private peering's routers advertise to Azure: any network prefix of the family (private
/// ranges are what private peering carries); the default route is let through with a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OnPremisesPrefix(IpNet);

impl OnPremisesPrefix {
    pub fn net(self) -> IpNet {
        self.0
    }

    pub fn is_default_route(self) -> bool {
        self.0.prefix_len() == 0
    }

    pub fn overlaps(self, other: IpNet) -> bool {
        nets_overlap(self.0, other)
    }

    /// Syntax, family, length and host bits, with the advertised prefixes' messages (§5).
    pub fn parse_for(text: &str, family: AddressFamily) -> Result<OnPremisesPrefix, PrefixError> {
        let (input, addr, len) = parse_parts(text, family)?;
        network_of(input, addr, len).map(OnPremisesPrefix)
    }
}

impl fmt::Display for OnPremisesPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How many prefixes a private peering takes from the customer per BGP session (domain.md §10): more
/// and the session drops.
pub fn on_premises_limit(family: AddressFamily) -> (usize, Option<usize>) {
    match family {
        // 4,000 on a standard circuit, 10,000 with ExpressRoute Premium.
        AddressFamily::Ipv4 => (4_000, Some(10_000)),
        AddressFamily::Ipv6 => (100, None),
    }
}

/// The typed router settings of a valid plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouterPlan {
    /// The vendor the user picked; `None`: not chosen (every vendor's configs are offered alike).
    pub vendor: Option<Vendor>,
    pub encapsulation: Encapsulation,
    /// BFD on the IPv4 sessions (§10).
    pub bfd: bool,
    pub max_prefix: Option<MaxPrefix>,
    pub interfaces: [Option<InterfaceName>; 2],
}

impl Default for RouterPlan {
    fn default() -> Self {
        RouterPlan {
            vendor: None,
            encapsulation: Encapsulation::Dot1q,
            bfd: true,
            max_prefix: None,
            interfaces: [None, None],
        }
    }
}

impl RouterPlan {
    /// The parent interface of the router of `link` in `vendor`'s config: the plan's name (when no
    /// vendor is chosen, or this is the chosen one: a Cisco name means nothing to Junos), else the
    /// vendor's default.
    pub fn interface(&self, link: Link, vendor: Vendor) -> String {
        self.named_interface(link, vendor)
            .map(|i| i.as_str().to_string())
            .unwrap_or_else(|| vendor.default_interface().to_string())
    }

    /// The plan's interface name for `link` as `vendor`'s config uses it (`None`: the default, which a
    /// config comment says to change).
    pub fn named_interface(&self, link: Link, vendor: Vendor) -> Option<&InterfaceName> {
        if self.vendor.is_some_and(|v| v != vendor) {
            return None;
        }
        let slot = match link {
            Link::Primary => 0,
            Link::Secondary => 1,
        };
        self.interfaces[slot].as_ref()
    }

    /// The inbound maximum-prefix of a session: the plan's, or the most Azure sends on a private
    /// peering (1,000 IPv4 / 100 IPv6 VNet prefixes: background/router-iac-routefilters.md §2b), and for
    /// Microsoft peering a generous 4,000 (Microsoft publishes no figure; the configs only warn).
    pub fn max_prefix(&self, microsoft: bool, family: AddressFamily) -> u32 {
        if let Some(m) = self.max_prefix {
            return m.value();
        }
        match (microsoft, family) {
            (false, AddressFamily::Ipv4) => 1_000,
            (false, AddressFamily::Ipv6) => 100,
            (true, _) => 4_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouterError {
    Vendor { input: String },
    Encapsulation { input: String },
    Interface { input: String, reason: &'static str },
    MaxPrefix { input: String },
}

impl RouterError {
    pub fn code(&self) -> Code {
        match self {
            RouterError::Vendor { .. } => Code::RouterVendor,
            RouterError::Encapsulation { .. } => Code::RouterEncapsulation,
            RouterError::Interface { .. } => Code::RouterInterface,
            RouterError::MaxPrefix { .. } => Code::RouterMaxPrefix,
        }
    }
}

impl fmt::Display for RouterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouterError::Vendor { input } => write!(
                f,
                "{} is not a vendor we write configs for: choose iosxe (Cisco IOS XE), junos (Juniper Junos), eos (Arista EOS) or frr (FRRouting).",
                quote(input)
            ),
            RouterError::Encapsulation { input } => write!(
                f,
                "{} is not an encapsulation: choose dot1q (one VLAN tag) or qinq (an outer S-tag and the peering's VLAN as C-tag).",
                quote(input)
            ),
            RouterError::Interface { input, reason } => write!(f, "{} {reason}.", quote(input)),
            RouterError::MaxPrefix { input } => write!(
                f,
                "{} is not a prefix count: type a whole number from 1 to {}, or leave it empty for the defaults (1000 IPv4 / 100 IPv6 on private peering, 4000 on Microsoft peering).",
                quote(input),
                MaxPrefix::MAX
            ),
        }
    }
}

impl std::error::Error for RouterError {}
