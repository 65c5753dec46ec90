//! The rules of `shared/docs/domain.md` through `analyze()`, one table row per case: every finding code
//! (§11.2) has a case that raises it, asserting severity, JSON Pointer and the exact message, and a
//! near miss that does not raise it. Each row edits the §11.1 sample plan, which raises nothing.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::examples::{sample_microsoft_ipv6, sample_plan};
use peering_planner::domain::findings::{Code, Finding, Severity};
#[path = "support_pointer.rs"]
mod pointer;
use peering_planner::domain::validate::{analyze, Analysis};
use serde_json::{json, Value};

enum Expect {
    /// The code is raised at `path` with this severity and message.
    Raises {
        severity: Severity,
        path: &'static str,
        message: &'static str,
    },
    /// The code is raised nowhere.
    Quiet,
}
use Expect::{Quiet, Raises};

struct Case {
    name: &'static str,
    /// JSON Pointer and JSON text, applied in order to the sample plan; `REMOVE` removes the member;
    /// `IPV6`, `BASELINE`, `PREFIXES201` and `PREFIXES200DUP` stand for larger values (see `token`).
    edits: &'static [(&'static str, &'static str)],
    code: Code,
    expect: Expect,
}

/// The larger values the table refers to by name.
fn token(text: &str) -> Option<Value> {
    let prefixes = |n: usize| {
        (0..n)
            .map(|i| format!("123.{}.{}.0/24", 1 + i / 256, i % 256))
            .collect::<Vec<_>>()
    };
    match text {
        "IPV6" => Some(serde_json::to_value(sample_microsoft_ipv6()).expect("family serializes")),
        "BASELINE" => {
            let live = serde_json::to_value(sample_plan().peerings).expect("peerings serialize");
            Some(json!({ "peerings": live }))
        }
        "PREFIXES201" => Some(json!(prefixes(201))),
        "PREFIXES200DUP" => {
            let mut list = prefixes(200);
            list.push(list[0].clone());
            Some(json!(list))
        }
        "RG_LONG91" => Some(json!("r".repeat(91))),
        "ONPREM4000" | "ONPREM4001" | "ONPREM10001" => {
            let n: usize = text.trim_start_matches("ONPREM").parse().ok()?;
            Some(json!((0..n)
                .map(|i| format!("10.{}.{}.0/24", 100 + i / 256, i % 256))
                .collect::<Vec<_>>()))
        }
        "ONPREM6_100" | "ONPREM6_101" => {
            let n: usize = text.trim_start_matches("ONPREM6_").parse().ok()?;
            Some(json!((0..n)
                .map(|i| format!("fd00:{:x}::/48", 0x100 + i))
                .collect::<Vec<_>>()))
        }
        "PRIVATE_V6" => Some(json!({ "primary": "fd00:10::/126", "secondary": "fd00:10::4/126" })),
        "RG_PAREN90" => Some(json!(format!("(rg)_{}", "a".repeat(85)))),
        _ => None,
    }
}

/// The sample plan with the edits applied, read back through [`PlanDocument::from_json`].
#[track_caller]
fn edited(edits: &[(&str, &str)]) -> PlanDocument {
    let mut plan = serde_json::to_value(sample_plan()).expect("sample serializes");
    for (at, text) in edits {
        if *text == "REMOVE" {
            pointer::remove(&mut plan, at).expect("edit applies");
            continue;
        }
        let value =
            token(text).unwrap_or_else(|| serde_json::from_str(text).expect("edit value is JSON"));
        pointer::set(&mut plan, at, value).expect("edit applies");
    }
    PlanDocument::from_json(&plan.to_string()).expect("edited plan is readable")
}

fn describe(analysis: &Analysis) -> String {
    analysis
        .findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} {}: {}",
                f.severity.as_str(),
                f.code,
                f.path,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `None` when the case holds, otherwise what went wrong. A near miss must edit the sample plan: one
/// that changes nothing cannot fail.
fn failure(case: &Case) -> Option<String> {
    let plan = edited(case.edits);
    if matches!(case.expect, Quiet) && plan == sample_plan() {
        return Some(format!(
            "{}: the near miss leaves the sample plan unchanged",
            case.name
        ));
    }
    let analysis = analyze(&plan);
    let raised: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.code == case.code)
        .collect();
    let problem = match case.expect {
        Raises {
            severity,
            path,
            message,
        } => match raised.iter().find(|f| f.path == path) {
            None => Some(format!("{} not raised at {path}", case.code)),
            Some(f) if f.severity != severity => {
                Some(format!("severity {:?}, expected {severity:?}", f.severity))
            }
            Some(f) if f.message != message => Some(format!(
                "message\n    {}\n  expected\n    {message}",
                f.message
            )),
            Some(_) if analysis.plan.is_some() == analysis.findings.has_errors() => {
                Some("plan must be Some exactly when there is no error".to_string())
            }
            Some(_) => None,
        },
        Quiet if raised.is_empty() => None,
        Quiet => Some(format!("{} raised, expected none", case.code)),
    };
    problem.map(|p| format!("{}: {p}\n  findings:\n{}", case.name, describe(&analysis)))
}

#[test]
fn sample_plan_raises_nothing_and_is_valid() {
    let analysis = analyze(&sample_plan());
    assert!(analysis.findings.0.is_empty(), "{}", describe(&analysis));
    assert!(analysis.plan.is_some());
}

