//! Where a value lives in the plan document (§11.1): one typed path for every field, used by findings,
//! fixes, the change model and the UI. The JSON Pointer text (`/peerings/1/ipv4/primary`) exists only at
//! the edges: [`FieldPath::parse`] reads it (a `data-field` attribute, a hand-made fix) and `Display`
//! writes it (`data-field`, JSON findings). Nothing else handles pointer strings.
//!
//! The variants are declared in document order (§11.1), so the derived `Ord` sorts findings the way the
//! plan reads: circuit, VNet address spaces, then each peering (type, ASN, VLAN, key, IPv4, IPv6).
//!
//! This module depends on nothing else in the crate: it is the bottom floor.

use std::fmt;
use std::net::IpAddr;

/// The address family of a field (`ipv4` or `ipv6` in the plan document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AddressFamily {
    Ipv4,
    Ipv6,
}

impl AddressFamily {
    pub const ALL: [AddressFamily; 2] = [AddressFamily::Ipv4, AddressFamily::Ipv6];

    pub fn of(addr: IpAddr) -> AddressFamily {
        match addr {
            IpAddr::V4(_) => AddressFamily::Ipv4,
            IpAddr::V6(_) => AddressFamily::Ipv6,
        }
    }
    /// The key in the plan document: `ipv4` / `ipv6`.
    pub fn key(self) -> &'static str {
        match self {
            AddressFamily::Ipv4 => "ipv4",
            AddressFamily::Ipv6 => "ipv6",
        }
    }
    /// For messages: `IPv4` / `IPv6`.
    pub fn label(self) -> &'static str {
        match self {
            AddressFamily::Ipv4 => "IPv4",
            AddressFamily::Ipv6 => "IPv6",
        }
    }
    /// The link subnet length (§2): 30 / 126.
    pub fn link_len(self) -> u8 {
        match self {
            AddressFamily::Ipv4 => 30,
            AddressFamily::Ipv6 => 126,
        }
    }
    /// 32 / 128: a host route.
    pub fn max_len(self) -> u32 {
        match self {
            AddressFamily::Ipv4 => 32,
            AddressFamily::Ipv6 => 128,
        }
    }
    pub fn other(self) -> AddressFamily {
        match self {
            AddressFamily::Ipv4 => AddressFamily::Ipv6,
            AddressFamily::Ipv6 => AddressFamily::Ipv4,
        }
    }
    /// 0 for IPv4, 1 for IPv6: for arrays indexed by family.
    pub fn slot(self) -> usize {
        self as usize
    }
}

impl fmt::Display for AddressFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which of the two BGP sessions of a peering (§2: both are needed for the SLA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Link {
    Primary,
    Secondary,
}

impl Link {
    pub const ALL: [Link; 2] = [Link::Primary, Link::Secondary];

    /// The key in the plan document: `primary` / `secondary`.
    pub fn key(self) -> &'static str {
        match self {
            Link::Primary => "primary",
            Link::Secondary => "secondary",
        }
    }
    /// For tables: `Primary` / `Secondary`.
    pub fn label(self) -> &'static str {
        match self {
            Link::Primary => "Primary",
            Link::Secondary => "Secondary",
        }
    }
}

/// A field of a circuit (`/circuit/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CircuitField {
    Subscription,
    ResourceGroup,
    Name,
}

impl CircuitField {
    pub fn key(self) -> &'static str {
        match self {
            CircuitField::Subscription => "subscription",
            CircuitField::ResourceGroup => "resourceGroup",
            CircuitField::Name => "name",
        }
    }
}

/// A part of one address family of a peering (`/peerings/N/<family>/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FamilyPart {
    /// The family itself: configured (an object) or not (absent / null).
    Whole,
    Link(Link),
    /// The list of advertised prefixes.
    AdvertisedPrefixes,
    /// One entry of that list.
    AdvertisedPrefix(usize),
    CustomerAsn,
    RoutingRegistry,
    RouteFilter,
    /// Private peering, router side: the on-premises prefixes the routers advertise to Azure.
    OnPremisesPrefixes,
    /// One entry of that list.
    OnPremisesPrefix(usize),
    /// Microsoft peering: the route filter the plan creates (or manages, in change mode) as the one
    /// `routeFilter` names: present or not (`routeFilterRule`).
    FilterRule,
    /// One text setting of it.
    FilterRuleField(FilterField),
    /// The BGP communities its rule allows.
    Communities,
    /// One entry of that list.
    Community(usize),
}

/// A text setting of a planned route filter (`/peerings/N/<family>/routeFilterRule/<key>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterField {
    ResourceGroup,
    Location,
    RuleName,
}

