//! Router configs for the customer's two routers (README "Router configs", domain.md §10, §11.3
//! `router-<vendor>-<router>`): one [`RouterModel`] per router, built once from the plan, holds every
//! fact a config states (sub-interfaces, addresses, sessions, keys, BFD, limits, prefix filters); each
//! vendor module only spells it. The tests compare the facts of the four vendors' texts with the model,
//! so they cannot drift apart.
//!
//! Per peering and link (§10, background/router-iac-routefilters.md §2c): one sub-interface tagged with
//! the VLAN (QinQ: the S-tag outside); our address is the first usable of the link subnet, Microsoft's
//! (the BGP neighbour) the second; remote AS 12076; local AS the peer ASN; the MD5 password is the
//! shared key; BFD 300 ms x 3 on IPv4 sessions; the outbound filter is exactly the prefixes the routers
//! advertise (Microsoft peering: its advertised public prefixes; private peering: the listed
//! on-premises prefixes, nothing when none are listed).

mod bgp_cli;
pub mod eos;
pub mod frr;
pub mod handover;
pub mod iosxe;
pub mod junos;

use super::EmitOptions;
use crate::domain::asn::Asn;
use crate::domain::field::{AddressFamily, Link};
use crate::domain::model::{Peering, ValidPlan};
use crate::domain::peering::PeeringType;
use crate::domain::router::{Encapsulation, Vendor};
use crate::domain::vlan::VlanId;
use ipnet::IpNet;
use std::net::IpAddr;

/// BFD timers (§10: Microsoft's side runs 300 ms x 3; the slower side wins).
pub const BFD_INTERVAL_MS: u32 = 300;
pub const BFD_MULTIPLIER: u32 = 3;

/// What a config says in place of the shared key when the user did not ask for it inline (§6: the
/// key never goes into an output unless asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Password {
    /// The peering has no shared key: no MD5 on its sessions.
    None,
    /// The key is in the plan but stays out of the text: a placeholder to replace.
    Placeholder(String),
    Key(String),
}

impl Password {
    /// The text after `password` / `authentication-key`, when there is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Password::None => None,
            Password::Placeholder(p) | Password::Key(p) => Some(p),
        }
    }
}

/// One VLAN sub-interface (one per peering on each router).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubInterface {
    pub peering_type: PeeringType,
    /// The parent interface as the plan names it (or the vendor's default).
    pub parent: String,
    /// Whether the plan named the parent (else the config says to change the default).
    pub parent_named: bool,
    /// The peering's VLAN (the C-tag under QinQ).
    pub vlan: VlanId,
    pub s_tag: Option<VlanId>,
    /// Our address with its prefix length, per family.
    pub addresses: Vec<(AddressFamily, IpAddr, u8)>,
}

/// One eBGP session (per peering, family and router).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub peering_type: PeeringType,
    pub family: AddressFamily,
    pub local_ip: IpAddr,
    /// Microsoft's router: the second usable address of the link subnet.
    pub neighbor: IpAddr,
    /// The peering's peer ASN.
    pub local_as: Asn,
    pub remote_as: Asn,
    pub password: Password,
    pub bfd: bool,
    /// Inbound: warn above this many prefixes (never tear the session down).
    pub max_prefix: u32,
    /// Outbound: exactly these prefixes, in plan order.
    pub out_prefixes: Vec<IpNet>,
    /// Names of this session's prefix list and route maps: `ER-PRIVATE-V4-OUT`, ...
    pub out_list: String,
    pub in_policy: String,
    pub out_policy: String,
}

/// Everything one router's config states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouterModel {
    pub link: Link,
    pub vendor: Vendor,
    pub circuit: String,
    /// The AS of the BGP process: the private peering's peer ASN when there is one, else the Microsoft
    /// peering's. A session whose peer ASN differs uses `local-as` (see [`RouterModel::local_as_note`]).
    pub bgp_as: Asn,
    /// An IPv4 router ID: our first IPv4 link address; for an IPv6-only plan a documentation address to
    /// replace (BGP needs a 32-bit ID).
    pub router_id: IpAddr,
    pub router_id_is_placeholder: bool,
    pub interfaces: Vec<SubInterface>,
    pub sessions: Vec<Session>,
}