#[test]
fn every_rule_case() {
    let failures: Vec<String> = CASES.iter().filter_map(failure).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Fails when a code of §11.2 has no raising case or no near miss in [`CASES`]. `plan.unreadable`
/// comes from `PlanDocument::from_json`, tested in `domain_plan.rs` (`unreadable_plans`).
#[test]
fn every_code_is_raised_and_has_a_near_miss() {
    let not_from_analyze = [Code::PlanUnreadable];
    for code in Code::ALL.iter().filter(|c| !not_from_analyze.contains(c)) {
        let raising = CASES
            .iter()
            .filter(|c| c.code == *code && matches!(c.expect, Raises { .. }))
            .count();
        let near = CASES
            .iter()
            .filter(|c| c.code == *code && matches!(c.expect, Quiet))
            .count();
        assert!(raising > 0, "no case raises {code}");
        assert!(near > 0, "no near miss for {code}");
    }
}

const CASES: &[Case] = &[
    Case {
        name: "required circuit name",
        edits: &[("/circuit/name", r#""""#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/circuit/name", message: "the circuit name is required: type the name of the ExpressRoute circuit." },
    },
    Case {
        name: "required resource group",
        edits: &[("/circuit/resourceGroup", r#""  ""#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: "the resource group is required: type the resource group of the ExpressRoute circuit." },
    },
    Case {
        name: "required no peerings",
        edits: &[("/peerings", "[]")],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings", message: "the plan has no peering: add an AzurePrivatePeering or a MicrosoftPeering." },
    },
    Case {
        name: "required empty type",
        edits: &[("/peerings/0/type", r#""""#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/type", message: "the peering type is required: choose AzurePrivatePeering or MicrosoftPeering." },
    },
    Case {
        name: "required empty peer asn",
        edits: &[("/peerings/0/peerAsn", r#""""#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: "the peer ASN is required: type the ASN of your own routers (asplain 65010 or asdot 1.10)." },
    },
    Case {
        name: "required empty vlan",
        edits: &[("/peerings/0/vlanId", "null")],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: "the VLAN ID is required: type a number from 1 to 4094 that no other peering of this circuit uses." },
    },
    Case {
        name: "required empty link in {} family",
        edits: &[("/peerings/0/ipv4", "{}")],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: "the primary IPv4 link subnet is required: type a /30 (or one /29 to split into both links)." },
    },
    Case {
        name: "required empty secondary v6",
        edits: &[("/peerings/1/ipv6", r#"{"primary":"2a01:111:f100::/126"}"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/secondary", message: "the secondary IPv6 link subnet is required: type a /126 (or one /125 to split into both links)." },
    },
    Case {
        name: "required empty prefix entry",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/24"," "]"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/1", message: "this advertised prefix entry is empty: type a public prefix, or remove the entry." },
    },
    Case {
        name: "near: empty subscription is not required",
        edits: &[("/circuit/subscription", r#""""#)],
        code: Code::Required,
        expect: Quiet,
    },
    Case {
        name: "name.subscription not a guid",
        edits: &[("/circuit/subscription", r#""my-subscription""#)],
        code: Code::NameSubscription,
        expect: Raises { severity: Severity::Error, path: "/circuit/subscription", message: r#"subscription "my-subscription" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."# },
    },
    Case {
        name: "name.subscription one hex digit short",
        edits: &[("/circuit/subscription", r#""aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4""#)],
        code: Code::NameSubscription,
        expect: Raises { severity: Severity::Error, path: "/circuit/subscription", message: r#"subscription "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."# },
    },
    Case {
        name: "near: upper-case guid",
        edits: &[("/circuit/subscription", r#"" AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E ""#)],
        code: Code::NameSubscription,
        expect: Quiet,
    },
    Case {
        name: "name.resource_group space",
        edits: &[("/circuit/resourceGroup", r#""my rg""#)],
        code: Code::NameResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: r#"resource group "my rg" contains ' ': remove it; only ASCII letters, digits and _ - . ( ) are allowed."# },
    },
    Case {
        name: "name.resource_group leading dash",
        edits: &[("/circuit/resourceGroup", r#""-rg""#)],
        code: Code::NameResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: r#"resource group "-rg" starts with '-': start it with a letter, digit, _, . or ( (a leading - breaks pasted commands)."# },
    },
    Case {
        name: "name.resource_group trailing dot",
        edits: &[("/circuit/resourceGroup", r#""rg.""#)],
        code: Code::NameResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: r#"resource group "rg." ends with '.': remove the trailing dot."# },
    },
    Case {
        name: "name.resource_group unicode",
        edits: &[("/circuit/resourceGroup", r#""rgé""#)],
        code: Code::NameResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: r#"resource group "rgé" contains 'é': remove it; only ASCII letters, digits and _ - . ( ) are allowed."# },
    },
    Case {
        name: "name.resource_group too long",
        edits: &[("/circuit/resourceGroup", "RG_LONG91")],
        code: Code::NameResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/circuit/resourceGroup", message: r#"resource group "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr" has 91 characters: shorten it to at most 90."# },
    },
    Case {
        name: "near: resource group with parentheses, 90 chars",
        edits: &[("/circuit/resourceGroup", "RG_PAREN90")],
        code: Code::NameResourceGroup,
        expect: Quiet,
    },
    Case {
        name: "name.circuit starts with dot",
        edits: &[("/circuit/name", r#"".ckt""#)],
        code: Code::NameCircuit,
        expect: Raises { severity: Severity::Error, path: "/circuit/name", message: r#"circuit name ".ckt" starts with '.': start it with a letter or digit."# },
    },
    Case {
        name: "name.circuit ends with dash",
        edits: &[("/circuit/name", r#""ckt-""#)],
        code: Code::NameCircuit,
        expect: Raises { severity: Severity::Error, path: "/circuit/name", message: r#"circuit name "ckt-" ends with '-': end it with a letter, digit or _."# },
    },
    Case {
        name: "name.circuit parenthesis",
        edits: &[("/circuit/name", r#""ckt(1)""#)],
        code: Code::NameCircuit,
        expect: Raises { severity: Severity::Error, path: "/circuit/name", message: r#"circuit name "ckt(1)" contains '(': remove it; only ASCII letters, digits and _ - . are allowed."# },
    },
    Case {
        name: "near: circuit ends with underscore",
        edits: &[("/circuit/name", r#""ckt.1-a_""#)],
        code: Code::NameCircuit,
        expect: Quiet,
    },
    Case {
        name: "name.route_filter bad name",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""my filter""#)],
        code: Code::NameRouteFilter,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: r#"route filter "my filter" contains ' ': remove it; only ASCII letters, digits and _ - . are allowed."# },
    },
    Case {
        name: "name.route_filter trailing slash",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf/""#)],
        code: Code::NameRouteFilter,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf/" is not a route filter resource ID (it ends with /): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."# },
    },
    Case {
        name: "name.route_filter wrong provider",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Compute/routeFilters/rf""#)],
        code: Code::NameRouteFilter,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Compute/routeFilters/rf" is not a route filter resource ID (segment 6 is "Microsoft.Compute", expected Microsoft.Network): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."# },
    },
    Case {
        name: "name.route_filter bad guid in id",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/subscriptions/xyz/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf""#)],
        code: Code::NameRouteFilter,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: r#"route filter "/subscriptions/xyz/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf" is not a route filter resource ID ("xyz" is not a subscription GUID): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."# },
    },
    Case {
        name: "name.route_filter whitespace inside an id",
        edits: &[("/peerings/1/ipv4/routeFilter", r#"" /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ rg/providers/Microsoft.Network/routeFilters/rf ""#)],
        code: Code::NameRouteFilter,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ rg/providers/Microsoft.Network/routeFilters/rf" is not a route filter resource ID (it has whitespace inside it): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."# },
    },
    Case {
        name: "near: whitespace around a route filter id",
        edits: &[("/peerings/1/ipv4/routeFilter", r#"" /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf ""#)],
        code: Code::NameRouteFilter,
        expect: Quiet,
    },
    Case {
        name: "near: route filter id, segments in any case",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/SUBSCRIPTIONS/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourcegroups/rg/providers/microsoft.network/ROUTEFILTERS/rf""#)],
        code: Code::NameRouteFilter,
        expect: Quiet,
    },
    Case {
        name: "peering.type_retired",
        edits: &[("/peerings/1/type", r#""AzurePublicPeering""#)],
        code: Code::PeeringTypeRetired,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/type", message: r#""AzurePublicPeering" was retired on 2024-03-31 and cannot be created: reach Azure public services through MicrosoftPeering instead."# },
    },
    Case {
        name: "near: private peering in lower case",
        edits: &[("/peerings/0/type", r#""azureprivatepeering""#)],
        code: Code::PeeringTypeRetired,
        expect: Quiet,
    },
    Case {
        name: "peering.type_unknown AzureMicrosoftPeering",
        edits: &[("/peerings/1/type", r#""AzureMicrosoftPeering""#)],
        code: Code::PeeringTypeUnknown,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/type", message: r#""AzureMicrosoftPeering" is not a peering type (AzureMicrosoftPeering does not exist; the Microsoft peering type is MicrosoftPeering): use AzurePrivatePeering or MicrosoftPeering."# },
    },
    Case {
        name: "peering.type_unknown other",
        edits: &[("/peerings/1/type", r#""Private""#)],
        code: Code::PeeringTypeUnknown,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/type", message: r#""Private" is not a peering type: use AzurePrivatePeering or MicrosoftPeering."# },
    },
    Case {
        name: "near: type with spaces",
        edits: &[("/peerings/1/type", r#"" MicrosoftPeering ""#)],
        code: Code::PeeringTypeUnknown,
        expect: Quiet,
    },
    Case {
        name: "peering.duplicate_type",
        edits: &[("/peerings/1/type", r#""AzurePrivatePeering""#)],
        code: Code::PeeringDuplicateType,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/type", message: "peering 1 already has type AzurePrivatePeering: a circuit has at most one peering of each type; remove this one or change its type." },
    },
    Case {
        name: "near: one peering of each type, however it is written",
        edits: &[("/peerings/1/type", r#""microsoftpeering""#)],
        code: Code::PeeringDuplicateType,
        expect: Quiet,
    },
    Case {
        name: "peering.no_family",
        edits: &[("/peerings/0/ipv4", "null")],
        code: Code::PeeringNoFamily,
        expect: Raises { severity: Severity::Error, path: "/peerings/0", message: "peering 1 (AzurePrivatePeering) has no address family: configure IPv4, IPv6 or both." },
    },
    Case {
        name: "near: empty family object is configured",
        edits: &[("/peerings/0/ipv4", "{}")],
        code: Code::PeeringNoFamily,
        expect: Quiet,
    },
    Case {
        name: "asn.syntax letters",
        edits: &[("/peerings/0/peerAsn", r#""AS65010""#)],
        code: Code::AsnSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""AS65010" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."# },
    },
    Case {
        name: "asn.syntax sign",
        edits: &[("/peerings/0/peerAsn", r#""+65010""#)],
        code: Code::AsnSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""+65010" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."# },
    },
    Case {
        name: "asn.syntax asdot three parts",
        edits: &[("/peerings/0/peerAsn", r#""1.2.3""#)],
        code: Code::AsnSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""1.2.3" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."# },
    },
    Case {
        name: "asn.syntax non-ASCII digits",
        edits: &[("/peerings/0/peerAsn", r#""６５０１０""#)],
        code: Code::AsnSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""６５０１０" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."# },
    },
    Case {
        name: "near: leading zeros and spaces",
        edits: &[("/peerings/0/peerAsn", r#"" 065010 ""#)],
        code: Code::AsnSyntax,
        expect: Quiet,
    },
    Case {
        name: "asn.range just above",
        edits: &[("/peerings/0/peerAsn", r#""4294967296""#)],
        code: Code::AsnRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""4294967296" is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included)."# },
    },
    Case {
        name: "asn.range huge",
        edits: &[("/peerings/0/peerAsn", r#""999999999999999999999999999999""#)],
        code: Code::AsnRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""999999999999999999999999999999" is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included)."# },
    },
    Case {
        name: "asn.range huge json number keeps its text",
        edits: &[("/peerings/0/peerAsn", "99999999999999999999")],
        code: Code::AsnRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""99999999999999999999" is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included)."# },
    },
    Case {
        name: "asn.range asdot half",
        edits: &[("/peerings/0/peerAsn", r#""1.65536""#)],
        code: Code::AsnRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""1.65536" is out of range: each half of an asdot ASN is 0 to 65535."# },
    },
    Case {
        name: "near: largest private asn",
        edits: &[("/peerings/0/peerAsn", r#""4294967294""#)],
        code: Code::AsnRange,
        expect: Quiet,
    },
    Case {
        name: "asn.reserved azure",
        edits: &[("/peerings/0/peerAsn", r#""12076""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""12076" is a reserved ASN (Azure's own ASN, the other end of every session): use an ASN assigned to you."# },
    },
    Case {
        name: "asn.reserved zero",
        edits: &[("/peerings/0/peerAsn", r#""0""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""0" is a reserved ASN (AS 0 is never valid, RFC 7607): use an ASN assigned to you."# },
    },
    Case {
        name: "asn.reserved expressroute internal",
        edits: &[("/peerings/0/peerAsn", r#""65517""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""65517" is a reserved ASN (ExpressRoute internal use): use an ASN assigned to you."# },
    },
    Case {
        name: "asn.reserved asdot 1.10",
        edits: &[("/peerings/0/peerAsn", r#""1.10""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""1.10" (asplain 65546) is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."# },
    },
    Case {
        name: "asn.reserved last",
        edits: &[("/peerings/0/peerAsn", r#""4294967295""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/peerAsn", message: r#""4294967295" is a reserved ASN (last 32-bit ASN, RFC 7300): use an ASN assigned to you."# },
    },
    Case {
        name: "asn.reserved customer",
        edits: &[("/peerings/1/ipv4/customerAsn", r#""23456""#)],
        code: Code::AsnReserved,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/customerAsn", message: r#""23456" is a reserved ASN (AS_TRANS, RFC 6793): use an ASN assigned to you."# },
    },
    Case {
        name: "near: asdot 3.10 is public",
        edits: &[("/peerings/0/peerAsn", r#""3.10""#)],
        code: Code::AsnReserved,
        expect: Quiet,
    },
    Case {
        name: "near: 65514 is private, allowed on private peering",
        edits: &[("/peerings/0/peerAsn", r#""65514""#)],
        code: Code::AsnReserved,
        expect: Quiet,
    },
    Case {
        name: "asn.customer_not_public",
        edits: &[("/peerings/1/ipv4/customerAsn", r#""64512""#)],
        code: Code::AsnCustomerNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/customerAsn", message: r#""64512" is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN."# },
    },
    Case {
        name: "near: public customer asn",
        edits: &[("/peerings/1/ipv4/customerAsn", r#""131072""#)],
        code: Code::AsnCustomerNotPublic,
        expect: Quiet,
    },
    Case {
        name: "asn.private_on_microsoft",
        edits: &[("/peerings/1/peerAsn", r#""65010""#)],
        code: Code::AsnPrivateOnMicrosoft,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/peerAsn", message: r#""65010" is a private ASN (RFC 6996): Microsoft peering with a private peer ASN needs manual validation and Microsoft strips private ASNs from the AS path; use your public ASN if you have one."# },
    },
    Case {
        name: "near: private asn on private peering",
        edits: &[("/peerings/0/peerAsn", r#""4200000000""#)],
        code: Code::AsnPrivateOnMicrosoft,
        expect: Quiet,
    },
    Case {
        name: "asn.customer_int32",
        edits: &[("/peerings/1/ipv4/customerAsn", r#""3000000000""#)],
        code: Code::AsnCustomerInt32,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/customerAsn", message: r#""3000000000" is above 2147483647: the API stores the customer ASN as int32, so the service may refuse it; check that this is the ASN your prefixes are registered to."# },
    },
    Case {
        name: "near: customer asn 2147483647",
        edits: &[("/peerings/1/ipv4/customerAsn", r#""2147483647""#)],
        code: Code::AsnCustomerInt32,
        expect: Quiet,
    },
    Case {
        name: "vlan.syntax space",
        edits: &[("/peerings/0/vlanId", r#""2 00""#)],
        code: Code::VlanSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""2 00" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."# },
    },
    Case {
        name: "vlan.syntax sign",
        edits: &[("/peerings/0/vlanId", r#""-1""#)],
        code: Code::VlanSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""-1" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."# },
    },
    Case {
        name: "near: leading zero vlan",
        edits: &[("/peerings/0/vlanId", r#""0200""#)],
        code: Code::VlanSyntax,
        expect: Quiet,
    },
    Case {
        name: "vlan.range zero",
        edits: &[("/peerings/0/vlanId", r#""0""#)],
        code: Code::VlanRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""0" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."# },
    },
    Case {
        name: "vlan.range 4095",
        edits: &[("/peerings/0/vlanId", r#""4095""#)],
        code: Code::VlanRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""4095" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."# },
    },
    Case {
        name: "vlan.range huge",
        edits: &[("/peerings/0/vlanId", r#""123456789012345678901234567890""#)],
        code: Code::VlanRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""123456789012345678901234567890" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."# },
    },
    Case {
        name: "vlan.range from number",
        edits: &[("/peerings/0/vlanId", "5000")],
        code: Code::VlanRange,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/vlanId", message: r#""5000" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."# },
    },
    Case {
        name: "near: vlan 4094",
        edits: &[("/peerings/0/vlanId", r#""4094""#)],
        code: Code::VlanRange,
        expect: Quiet,
    },
    Case {
        name: "vlan.duplicate",
        edits: &[("/peerings/1/vlanId", r#""0200""#)],
        code: Code::VlanDuplicate,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/vlanId", message: "VLAN 200 is already used by peering 1 (AzurePrivatePeering): each peering of a circuit needs its own VLAN ID." },
    },
    Case {
        name: "near: other vlan",
        edits: &[("/peerings/1/vlanId", r#""201""#)],
        code: Code::VlanDuplicate,
        expect: Quiet,
    },
    Case {
        name: "subnet.syntax bare address",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100.129""#)],
        code: Code::SubnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100.129" has no prefix length: a link subnet is a /30; use 192.168.100.128/30."# },
    },
    Case {
        name: "subnet.syntax bare ipv6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""2a01:111:f100::1""#)],
        code: Code::SubnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/primary", message: r#""2a01:111:f100::1" has no prefix length: a link subnet is a /126; use 2a01:111:f100::/126."# },
    },
    Case {
        name: "subnet.syntax garbage",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100/30""#)],
        code: Code::SubnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100/30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."# },
    },
    Case {
        name: "near: subnet with spaces",
        edits: &[("/peerings/0/ipv4/primary", r#""  192.168.100.128/30\t""#)],
        code: Code::SubnetSyntax,
        expect: Quiet,
    },
    Case {
        name: "subnet.family v6 in v4",
        edits: &[("/peerings/0/ipv4/secondary", r#""fd00::/126""#)],
        code: Code::SubnetFamily,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/secondary", message: r#""fd00::/126" is an IPv6 subnet in an IPv4 field: move it to the IPv6 links, or type an IPv4 /30 here."# },
    },
    Case {
        name: "subnet.family v4 in v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""123.0.0.8/30""#)],
        code: Code::SubnetFamily,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/primary", message: r#""123.0.0.8/30" is an IPv4 subnet in an IPv6 field: move it to the IPv4 links, or type an IPv6 /126 here."# },
    },
    Case {
        name: "near: v6 in v6",
        edits: &[("/peerings/1/ipv6", "IPV6")],
        code: Code::SubnetFamily,
        expect: Quiet,
    },
    Case {
        name: "subnet.length /31",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100.128/31""#)],
        code: Code::SubnetLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100.128/31" is a /31: an IPv4 link subnet must be exactly /30."# },
    },
    Case {
        name: "subnet.length /29 split",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100.128/29""#)],
        code: Code::SubnetLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100.128/29" is a /29: each link field takes one /30; split it into 192.168.100.128/30 (primary) and 192.168.100.132/30 (secondary)."# },
    },
    Case {
        name: "subnet.length /125 split",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/secondary", r#""2a01:111:f100::8/125""#)],
        code: Code::SubnetLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/secondary", message: r#""2a01:111:f100::8/125" is a /125: each link field takes one /126; split it into 2a01:111:f100::8/126 (primary) and 2a01:111:f100::c/126 (secondary)."# },
    },
    Case {
        name: "subnet.length /64",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/secondary", r#""2a01:111:f100::/64""#)],
        code: Code::SubnetLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/secondary", message: r#""2a01:111:f100::/64" is a /64: an IPv6 link subnet must be exactly /126."# },
    },
    Case {
        name: "near: /30",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100.136/30""#)],
        code: Code::SubnetLength,
        expect: Quiet,
    },
    Case {
        name: "subnet.host_bits",
        edits: &[("/peerings/0/ipv4/primary", r#""192.168.100.129/30""#)],
        code: Code::SubnetHostBits,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100.129/30" has host bits set: a link subnet must start at its network address; use 192.168.100.128/30."# },
    },
    Case {
        name: "subnet.host_bits v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""2A01:111:F100::3/126""#)],
        code: Code::SubnetHostBits,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/primary", message: r#""2A01:111:F100::3/126" has host bits set: a link subnet must start at its network address; use 2a01:111:f100::/126."# },
    },
    Case {
        name: "near: upper-case v6 network",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""2A01:111:F100:0::/126""#)],
        code: Code::SubnetHostBits,
        expect: Quiet,
    },
    Case {
        name: "subnet.overlap identical",
        edits: &[("/peerings/0/ipv4/secondary", r#""192.168.100.128/30""#)],
        code: Code::SubnetOverlap,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/secondary", message: r#"the secondary link "192.168.100.128/30" is the same subnet as the primary link 192.168.100.128/30: each link needs its own /30; use two different subnets, e.g. the two halves of one /29."# },
    },
    Case {
        name: "near: adjacent links",
        edits: &[("/peerings/0/ipv4/secondary", r#""192.168.100.124/30""#)],
        code: Code::SubnetOverlap,
        expect: Quiet,
    },
    Case {
        name: "subnet.cross_peering_overlap",
        edits: &[("/peerings/0/ipv4/primary", r#""123.0.0.4/30""#)],
        code: Code::SubnetCrossPeeringOverlap,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/secondary", message: r#""123.0.0.4/30" overlaps 123.0.0.4/30, the primary IPv4 link of peering 1 (AzurePrivatePeering): each peering needs its own link subnets; use another /30."# },
    },
    Case {
        name: "near: other peering, other /30",
        edits: &[("/peerings/0/ipv4/primary", r#""123.0.0.8/30""#)],
        code: Code::SubnetCrossPeeringOverlap,
        expect: Quiet,
    },
    Case {
        name: "subnet.vnet_overlap",
        edits: &[("/vnetAddressSpaces", r#"["10.1.0.0/16","192.168.100.0/24"]"#)],
        code: Code::SubnetVnetOverlap,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/primary", message: r#""192.168.100.128/30" overlaps the VNet address space 192.168.100.0/24: private-peering link subnets must be outside every VNet address space; use addresses your VNets do not use."# },
    },
    Case {
        name: "subnet.vnet_overlap v6",
        edits: &[("/vnetAddressSpaces", r#"["fd00:10::/64"]"#), ("/peerings/0/ipv6", r#"{"primary":"fd00:10::/126","secondary":"fd00:20::/126"}"#)],
        code: Code::SubnetVnetOverlap,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv6/primary", message: r#""fd00:10::/126" overlaps the VNet address space fd00:10::/64: private-peering link subnets must be outside every VNet address space; use addresses your VNets do not use."# },
    },
    Case {
        name: "near: microsoft links are not compared with vnets",
        edits: &[("/vnetAddressSpaces", r#"["123.0.0.0/16"]"#)],
        code: Code::SubnetVnetOverlap,
        expect: Quiet,
    },
    Case {
        name: "subnet.not_public",
        edits: &[("/peerings/1/ipv4/primary", r#""10.0.0.0/30""#)],
        code: Code::SubnetNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/primary", message: r#""10.0.0.0/30" overlaps 10.0.0.0/8 (private-use, RFC 1918): Microsoft peering needs public link subnets registered to you or your provider."# },
    },
    Case {
        name: "subnet.not_public v6 ula",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""fd00::/126""#)],
        code: Code::SubnetNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/primary", message: r#""fd00::/126" overlaps fc00::/7 (unique local, RFC 4193): Microsoft peering needs public link subnets registered to you or your provider."# },
    },
    Case {
        name: "subnet.not_public v6 outside global unicast",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/primary", r#""fec0::/126""#)],
        code: Code::SubnetNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/primary", message: r#""fec0::/126" is not inside 2000::/3, the IPv6 global unicast space (RFC 4291); the rest of the IPv6 space is reserved: Microsoft peering needs public link subnets registered to you or your provider."# },
    },
    Case {
        name: "near: private addresses on private peering",
        edits: &[("/peerings/0/ipv4/primary", r#""10.0.0.0/30""#)],
        code: Code::SubnetNotPublic,
        expect: Quiet,
    },
    Case {
        name: "prefix.syntax two in one",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/24, 123.2.0.0/24"]"#)],
        code: Code::PrefixSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""123.1.0.0/24, 123.2.0.0/24" holds more than one prefix: put each prefix in its own entry."# },
    },
    Case {
        name: "prefix.syntax bare address",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.1"]"#)],
        code: Code::PrefixSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""123.1.0.1" has no prefix length: use 123.1.0.1/32 to advertise this one address."# },
    },
    Case {
        name: "prefix.syntax bare ipv6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["2a01:111:f200::1"]"#)],
        code: Code::PrefixSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/advertisedPrefixes/0", message: r#""2a01:111:f200::1" has no prefix length: use 2a01:111:f200::1/128 to advertise this one address."# },
    },
    Case {
        name: "prefix.syntax too long",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/33"]"#)],
        code: Code::PrefixSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""123.1.0.0/33" has a prefix length above /32: an IPv4 prefix is /1 to /32."# },
    },
    Case {
        name: "prefix.syntax garbage",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/24","prefix"]"#)],
        code: Code::PrefixSyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/1", message: r#""prefix" is not a prefix: type a network address and its length, e.g. 123.1.0.0/24."# },
    },
    Case {
        name: "near: /32",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.1/32"]"#)],
        code: Code::PrefixSyntax,
        expect: Quiet,
    },
    Case {
        name: "prefix.family",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["2a01:111:f200::/48"]"#)],
        code: Code::PrefixFamily,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""2a01:111:f200::/48" is not an IPv4 prefix: move it to the advertised prefixes of the other address family."# },
    },
    Case {
        name: "near: v6 prefix in v6 list",
        edits: &[("/peerings/1/ipv6", "IPV6")],
        code: Code::PrefixFamily,
        expect: Quiet,
    },
    Case {
        name: "prefix.host_bits",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.1/24"]"#)],
        code: Code::PrefixHostBits,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""123.1.0.1/24" has host bits set: a prefix must start at its network address; use 123.1.0.0/24."# },
    },
    Case {
        name: "near: network address",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.1.0/24"]"#)],
        code: Code::PrefixHostBits,
        expect: Quiet,
    },
    Case {
        name: "prefix.not_public inside",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["192.168.1.0/24"]"#)],
        code: Code::PrefixNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""192.168.1.0/24" overlaps 192.168.0.0/16 (private-use, RFC 1918): advertise only public prefixes registered to you."# },
    },
    Case {
        name: "prefix.not_public containing",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["96.0.0.0/4"]"#)],
        code: Code::PrefixNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""96.0.0.0/4" overlaps 100.64.0.0/10 (shared address space, RFC 6598): advertise only public prefixes registered to you."# },
    },
    Case {
        name: "prefix.not_public documentation v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["2001:db8::/48"]"#)],
        code: Code::PrefixNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/advertisedPrefixes/0", message: r#""2001:db8::/48" overlaps 2001:db8::/32 (documentation, RFC 3849): advertise only public prefixes registered to you."# },
    },
    Case {
        name: "prefix.not_public v6 outside global unicast",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["4000::/48"]"#)],
        code: Code::PrefixNotPublic,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/advertisedPrefixes/0", message: r#""4000::/48" is not inside 2000::/3, the IPv6 global unicast space (RFC 4291); the rest of the IPv6 space is reserved: advertise only public prefixes registered to you."# },
    },
    Case {
        name: "near: v6 global unicast at the edge",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["3ffe:ffff::/32"]"#)],
        code: Code::PrefixNotPublic,
        expect: Quiet,
    },
    Case {
        name: "near: public next to private",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["11.0.0.0/8"]"#)],
        code: Code::PrefixNotPublic,
        expect: Quiet,
    },
    Case {
        name: "prefix.default_route",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["0.0.0.0/0"]"#)],
        code: Code::PrefixDefaultRoute,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""0.0.0.0/0" is a default route: Microsoft peering never accepts one; advertise your own public prefixes."# },
    },
    Case {
        name: "prefix.default_route v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["::/0"]"#)],
        code: Code::PrefixDefaultRoute,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/advertisedPrefixes/0", message: r#""::/0" is a default route: Microsoft peering never accepts one; advertise your own public prefixes."# },
    },
    Case {
        name: "near: 0.0.0.0/8 is not the default route",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["0.0.0.0/8"]"#)],
        code: Code::PrefixDefaultRoute,
        expect: Quiet,
    },
    Case {
        name: "prefix.missing key absent",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", "REMOVE")],
        code: Code::PrefixMissing,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes", message: "MicrosoftPeering needs at least one IPv4 advertised public prefix: add the public prefixes you will advertise over this session (the service refuses the peering without them)." },
    },
    Case {
        name: "prefix.missing v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", "[]")],
        code: Code::PrefixMissing,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/advertisedPrefixes", message: "MicrosoftPeering needs at least one IPv6 advertised public prefix: add the public prefixes you will advertise over this session (the service refuses the peering without them)." },
    },
    Case {
        name: "near: private peering needs no prefixes",
        edits: &[("/peerings/0/ipv6", r#"{"primary":"fd00:10::/126","secondary":"fd00:10::4/126"}"#)],
        code: Code::PrefixMissing,
        expect: Quiet,
    },
    Case {
        name: "near: Microsoft IPv6 with its prefixes",
        edits: &[("/peerings/1/ipv6", "IPV6")],
        code: Code::PrefixMissing,
        expect: Quiet,
    },
    Case {
        name: "prefix.too_many",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", "PREFIXES201")],
        code: Code::PrefixTooMany,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/advertisedPrefixes", message: "there are 201 IPv4 advertised prefixes: a BGP session takes at most 200 per address family; aggregate them or remove some." },
    },
    Case {
        name: "near: 200 prefixes plus a duplicate",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", "PREFIXES200DUP")],
        code: Code::PrefixTooMany,
        expect: Quiet,
    },
    Case {
        name: "prefix.duplicate",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/24","123.2.0.0/24"," 123.1.0.0/24"]"#)],
        code: Code::PrefixDuplicate,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/advertisedPrefixes/2", message: r#""123.1.0.0/24" repeats the prefix at position 1 (123.1.0.0/24): only the first copy is kept; remove this one."# },
    },
    Case {
        name: "prefix.duplicate v6 normalised",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/advertisedPrefixes", r#"["2a01:111:f200::/48","2A01:0111:F200:0::/48"]"#)],
        code: Code::PrefixDuplicate,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv6/advertisedPrefixes/1", message: r#""2A01:0111:F200:0::/48" repeats the prefix at position 1 (2a01:111:f200::/48): only the first copy is kept; remove this one."# },
    },
    Case {
        name: "near: overlapping but different prefixes",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.1.0.0/24","123.1.0.0/25"]"#)],
        code: Code::PrefixDuplicate,
        expect: Quiet,
    },
    Case {
        name: "prefix.overlaps_link",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.0.0.0/29"]"#)],
        code: Code::PrefixOverlapsLink,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/advertisedPrefixes/0", message: r#""123.0.0.0/29" overlaps the link subnet 123.0.0.0/30: Microsoft advises against using link addresses (for example for SNAT); advertise a prefix outside the link subnets."# },
    },
    Case {
        name: "near: prefix next to the links",
        edits: &[("/peerings/1/ipv4/advertisedPrefixes", r#"["123.0.0.8/29"]"#)],
        code: Code::PrefixOverlapsLink,
        expect: Quiet,
    },
    Case {
        name: "registry.unknown",
        edits: &[("/peerings/1/ipv4/routingRegistry", r#""RIPE""#)],
        code: Code::RegistryUnknown,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routingRegistry", message: r#""RIPE" is not a routing registry (RIPE NCC is RIPENCC): use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3."# },
    },
    Case {
        name: "near: lower-case registry",
        edits: &[("/peerings/1/ipv4/routingRegistry", r#"" ripencc ""#)],
        code: Code::RegistryUnknown,
        expect: Quiet,
    },
    Case {
        name: "registry.missing",
        edits: &[("/peerings/1/ipv4/routingRegistry", r#""NONE""#)],
        code: Code::RegistryMissing,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routingRegistry", message: "no routing registry is named for these prefixes: name the registry (ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB or LEVEL3) where they are registered, or Microsoft cannot validate them and they stay in ValidationNeeded." },
    },
    Case {
        name: "near: no prefixes, no registry warning",
        edits: &[("/peerings/1/ipv4/routingRegistry", r#""""#), ("/peerings/1/ipv4/advertisedPrefixes", "[]")],
        code: Code::RegistryMissing,
        expect: Quiet,
    },
    Case {
        name: "key.length",
        edits: &[("/peerings/0/sharedKey", r#""abcdefghijklmnopqrstuvwxyz""#)],
        code: Code::KeyLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/sharedKey", message: "the shared key has 26 characters: use 1 to 25 letters and digits (it is the BGP password itself, not an MD5 digest)." },
    },
    Case {
        name: "key.length md5 digest",
        edits: &[("/peerings/0/sharedKey", r#""0123456789abcdef0123456789abcdef""#)],
        code: Code::KeyLength,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/sharedKey", message: "the shared key has 32 characters: use 1 to 25 letters and digits (it is the BGP password itself, not an MD5 digest)." },
    },
    Case {
        name: "near: 25 characters",
        edits: &[("/peerings/0/sharedKey", r#""abcdefghijklmnopqrstuvwxy""#)],
        code: Code::KeyLength,
        expect: Quiet,
    },
    Case {
        name: "key.charset space",
        edits: &[("/peerings/0/sharedKey", r#""secret ""#)],
        code: Code::KeyCharset,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/sharedKey", message: "the shared key has a space or other blank at character 7: use only letters and digits (A-Z, a-z, 0-9); the key is never trimmed." },
    },
    Case {
        name: "key.charset special",
        edits: &[("/peerings/0/sharedKey", r#""pa$$word""#)],
        code: Code::KeyCharset,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/sharedKey", message: "the shared key has a character that is not an ASCII letter or digit at position 3: use only A-Z, a-z and 0-9 (special characters are not supported)." },
    },
    Case {
        name: "near: letters and digits",
        edits: &[("/peerings/0/sharedKey", r#""A1b2C3""#)],
        code: Code::KeyCharset,
        expect: Quiet,
    },
    Case {
        name: "key.leading_digit",
        edits: &[("/peerings/0/sharedKey", r#""7secret""#)],
        code: Code::KeyLeadingDigit,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/sharedKey", message: "the shared key starts with a digit: Cisco IOS reads a leading digit as an encryption type; start the key with a letter." },
    },
    Case {
        name: "near: digit inside",
        edits: &[("/peerings/0/sharedKey", r#""secret7""#)],
        code: Code::KeyLeadingDigit,
        expect: Quiet,
    },
    Case {
        name: "vnet.syntax bare address",
        edits: &[("/vnetAddressSpaces", r#"["10.1.0.0"]"#)],
        code: Code::VnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/vnetAddressSpaces/0", message: r#"VNet address space "10.1.0.0" has no prefix length: type it as listed on the VNet, e.g. 10.1.0.0/16."# },
    },
    Case {
        name: "vnet.syntax garbage",
        edits: &[("/vnetAddressSpaces", r#"["10.1.0.0/16","vnet1"]"#)],
        code: Code::VnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/vnetAddressSpaces/1", message: r#"VNet address space "vnet1" is not a CIDR: type an address and its length, e.g. 10.1.0.0/16."# },
    },
    Case {
        name: "vnet.syntax empty",
        edits: &[("/vnetAddressSpaces", r#"[""]"#)],
        code: Code::VnetSyntax,
        expect: Raises { severity: Severity::Error, path: "/vnetAddressSpaces/0", message: "this VNet address space entry is empty: type a CIDR such as 10.1.0.0/16, or remove the entry." },
    },
    Case {
        name: "near: ipv6 vnet",
        edits: &[("/vnetAddressSpaces", r#"["fd00:1::/48"]"#)],
        code: Code::VnetSyntax,
        expect: Quiet,
    },
    Case {
        name: "field.ignored route filter",
        edits: &[("/peerings/0/ipv4/routeFilter", r#""MyRouteFilter""#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/routeFilter", message: "a route filter applies to MicrosoftPeering only: AzurePrivatePeering ignores it and the outputs leave it out; remove it." },
    },
    Case {
        name: "field.ignored prefixes",
        edits: &[("/peerings/0/ipv4/advertisedPrefixes", r#"["123.1.0.0/24"]"#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/advertisedPrefixes", message: "advertised prefixes apply to MicrosoftPeering only: AzurePrivatePeering ignores them and the outputs leave them out; remove them." },
    },
    Case {
        name: "field.ignored customer asn",
        edits: &[("/peerings/0/ipv4/customerAsn", r#""1234""#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/customerAsn", message: "a customer ASN applies to MicrosoftPeering only: AzurePrivatePeering ignores it and the outputs leave it out; remove it." },
    },
    Case {
        name: "field.ignored registry",
        edits: &[("/peerings/0/ipv4/routingRegistry", r#""ARIN""#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/routingRegistry", message: "a routing registry applies to MicrosoftPeering only: AzurePrivatePeering ignores it and the outputs leave it out; remove it." },
    },
    Case {
        name: "near: registry NONE on private",
        edits: &[("/peerings/0/ipv4/routingRegistry", r#""NONE""#)],
        code: Code::FieldIgnored,
        expect: Quiet,
    },
    Case {
        name: "peering.ipv6_only_microsoft",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv4", "null")],
        code: Code::PeeringIpv6OnlyMicrosoft,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv6", message: "peering 2 (MicrosoftPeering) has IPv6 only: an IPv6-only Microsoft peering is unproven (in 2017 the service required IPv4 first); configure IPv4 too if you can." },
    },
    Case {
        name: "near: ipv6-only private peering",
        edits: &[("/peerings/0/ipv6", r#"{"primary":"fd00:10::/126","secondary":"fd00:10::4/126"}"#), ("/peerings/0/ipv4", "null")],
        code: Code::PeeringIpv6OnlyMicrosoft,
        expect: Quiet,
    },
    Case {
        name: "cli.ipv6_update_drops_ipv4",
        edits: &[("/peerings/1/ipv6", "IPV6")],
        code: Code::CliIpv6UpdateDropsIpv4,
        expect: Raises { severity: Severity::Info, path: "/peerings/1/ipv6", message: r#"peering 2 (MicrosoftPeering) is dual-stack: the documented "az network express-route peering update --ip-version IPv6" removes its IPv4 settings; the planner's commands add IPv6 with --set instead, so use them rather than the documented command."# },
    },
    Case {
        name: "cli.ipv6_update_drops_ipv4 private",
        edits: &[("/peerings/0/ipv6", r#"{"primary":"fd00:10::/126","secondary":"fd00:10::4/126"}"#)],
        code: Code::CliIpv6UpdateDropsIpv4,
        expect: Raises { severity: Severity::Info, path: "/peerings/0/ipv6", message: r#"peering 1 (AzurePrivatePeering) is dual-stack: the documented "az network express-route peering update --ip-version IPv6" removes its IPv4 settings; the planner's commands add IPv6 with --set instead, so use them rather than the documented command."# },
    },
    Case {
        name: "near: IPv6 only",
        edits: &[("/peerings/0/ipv4", "null"), ("/peerings/0/ipv6", r#"{"primary":"fd00:10::/126","secondary":"fd00:10::4/126"}"#)],
        code: Code::CliIpv6UpdateDropsIpv4,
        expect: Quiet,
    },
    Case {
        name: "route_filter.missing",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""""#)],
        code: Code::RouteFilterMissing,
        expect: Raises { severity: Severity::Info, path: "/peerings/1/ipv4/routeFilter", message: "no IPv4 route filter is named: circuits configured after 2017-08-01 receive no Microsoft prefixes until a route filter is attached; name one (a name or a resource ID), or attach it later." },
    },
    Case {
        name: "route_filter.missing v6",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6/routeFilter", "REMOVE")],
        code: Code::RouteFilterMissing,
        expect: Raises { severity: Severity::Info, path: "/peerings/1/ipv6/routeFilter", message: "no IPv6 route filter is named: circuits configured after 2017-08-01 receive no Microsoft prefixes until a route filter is attached; name one (a name or a resource ID), or attach it later." },
    },
    Case {
        name: "near: route filter by id",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf""#)],
        code: Code::RouteFilterMissing,
        expect: Quiet,
    },
    Case {
        name: "change.resets_bgp vlan",
        edits: &[("/baseline", "BASELINE"), ("/peerings/0/vlanId", r#""201""#)],
        code: Code::ChangeResetsBgp,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/vlanId", message: r#"the VLAN ID changes from "200" to "201": this resets the BGP sessions of peering 1 (AzurePrivatePeering); plan a maintenance window."# },
    },
    Case {
        name: "change.resets_bgp link",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/secondary", r#""123.0.0.8/30""#)],
        code: Code::ChangeResetsBgp,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/secondary", message: r#"the secondary IPv4 link subnet changes from "123.0.0.4/30" to "123.0.0.8/30": this resets the BGP sessions of peering 2 (MicrosoftPeering); plan a maintenance window."# },
    },
    Case {
        name: "change.resets_bgp peer asn",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/peerAsn", r#""4321""#)],
        code: Code::ChangeResetsBgp,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/peerAsn", message: r#"the peer ASN changes from "1234" to "4321": this resets the BGP sessions of peering 2 (MicrosoftPeering); plan a maintenance window."# },
    },
    Case {
        name: "change.resets_bgp key",
        edits: &[("/baseline", "BASELINE"), ("/peerings/0/sharedKey", r#""NewKey1""#)],
        code: Code::ChangeResetsBgp,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/sharedKey", message: "the shared key changes: this resets the BGP sessions of peering 1 (AzurePrivatePeering); change the key on your routers at the same time and plan a maintenance window." },
    },
    Case {
        name: "near: same values written differently",
        edits: &[("/baseline", "BASELINE"), ("/peerings/0/vlanId", r#""0200""#), ("/peerings/1/peerAsn", r#""0.1234""#), ("/peerings/1/ipv4/primary", r#"" 123.0.0.0/30""#)],
        code: Code::ChangeResetsBgp,
        expect: Quiet,
    },
    Case {
        name: "change.peering_dropped",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1", "REMOVE")],
        code: Code::ChangePeeringDropped,
        expect: Raises { severity: Severity::Warning, path: "/peerings", message: "the live MicrosoftPeering is not in the plan: the scripts leave it as it is; the clean-up block deletes it only if you opt in for it (its BGP sessions and traffic then stop); add it back to keep it out of the clean-up." },
    },
    Case {
        name: "near: every live peering still planned",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/vlanId", r#""301""#)],
        code: Code::ChangePeeringDropped,
        expect: Quiet,
    },
    Case {
        name: "near: prefix change does not reset bgp",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/advertisedPrefixes", r#"["123.9.0.0/24"]"#)],
        code: Code::ChangeResetsBgp,
        expect: Quiet,
    },
    Case {
        name: "change.family_removed",
        edits: &[("/baseline", "BASELINE"), ("/baseline/peerings/1/ipv6", "IPV6")],
        code: Code::ChangeFamilyRemoved,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv6", message: "peering 2 (MicrosoftPeering) loses IPv6: the update removes its live IPv6 settings, so its two IPv6 BGP sessions end and no traffic flows over IPv6; keep IPv6 configured if you still need it." },
    },
    Case {
        name: "near: the family stays",
        edits: &[("/baseline", "BASELINE"), ("/baseline/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv6", "IPV6")],
        code: Code::ChangeFamilyRemoved,
        expect: Quiet,
    },
    Case {
        name: "change.route_filter_detached",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/routeFilter", r#""""#)],
        code: Code::ChangeRouteFilterDetached,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routeFilter", message: r#"the IPv4 route filter "MyRouteFilter" is detached: peering 2 (MicrosoftPeering) then receives no Microsoft prefixes over IPv4 until a route filter is attached again; keep it, or name the filter that replaces it."# },
    },
    Case {
        name: "near: another route filter replaces it",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/routeFilter", r#""OtherFilter""#)],
        code: Code::ChangeRouteFilterDetached,
        expect: Quiet,
    },
    Case {
        name: "change.prefixes_revalidated customer asn",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/customerAsn", r#""31337""#)],
        code: Code::ChangePrefixesRevalidated,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/customerAsn", message: r#"the IPv4 customer ASN changes from none to "31337": Microsoft validates the advertised prefixes of peering 2 (MicrosoftPeering) again, and they are not in service until advertisedPublicPrefixesState is Configured again (ValidationNeeded needs a support ticket); plan a maintenance window."# },
    },
    Case {
        name: "change.prefixes_revalidated peer asn",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/peerAsn", r#""4321""#)],
        code: Code::ChangePrefixesRevalidated,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/peerAsn", message: r#"the peer ASN changes from "1234" to "4321": Microsoft validates the advertised prefixes of peering 2 (MicrosoftPeering) again, and they are not in service until advertisedPublicPrefixesState is Configured again (ValidationNeeded needs a support ticket); plan a maintenance window."# },
    },
    Case {
        name: "change.prefixes_revalidated registry",
        edits: &[("/baseline", "BASELINE"), ("/peerings/1/ipv4/routingRegistry", r#""RIPENCC""#)],
        code: Code::ChangePrefixesRevalidated,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routingRegistry", message: r#"the IPv4 routing registry changes from "ARIN" to "RIPENCC": Microsoft validates the advertised prefixes of peering 2 (MicrosoftPeering) again, and they are not in service until advertisedPublicPrefixesState is Configured again (ValidationNeeded needs a support ticket); plan a maintenance window."# },
    },
    Case {
        name: "near: a private peering's asn is not validated",
        edits: &[("/baseline", "BASELINE"), ("/peerings/0/peerAsn", r#""65011""#)],
        code: Code::ChangePrefixesRevalidated,
        expect: Quiet,
    },
    // Router side (README "Router configs").
    Case {
        name: "router.vendor unknown",
        edits: &[("/routers", r#"{"vendor": "cisco"}"#)],
        code: Code::RouterVendor,
        expect: Raises { severity: Severity::Error, path: "/routers/vendor", message: r#""cisco" is not a vendor we write configs for: choose iosxe (Cisco IOS XE), junos (Juniper Junos), eos (Arista EOS) or frr (FRRouting)."# },
    },
    Case {
        name: "near: vendor in capitals",
        edits: &[("/routers", r#"{"vendor": "IOSXE"}"#)],
        code: Code::RouterVendor,
        expect: Quiet,
    },
    Case {
        name: "router.encapsulation unknown",
        edits: &[("/routers", r#"{"encapsulation": "q-in-q"}"#)],
        code: Code::RouterEncapsulation,
        expect: Raises { severity: Severity::Error, path: "/routers/encapsulation", message: r#""q-in-q" is not an encapsulation: choose dot1q (one VLAN tag) or qinq (an outer S-tag and the peering's VLAN as C-tag)."# },
    },
    Case {
        name: "near: qinq with its S-tag",
        edits: &[("/routers", r#"{"encapsulation": "QinQ", "sTag": "100"}"#)],
        code: Code::RouterEncapsulation,
        expect: Quiet,
    },
    Case {
        name: "required S-tag for qinq",
        edits: &[("/routers", r#"{"encapsulation": "qinq"}"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/routers/sTag", message: "QinQ needs the outer tag (S-tag): type the S-tag your provider or ExpressRoute Direct port uses (1-4094), or choose dot1q." },
    },
    Case {
        name: "vlan.range S-tag",
        edits: &[("/routers", r#"{"encapsulation": "qinq", "sTag": "4095"}"#)],
        code: Code::VlanRange,
        expect: Raises { severity: Severity::Error, path: "/routers/sTag", message: r#"the S-tag: "4095" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."# },
    },
    Case {
        name: "field.ignored S-tag without qinq",
        edits: &[("/routers", r#"{"sTag": "100"}"#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/routers/sTag", message: r#"the S-tag "100" applies to QinQ only: with dot1q the configs tag the peering's VLAN alone; choose qinq, or remove the S-tag."# },
    },
    Case {
        name: "router.interface sub-interface",
        edits: &[("/routers", r#"{"primaryInterface": "GigabitEthernet0/0/1.200"}"#)],
        code: Code::RouterInterface,
        expect: Raises { severity: Severity::Error, path: "/routers/primaryInterface", message: r#""GigabitEthernet0/0/1.200" names a sub-interface: give the parent interface; the configs add the VLAN sub-interface themselves."# },
    },
    Case {
        name: "router.interface syntax",
        edits: &[("/routers", r#"{"secondaryInterface": "eth 1"}"#)],
        code: Code::RouterInterface,
        expect: Raises { severity: Severity::Error, path: "/routers/secondaryInterface", message: r#""eth 1" is not an interface name: use the name the router shows, e.g. GigabitEthernet0/0/1, xe-0/0/0, Ethernet1 or eth1."# },
    },
    Case {
        name: "router.interface too long for Linux",
        edits: &[("/routers", r#"{"vendor": "frr", "primaryInterface": "enp0s31f6abcde"}"#)],
        code: Code::RouterInterface,
        expect: Raises { severity: Severity::Error, path: "/routers/primaryInterface", message: r#""enp0s31f6abcde" is too long for Linux: its VLAN sub-interface name would have 18 characters and Linux allows 15; use a shorter parent name (rename the interface, e.g. to eth1)."# },
    },
    Case {
        name: "near: the same long name for IOS XE",
        edits: &[("/routers", r#"{"vendor": "iosxe", "primaryInterface": "enp0s31f6abcde"}"#)],
        code: Code::RouterInterface,
        expect: Quiet,
    },
    Case {
        name: "router.max_prefix",
        edits: &[("/routers", r#"{"maxPrefix": "1e5"}"#)],
        code: Code::RouterMaxPrefix,
        expect: Raises { severity: Severity::Error, path: "/routers/maxPrefix", message: r#""1e5" is not a prefix count: type a whole number from 1 to 2147483647, or leave it empty for the defaults (1000 IPv4 / 100 IPv6 on private peering, 4000 on Microsoft peering)."# },
    },
    Case {
        name: "near: max prefix as a number",
        edits: &[("/routers", r#"{"maxPrefix": 100000}"#)],
        code: Code::RouterMaxPrefix,
        expect: Quiet,
    },
    Case {
        name: "router.prefixes_need_premium",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", "ONPREM4001")],
        code: Code::RouterPrefixesNeedPremium,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/onPremisesPrefixes", message: "there are 4001 IPv4 on-premises prefixes: a standard circuit takes at most 4000 per BGP session and drops the session above it; 10000 need ExpressRoute Premium. Aggregate them, or make sure the circuit is Premium." },
    },
    Case {
        name: "near: 4000 on-premises prefixes",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", "ONPREM4000")],
        code: Code::RouterPrefixesNeedPremium,
        expect: Quiet,
    },
    Case {
        name: "router.prefixes_too_many IPv4",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", "ONPREM10001")],
        code: Code::RouterPrefixesTooMany,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/onPremisesPrefixes", message: "there are 10001 IPv4 on-premises prefixes: a private peering takes at most 10000 per BGP session even with ExpressRoute Premium, and drops the session above it; aggregate them." },
    },
    Case {
        name: "router.prefixes_too_many IPv6",
        edits: &[("/peerings/0/ipv6", "PRIVATE_V6"), ("/peerings/0/ipv6/onPremisesPrefixes", "ONPREM6_101")],
        code: Code::RouterPrefixesTooMany,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv6/onPremisesPrefixes", message: "there are 101 IPv6 on-premises prefixes: a private peering takes at most 100 per BGP session and drops the session above it; aggregate them." },
    },
    Case {
        name: "near: 100 IPv6 on-premises prefixes",
        edits: &[("/peerings/0/ipv6", "PRIVATE_V6"), ("/peerings/0/ipv6/onPremisesPrefixes", "ONPREM6_100")],
        code: Code::RouterPrefixesTooMany,
        expect: Quiet,
    },
    Case {
        name: "router.default_route",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["0.0.0.0/0"]"#)],
        code: Code::RouterDefaultRoute,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/onPremisesPrefixes/0", message: r#""0.0.0.0/0" is a default route: Azure then sends all VNet traffic without a more specific route to your network, Windows VM activation (KMS) included; advertise your own prefixes unless you mean to force-tunnel."# },
    },
    Case {
        name: "near: an on-premises prefix",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.10.0.0/16"]"#)],
        code: Code::RouterDefaultRoute,
        expect: Quiet,
    },
    Case {
        name: "router.prefix_overlaps_vnet",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.20.0.0/16", "10.1.2.0/24"]"#)],
        code: Code::RouterPrefixOverlapsVnet,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/onPremisesPrefixes/1", message: "10.1.2.0/24 overlaps the VNet address space 10.1.0.0/16: the VNet keeps its own routes, so that part of your network is unreachable from Azure; advertise prefixes outside your VNets." },
    },
    Case {
        name: "near: beside the VNet",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.2.0.0/16"]"#)],
        code: Code::RouterPrefixOverlapsVnet,
        expect: Quiet,
    },
    Case {
        name: "router.no_prefixes",
        edits: &[("/routers", r#"{"vendor": "junos"}"#)],
        code: Code::RouterNoPrefixes,
        expect: Raises { severity: Severity::Info, path: "/peerings/0/ipv4/onPremisesPrefixes", message: "peering 1 (AzurePrivatePeering) lists no IPv4 on-premises prefixes: its router configs advertise nothing to Azure, and your VNets learn no route to your network until they do; list the prefixes to advertise." },
    },
    Case {
        name: "near: router settings and prefixes",
        edits: &[("/routers", r#"{"vendor": "junos"}"#), ("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.10.0.0/16"]"#)],
        code: Code::RouterNoPrefixes,
        expect: Quiet,
    },
    Case {
        name: "prefix.host_bits on-premises",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.10.0.1/16"]"#)],
        code: Code::PrefixHostBits,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/onPremisesPrefixes/0", message: r#""10.10.0.1/16" has host bits set: a prefix must start at its network address; use 10.10.0.0/16."# },
    },
    Case {
        name: "field.ignored on-premises prefixes on Microsoft peering",
        edits: &[("/peerings/1/ipv4/onPremisesPrefixes", r#"["10.10.0.0/16"]"#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/onPremisesPrefixes", message: "on-premises prefixes apply to AzurePrivatePeering only: a MicrosoftPeering's routers advertise exactly its advertised prefixes, so the configs leave these out; remove them." },
    },
    // Route filters the plan creates (README "Route filters").
    Case {
        name: "route_filter.location spelled as shown",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "West Europe", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterLocation,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/location", message: r#""West Europe" is not an Azure region's name: use the programmatic name, lower-case without spaces (e.g. westeurope, not West Europe)."# },
    },
    Case {
        name: "near: the programmatic name",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterLocation,
        expect: Quiet,
    },
    Case {
        name: "required route filter region",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"communities": ["12076:5060"]}"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/location", message: "a route filter needs its Azure region: type the region's name such as westeurope (usually the circuit's region)." },
    },
    Case {
        name: "required name of a route filter to create",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""""#), ("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilter", message: "a route filter to create needs a name: type it here (e.g. MyRouteFilter), or stop creating one and name an existing filter." },
    },
    Case {
        name: "route_filter.rule_name",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "ruleName": "allow all", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterRuleName,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/ruleName", message: r#""allow all" is not a rule name: use 1 to 80 letters, digits, _ . or -, starting with a letter or digit, or leave it empty for allow-communities."# },
    },
    Case {
        name: "near: a rule name",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "ruleName": "allow-entra", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterRuleName,
        expect: Quiet,
    },
    Case {
        name: "route_filter.resource_group against the ID",
        edits: &[("/peerings/1/ipv4/routeFilter", r#""/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/Filters/providers/Microsoft.Network/routeFilters/F1""#), ("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "resourceGroup": "Other", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/resourceGroup", message: r#""Other" differs from the resource group in the route filter's ID (Filters): leave this empty, or change the ID."# },
    },
    Case {
        name: "route_filter.resource_group without a subscription",
        edits: &[("/circuit/subscription", r#""""#), ("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "resourceGroup": "Filters", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterResourceGroup,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/resourceGroup", message: "a route filter in resource group Filters (not the circuit's) is attached by its resource ID, which needs the subscription: fill in the circuit's subscription, or write the filter's full resource ID." },
    },
    Case {
        name: "near: another resource group with the subscription",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "resourceGroup": "Filters", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterResourceGroup,
        expect: Quiet,
    },
    Case {
        name: "route_filter.conflict",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#), ("/peerings/1/ipv6/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5010"]}"#)],
        code: Code::RouteFilterConflict,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv6/routeFilterRule", message: "the route filter MyRouteFilter is planned again with other settings than at /peerings/1/ipv4/routeFilterRule: a filter has one region and one rule; plan it the same way in both families, or give one family another filter." },
    },
    Case {
        name: "near: both families plan the filter alike",
        edits: &[("/peerings/1/ipv6", "IPV6"), ("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#), ("/peerings/1/ipv6/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#)],
        code: Code::RouteFilterConflict,
        expect: Quiet,
    },
    Case {
        name: "community.syntax",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5010,12076:5020"]}"#)],
        code: Code::CommunitySyntax,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/communities/0", message: r#""12076:5010,12076:5020" is not a BGP community: write it as 12076:NNNNN (for example 12076:5010 for Exchange Online, 12076:51002 for West Europe), one per entry."# },
    },
    Case {
        name: "near: one community per entry",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5010", "12076:5020"]}"#)],
        code: Code::CommunitySyntax,
        expect: Quiet,
    },
    Case {
        name: "near: a public community",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5040"]}"#)],
        code: Code::CommunityOtherCloud,
        expect: Quiet,
    },
    Case {
        name: "community.unknown",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:52004"]}"#)],
        code: Code::CommunityUnknown,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/communities/0", message: r#""12076:52004" is not a community Microsoft publishes for Microsoft peering (catalogue of 2026-03-12): pick one from the list, or check `az network route-filter rule list-service-communities` if Microsoft added it since."# },
    },
    Case {
        name: "near: a published community",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:51002"]}"#)],
        code: Code::CommunityUnknown,
        expect: Quiet,
    },
    Case {
        name: "community.duplicate",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060", "12076:5060"]}"#)],
        code: Code::CommunityDuplicate,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routeFilterRule/communities/1", message: "12076:5060 (Microsoft Entra ID) is already at position 1: a rule lists each community once; remove this one." },
    },
    Case {
        name: "required: an empty community entry",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060", " "]}"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/1/ipv4/routeFilterRule/communities/1", message: "this community entry is empty: pick a community, or remove the entry." },
    },
    Case {
        name: "prefix.duplicate: an on-premises prefix listed twice",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.20.0.0/16", "10.30.0.0/16", "10.20.0.0/16"]"#)],
        code: Code::PrefixDuplicate,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/onPremisesPrefixes/2", message: "\"10.20.0.0/16\" repeats the on-premises prefix at position 1 (10.20.0.0/16): only the first copy is kept; remove this one." },
    },
    Case {
        name: "required: an empty on-premises prefix entry",
        edits: &[("/peerings/0/ipv4/onPremisesPrefixes", r#"["10.20.0.0/16", ""]"#)],
        code: Code::Required,
        expect: Raises { severity: Severity::Error, path: "/peerings/0/ipv4/onPremisesPrefixes/1", message: "this on-premises prefix entry is empty: type a prefix your routers advertise to Azure, or remove the entry." },
    },
    Case {
        name: "near: two communities",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060", "12076:5040"]}"#)],
        code: Code::CommunityDuplicate,
        expect: Quiet,
    },
    Case {
        name: "community.other_cloud",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5110"]}"#)],
        code: Code::CommunityOtherCloud,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routeFilterRule/communities/0", message: "12076:5110 (Exchange Online) belongs to Azure US Government: a circuit in the Azure public cloud never receives it; use it only for a circuit there." },
    },
    Case {
        name: "community.authorization",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5010"]}"#)],
        code: Code::CommunityAuthorization,
        expect: Raises { severity: Severity::Info, path: "/peerings/1/ipv4/routeFilterRule/communities/0", message: "12076:5010 (Exchange Online) needs Microsoft's authorization first: without it the filter accepts the rule but no route comes; ask your Microsoft account team to authorize the circuit for it (Office 365 over ExpressRoute)." },
    },
    Case {
        name: "near: Entra ID needs no authorization",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:5060"]}"#)],
        code: Code::CommunityAuthorization,
        expect: Quiet,
    },
    Case {
        name: "route_filter.no_communities",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": []}"#)],
        code: Code::RouteFilterNoCommunities,
        expect: Raises { severity: Severity::Warning, path: "/peerings/1/ipv4/routeFilterRule/communities", message: "the IPv4 route filter allows no community: Microsoft sends no route over this family until its rule allows some; pick the services and regions you use (catalogue of 2026-03-12)." },
    },
    Case {
        name: "near: a community to allow",
        edits: &[("/peerings/1/ipv4/routeFilterRule", r#"{"location": "westeurope", "communities": ["12076:51002"]}"#)],
        code: Code::RouteFilterNoCommunities,
        expect: Quiet,
    },
    Case {
        name: "field.ignored route filter to create on private peering",
        edits: &[("/peerings/0/ipv4/routeFilterRule", r#"{"location": "westeurope"}"#)],
        code: Code::FieldIgnored,
        expect: Raises { severity: Severity::Warning, path: "/peerings/0/ipv4/routeFilterRule", message: "a route filter to create applies to MicrosoftPeering only: AzurePrivatePeering ignores it and the outputs leave it out; remove it." },
    },
];