impl FilterField {
    pub const ALL: [FilterField; 3] = [
        FilterField::ResourceGroup,
        FilterField::Location,
        FilterField::RuleName,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FilterField::ResourceGroup => "resourceGroup",
            FilterField::Location => "location",
            FilterField::RuleName => "ruleName",
        }
    }
}

impl FamilyPart {
    /// The text keys of a family, in document order.
    pub const TEXT: [FamilyPart; 5] = [
        FamilyPart::Link(Link::Primary),
        FamilyPart::Link(Link::Secondary),
        FamilyPart::CustomerAsn,
        FamilyPart::RoutingRegistry,
        FamilyPart::RouteFilter,
    ];

    fn key(self) -> Option<&'static str> {
        Some(match self {
            FamilyPart::Whole
            | FamilyPart::AdvertisedPrefix(_)
            | FamilyPart::OnPremisesPrefix(_)
            | FamilyPart::FilterRuleField(_)
            | FamilyPart::Communities
            | FamilyPart::Community(_) => return None,
            FamilyPart::FilterRule => "routeFilterRule",
            FamilyPart::Link(link) => link.key(),
            FamilyPart::AdvertisedPrefixes => "advertisedPrefixes",
            FamilyPart::OnPremisesPrefixes => "onPremisesPrefixes",
            FamilyPart::CustomerAsn => "customerAsn",
            FamilyPart::RoutingRegistry => "routingRegistry",
            FamilyPart::RouteFilter => "routeFilter",
        })
    }

    /// The list a list entry belongs to.
    pub fn list(self) -> Option<FamilyPart> {
        match self {
            FamilyPart::AdvertisedPrefix(_) => Some(FamilyPart::AdvertisedPrefixes),
            FamilyPart::OnPremisesPrefix(_) => Some(FamilyPart::OnPremisesPrefixes),
            FamilyPart::Community(_) => Some(FamilyPart::Communities),
            _ => None,
        }
    }
}

/// A router setting (`/routers/...`, the router side of the plan: vendor, encapsulation, BGP options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouterField {
    Vendor,
    Encapsulation,
    /// The QinQ outer tag.
    STag,
    Bfd,
    MaxPrefix,
    /// The parent interface of the router of a link.
    Interface(Link),
}

impl RouterField {
    pub const ALL: [RouterField; 7] = [
        RouterField::Vendor,
        RouterField::Encapsulation,
        RouterField::STag,
        RouterField::Bfd,
        RouterField::MaxPrefix,
        RouterField::Interface(Link::Primary),
        RouterField::Interface(Link::Secondary),
    ];

    pub fn key(self) -> &'static str {
        match self {
            RouterField::Vendor => "vendor",
            RouterField::Encapsulation => "encapsulation",
            RouterField::STag => "sTag",
            RouterField::Bfd => "bfd",
            RouterField::MaxPrefix => "maxPrefix",
            RouterField::Interface(Link::Primary) => "primaryInterface",
            RouterField::Interface(Link::Secondary) => "secondaryInterface",
        }
    }
}

/// A part of one peering (`/peerings/N/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeeringPart {
    /// The peering itself (`peering.no_family`).
    Whole,
    Type,
    PeerAsn,
    VlanId,
    SharedKey,
    Family(AddressFamily, FamilyPart),
}

/// Where a value lives in the plan document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldPath {
    /// The whole plan (pointer `""`: `plan.unreadable`).
    Plan,
    Circuit(CircuitField),
    VnetAddressSpaces,
    VnetAddressSpace(usize),
    /// The list of peerings (`required` when empty, `change.peering_dropped`).
    Peerings,
    Peering(usize, PeeringPart),
    /// The router settings (`/routers`).
    Routers,
    Router(RouterField),
}

impl FieldPath {
    /// `/peerings/N/<family>/<part>`.
    pub fn family(index: usize, family: AddressFamily, part: FamilyPart) -> FieldPath {
        FieldPath::Peering(index, PeeringPart::Family(family, part))
    }

