//! Arista EOS. Sources (arista.com EOS User Manual): "Subinterfaces" (`encapsulation dot1q vlan <id>
//! [inner <id>]`, the parent port routed with `no switchport`), "Border Gateway Protocol" (router bgp,
//! neighbor remote-as / password 0 / local-as ... no-prepend replace-as / maximum-routes ...
//! warning-only / route-map / prefix-list, address-family activate, network), "BFD" (interface `bfd
//! interval 300 min-rx 300 multiplier 3`, `neighbor ... bfd`), "Prefix lists" (`ip prefix-list NAME seq
//! N permit P`, `ipv6 prefix-list NAME` mode with `seq N permit P`); Microsoft's routing samples for the
//! interface and BFD lines (lower-case `dot1q`, as EOS writes it).

use super::bgp_cli::{self, Dialect};
use super::{intro, out_note, RouterModel, BFD_INTERVAL_MS, BFD_MULTIPLIER};
use crate::domain::field::AddressFamily;

pub fn render(model: &RouterModel) -> String {
    let mut out = Vec::new();
    for line in intro(model) {
        out.push(format!("! {line}"));
    }
    out.push("!".into());
    let mut parents: Vec<&str> = Vec::new();
    for i in &model.interfaces {
        if !parents.contains(&i.parent.as_str()) {
            parents.push(&i.parent);
            out.push(format!("interface {}", i.parent));
            out.push("   no switchport".into());
            out.push("!".into());
        }
    }
    for i in &model.interfaces {
        out.push(format!("interface {}.{}", i.parent, i.vlan));
        out.push(format!(
            "   description Azure ExpressRoute {} {} {} (VLAN {})",
            model.circuit,
            i.peering_type,
            model.link_key(),
            i.vlan
        ));
        match i.s_tag {
            Some(s_tag) => out.push(format!(
                "   encapsulation dot1q vlan {s_tag} inner {}",
                i.vlan
            )),
            None => out.push(format!("   encapsulation dot1q vlan {}", i.vlan)),
        }
        for (family, ip, len) in &i.addresses {
            let keyword = match family {
                AddressFamily::Ipv4 => "ip",
                AddressFamily::Ipv6 => "ipv6",
            };
            out.push(format!("   {keyword} address {ip}/{len}"));
        }
        let bfd = model
            .sessions
            .iter()
            .any(|s| s.bfd && s.peering_type == i.peering_type);
        if bfd {
            out.push(format!(
                "   bfd interval {BFD_INTERVAL_MS} min-rx {BFD_INTERVAL_MS} multiplier {BFD_MULTIPLIER}"
            ));
        }
        out.push("!".into());
    }
    out.push("ip routing".into());
    if model
        .sessions
        .iter()
        .any(|s| s.family == AddressFamily::Ipv6)
    {
        out.push("ipv6 unicast-routing".into());
    }
    out.push("!".into());
    for s in &model.sessions {
        out.push(format!("! {}", out_note(s)));
        match s.family {
            AddressFamily::Ipv4 => {
                if s.out_prefixes.is_empty() {
                    out.push(format!(
                        "ip prefix-list {} seq 5 deny 0.0.0.0/0 le 32",
                        s.out_list
                    ));
                }
                for (n, p) in s.out_prefixes.iter().enumerate() {
                    out.push(format!(
                        "ip prefix-list {} seq {} permit {p}",
                        s.out_list,
                        (n + 1) * 5
                    ));
                }
            }
            AddressFamily::Ipv6 => {
                out.push(format!("ipv6 prefix-list {}", s.out_list));
                if s.out_prefixes.is_empty() {
                    out.push("   seq 5 deny ::/0 le 128".into());
                }
                for (n, p) in s.out_prefixes.iter().enumerate() {
                    out.push(format!("   seq {} permit {p}", (n + 1) * 5));
                }
            }
        }
        out.push("!".into());
        out.push(format!("route-map {} permit 10", s.in_policy));
        out.push("!".into());
    }
    out.extend(bgp_cli::section(model, &DIALECT));
    out.push("!".into());
    out.push("end".into());
    let mut text = out.join("\n");
    text.push('\n');
    text
}

const DIALECT: Dialect = Dialect {
    indent: "   ",
    af_indent: "      ",
    router_id: "router-id",
    extra: &[],
    password: |p| format!("password 0 {p}"),
    bfd: "bfd",
    max_prefix_in_af: false,
    max_prefix: |m| format!("maximum-routes {m} warning-only"),
    af_name: |f| match f {
        AddressFamily::Ipv4 => "ipv4",
        AddressFamily::Ipv6 => "ipv6",
    },
    network: |p| format!("network {p}"),
    out_filter: |s| format!("prefix-list {} out", s.out_list),
    af_exit: None,
};
