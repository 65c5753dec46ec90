//! The `router bgp` section of the three Cisco-style dialects (IOS XE, EOS, FRR): the same statements in
//! the same order, spelled per [`Dialect`]. Each vendor module cites its sources for its spellings.

use super::{session_label, RouterModel, Session};
use crate::domain::field::AddressFamily;
use ipnet::IpNet;

/// How one vendor spells the statements of its BGP section.
pub struct Dialect {
    /// Indent of the statements under `router bgp`, and of those under an address family.
    pub indent: &'static str,
    pub af_indent: &'static str,
    /// `bgp router-id` (IOS XE, FRR) / `router-id` (EOS).
    pub router_id: &'static str,
    /// Lines right after the router ID (e.g. IOS XE's `bgp log-neighbor-changes`).
    pub extra: &'static [&'static str],
    /// `password K` / `password 0 K`.
    pub password: fn(&str) -> String,
    /// The neighbour's BFD statement (after `neighbor N `).
    pub bfd: &'static str,
    /// Where the maximum-prefix goes: under the address family (IOS XE, FRR) or the neighbour (EOS).
    pub max_prefix_in_af: bool,
    /// `maximum-prefix M warning-only` / `maximum-routes M warning-only`.
    pub max_prefix: fn(u32) -> String,
    /// `ipv4 unicast` / `ipv4`.
    pub af_name: fn(AddressFamily) -> &'static str,
    /// The `network` statement of a prefix.
    pub network: fn(IpNet) -> String,
    /// The outbound filter of a session in the address family: `prefix-list L out` or `route-map M out`.
    pub out_filter: fn(&Session) -> String,
    /// `exit-address-family`, where the dialect writes it.
    pub af_exit: Option<&'static str>,
}

/// The whole `router bgp` section (without a closing `exit`).
pub fn section(model: &RouterModel, d: &Dialect) -> Vec<String> {
    let i = d.indent;
    let mut out = vec![format!("router bgp {}", model.bgp_as)];
    out.push(format!("{i}{} {}", d.router_id, model.router_id));
    if let Some(note) = model.local_as_note() {
        out.push(format!("{i}! {note}"));
    }
    out.extend(d.extra.iter().map(|l| format!("{i}{l}")));
    // IPv6 sessions carry IPv6 only: without this every neighbour is also activated for IPv4.
    out.push(format!("{i}no bgp default ipv4-unicast"));
    for s in &model.sessions {
        let n = s.neighbor;
        out.push(format!("{i}! {}", session_label(s)));
        out.push(format!("{i}neighbor {n} remote-as {}", s.remote_as));
        out.push(format!(
            "{i}neighbor {n} description Azure {} {} {}",
            s.peering_type,
            model.link_key(),
            s.family
        ));
        if s.local_as != model.bgp_as {
            out.push(format!(
                "{i}neighbor {n} local-as {} no-prepend replace-as",
                s.local_as
            ));
        }
        if let Some(p) = s.password.text() {
            out.push(format!("{i}neighbor {n} {}", (d.password)(p)));
        }
        if s.bfd {
            out.push(format!("{i}neighbor {n} {}", d.bfd));
        }
        if !d.max_prefix_in_af {
            out.push(format!("{i}neighbor {n} {}", (d.max_prefix)(s.max_prefix)));
        }
    }
    for family in AddressFamily::ALL {
        let sessions: Vec<&Session> = model.sessions_of(family).collect();
        if sessions.is_empty() {
            continue;
        }
        let a = d.af_indent;
        out.push(format!("{i}!"));
        out.push(format!("{i}address-family {}", (d.af_name)(family)));
        let mut networks: Vec<String> = Vec::new();
        for p in sessions.iter().flat_map(|s| &s.out_prefixes) {
            let line = format!("{a}{}", (d.network)(*p));
            if !networks.contains(&line) {
                networks.push(line);
            }
        }
        out.extend(networks);
        for s in &sessions {
            let n = s.neighbor;
            out.push(format!("{a}neighbor {n} activate"));
            out.push(format!("{a}neighbor {n} route-map {} in", s.in_policy));
            out.push(format!("{a}neighbor {n} {}", (d.out_filter)(s)));
            if d.max_prefix_in_af {
                out.push(format!("{a}neighbor {n} {}", (d.max_prefix)(s.max_prefix)));
            }
        }
        if let Some(exit) = d.af_exit {
            out.push(format!("{i}{exit}"));
        }
    }
    out
}