    /// Reads a JSON Pointer (RFC 6901). Total: `None` when the pointer names no field of a plan.
    pub fn parse(pointer: &str) -> Option<FieldPath> {
        if pointer.is_empty() {
            return Some(FieldPath::Plan);
        }
        let tokens: Vec<String> = pointer
            .strip_prefix('/')?
            .split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let family = |f: &str| AddressFamily::ALL.into_iter().find(|x| x.key() == f);
        Some(match t.as_slice() {
            ["circuit", key] => FieldPath::Circuit(
                [
                    CircuitField::Subscription,
                    CircuitField::ResourceGroup,
                    CircuitField::Name,
                ]
                .into_iter()
                .find(|c| c.key() == *key)?,
            ),
            ["vnetAddressSpaces"] => FieldPath::VnetAddressSpaces,
            ["vnetAddressSpaces", k] => FieldPath::VnetAddressSpace(index(k)?),
            ["peerings"] => FieldPath::Peerings,
            ["peerings", n, rest @ ..] => {
                let n = index(n)?;
                let part = match rest {
                    [] => PeeringPart::Whole,
                    ["type"] => PeeringPart::Type,
                    ["peerAsn"] => PeeringPart::PeerAsn,
                    ["vlanId"] => PeeringPart::VlanId,
                    ["sharedKey"] => PeeringPart::SharedKey,
                    [f] => PeeringPart::Family(family(f)?, FamilyPart::Whole),
                    [f, "advertisedPrefixes", k] => {
                        PeeringPart::Family(family(f)?, FamilyPart::AdvertisedPrefix(index(k)?))
                    }
                    [f, "onPremisesPrefixes", k] => {
                        PeeringPart::Family(family(f)?, FamilyPart::OnPremisesPrefix(index(k)?))
                    }
                    [f, "routeFilterRule", "communities"] => {
                        PeeringPart::Family(family(f)?, FamilyPart::Communities)
                    }
                    [f, "routeFilterRule", "communities", k] => {
                        PeeringPart::Family(family(f)?, FamilyPart::Community(index(k)?))
                    }
                    [f, "routeFilterRule", key] => PeeringPart::Family(
                        family(f)?,
                        FamilyPart::FilterRuleField(
                            FilterField::ALL.into_iter().find(|x| x.key() == *key)?,
                        ),
                    ),
                    [f, key] => {
                        let part = [
                            FamilyPart::AdvertisedPrefixes,
                            FamilyPart::OnPremisesPrefixes,
                            FamilyPart::FilterRule,
                        ]
                        .into_iter()
                        .chain(FamilyPart::TEXT)
                        .find(|p| p.key() == Some(*key))?;
                        PeeringPart::Family(family(f)?, part)
                    }
                    _ => return None,
                };
                FieldPath::Peering(n, part)
            }
            ["routers"] => FieldPath::Routers,
            ["routers", key] => {
                FieldPath::Router(RouterField::ALL.into_iter().find(|r| r.key() == *key)?)
            }
            _ => return None,
        })
    }

    /// The peering this path is in, if any.
    pub fn peering_index(self) -> Option<usize> {
        match self {
            FieldPath::Peering(n, _) => Some(n),
            _ => None,
        }
    }

    /// The same path with another peering index (peerings removed from the middle of the list).
    pub fn with_peering_index(self, n: usize) -> FieldPath {
        match self {
            FieldPath::Peering(_, part) => FieldPath::Peering(n, part),
            other => other,
        }
    }

    /// The path that holds this one: a list entry's list, a family part's family, a peering part's
    /// peering, a peering's list; `None` for the whole plan. A finding whose own field has no control
    /// is shown at the nearest enclosing one.
    pub fn parent(self) -> Option<FieldPath> {
        Some(match self {
            FieldPath::Plan => return None,
            FieldPath::Circuit(_)
            | FieldPath::VnetAddressSpaces
            | FieldPath::Peerings
            | FieldPath::Routers => FieldPath::Plan,
            FieldPath::Router(_) => FieldPath::Routers,
            FieldPath::VnetAddressSpace(_) => FieldPath::VnetAddressSpaces,
            FieldPath::Peering(_, PeeringPart::Whole) => FieldPath::Peerings,
            FieldPath::Peering(
                n,
                PeeringPart::Family(
                    f,
                    part @ (FamilyPart::AdvertisedPrefix(_)
                    | FamilyPart::OnPremisesPrefix(_)
                    | FamilyPart::Community(_)),
                ),
            ) => FieldPath::family(n, f, part.list()?),
            FieldPath::Peering(
                n,
                PeeringPart::Family(f, FamilyPart::FilterRuleField(_) | FamilyPart::Communities),
            ) => FieldPath::family(n, f, FamilyPart::FilterRule),
            FieldPath::Peering(n, PeeringPart::Family(_, FamilyPart::Whole)) => {
                FieldPath::Peering(n, PeeringPart::Whole)
            }
            FieldPath::Peering(n, PeeringPart::Family(f, _)) => {
                FieldPath::family(n, f, FamilyPart::Whole)
            }
            FieldPath::Peering(n, _) => FieldPath::Peering(n, PeeringPart::Whole),
        })
    }

