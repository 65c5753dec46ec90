//! FRRouting 8.4 (`frr.conf`, Debian bookworm's frr): a complete integrated config that FRR loads as is
//! (`tests/router/` brings it up against a simulated Microsoft edge in network namespaces). The kernel
//! does the VLAN tagging, so the commands that create the sub-interfaces are comments at the top.
//!
//! Sources (docs.frrouting.org, FRR 8.4 user guide): `bgp.rst` (router bgp, neighbor remote-as /
//! password / local-as no-prepend replace-as / maximum-prefix warning-only / route-map, address-family,
//! `network`, `bgp ebgp-requires-policy`, which is on by default: a session carries nothing without an
//! inbound and an outbound policy), `bfd.rst` (bfd / profile with receive-interval, transmit-interval,
//! detect-multiplier; neighbor bfd profile), `filter.rst` (ip/ipv6 prefix-list), `zebra.rst` (interface
//! ip/ipv6 address); iproute2 `ip-link(8)` (type vlan, proto 802.1ad for the QinQ outer tag).

use super::bgp_cli::{self, Dialect};
use super::{intro, out_note, Password, RouterModel, BFD_INTERVAL_MS, BFD_MULTIPLIER};
use crate::domain::field::AddressFamily;

/// The BFD profile every IPv4 session uses.
const BFD_PROFILE: &str = "azure-expressroute";

/// The Linux name of a sub-interface: `<parent>.<vlan>`, QinQ `<parent>.<s-tag>.<vlan>`.
pub fn interface_name(parent: &str, s_tag: Option<u16>, vlan: u16) -> String {
    match s_tag {
        Some(s) => format!("{parent}.{s}.{vlan}"),
        None => format!("{parent}.{vlan}"),
    }
}

pub fn render(model: &RouterModel) -> String {
    let mut out = Vec::new();
    for line in intro(model) {
        out.push(format!("! {line}"));
    }
    out.push(
        "! Load it as /etc/frr/frr.conf with bgpd and bfdd enabled in /etc/frr/daemons.".into(),
    );
    out.push("!".into());
    out.push("! Create the VLAN sub-interfaces first (as root; the kernel tags, FRR only addresses them):".into());
    // The outer (S-tag) interface is shared by every peering on the parent: created once.
    let mut outers: Vec<String> = Vec::new();
    for i in &model.interfaces {
        let name = interface_name(&i.parent, i.s_tag.map(|s| s.value()), i.vlan.value());
        match i.s_tag {
            Some(s_tag) => {
                let outer = format!("{}.{}", i.parent, s_tag);
                if !outers.contains(&outer) {
                    out.push(format!(
                        "!   ip link add link {} name {outer} type vlan proto 802.1ad id {s_tag}",
                        i.parent
                    ));
                    out.push(format!("!   ip link set {outer} up"));
                    outers.push(outer.clone());
                }
                out.push(format!(
                    "!   ip link add link {outer} name {name} type vlan proto 802.1Q id {}",
                    i.vlan
                ));
            }
            None => out.push(format!(
                "!   ip link add link {} name {name} type vlan id {}",
                i.parent, i.vlan
            )),
        }
        out.push(format!("!   ip link set {name} up"));
    }
    out.push("!".into());
    out.push("frr version 8.4".into());
    out.push("frr defaults traditional".into());
    out.push(format!("hostname er-{}", model.link_key()));
    out.push("log syslog informational".into());
    out.push("!".into());
    for i in &model.interfaces {
        let name = interface_name(&i.parent, i.s_tag.map(|s| s.value()), i.vlan.value());
        out.push(format!("interface {name}"));
        out.push(format!(
            " description Azure ExpressRoute {} {} {} (VLAN {})",
            model.circuit,
            i.peering_type,
            model.link_key(),
            i.vlan
        ));
        for (family, ip, len) in &i.addresses {
            let keyword = match family {
                AddressFamily::Ipv4 => "ip",
                AddressFamily::Ipv6 => "ipv6",
            };
            out.push(format!(" {keyword} address {ip}/{len}"));
        }
        out.push("exit".into());
        out.push("!".into());
    }
    out.extend(bgp_cli::section(model, &DIALECT));
    out.push("exit".into());
    out.push("!".into());
    for s in &model.sessions {
        out.push(format!("! {}", out_note(s)));
        let list = match s.family {
            AddressFamily::Ipv4 => "ip prefix-list",
            AddressFamily::Ipv6 => "ipv6 prefix-list",
        };
        if s.out_prefixes.is_empty() {
            out.push(format!("{list} {} seq 5 deny any", s.out_list));
        } else {
            for (n, p) in s.out_prefixes.iter().enumerate() {
                out.push(format!(
                    "{list} {} seq {} permit {p}",
                    s.out_list,
                    (n + 1) * 5
                ));
            }
        }
        let matcher = match s.family {
            AddressFamily::Ipv4 => "ip",
            AddressFamily::Ipv6 => "ipv6",
        };
        out.push(format!("route-map {} permit 10", s.out_policy));
        out.push(format!(
            " match {matcher} address prefix-list {}",
            s.out_list
        ));
        out.push("exit".into());
        out.push(format!(
            "! What {} sends ({}): accepted; maximum-prefix above warns at {}.",
            s.peering_type, s.family, s.max_prefix
        ));
        out.push(format!("route-map {} permit 10", s.in_policy));
        out.push("exit".into());
        out.push("!".into());
    }
    if model.sessions.iter().any(|s| s.bfd) {
        out.push(format!(
            "! BFD {BFD_INTERVAL_MS} ms x {BFD_MULTIPLIER} on the IPv4 sessions, as Microsoft's side runs it."
        ));
        out.push("bfd".into());
        out.push(format!(" profile {BFD_PROFILE}"));
        out.push(format!("  detect-multiplier {BFD_MULTIPLIER}"));
        out.push(format!("  receive-interval {BFD_INTERVAL_MS}"));
        out.push(format!("  transmit-interval {BFD_INTERVAL_MS}"));
        out.push(" exit".into());
        out.push("exit".into());
        out.push("!".into());
    }
    if model.sessions.iter().any(|s| s.password == Password::None) {
        out.push("! A peering without a shared key: its sessions run without MD5.".into());
    }
    out.push("end".into());
    let mut text = out.join("\n");
    text.push('\n');
    text
}

const DIALECT: Dialect = Dialect {
    indent: " ",
    af_indent: "  ",
    router_id: "bgp router-id",
    extra: &[],
    password: |p| format!("password {p}"),
    bfd: "bfd profile azure-expressroute",
    max_prefix_in_af: true,
    max_prefix: |m| format!("maximum-prefix {m} warning-only"),
    af_name: |f| match f {
        AddressFamily::Ipv4 => "ipv4 unicast",
        AddressFamily::Ipv6 => "ipv6 unicast",
    },
    network: |p| format!("network {p}"),
    // ebgp-requires-policy: a route-map in each direction (the prefix list is matched inside it).
    out_filter: |s| format!("route-map {} out", s.out_policy),
    af_exit: Some("exit-address-family"),
};