impl RouterModel {
    pub fn new(plan: &ValidPlan, vendor: Vendor, link: Link, opts: &EmitOptions) -> RouterModel {
        let routers = &plan.routers;
        let bgp_as = plan
            .planned(PeeringType::AzurePrivatePeering)
            .or_else(|| plan.peerings.first())
            .map(|p| p.peer_asn)
            .unwrap_or(Asn::MICROSOFT);
        let s_tag = match routers.encapsulation {
            Encapsulation::QinQ { s_tag } => Some(s_tag),
            Encapsulation::Dot1q => None,
        };
        let mut interfaces = Vec::new();
        let mut sessions = Vec::new();
        for peering in &plan.peerings {
            let families = peering.links();
            let addresses = families
                .iter()
                .map(|(family, links)| {
                    let subnet = links.get(link);
                    (family, subnet.customer_router_ip(), subnet.prefix_len())
                })
                .collect();
            interfaces.push(SubInterface {
                peering_type: peering.peering_type(),
                parent: routers.interface(link, vendor),
                parent_named: routers.named_interface(link, vendor).is_some(),
                vlan: peering.vlan_id,
                s_tag,
                addresses,
            });
            for (family, links) in families.iter() {
                let subnet = links.get(link);
                let short = short_name(peering.peering_type());
                let fam = match family {
                    AddressFamily::Ipv4 => "V4",
                    AddressFamily::Ipv6 => "V6",
                };
                sessions.push(Session {
                    peering_type: peering.peering_type(),
                    family,
                    local_ip: subnet.customer_router_ip(),
                    neighbor: subnet.microsoft_router_ip(),
                    local_as: peering.peer_asn,
                    remote_as: Asn::MICROSOFT,
                    password: password(peering, opts),
                    bfd: routers.bfd && family == AddressFamily::Ipv4,
                    max_prefix: routers.max_prefix(peering.is_microsoft(), family),
                    out_prefixes: peering.router_prefixes(family),
                    out_list: format!("ER-{short}-{fam}-OUT"),
                    in_policy: format!("ER-{short}-{fam}-IN"),
                    out_policy: format!("ER-{short}-{fam}-OUT"),
                });
            }
        }
        let first_v4 = sessions
            .iter()
            .find(|s| s.family == AddressFamily::Ipv4)
            .map(|s| s.local_ip);
        let (router_id, router_id_is_placeholder) = match first_v4 {
            Some(ip) => (ip, false),
            // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a real router's address.
            None => (
                IpAddr::from([192, 0, 2, if link == Link::Primary { 1 } else { 2 }]),
                true,
            ),
        };
        RouterModel {
            link,
            vendor,
            circuit: plan.circuit.name.to_string(),
            bgp_as,
            router_id,
            router_id_is_placeholder,
            interfaces,
            sessions,
        }
    }

    /// The sessions of one family.
    pub fn sessions_of(&self, family: AddressFamily) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(move |s| s.family == family)
    }

    /// Whether any session needs `local-as` (the two peerings use different peer ASNs).
    pub fn needs_local_as(&self) -> bool {
        self.sessions.iter().any(|s| s.local_as != self.bgp_as)
    }

    /// Why a session uses `local-as`, for a comment.
    pub fn local_as_note(&self) -> Option<String> {
        let other = self.sessions.iter().find(|s| s.local_as != self.bgp_as)?;
        Some(format!(
            "The two peerings use different peer ASNs: the BGP process runs as AS {} and the {} sessions present AS {} with local-as (no-prepend, replace-as), so Microsoft sees exactly the peer ASN the peering was created with and the AS path carries no other AS.",
            self.bgp_as, other.peering_type, other.local_as
        ))
    }

    /// "primary" / "secondary".
    pub fn link_key(&self) -> &'static str {
        self.link.key()
    }
}

