//! The handover sheet for the router team (block `router-handover`, also in the print view): what to tell
//! the connectivity provider, the IP plan, each router's config, and the checks to run once the routers
//! are up (Azure's `az` tables per peering and path, and the vendor's own `show` commands), each with
//! what a healthy answer looks like.

use super::{config, RouterModel, Session, BFD_INTERVAL_MS, BFD_MULTIPLIER};
use crate::domain::field::{AddressFamily, Link};
use crate::domain::ipplan::IpPlan;
use crate::domain::model::ValidPlan;
use crate::domain::router::{Encapsulation, Vendor};
use crate::emit::apply::azure_checks;
use crate::emit::bash::command_line;
use crate::emit::blocks::ip_plan_text;
use crate::emit::commands::Ctx;
use crate::emit::EmitOptions;

/// The whole sheet as plain text.
pub fn sheet(plan: &ValidPlan, ip_plan: &IpPlan, opts: &EmitOptions) -> String {
    let c = &plan.circuit;
    let vendors: Vec<Vendor> = match plan.routers.vendor {
        Some(v) => vec![v],
        None => Vendor::ALL.to_vec(),
    };
    let mut out = Vec::new();
    out.push(format!(
        "ExpressRoute handover for the router team: circuit {} in resource group {}{}",
        c.name,
        c.resource_group,
        c.subscription
            .as_ref()
            .map(|s| format!(" (subscription {s})"))
            .unwrap_or_default()
    ));
    out.push("=".repeat(78));
    out.push(String::new());
    out.push("1. Tell the connectivity provider".into());
    out.push(String::new());
    match plan.routers.encapsulation {
        Encapsulation::Dot1q => out.push(
            "   Encapsulation: 802.1Q (dot1q), one VLAN tag per peering, the same on the primary and the secondary link."
                .into(),
        ),
        Encapsulation::QinQ { s_tag } => out.push(format!(
            "   Encapsulation: QinQ, outer tag (S-tag) {s_tag} for every peering; each peering's VLAN is the inner tag (C-tag), the same on the primary and the secondary link."
        )),
    }
    for p in &plan.peerings {
        let tags = match plan.routers.encapsulation {
            Encapsulation::Dot1q => format!("VLAN {}", p.vlan_id),
            Encapsulation::QinQ { s_tag } => format!("S-tag {s_tag}, C-tag {}", p.vlan_id),
        };
        out.push(format!(
            "   - {}: {tags}, {}, peer ASN {} (Microsoft: AS 12076).",
            p.peering_type(),
            p.links().label(),
            p.peer_asn
        ));
    }
    out.push(String::new());
    out.push(
        "2. IP plan (your router takes the first usable address, Microsoft the second)".into(),
    );
    out.push(String::new());
    for line in ip_plan_text(ip_plan).lines() {
        out.push(format!("   {line}"));
    }
    out.push(String::new());
    out.push("3. Router configs".into());
    if plan.routers.vendor.is_none() {
        out.push(String::new());
        out.push("   No vendor is chosen under Router settings: every vendor's configs follow; keep yours.".into());
    }
    for vendor in &vendors {
        for link in Link::ALL {
            out.push(String::new());
            out.push(format!(
                "--- {} router, {} ---",
                link.label(),
                vendor.label()
            ));
            out.push(config(plan, *vendor, link, opts).trim_end().to_string());
        }
    }
    out.push(String::new());
    out.push("4. Checks once both routers are up".into());
    out.push(String::new());
    out.push("   On each router (healthy answers in brackets):".into());
    for vendor in &vendors {
        for link in Link::ALL {
            let model = RouterModel::new(plan, *vendor, link, opts);
            out.push(String::new());
            out.push(format!("   {} router, {}:", link.label(), vendor.label()));
            for (command, healthy) in router_checks(&model) {
                out.push(format!("     {command}"));
                out.push(format!("       [{healthy}]"));
            }
        }
    }
    out.push(String::new());
    out.push("   In Azure (az CLI, logged in to the circuit's subscription):".into());
    let ctx = Ctx::new(plan, opts);
    for p in &plan.peerings {
        for (command, expect) in azure_checks(ctx, p) {
            let line = command_line(&command).unwrap_or_else(|e| format!("# {e}"));
            out.push(format!("     {line}"));
            for e in expect {
                out.push(format!("       [{e}]"));
            }
        }
    }
    out.push(String::new());
    out.push(
        "   Microsoft advertises nothing until your routers advertise their prefixes: on private peering your VNets learn your on-premises prefixes from these sessions, and you learn the VNet prefixes back."
            .into(),
    );
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The vendor's `show` commands for one router, with the healthy answer of each.
pub fn router_checks(model: &RouterModel) -> Vec<(String, String)> {
    let mut checks = Vec::new();
    let v4: Vec<&Session> = model.sessions_of(AddressFamily::Ipv4).collect();
    let v6: Vec<&Session> = model.sessions_of(AddressFamily::Ipv6).collect();
    let established = |sessions: &[&Session]| {
        let list: Vec<String> = sessions
            .iter()
            .map(|s| format!("{} ({})", s.neighbor, s.peering_type))
            .collect();
        format!(
            "each of {} with AS 12076, Established, and a number of prefixes received (not Idle, Active or Connect)",
            list.join(", ")
        )
    };
    let (v4_sum, v6_sum, adv, bfd, arp) = match model.vendor {
        Vendor::IosXe => (
            "show bgp ipv4 unicast summary",
            "show bgp ipv6 unicast summary",
            "show bgp ipv4 unicast neighbors {n} advertised-routes",
            "show bfd neighbors",
            "show arp",
        ),
        Vendor::Junos => (
            "show bgp summary",
            "show bgp summary",
            "show route advertising-protocol bgp {n}",
            "show bfd session",
            "show arp no-resolve",
        ),
        Vendor::Eos => (
            "show ip bgp summary",
            "show ipv6 bgp summary",
            "show ip bgp neighbors {n} advertised-routes",
            "show bfd peers",
            "show arp",
        ),
        Vendor::Frr => (
            "vtysh -c 'show bgp ipv4 unicast summary'",
            "vtysh -c 'show bgp ipv6 unicast summary'",
            "vtysh -c 'show bgp ipv4 unicast neighbors {n} advertised-routes'",
            "vtysh -c 'show bfd peers brief'",
            "ip neigh show",
        ),
    };
    if v4_sum == v6_sum {
        checks.push((
            v4_sum.to_string(),
            established(&model.sessions.iter().collect::<Vec<_>>()),
        ));
    } else {
        if !v4.is_empty() {
            checks.push((v4_sum.to_string(), established(&v4)));
        }
        if !v6.is_empty() {
            checks.push((v6_sum.to_string(), established(&v6)));
        }
    }
    for s in &model.sessions {
        let command = match (model.vendor, s.family) {
            (Vendor::IosXe, AddressFamily::Ipv6) => {
                format!(
                    "show bgp ipv6 unicast neighbors {} advertised-routes",
                    s.neighbor
                )
            }
            (Vendor::Eos, AddressFamily::Ipv6) => {
                format!("show ipv6 bgp peers {} advertised-routes", s.neighbor)
            }
            (Vendor::Frr, AddressFamily::Ipv6) => format!(
                "vtysh -c 'show bgp ipv6 unicast neighbors {} advertised-routes'",
                s.neighbor
            ),
            _ => adv.replace("{n}", &s.neighbor.to_string()),
        };
        let healthy = if s.out_prefixes.is_empty() {
            "no route: this session advertises nothing (no prefixes are listed)".to_string()
        } else {
            let list: Vec<String> = s.out_prefixes.iter().map(|p| p.to_string()).collect();
            format!("exactly {}", list.join(", "))
        };
        checks.push((command, healthy));
    }
    if model.sessions.iter().any(|s| s.bfd) {
        let peers: Vec<String> = model
            .sessions
            .iter()
            .filter(|s| s.bfd)
            .map(|s| s.neighbor.to_string())
            .collect();
        checks.push((
            bfd.to_string(),
            format!(
                "{} Up, {BFD_INTERVAL_MS} ms x {BFD_MULTIPLIER}",
                peers.join(" and ")
            ),
        ));
    }
    if !v4.is_empty() {
        let pairs: Vec<String> = v4
            .iter()
            .map(|s| {
                format!(
                    "{} (Microsoft, even) beside {} (us, odd)",
                    s.neighbor, s.local_ip
                )
            })
            .collect();
        checks.push((
            arp.to_string(),
            format!("a MAC address for {}", pairs.join("; ")),
        ));
    }
    checks
}
