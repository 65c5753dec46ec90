//! Juniper Junos (MX). Sources (juniper.net TechLibrary): "vlan-tagging" (at `[edit interfaces <if>]`,
//! the physical interface: Microsoft's sample puts it under `interfaces {` by mistake),
//! "flexible-vlan-tagging" and "vlan-tags outer/inner" (QinQ), "vlan-id", "family inet / inet6
//! address", "autonomous-system", "router-id", "BGP group type external / peer-as / local-address /
//! authentication-key", "local-as ... private no-prepend-global-as", "bfd-liveness-detection
//! minimum-interval / multiplier" (under protocols bgp only, as Microsoft's sample says),
//! "prefix-limit" (without `teardown` it only logs), "prefix-list", "prefix-list-filter ... exact",
//! "policy-statement", "import / export".

use super::{intro, out_note, session_label, RouterModel, BFD_INTERVAL_MS, BFD_MULTIPLIER};
use crate::domain::field::AddressFamily;

pub fn render(model: &RouterModel) -> String {
    let mut out = Vec::new();
    for line in intro(model) {
        out.push(format!("/* {line} */"));
    }
    out.push("interfaces {".into());
    let mut parents: Vec<&str> = Vec::new();
    for i in &model.interfaces {
        if parents.contains(&i.parent.as_str()) {
            continue;
        }
        parents.push(&i.parent);
        out.push(format!("    {} {{", i.parent));
        if i.s_tag.is_some() {
            out.push("        flexible-vlan-tagging;".into());
        } else {
            out.push("        vlan-tagging;".into());
        }
        for unit in model.interfaces.iter().filter(|u| u.parent == i.parent) {
            out.push(format!("        unit {} {{", unit.vlan));
            out.push(format!(
                "            description \"Azure ExpressRoute {} {} {} (VLAN {})\";",
                model.circuit,
                unit.peering_type,
                model.link_key(),
                unit.vlan
            ));
            match unit.s_tag {
                Some(s_tag) => out.push(format!(
                    "            vlan-tags outer {s_tag} inner {};",
                    unit.vlan
                )),
                None => out.push(format!("            vlan-id {};", unit.vlan)),
            }
            for (family, ip, len) in &unit.addresses {
                let keyword = match family {
                    AddressFamily::Ipv4 => "inet",
                    AddressFamily::Ipv6 => "inet6",
                };
                out.push(format!("            family {keyword} {{"));
                out.push(format!("                address {ip}/{len};"));
                out.push("            }".into());
            }
            out.push("        }".into());
        }
        out.push("    }".into());
    }
    out.push("}".into());
    out.push("routing-options {".into());
    out.push(format!("    router-id {};", model.router_id));
    out.push(format!("    autonomous-system {};", model.bgp_as));
    out.push("}".into());
    out.push("protocols {".into());
    out.push("    bgp {".into());
    if let Some(note) = model.local_as_note() {
        out.push(format!("        /* {note} */"));
    }
    for s in &model.sessions {
        out.push(format!("        /* {} */", session_label(s)));
        out.push(format!("        group {} {{", group(s)));
        out.push("            type external;".into());
        out.push(format!("            peer-as {};", s.remote_as));
        if s.local_as != model.bgp_as {
            out.push(format!(
                "            local-as {} private no-prepend-global-as;",
                s.local_as
            ));
        }
        if let Some(p) = s.password.text() {
            out.push(format!("            authentication-key \"{p}\";"));
        }
        if s.bfd {
            out.push("            bfd-liveness-detection {".into());
            out.push(format!(
                "                minimum-interval {BFD_INTERVAL_MS};"
            ));
            out.push(format!("                multiplier {BFD_MULTIPLIER};"));
            out.push("            }".into());
        }
        out.push(format!("            import {};", s.in_policy));
        out.push(format!("            export {};", s.out_policy));
        let fam = match s.family {
            AddressFamily::Ipv4 => "inet",
            AddressFamily::Ipv6 => "inet6",
        };
        out.push(format!("            family {fam} {{"));
        out.push("                unicast {".into());
        out.push("                    prefix-limit {".into());
        out.push(format!("                        maximum {};", s.max_prefix));
        out.push("                    }".into());
        out.push("                }".into());
        out.push("            }".into());
        out.push(format!("            neighbor {} {{", s.neighbor));
        out.push(format!(
            "                description \"Azure {} {} {}\";",
            s.peering_type,
            model.link_key(),
            s.family
        ));
        out.push(format!("                local-address {};", s.local_ip));
        out.push("            }".into());
        out.push("        }".into());
    }
    out.push("    }".into());
    out.push("}".into());
    out.push("policy-options {".into());
    for s in &model.sessions {
        if !s.out_prefixes.is_empty() {
            out.push(format!("    prefix-list {} {{", s.out_list));
            for p in &s.out_prefixes {
                out.push(format!("        {p};"));
            }
            out.push("    }".into());
        }
    }
    for s in &model.sessions {
        out.push(format!("    /* {} */", out_note(s)));
        out.push(format!("    policy-statement {} {{", s.out_policy));
        if !s.out_prefixes.is_empty() {
            out.push("        term advertise {".into());
            out.push("            from {".into());
            out.push(format!(
                "                prefix-list-filter {} exact;",
                s.out_list
            ));
            out.push("            }".into());
            out.push("            then accept;".into());
            out.push("        }".into());
        }
        out.push("        term nothing-else {".into());
        out.push("            then reject;".into());
        out.push("        }".into());
        out.push("    }".into());
        out.push(format!("    policy-statement {} {{", s.in_policy));
        out.push("        term accept {".into());
        out.push("            then accept;".into());
        out.push("        }".into());
        out.push("    }".into());
    }
    out.push("}".into());
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// `AZURE-ER-PRIVATE-V4`: one group per session, so each has its own policies and limits.
fn group(s: &super::Session) -> String {
    format!("AZURE-{}", s.out_list.trim_end_matches("-OUT"))
}