/// `PRIVATE` / `MICROSOFT`, for policy names.
pub fn short_name(peering_type: PeeringType) -> &'static str {
    match peering_type {
        PeeringType::AzurePrivatePeering => "PRIVATE",
        PeeringType::MicrosoftPeering => "MICROSOFT",
    }
}

fn password(peering: &Peering, opts: &EmitOptions) -> Password {
    match &peering.shared_key {
        None => Password::None,
        Some(key) if opts.inline_shared_key => Password::Key(key.expose().to_string()),
        Some(_) => Password::Placeholder(format!(
            "REPLACE-WITH-{}-SHARED-KEY",
            short_name(peering.peering_type())
        )),
    }
}

/// One router's config for one vendor (block `router-<vendor>-<router>`).
pub fn config(plan: &ValidPlan, vendor: Vendor, link: Link, opts: &EmitOptions) -> String {
    let model = RouterModel::new(plan, vendor, link, opts);
    match vendor {
        Vendor::IosXe => iosxe::render(&model),
        Vendor::Junos => junos::render(&model),
        Vendor::Eos => eos::render(&model),
        Vendor::Frr => frr::render(&model),
    }
}

/// The lines every config starts with (in the vendor's comment syntax): what it is and what to change.
pub fn intro(model: &RouterModel) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{} config of the {} router of ExpressRoute circuit {} (ExpressRoute Peering Planner).",
            model.vendor.label(),
            model.link_key(),
            model.circuit
        ),
        format!(
            "Every peering of the plan: its VLAN sub-interface, our address (the first usable of the {} link subnet), and the eBGP session to Microsoft (the second usable, AS 12076).",
            model.link_key()
        ),
    ];
    if model
        .sessions
        .iter()
        .any(|s| matches!(s.password, Password::Placeholder(_)))
    {
        lines.push("Replace each REPLACE-WITH-...-SHARED-KEY with the peering's shared key (the same on both routers), or tick \"Put the shared key into the outputs\".".into());
    }
    if model.interfaces.iter().any(|i| !i.parent_named) {
        lines.push(format!(
            "The parent interface {} is a default: set yours under Router settings.",
            model
                .interfaces
                .first()
                .map(|i| i.parent.as_str())
                .unwrap_or_default()
        ));
    }
    if model.router_id_is_placeholder {
        lines.push(format!(
            "The router ID {} is a placeholder (the plan has no IPv4 link): use this router's own IPv4 router ID.",
            model.router_id
        ));
    }
    lines.push("Each prefix this router advertises must be in its routing table (a route from your IGP, or a static route to null for an aggregate).".into());
    lines
}

/// The comment above a session's outbound filter.
pub fn out_note(session: &Session) -> String {
    if session.out_prefixes.is_empty() {
        match session.peering_type {
            PeeringType::AzurePrivatePeering => format!(
                "No on-premises {} prefixes are listed for {}: this filter advertises nothing. List them under the peering's on-premises prefixes.",
                session.family, session.peering_type
            ),
            PeeringType::MicrosoftPeering => format!(
                "{} has no {} advertised prefixes: this filter advertises nothing.",
                session.peering_type, session.family
            ),
        }
    } else {
        match session.peering_type {
            PeeringType::AzurePrivatePeering => format!(
                "Advertise exactly the listed on-premises {} prefixes to {}.",
                session.family, session.peering_type
            ),
            PeeringType::MicrosoftPeering => format!(
                "Advertise exactly the {} advertised public prefixes of {} (never a private range or a default route).",
                session.family, session.peering_type
            ),
        }
    }
}

/// The first usable and second usable addresses in words, for comments.
pub fn session_label(session: &Session) -> String {
    format!(
        "{} {} session: us {} <-> Microsoft {}",
        session.peering_type, session.family, session.local_ip, session.neighbor
    )
}

/// `a.b.c.d` netmask for an IPv4 prefix length (IOS XE wants masks).
pub fn netmask_v4(len: u8) -> String {
    let bits: u32 = if len == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(len))
    };
    std::net::Ipv4Addr::from(bits).to_string()
}