    /// Whether `self` is `list` or one of its entries (a list control shows both).
    pub fn is_in_list(self, list: FieldPath) -> bool {
        match (self, list) {
            (a, b) if a == b => true,
            (FieldPath::VnetAddressSpace(_), FieldPath::VnetAddressSpaces) => true,
            (
                FieldPath::Peering(n, PeeringPart::Family(f, entry)),
                FieldPath::Peering(m, PeeringPart::Family(g, list)),
            ) => n == m && f == g && entry.list() == Some(list),
            _ => false,
        }
    }

    /// Whether `self` is inside `outer` (or is it): `/peerings/0/ipv4/primary` is inside `/peerings/0`.
    pub fn is_within(self, outer: FieldPath) -> bool {
        match (self, outer) {
            (a, b) if a == b => true,
            (_, FieldPath::Plan) => true,
            (FieldPath::Peering(..), FieldPath::Peerings) => true,
            (FieldPath::VnetAddressSpace(_), FieldPath::VnetAddressSpaces) => true,
            (FieldPath::Router(_), FieldPath::Routers) => true,
            (FieldPath::Peering(n, part), FieldPath::Peering(m, PeeringPart::Whole)) => {
                n == m && part != PeeringPart::Whole
            }
            (
                FieldPath::Peering(n, PeeringPart::Family(f, part)),
                FieldPath::Peering(m, PeeringPart::Family(g, FamilyPart::Whole)),
            ) => n == m && f == g && part != FamilyPart::Whole,
            (
                FieldPath::Peering(
                    n,
                    PeeringPart::Family(
                        f,
                        FamilyPart::FilterRuleField(_)
                        | FamilyPart::Communities
                        | FamilyPart::Community(_),
                    ),
                ),
                FieldPath::Peering(m, PeeringPart::Family(g, FamilyPart::FilterRule)),
            ) => n == m && f == g,
            (inner, list) => inner.is_in_list(list),
        }
    }
}

/// An array index token: digits without a leading zero (RFC 6901 §4).
fn index(token: &str) -> Option<usize> {
    let digits_only = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits_only || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

impl fmt::Display for FieldPath {
    /// The JSON Pointer (§11.1, §11.3 `data-field`). Our keys need no RFC 6901 escaping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FieldPath::Plan => Ok(()),
            FieldPath::Circuit(c) => write!(f, "/circuit/{}", c.key()),
            FieldPath::VnetAddressSpaces => f.write_str("/vnetAddressSpaces"),
            FieldPath::VnetAddressSpace(k) => write!(f, "/vnetAddressSpaces/{k}"),
            FieldPath::Peerings => f.write_str("/peerings"),
            FieldPath::Peering(n, part) => {
                write!(f, "/peerings/{n}")?;
                match part {
                    PeeringPart::Whole => Ok(()),
                    PeeringPart::Type => f.write_str("/type"),
                    PeeringPart::PeerAsn => f.write_str("/peerAsn"),
                    PeeringPart::VlanId => f.write_str("/vlanId"),
                    PeeringPart::SharedKey => f.write_str("/sharedKey"),
                    PeeringPart::Family(family, part) => {
                        write!(f, "/{}", family.key())?;
                        match part {
                            FamilyPart::Whole => Ok(()),
                            FamilyPart::AdvertisedPrefix(k) => {
                                write!(f, "/advertisedPrefixes/{k}")
                            }
                            FamilyPart::OnPremisesPrefix(k) => {
                                write!(f, "/onPremisesPrefixes/{k}")
                            }
                            FamilyPart::FilterRuleField(x) => {
                                write!(f, "/routeFilterRule/{}", x.key())
                            }
                            FamilyPart::Communities => f.write_str("/routeFilterRule/communities"),
                            FamilyPart::Community(k) => {
                                write!(f, "/routeFilterRule/communities/{k}")
                            }
                            other => write!(f, "/{}", other.key().unwrap_or_default()),
                        }
                    }
                }
            }
            FieldPath::Routers => f.write_str("/routers"),
            FieldPath::Router(r) => write!(f, "/routers/{}", r.key()),
        }
    }
}

/// Tests and callers may compare a path with its pointer text.
impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        FieldPath::parse(other) == Some(*self)
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<FieldPath> for str {
    fn eq(&self, other: &FieldPath) -> bool {
        other == self
    }
}

impl PartialEq<FieldPath> for &str {
    fn eq(&self, other: &FieldPath) -> bool {
        other == *self
    }
}

impl std::str::FromStr for FieldPath {
    type Err = String;
    fn from_str(pointer: &str) -> Result<FieldPath, String> {
        FieldPath::parse(pointer)
            .ok_or_else(|| format!("{pointer:?} is not the pointer of a field of the plan"))
    }
}
