//! Every value parser, one table row per input: the parsed value's canonical text, or the finding code
//! and the exact message (wording is a contract). Also the ASN classes, the split helpers, pasted
//! prefix splitting and the special-purpose table.
#![cfg(not(target_arch = "wasm32"))]

use ipnet::IpNet;
use peering_planner::domain::asn::{Asn, AsnClass};
use peering_planner::domain::findings::Code;
use peering_planner::domain::key::SharedKey;
use peering_planner::domain::names::{
    CircuitName, ResourceGroupName, RouteFilterRef, SubscriptionId,
};
use peering_planner::domain::peering::PeeringType;
use peering_planner::domain::prefix::{
    split_pasted_prefixes, AdvertisedPrefix, SPECIAL_PURPOSE_RANGES,
};
use peering_planner::domain::registry::RoutingRegistry;
use peering_planner::domain::subnet::split_link_pair;
use peering_planner::domain::subnet::{AddressFamily, LinkSubnet};
use peering_planner::domain::vlan::VlanId;
use std::fmt::Display;

enum Expect {
    /// Parses; the canonical text of the value.
    Ok(&'static str),
    /// Refused with this code and message.
    Err(Code, &'static str),
}
use Expect::{Err, Ok};

struct Row {
    input: &'static str,
    expect: Expect,
}

/// What a parser returned, reduced to text.
type Outcome = Result<String, (Code, String)>;

fn outcome<T: Display, E: Display>(parsed: Result<T, E>, code: impl Fn(&E) -> Code) -> Outcome {
    parsed
        .map(|v| v.to_string())
        .map_err(|e| (code(&e), e.to_string()))
}

/// Runs a whole table and reports every failing row at once.
#[track_caller]
fn check_table(rows: &[Row], parse: impl Fn(&str) -> Outcome) {
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let got = parse(row.input);
            let expected: Outcome = match row.expect {
                Ok(text) => Result::Ok(text.to_string()),
                Err(code, message) => Result::Err((code, message.to_string())),
            };
            (got != expected).then(|| {
                format!(
                    "{:?}:\n  got      {got:?}\n  expected {expected:?}",
                    row.input
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn peer_asn() {
    check_table(ASN_PEER, |s| outcome(Asn::parse_peer(s), |e| e.code()));
}

#[test]
fn customer_asn() {
    check_table(ASN_CUSTOMER, |s| {
        outcome(Asn::parse_customer(s), |e| e.code())
    });
}

#[test]
fn asn_from_str_is_syntax_and_range_only() {
    assert_eq!("12076".parse::<Asn>(), Result::Ok(Asn::MICROSOFT));
    assert_eq!("1.10".parse::<Asn>().map(Asn::value), Result::Ok(65546));
    assert_eq!(
        Asn::parse("x").map_err(|e| e.code()),
        Result::Err(Code::AsnSyntax)
    );
}

#[test]
fn asn_classes() {
    let cases = [
        (1, AsnClass::Public),
        (64511, AsnClass::Reserved("documentation range, RFC 5398")),
        (64512, AsnClass::Private),
        (65514, AsnClass::Private),
        (65515, AsnClass::Reserved("ExpressRoute internal use")),
        (65534, AsnClass::Private),
        (131_072, AsnClass::Public),
        (4_199_999_999, AsnClass::Public),
        (4_200_000_000, AsnClass::Private),
        (
            4_294_967_295,
            AsnClass::Reserved("last 32-bit ASN, RFC 7300"),
        ),
    ];
    for (value, class) in cases {
        assert_eq!(Asn::from_u32(value).class(), class, "{value}");
    }
}

#[test]
fn vlan() {
    check_table(VLAN, |s| outcome(VlanId::parse(s), |e| e.code()));
}

#[test]
fn link_subnet_ipv4() {
    check_table(SUBNET_V4, |s| {
        outcome(LinkSubnet::parse_for(s, AddressFamily::Ipv4), |e| e.code())
    });
}

#[test]
fn link_subnet_ipv6() {
    check_table(SUBNET_V6, |s| {
        outcome(LinkSubnet::parse_for(s, AddressFamily::Ipv6), |e| e.code())
    });
}

#[test]
fn link_subnet_from_str_takes_the_family_of_the_text() {
    assert_eq!(
        "fd00:10::4/126"
            .parse::<LinkSubnet>()
            .map(|s| s.to_string()),
        Result::Ok("fd00:10::4/126".into())
    );
    assert_eq!(
        "10.0.0.4/30".parse::<LinkSubnet>().map(|s| s.family()),
        Result::Ok(AddressFamily::Ipv4)
    );
}

#[test]
fn advertised_prefix_ipv4() {
    check_table(PREFIX_V4, |s| {
        outcome(AdvertisedPrefix::parse_for(s, AddressFamily::Ipv4), |e| {
            e.code()
        })
    });
}

#[test]
fn advertised_prefix_ipv6() {
    check_table(PREFIX_V6, |s| {
        outcome(AdvertisedPrefix::parse_for(s, AddressFamily::Ipv6), |e| {
            e.code()
        })
    });
}

#[test]
fn shared_key() {
    check_table(KEY, |s| {
        outcome(SharedKey::parse(s).map(|k| k.expose().to_string()), |e| {
            e.code()
        })
    });
}

#[test]
fn shared_key_never_shows_in_debug() {
    let key = SharedKey::parse("Secret1").expect("valid key");
    assert_eq!(format!("{key:?}"), "SharedKey(<redacted>)");
    assert!(!key.starts_with_digit());
    assert!(SharedKey::parse("1Secret")
        .expect("valid key")
        .starts_with_digit());
}

#[test]
fn routing_registry() {
    check_table(REGISTRY, |s| {
        let named = RoutingRegistry::parse_optional(s)
            .map(|r| r.map_or("<none>".to_string(), |r| r.to_string()));
        outcome(named, |e| e.code())
    });
    assert_eq!(
        "NONE".parse::<RoutingRegistry>().map_err(|e| e.code()),
        Result::Err(Code::Required)
    );
}

#[test]
fn peering_type() {
    check_table(PEERING_TYPE, |s| {
        outcome(PeeringType::parse(s), |e| e.code())
    });
}

#[test]
fn subscription() {
    check_table(SUBSCRIPTION, |s| {
        outcome(SubscriptionId::parse(s), |e| e.code())
    });
}

#[test]
fn resource_group() {
    check_table(RESOURCE_GROUP, |s| {
        outcome(ResourceGroupName::parse(s), |e| e.code())
    });
}

#[test]
fn circuit_name() {
    check_table(CIRCUIT, |s| outcome(CircuitName::parse(s), |e| e.code()));
}

#[test]
fn route_filter() {
    check_table(ROUTE_FILTER, |s| {
        outcome(RouteFilterRef::parse(s), |e| e.code())
    });
}

#[test]
fn name_lengths_at_the_limit() {
    assert!(ResourceGroupName::parse(&"r".repeat(90)).is_ok());
    let too_long = ResourceGroupName::parse(&"r".repeat(91)).expect_err("91 characters");
    assert_eq!(too_long.code(), Code::NameResourceGroup);
    assert!(CircuitName::parse(&"c".repeat(80)).is_ok());
    assert_eq!(
        CircuitName::parse(&"c".repeat(81)).map_err(|e| e.code()),
        Result::Err(Code::NameCircuit)
    );
    // Counted in characters, not bytes: 80 two-byte letters are still refused for the letters.
    assert_eq!(
        CircuitName::parse(&"é".repeat(80)).map_err(|e| e.code()),
        Result::Err(Code::NameCircuit)
    );
}

#[test]
fn messages_cut_very_long_input() {
    let huge = "x".repeat(10_000);
    let message = VlanId::parse(&huge).expect_err("not a VLAN").to_string();
    assert!(message.len() < 400, "{message}");
    assert!(
        message.starts_with(&format!("\"{}…\" is not a VLAN ID", "x".repeat(200))),
        "{message}"
    );
}

#[test]
fn split_helpers_first_half_primary() {
    let v4: ipnet::Ipv4Net = "192.168.100.128/29".parse().expect("cidr");
    let [primary, secondary] = split_link_pair(v4.into()).expect("a /29 splits");
    assert_eq!(
        (primary.to_string(), secondary.to_string()),
        ("192.168.100.128/30".into(), "192.168.100.132/30".into())
    );
    assert_eq!(primary.customer_router_ip().to_string(), "192.168.100.129");
    assert_eq!(primary.microsoft_router_ip().to_string(), "192.168.100.130");
    assert_eq!(
        secondary.customer_router_ip().to_string(),
        "192.168.100.133"
    );
    assert_eq!(
        secondary.microsoft_router_ip().to_string(),
        "192.168.100.134"
    );
    let v6: ipnet::Ipv6Net = "fd00:10::/125".parse().expect("cidr");
    let [primary, secondary] = split_link_pair(v6.into()).expect("a /125 splits");
    assert_eq!(
        (primary.to_string(), secondary.to_string()),
        ("fd00:10::/126".into(), "fd00:10::4/126".into())
    );
    assert_eq!(secondary.customer_router_ip().to_string(), "fd00:10::5");
    assert_eq!(secondary.microsoft_router_ip().to_string(), "fd00:10::6");
    for other in ["10.0.0.0/30", "10.0.0.0/28", "fd00::/124", "fd00::/126"] {
        let net: IpNet = other.parse().expect("cidr");
        assert_eq!(split_link_pair(net), None, "{other}");
    }
}

#[test]
fn pasted_prefixes_split_on_commas_blanks_and_newlines() {
    let cases: &[(&str, &[&str])] = &[
        (
            "123.1.0.0/24, 123.2.0.0/24",
            &["123.1.0.0/24", "123.2.0.0/24"],
        ),
        ("a\nb\r\nc\td", &["a", "b", "c", "d"]),
        (",, ,\n", &[]),
        ("", &[]),
        ("x,y,x", &["x", "y", "x"]),
    ];
    for (text, expected) in cases {
        assert_eq!(split_pasted_prefixes(text), *expected, "{text:?}");
    }
}

#[test]
fn special_purpose_table_is_well_formed() {
    for range in SPECIAL_PURPOSE_RANGES {
        let net = range.net();
        assert_eq!(net.prefix_len(), range.len, "{}", range.name);
        assert_eq!(net.trunc(), net, "{} is a network address", range.name);
    }
    assert_eq!(SPECIAL_PURPOSE_RANGES.len(), 29);
}

const ASN_CUSTOMER: &[Row] = &[
    Row {
        input: "64512",
        expect: Err(
            Code::AsnCustomerNotPublic,
            r#""64512" is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN."#,
        ),
    },
    Row {
        input: "65534",
        expect: Err(
            Code::AsnCustomerNotPublic,
            r#""65534" is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN."#,
        ),
    },
    Row {
        input: "4200000000",
        expect: Err(
            Code::AsnCustomerNotPublic,
            r#""4200000000" is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN."#,
        ),
    },
    Row {
        input: "4294967294",
        expect: Err(
            Code::AsnCustomerNotPublic,
            r#""4294967294" is a private ASN (RFC 6996): the customer ASN must be the public ASN your prefixes are registered to; leave it empty when that is the peer ASN."#,
        ),
    },
    Row {
        input: "12076",
        expect: Err(
            Code::AsnReserved,
            r#""12076" is a reserved ASN (Azure's own ASN, the other end of every session): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "3000000000",
        expect: Ok("3000000000"),
    },
    Row {
        input: "1.10",
        expect: Err(
            Code::AsnReserved,
            r#""1.10" (asplain 65546) is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "2.0",
        expect: Ok("131072"),
    },
];

const ASN_PEER: &[Row] = &[
    Row {
        input: "65010",
        expect: Ok("65010"),
    },
    Row {
        input: " 065010 ",
        expect: Ok("65010"),
    },
    Row {
        input: "1.10",
        expect: Err(
            Code::AsnReserved,
            r#""1.10" (asplain 65546) is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "3.10",
        expect: Ok("196618"),
    },
    Row {
        input: "0.65535",
        expect: Err(
            Code::AsnReserved,
            r#""0.65535" (asplain 65535) is a reserved ASN (last 16-bit ASN, RFC 7300): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65535.65535",
        expect: Err(
            Code::AsnReserved,
            r#""65535.65535" (asplain 4294967295) is a reserved ASN (last 32-bit ASN, RFC 7300): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "",
        expect: Err(
            Code::Required,
            "the ASN is empty: type it in asplain (65010) or asdot (1.10).",
        ),
    },
    Row {
        input: "   ",
        expect: Err(
            Code::Required,
            "the ASN is empty: type it in asplain (65010) or asdot (1.10).",
        ),
    },
    Row {
        input: "abc",
        expect: Err(
            Code::AsnSyntax,
            r#""abc" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "-1",
        expect: Err(
            Code::AsnSyntax,
            r#""-1" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "+1",
        expect: Err(
            Code::AsnSyntax,
            r#""+1" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "1.",
        expect: Err(
            Code::AsnSyntax,
            r#""1." is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: ".1",
        expect: Err(
            Code::AsnSyntax,
            r#"".1" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "1..2",
        expect: Err(
            Code::AsnSyntax,
            r#""1..2" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "1.2.3",
        expect: Err(
            Code::AsnSyntax,
            r#""1.2.3" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "٣",
        expect: Err(
            Code::AsnSyntax,
            r#""٣" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "65 010",
        expect: Err(
            Code::AsnSyntax,
            r#""65 010" is not an ASN: type digits only (asplain, e.g. 65010) or asdot X.Y (e.g. 3.10), without sign or spaces."#,
        ),
    },
    Row {
        input: "4294967296",
        expect: Err(
            Code::AsnRange,
            r#""4294967296" is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included)."#,
        ),
    },
    Row {
        input: "00000000000000000000004294967295",
        expect: Err(
            Code::AsnReserved,
            r#""00000000000000000000004294967295" is a reserved ASN (last 32-bit ASN, RFC 7300): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "99999999999999999999999999999999999999",
        expect: Err(
            Code::AsnRange,
            r#""99999999999999999999999999999999999999" is too large for an ASN: use 1 to 4294967295 (4-byte ASNs included)."#,
        ),
    },
    Row {
        input: "1.99999999999999999999",
        expect: Err(
            Code::AsnRange,
            r#""1.99999999999999999999" is out of range: each half of an asdot ASN is 0 to 65535."#,
        ),
    },
    Row {
        input: "65536.0",
        expect: Err(
            Code::AsnRange,
            r#""65536.0" is out of range: each half of an asdot ASN is 0 to 65535."#,
        ),
    },
    Row {
        input: "0",
        expect: Err(
            Code::AsnReserved,
            r#""0" is a reserved ASN (AS 0 is never valid, RFC 7607): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "12076",
        expect: Err(
            Code::AsnReserved,
            r#""12076" is a reserved ASN (Azure's own ASN, the other end of every session): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "8074",
        expect: Err(
            Code::AsnReserved,
            r#""8074" is a reserved ASN (used by Azure): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "8075",
        expect: Err(
            Code::AsnReserved,
            r#""8075" is a reserved ASN (used by Azure): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65515",
        expect: Err(
            Code::AsnReserved,
            r#""65515" is a reserved ASN (ExpressRoute internal use): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65520",
        expect: Err(
            Code::AsnReserved,
            r#""65520" is a reserved ASN (ExpressRoute internal use): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "23456",
        expect: Err(
            Code::AsnReserved,
            r#""23456" is a reserved ASN (AS_TRANS, RFC 6793): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "64496",
        expect: Err(
            Code::AsnReserved,
            r#""64496" is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "64511",
        expect: Err(
            Code::AsnReserved,
            r#""64511" is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65535",
        expect: Err(
            Code::AsnReserved,
            r#""65535" is a reserved ASN (last 16-bit ASN, RFC 7300): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65536",
        expect: Err(
            Code::AsnReserved,
            r#""65536" is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65551",
        expect: Err(
            Code::AsnReserved,
            r#""65551" is a reserved ASN (documentation range, RFC 5398): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "65552",
        expect: Err(
            Code::AsnReserved,
            r#""65552" is a reserved ASN (reserved by IANA): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "131071",
        expect: Err(
            Code::AsnReserved,
            r#""131071" is a reserved ASN (reserved by IANA): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "131072",
        expect: Ok("131072"),
    },
    Row {
        input: "4294967295",
        expect: Err(
            Code::AsnReserved,
            r#""4294967295" is a reserved ASN (last 32-bit ASN, RFC 7300): use an ASN assigned to you."#,
        ),
    },
    Row {
        input: "64512",
        expect: Ok("64512"),
    },
    Row {
        input: "65534",
        expect: Ok("65534"),
    },
    Row {
        input: "4200000000",
        expect: Ok("4200000000"),
    },
    Row {
        input: "4294967294",
        expect: Ok("4294967294"),
    },
    Row {
        input: "1234",
        expect: Ok("1234"),
    },
];

const CIRCUIT: &[Row] = &[
    Row {
        input: "MyCircuit",
        expect: Ok("MyCircuit"),
    },
    Row {
        input: "c",
        expect: Ok("c"),
    },
    Row {
        input: "c_",
        expect: Ok("c_"),
    },
    Row {
        input: "1c",
        expect: Ok("1c"),
    },
    Row {
        input: "_c",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "_c" starts with '_': start it with a letter or digit."#,
        ),
    },
    Row {
        input: "-c",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "-c" starts with '-': start it with a letter or digit."#,
        ),
    },
    Row {
        input: ".c",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name ".c" starts with '.': start it with a letter or digit."#,
        ),
    },
    Row {
        input: "c.",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "c." ends with '.': end it with a letter, digit or _."#,
        ),
    },
    Row {
        input: "c-",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "c-" ends with '-': end it with a letter, digit or _."#,
        ),
    },
    Row {
        input: "c(1)",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "c(1)" contains '(': remove it; only ASCII letters, digits and _ - . are allowed."#,
        ),
    },
    Row {
        input: "c x",
        expect: Err(
            Code::NameCircuit,
            r#"circuit name "c x" contains ' ': remove it; only ASCII letters, digits and _ - . are allowed."#,
        ),
    },
    Row {
        input: "",
        expect: Err(Code::Required, "the circuit name is required: type it."),
    },
];

const KEY: &[Row] = &[
    Row { input: "abc123", expect: Ok("abc123") },
    Row { input: "A", expect: Ok("A") },
    Row { input: "abcdefghijklmnopqrstuvwxy", expect: Ok("abcdefghijklmnopqrstuvwxy") },
    Row { input: "abcdefghijklmnopqrstuvwxyz", expect: Err(Code::KeyLength, "the shared key has 26 characters: use 1 to 25 letters and digits (it is the BGP password itself, not an MD5 digest).") },
    Row { input: "", expect: Err(Code::KeyLength, "the shared key is empty: type 1 to 25 letters and digits, or leave the key out.") },
    Row { input: " abc", expect: Err(Code::KeyCharset, "the shared key has a space or other blank at character 1: use only letters and digits (A-Z, a-z, 0-9); the key is never trimmed.") },
    Row { input: "abc ", expect: Err(Code::KeyCharset, "the shared key has a space or other blank at character 4: use only letters and digits (A-Z, a-z, 0-9); the key is never trimmed.") },
    Row { input: "ab\tc", expect: Err(Code::KeyCharset, "the shared key has a space or other blank at character 3: use only letters and digits (A-Z, a-z, 0-9); the key is never trimmed.") },
    Row { input: "pa$$", expect: Err(Code::KeyCharset, "the shared key has a character that is not an ASCII letter or digit at position 3: use only A-Z, a-z and 0-9 (special characters are not supported).") },
    Row { input: "clé", expect: Err(Code::KeyCharset, "the shared key has a character that is not an ASCII letter or digit at position 3: use only A-Z, a-z and 0-9 (special characters are not supported).") },
    Row { input: "1abc", expect: Ok("1abc") },
    Row { input: "0", expect: Ok("0") },
    Row { input: "🙂", expect: Err(Code::KeyCharset, "the shared key has a character that is not an ASCII letter or digit at position 1: use only A-Z, a-z and 0-9 (special characters are not supported).") },
];

const PEERING_TYPE: &[Row] = &[
    Row {
        input: "AzurePrivatePeering",
        expect: Ok("AzurePrivatePeering"),
    },
    Row {
        input: "microsoftpeering",
        expect: Ok("MicrosoftPeering"),
    },
    Row {
        input: " MicrosoftPeering ",
        expect: Ok("MicrosoftPeering"),
    },
    Row {
        input: "AzurePublicPeering",
        expect: Err(
            Code::PeeringTypeRetired,
            r#""AzurePublicPeering" was retired on 2024-03-31 and cannot be created: reach Azure public services through MicrosoftPeering instead."#,
        ),
    },
    Row {
        input: "azurepublicpeering",
        expect: Err(
            Code::PeeringTypeRetired,
            r#""AzurePublicPeering" was retired on 2024-03-31 and cannot be created: reach Azure public services through MicrosoftPeering instead."#,
        ),
    },
    Row {
        input: "AzureMicrosoftPeering",
        expect: Err(
            Code::PeeringTypeUnknown,
            r#""AzureMicrosoftPeering" is not a peering type (AzureMicrosoftPeering does not exist; the Microsoft peering type is MicrosoftPeering): use AzurePrivatePeering or MicrosoftPeering."#,
        ),
    },
    Row {
        input: "Private",
        expect: Err(
            Code::PeeringTypeUnknown,
            r#""Private" is not a peering type: use AzurePrivatePeering or MicrosoftPeering."#,
        ),
    },
    Row {
        input: "",
        expect: Err(
            Code::Required,
            "the peering type is required: choose AzurePrivatePeering or MicrosoftPeering.",
        ),
    },
];

const PREFIX_V4: &[Row] = &[
    Row {
        input: "123.1.0.0/24",
        expect: Ok("123.1.0.0/24"),
    },
    Row {
        input: " 123.1.0.1/32 ",
        expect: Ok("123.1.0.1/32"),
    },
    Row {
        input: "123.1.0.1/24",
        expect: Err(
            Code::PrefixHostBits,
            r#""123.1.0.1/24" has host bits set: a prefix must start at its network address; use 123.1.0.0/24."#,
        ),
    },
    Row {
        input: "123.1.0.1",
        expect: Err(
            Code::PrefixSyntax,
            r#""123.1.0.1" has no prefix length: use 123.1.0.1/32 to advertise this one address."#,
        ),
    },
    Row {
        input: "0.0.0.0/0",
        expect: Err(
            Code::PrefixDefaultRoute,
            r#""0.0.0.0/0" is a default route: Microsoft peering never accepts one; advertise your own public prefixes."#,
        ),
    },
    Row {
        input: "123.0.0.0/0",
        expect: Err(
            Code::PrefixDefaultRoute,
            r#""123.0.0.0/0" is a default route: Microsoft peering never accepts one; advertise your own public prefixes."#,
        ),
    },
    Row {
        input: "10.0.0.0/8",
        expect: Err(
            Code::PrefixNotPublic,
            r#""10.0.0.0/8" overlaps 10.0.0.0/8 (private-use, RFC 1918): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "96.0.0.0/4",
        expect: Err(
            Code::PrefixNotPublic,
            r#""96.0.0.0/4" overlaps 100.64.0.0/10 (shared address space, RFC 6598): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "100.64.0.0/10",
        expect: Err(
            Code::PrefixNotPublic,
            r#""100.64.0.0/10" overlaps 100.64.0.0/10 (shared address space, RFC 6598): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "100.128.0.0/9",
        expect: Ok("100.128.0.0/9"),
    },
    Row {
        input: "192.88.99.0/24",
        expect: Err(
            Code::PrefixNotPublic,
            r#""192.88.99.0/24" overlaps 192.88.99.0/24 (6to4 relay anycast, RFC 7526): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "224.0.0.0/3",
        expect: Err(
            Code::PrefixNotPublic,
            r#""224.0.0.0/3" overlaps 224.0.0.0/4 (multicast, RFC 5771): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "198.18.0.0/15",
        expect: Err(
            Code::PrefixNotPublic,
            r#""198.18.0.0/15" overlaps 198.18.0.0/15 (benchmarking, RFC 2544): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "198.20.0.0/14",
        expect: Ok("198.20.0.0/14"),
    },
    Row {
        input: "1.0.0.0/8",
        expect: Ok("1.0.0.0/8"),
    },
    Row {
        input: "123.1.0.0/33",
        expect: Err(
            Code::PrefixSyntax,
            r#""123.1.0.0/33" has a prefix length above /32: an IPv4 prefix is /1 to /32."#,
        ),
    },
    Row {
        input: "123.1.0.0/24,123.2.0.0/24",
        expect: Err(
            Code::PrefixSyntax,
            r#""123.1.0.0/24,123.2.0.0/24" holds more than one prefix: put each prefix in its own entry."#,
        ),
    },
    Row {
        input: "123.1.0.0/24\t123.2.0.0/24",
        expect: Err(
            Code::PrefixSyntax,
            r#""123.1.0.0/24\t123.2.0.0/24" holds more than one prefix: put each prefix in its own entry."#,
        ),
    },
    Row {
        input: "2a01::/16",
        expect: Err(
            Code::PrefixFamily,
            r#""2a01::/16" is not an IPv4 prefix: move it to the advertised prefixes of the other address family."#,
        ),
    },
    Row {
        input: "",
        expect: Err(
            Code::Required,
            "the prefix is empty: type a public prefix such as 123.1.0.0/24.",
        ),
    },
    Row {
        input: "x",
        expect: Err(
            Code::PrefixSyntax,
            r#""x" is not a prefix: type a network address and its length, e.g. 123.1.0.0/24."#,
        ),
    },
];

const PREFIX_V6: &[Row] = &[
    Row {
        input: "2a01:111:f200::/48",
        expect: Ok("2a01:111:f200::/48"),
    },
    Row {
        input: "2A01:111:F200:0::/48",
        expect: Ok("2a01:111:f200::/48"),
    },
    Row {
        input: "2a01:111:f200::1",
        expect: Err(
            Code::PrefixSyntax,
            r#""2a01:111:f200::1" has no prefix length: use 2a01:111:f200::1/128 to advertise this one address."#,
        ),
    },
    Row {
        input: "2a01:111:f200::1/48",
        expect: Err(
            Code::PrefixHostBits,
            r#""2a01:111:f200::1/48" has host bits set: a prefix must start at its network address; use 2a01:111:f200::/48."#,
        ),
    },
    Row {
        input: "::/0",
        expect: Err(
            Code::PrefixDefaultRoute,
            r#""::/0" is a default route: Microsoft peering never accepts one; advertise your own public prefixes."#,
        ),
    },
    Row {
        input: "::/128",
        expect: Err(
            Code::PrefixNotPublic,
            r#""::/128" overlaps ::/128 (unspecified address, RFC 4291): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "::1/128",
        expect: Err(
            Code::PrefixNotPublic,
            r#""::1/128" overlaps ::1/128 (loopback, RFC 4291): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "::ffff:0:0/96",
        expect: Err(
            Code::PrefixNotPublic,
            r#""::ffff:0:0/96" overlaps ::ffff:0.0.0.0/96 (IPv4-mapped, RFC 4291): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "64:ff9b::/96",
        expect: Err(
            Code::PrefixNotPublic,
            r#""64:ff9b::/96" overlaps 64:ff9b::/96 (NAT64, RFC 6052): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "64:ff9b:1::/48",
        expect: Err(
            Code::PrefixNotPublic,
            r#""64:ff9b:1::/48" overlaps 64:ff9b:1::/48 (local-use NAT64, RFC 8215): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "100::/64",
        expect: Err(
            Code::PrefixNotPublic,
            r#""100::/64" overlaps 100::/64 (discard-only, RFC 6666): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "2001::/23",
        expect: Err(
            Code::PrefixNotPublic,
            r#""2001::/23" overlaps 2001::/23 (IETF protocol assignments, RFC 2928): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "2001:200::/23",
        expect: Ok("2001:200::/23"),
    },
    Row {
        input: "2001:db8::/32",
        expect: Err(
            Code::PrefixNotPublic,
            r#""2001:db8::/32" overlaps 2001:db8::/32 (documentation, RFC 3849): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "2002::/16",
        expect: Err(
            Code::PrefixNotPublic,
            r#""2002::/16" overlaps 2002::/16 (6to4, RFC 3056): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "3fff::/20",
        expect: Err(
            Code::PrefixNotPublic,
            r#""3fff::/20" overlaps 3fff::/20 (documentation, RFC 9637): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "5f00::/16",
        expect: Err(
            Code::PrefixNotPublic,
            r#""5f00::/16" overlaps 5f00::/16 (segment routing SIDs, RFC 9602): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "fc00::/7",
        expect: Err(
            Code::PrefixNotPublic,
            r#""fc00::/7" overlaps fc00::/7 (unique local, RFC 4193): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "fd12::/16",
        expect: Err(
            Code::PrefixNotPublic,
            r#""fd12::/16" overlaps fc00::/7 (unique local, RFC 4193): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "fe80::/10",
        expect: Err(
            Code::PrefixNotPublic,
            r#""fe80::/10" overlaps fe80::/10 (link-local, RFC 4291): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "ff02::/16",
        expect: Err(
            Code::PrefixNotPublic,
            r#""ff02::/16" overlaps ff00::/8 (multicast, RFC 4291): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "2000::/3",
        expect: Err(
            Code::PrefixNotPublic,
            r#""2000::/3" overlaps 2001::/23 (IETF protocol assignments, RFC 2928): advertise only public prefixes registered to you."#,
        ),
    },
    Row {
        input: "2a01::/129",
        expect: Err(
            Code::PrefixSyntax,
            r#""2a01::/129" has a prefix length above /128: an IPv6 prefix is /1 to /128."#,
        ),
    },
    Row {
        input: "123.1.0.0/24",
        expect: Err(
            Code::PrefixFamily,
            r#""123.1.0.0/24" is not an IPv6 prefix: move it to the advertised prefixes of the other address family."#,
        ),
    },
];

const REGISTRY: &[Row] = &[
    Row {
        input: "ARIN",
        expect: Ok("ARIN"),
    },
    Row {
        input: "arin",
        expect: Ok("ARIN"),
    },
    Row {
        input: " RipeNcc ",
        expect: Ok("RIPENCC"),
    },
    Row {
        input: "level3",
        expect: Ok("LEVEL3"),
    },
    Row {
        input: "NONE",
        expect: Ok("<none>"),
    },
    Row {
        input: "none",
        expect: Ok("<none>"),
    },
    Row {
        input: "",
        expect: Ok("<none>"),
    },
    Row {
        input: "RIPE",
        expect: Err(
            Code::RegistryUnknown,
            r#""RIPE" is not a routing registry (RIPE NCC is RIPENCC): use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3."#,
        ),
    },
    Row {
        input: "LEVEL 3",
        expect: Err(
            Code::RegistryUnknown,
            r#""LEVEL 3" is not a routing registry: use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3."#,
        ),
    },
    Row {
        input: "ARIN2",
        expect: Err(
            Code::RegistryUnknown,
            r#""ARIN2" is not a routing registry: use one of ARIN, APNIC, AFRINIC, LACNIC, RIPENCC, RADB, ALTDB, LEVEL3."#,
        ),
    },
];

const RESOURCE_GROUP: &[Row] = &[
    Row {
        input: "ExpressRouteResourceGroup",
        expect: Ok("ExpressRouteResourceGroup"),
    },
    Row {
        input: "rg(1)_a.b-c",
        expect: Ok("rg(1)_a.b-c"),
    },
    Row {
        input: "_rg",
        expect: Ok("_rg"),
    },
    Row {
        input: ".rg",
        expect: Ok(".rg"),
    },
    Row {
        input: "(rg)",
        expect: Ok("(rg)"),
    },
    Row {
        input: "-rg",
        expect: Err(
            Code::NameResourceGroup,
            r#"resource group "-rg" starts with '-': start it with a letter, digit, _, . or ( (a leading - breaks pasted commands)."#,
        ),
    },
    Row {
        input: "rg.",
        expect: Err(
            Code::NameResourceGroup,
            r#"resource group "rg." ends with '.': remove the trailing dot."#,
        ),
    },
    Row {
        input: "rg x",
        expect: Err(
            Code::NameResourceGroup,
            r#"resource group "rg x" contains ' ': remove it; only ASCII letters, digits and _ - . ( ) are allowed."#,
        ),
    },
    Row {
        input: "rg/x",
        expect: Err(
            Code::NameResourceGroup,
            r#"resource group "rg/x" contains '/': remove it; only ASCII letters, digits and _ - . ( ) are allowed."#,
        ),
    },
    Row {
        input: "rgé",
        expect: Err(
            Code::NameResourceGroup,
            r#"resource group "rgé" contains 'é': remove it; only ASCII letters, digits and _ - . ( ) are allowed."#,
        ),
    },
    Row {
        input: "",
        expect: Err(Code::Required, "the resource group is required: type it."),
    },
];

const ROUTE_FILTER: &[Row] = &[
    Row { input: "MyRouteFilter", expect: Ok("MyRouteFilter") },
    Row { input: "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf", expect: Ok("/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf") },
    Row { input: "/SUBSCRIPTIONS/AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E/RESOURCEGROUPS/rg/PROVIDERS/MICROSOFT.NETWORK/ROUTEFILTERS/rf", expect: Ok("/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf") },
    Row { input: "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf/", expect: Err(Code::NameRouteFilter, r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf/" is not a route filter resource ID (it ends with /): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."#) },
    Row { input: "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters", expect: Err(Code::NameRouteFilter, r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters" is not a route filter resource ID (it has 7 segments, a route filter ID has 8): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."#) },
    Row { input: "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg./providers/Microsoft.Network/routeFilters/rf", expect: Err(Code::NameRouteFilter, r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg./providers/Microsoft.Network/routeFilters/rf" is not a route filter resource ID ("rg." is not a valid resource group name): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."#) },
    Row { input: "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf-", expect: Err(Code::NameRouteFilter, r#"route filter "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf-" is not a route filter resource ID ("rf-" is not a valid route filter name): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."#) },
    Row { input: "/", expect: Err(Code::NameRouteFilter, r#"route filter "/" is not a route filter resource ID (it ends with /): use /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/routeFilters/<name>, or just the name."#) },
    Row { input: "rf/x", expect: Err(Code::NameRouteFilter, r#"route filter "rf/x" contains '/': remove it; only ASCII letters, digits and _ - . are allowed."#) },
    Row { input: "-rf", expect: Err(Code::NameRouteFilter, r#"route filter "-rf" starts with '-': start it with a letter or digit."#) },
];

const SUBNET_V4: &[Row] = &[
    Row {
        input: "192.168.100.128/30",
        expect: Ok("192.168.100.128/30"),
    },
    Row {
        input: " 192.168.100.132/030 ",
        expect: Ok("192.168.100.132/30"),
    },
    Row {
        input: "10.0.0.1/30",
        expect: Err(
            Code::SubnetHostBits,
            r#""10.0.0.1/30" has host bits set: a link subnet must start at its network address; use 10.0.0.0/30."#,
        ),
    },
    Row {
        input: "10.0.0.3/30",
        expect: Err(
            Code::SubnetHostBits,
            r#""10.0.0.3/30" has host bits set: a link subnet must start at its network address; use 10.0.0.0/30."#,
        ),
    },
    Row {
        input: "10.0.0.0/29",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.0/29" is a /29: each link field takes one /30; split it into 10.0.0.0/30 (primary) and 10.0.0.4/30 (secondary)."#,
        ),
    },
    Row {
        input: "10.0.0.5/29",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.5/29" is a /29: each link field takes one /30; split it into 10.0.0.0/30 (primary) and 10.0.0.4/30 (secondary)."#,
        ),
    },
    Row {
        input: "10.0.0.0/31",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.0/31" is a /31: an IPv4 link subnet must be exactly /30."#,
        ),
    },
    Row {
        input: "10.0.0.0/32",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.0/32" is a /32: an IPv4 link subnet must be exactly /30."#,
        ),
    },
    Row {
        input: "10.0.0.0/33",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.0/33" has a prefix length above /32: an IPv4 link subnet must be exactly /30."#,
        ),
    },
    Row {
        input: "10.0.0.0/9999999999999",
        expect: Err(
            Code::SubnetLength,
            r#""10.0.0.0/9999999999999" has a prefix length above /32: an IPv4 link subnet must be exactly /30."#,
        ),
    },
    Row {
        input: "10.0.0.0/",
        expect: Err(
            Code::SubnetSyntax,
            r#""10.0.0.0/" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "/30",
        expect: Err(
            Code::SubnetSyntax,
            r#""/30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "10.0.0.1",
        expect: Err(
            Code::SubnetSyntax,
            r#""10.0.0.1" has no prefix length: a link subnet is a /30; use 10.0.0.0/30."#,
        ),
    },
    Row {
        input: "10.0.0.0/30/30",
        expect: Err(
            Code::SubnetSyntax,
            r#""10.0.0.0/30/30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "10.0.0.0/3a",
        expect: Err(
            Code::SubnetSyntax,
            r#""10.0.0.0/3a" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "010.0.0.0/30",
        expect: Err(
            Code::SubnetSyntax,
            r#""010.0.0.0/30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "fd00::/126",
        expect: Err(
            Code::SubnetFamily,
            r#""fd00::/126" is an IPv6 subnet in an IPv4 field: move it to the IPv6 links, or type an IPv4 /30 here."#,
        ),
    },
    Row {
        input: "fd00::1",
        expect: Err(
            Code::SubnetFamily,
            r#""fd00::1" is an IPv6 subnet in an IPv4 field: move it to the IPv6 links, or type an IPv4 /30 here."#,
        ),
    },
    Row {
        input: "abc",
        expect: Err(
            Code::SubnetSyntax,
            r#""abc" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "",
        expect: Err(
            Code::Required,
            "the link subnet is empty: type a /30 (IPv4) or /126 (IPv6).",
        ),
    },
    Row {
        input: "10.0.0.0 /30",
        expect: Err(
            Code::SubnetSyntax,
            r#""10.0.0.0 /30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
    Row {
        input: "256.0.0.0/30",
        expect: Err(
            Code::SubnetSyntax,
            r#""256.0.0.0/30" is not a subnet: type a network address and its length, e.g. 192.168.100.128/30."#,
        ),
    },
];

const SUBNET_V6: &[Row] = &[
    Row {
        input: "fd00:10::/126",
        expect: Ok("fd00:10::/126"),
    },
    Row {
        input: "FD00:10:0::4/126",
        expect: Ok("fd00:10::4/126"),
    },
    Row {
        input: "fd00:10::1/126",
        expect: Err(
            Code::SubnetHostBits,
            r#""fd00:10::1/126" has host bits set: a link subnet must start at its network address; use fd00:10::/126."#,
        ),
    },
    Row {
        input: "fd00:10::/125",
        expect: Err(
            Code::SubnetLength,
            r#""fd00:10::/125" is a /125: each link field takes one /126; split it into fd00:10::/126 (primary) and fd00:10::4/126 (secondary)."#,
        ),
    },
    Row {
        input: "fd00:10::9/125",
        expect: Err(
            Code::SubnetLength,
            r#""fd00:10::9/125" is a /125: each link field takes one /126; split it into fd00:10::8/126 (primary) and fd00:10::c/126 (secondary)."#,
        ),
    },
    Row {
        input: "fd00:10::/64",
        expect: Err(
            Code::SubnetLength,
            r#""fd00:10::/64" is a /64: an IPv6 link subnet must be exactly /126."#,
        ),
    },
    Row {
        input: "fd00:10::/129",
        expect: Err(
            Code::SubnetLength,
            r#""fd00:10::/129" has a prefix length above /128: an IPv6 link subnet must be exactly /126."#,
        ),
    },
    Row {
        input: "fd00:10::5",
        expect: Err(
            Code::SubnetSyntax,
            r#""fd00:10::5" has no prefix length: a link subnet is a /126; use fd00:10::4/126."#,
        ),
    },
    Row {
        input: "10.0.0.0/30",
        expect: Err(
            Code::SubnetFamily,
            r#""10.0.0.0/30" is an IPv4 subnet in an IPv6 field: move it to the IPv4 links, or type an IPv6 /126 here."#,
        ),
    },
    Row {
        input: "fe80::1%eth0/126",
        expect: Err(
            Code::SubnetSyntax,
            r#""fe80::1%eth0/126" is not a subnet: type a network address and its length, e.g. fd00:10::/126."#,
        ),
    },
    Row {
        input: ":::/126",
        expect: Err(
            Code::SubnetSyntax,
            r#"":::/126" is not a subnet: type a network address and its length, e.g. fd00:10::/126."#,
        ),
    },
    Row {
        input: "::/126",
        expect: Ok("::/126"),
    },
];

const SUBSCRIPTION: &[Row] = &[
    Row {
        input: "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e",
        expect: Ok("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e"),
    },
    Row {
        input: " AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E ",
        expect: Ok("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e"),
    },
    Row {
        input: "{aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e}",
        expect: Err(
            Code::NameSubscription,
            r#"subscription "{aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e}" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."#,
        ),
    },
    Row {
        input: "aaaa0a0abb1bcc2cdd3deeeeee4e4e4e",
        expect: Err(
            Code::NameSubscription,
            r#"subscription "aaaa0a0abb1bcc2cdd3deeeeee4e4e4e" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."#,
        ),
    },
    Row {
        input: "gggg0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e",
        expect: Err(
            Code::NameSubscription,
            r#"subscription "gggg0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."#,
        ),
    },
    Row {
        input: "",
        expect: Err(Code::Required, "the subscription is required: type it."),
    },
    Row {
        input: "x",
        expect: Err(
            Code::NameSubscription,
            r#"subscription "x" is not a subscription ID: use its GUID (8-4-4-4-12 hex digits, e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e), or leave it empty for the current subscription."#,
        ),
    },
];

const VLAN: &[Row] = &[
    Row {
        input: "1",
        expect: Ok("1"),
    },
    Row {
        input: "4094",
        expect: Ok("4094"),
    },
    Row {
        input: "0200",
        expect: Ok("200"),
    },
    Row {
        input: "  7 ",
        expect: Ok("7"),
    },
    Row {
        input: "",
        expect: Err(
            Code::Required,
            "the VLAN ID is empty: type a number from 1 to 4094.",
        ),
    },
    Row {
        input: "0",
        expect: Err(
            Code::VlanRange,
            r#""0" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "0000",
        expect: Err(
            Code::VlanRange,
            r#""0000" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "4095",
        expect: Err(
            Code::VlanRange,
            r#""4095" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "9999",
        expect: Err(
            Code::VlanRange,
            r#""9999" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "10000",
        expect: Err(
            Code::VlanRange,
            r#""10000" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "99999999999999999999999999",
        expect: Err(
            Code::VlanRange,
            r#""99999999999999999999999999" is out of range: a VLAN ID is 1 to 4094 (802.1Q reserves 0 and 4095)."#,
        ),
    },
    Row {
        input: "abc",
        expect: Err(
            Code::VlanSyntax,
            r#""abc" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "-5",
        expect: Err(
            Code::VlanSyntax,
            r#""-5" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "+5",
        expect: Err(
            Code::VlanSyntax,
            r#""+5" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "1 2",
        expect: Err(
            Code::VlanSyntax,
            r#""1 2" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "１",
        expect: Err(
            Code::VlanSyntax,
            r#""１" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "12.0",
        expect: Err(
            Code::VlanSyntax,
            r#""12.0" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
    Row {
        input: "0x10",
        expect: Err(
            Code::VlanSyntax,
            r#""0x10" is not a VLAN ID: type decimal digits only, a number from 1 to 4094."#,
        ),
    },
];
