//! Cisco IOS XE. Sources (cisco.com): "IP Routing: BGP Configuration Guide, Cisco IOS XE" (router bgp,
//! neighbor remote-as, neighbor password, neighbor local-as no-prepend replace-as, address-family,
//! neighbor activate / prefix-list / route-map / maximum-prefix ... warning-only, network ... mask,
//! `no bgp default ipv4-unicast`), "IP Routing: BFD Configuration Guide" (interface `bfd interval 300
//! min_rx 300 multiplier 3`, `neighbor ... fall-over bfd`), "LAN Switching: 802.1Q" (sub-interface
//! `encapsulation dot1Q <vlan> [second-dot1q <inner>]`); Microsoft's routing samples
//! (expressroute-config-samples-routing.md) for the interface and BFD lines, with the space their
//! `ip address` line lacks.

use super::bgp_cli::{self, Dialect};
use super::{intro, netmask_v4, out_note, RouterModel, BFD_INTERVAL_MS, BFD_MULTIPLIER};
use crate::domain::field::AddressFamily;
use std::net::IpAddr;

pub fn render(model: &RouterModel) -> String {
    let mut out = Vec::new();
    for line in intro(model) {
        out.push(format!("! {line}"));
    }
    out.push("!".into());
    for i in &model.interfaces {
        out.push(format!("interface {}.{}", i.parent, i.vlan));
        out.push(format!(
            " description Azure ExpressRoute {} {} {} (VLAN {})",
            model.circuit,
            i.peering_type,
            model.link_key(),
            i.vlan
        ));
        match i.s_tag {
            Some(s_tag) => out.push(format!(
                " encapsulation dot1Q {s_tag} second-dot1q {}",
                i.vlan
            )),
            None => out.push(format!(" encapsulation dot1Q {}", i.vlan)),
        }
        for (family, ip, len) in &i.addresses {
            match family {
                AddressFamily::Ipv4 => out.push(format!(" ip address {ip} {}", netmask_v4(*len))),
                AddressFamily::Ipv6 => out.push(format!(" ipv6 address {ip}/{len}")),
            }
        }
        let bfd = model
            .sessions
            .iter()
            .any(|s| s.bfd && s.peering_type == i.peering_type);
        if bfd {
            out.push(format!(
                " bfd interval {BFD_INTERVAL_MS} min_rx {BFD_INTERVAL_MS} multiplier {BFD_MULTIPLIER}"
            ));
        }
        out.push(" no shutdown".into());
        out.push("!".into());
    }
    if model
        .sessions
        .iter()
        .any(|s| s.family == AddressFamily::Ipv6)
    {
        out.push("ipv6 unicast-routing".into());
        out.push("!".into());
    }
    out.extend(bgp_cli::section(model, &DIALECT));
    out.push("!".into());
    for s in &model.sessions {
        out.push(format!("! {}", out_note(s)));
        let list = match s.family {
            AddressFamily::Ipv4 => "ip prefix-list",
            AddressFamily::Ipv6 => "ipv6 prefix-list",
        };
        if s.out_prefixes.is_empty() {
            let any = match s.family {
                AddressFamily::Ipv4 => "0.0.0.0/0 le 32",
                AddressFamily::Ipv6 => "::/0 le 128",
            };
            out.push(format!("{list} {} seq 5 deny {any}", s.out_list));
        } else {
            for (n, p) in s.out_prefixes.iter().enumerate() {
                out.push(format!(
                    "{list} {} seq {} permit {p}",
                    s.out_list,
                    (n + 1) * 5
                ));
            }
        }
        out.push(format!("route-map {} permit 10", s.in_policy));
        out.push("!".into());
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
    extra: &["bgp log-neighbor-changes"],
    password: |p| format!("password {p}"),
    bfd: "fall-over bfd",
    max_prefix_in_af: true,
    max_prefix: |m| format!("maximum-prefix {m} warning-only"),
    af_name: |f| match f {
        AddressFamily::Ipv4 => "ipv4 unicast",
        AddressFamily::Ipv6 => "ipv6 unicast",
    },
    network: |p| match p.addr() {
        IpAddr::V4(a) => format!("network {a} mask {}", netmask_v4(p.prefix_len())),
        IpAddr::V6(_) => format!("network {p}"),
    },
    out_filter: |s| format!("prefix-list {} out", s.out_list),
    af_exit: Some("exit-address-family"),
};
