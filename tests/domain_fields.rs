//! Typed access by JSON Pointer (what a form control's `data-field` reads and edits) and the `#plan=`
//! link format: table tests, and totality on arbitrary input (a link is user input).
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::examples::{sample_microsoft_ipv6, sample_plan};
use peering_planner::domain::link::{parse_fragment, plan_fragment, FragmentPlan};
use proptest::prelude::*;

#[test]
fn every_text_pointer_reads_and_writes_the_same_value() {
    let mut doc = sample_plan();
    doc.peerings[1].ipv6 = Some(sample_microsoft_ipv6());
    let cases = [
        (
            "/circuit/subscription",
            "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e",
        ),
        ("/circuit/resourceGroup", "ExpressRouteResourceGroup"),
        ("/circuit/name", "MyCircuit"),
        ("/peerings/0/type", "AzurePrivatePeering"),
        ("/peerings/0/peerAsn", "65010"),
        ("/peerings/0/vlanId", "200"),
        ("/peerings/0/sharedKey", ""),
        ("/peerings/0/ipv4/primary", "192.168.100.128/30"),
        ("/peerings/0/ipv4/secondary", "192.168.100.132/30"),
        ("/peerings/1/ipv4/routingRegistry", "ARIN"),
        ("/peerings/1/ipv4/customerAsn", ""),
        ("/peerings/1/ipv4/routeFilter", "MyRouteFilter"),
    ];
    for (at, expected) in cases {
        assert_eq!(doc.text_at(at), Some(expected), "{at}");
        *doc.text_at_mut(at).expect(at) = format!("edited {at}");
        assert_eq!(
            doc.text_at(at),
            Some(format!("edited {at}").as_str()),
            "{at}"
        );
    }
    // The edits went where the JSON Pointer says, as the generic follower of fixes sees it.
    let json: serde_json::Value = serde_json::from_str(&doc.to_json(true)).unwrap();
    for (at, _) in cases {
        assert_eq!(
            json.pointer(at).and_then(|v| v.as_str()),
            Some(format!("edited {at}").as_str()),
            "{at}"
        );
    }
}

#[test]
fn pointers_that_name_no_text_value_give_none() {
    let mut doc = sample_plan();
    for at in [
        "",
        "circuit/name",
        "/circuit",
        "/circuit/other",
        "/peerings/7/peerAsn",
        "/peerings/x/peerAsn",
        "/peerings/0/ipv6/primary",
        "/peerings/0/ipv4/advertisedPrefixes",
        "/peerings/0/ipv9/primary",
        "/peerings/0/ipv4/primary/extra",
        "/vnetAddressSpaces",
    ] {
        assert_eq!(doc.text_at(at), None, "{at}");
        assert!(doc.text_at_mut(at).is_none(), "{at}");
    }
}

#[test]
fn lists_and_family_slots() {
    let mut doc = sample_plan();
    assert_eq!(
        doc.list_at("/vnetAddressSpaces"),
        Some(&vec!["10.1.0.0/16".to_string()])
    );
    assert_eq!(
        doc.list_at("/peerings/1/ipv4/advertisedPrefixes"),
        Some(&vec!["123.1.0.0/24".to_string()])
    );
    assert_eq!(
        doc.list_at("/peerings/1/ipv6/advertisedPrefixes"),
        None,
        "family not configured"
    );
    doc.list_at_mut("/peerings/1/ipv4/advertisedPrefixes")
        .unwrap()
        .push("123.2.0.0/24".into());
    assert_eq!(
        doc.peerings[1]
            .ipv4
            .as_ref()
            .unwrap()
            .advertised_prefixes
            .len(),
        2
    );

    assert!(doc.family_at("/peerings/0/ipv4").unwrap().is_some());
    assert!(doc.family_at("/peerings/0/ipv6").unwrap().is_none());
    assert!(doc.family_at("/peerings/2/ipv4").is_none());
    *doc.family_at_mut("/peerings/0/ipv6").unwrap() = Some(Default::default());
    assert_eq!(doc.text_at("/peerings/0/ipv6/primary"), Some(""));
}

#[test]
fn a_link_reads_back_the_plan_without_the_key() {
    let mut plan = sample_plan();
    plan.peerings[0].shared_key = "Secret123".into();
    let fragment = plan_fragment(&plan);
    assert!(!fragment.contains('='.to_string().repeat(2).as_str()));
    let FragmentPlan::Plan(back) = parse_fragment(&format!("#{fragment}&other=1")) else {
        panic!("fragment did not read back");
    };
    plan.peerings[0].shared_key.clear();
    assert_eq!(back, plan);
    assert_eq!(parse_fragment("#section-2"), FragmentPlan::None);
    assert_eq!(
        parse_fragment("#plan=%%%"),
        FragmentPlan::Unreadable(
            "this link's plan is not valid base64url: copy the whole link again.".into()
        )
    );
    assert_eq!(
        parse_fragment("#plan=_w"),
        FragmentPlan::Unreadable(
            "this link's plan is not UTF-8 text: copy the whole link again.".into()
        )
    );
    assert!(
        matches!(parse_fragment("#plan=e30"), FragmentPlan::Unreadable(m) if m.starts_with("this link holds no usable plan:"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn pointer_access_is_total(at in "(/[a-zA-Z0-9~]{0,16}){0,6}|\\PC{0,40}") {
        let mut doc = sample_plan();
        let read = doc.text_at(&at).map(str::to_string);
        prop_assert_eq!(doc.text_at_mut(&at).map(|s| s.clone()), read);
        let _ = (doc.list_at(&at), doc.family_at(&at));
        let _ = (doc.list_at_mut(&at).is_some(), doc.family_at_mut(&at).is_some());
    }

    #[test]
    fn reading_a_link_is_total(hash in "\\PC{0,200}|#plan=[A-Za-z0-9_=+/-]{0,200}") {
        let _ = parse_fragment(&hash);
    }

    #[test]
    fn links_round_trip(name in "[A-Za-z0-9_.-]{0,30}", vlan in "\\PC{0,8}") {
        let mut plan = PlanDocument::default();
        plan.circuit.name = name;
        plan.vnet_address_spaces.push(vlan);
        prop_assert_eq!(parse_fragment(&plan_fragment(&plan)), FragmentPlan::Plan(plan));
    }
}

#[test]
fn base64url_round_trips_without_padding() {
    use peering_planner::domain::link::{base64url_decode, base64url_encode};
    for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "ü€😀"] {
        let encoded = base64url_encode(text.as_bytes());
        assert!(!encoded.contains('='), "{encoded}");
        assert_eq!(base64url_decode(&encoded).unwrap(), text.as_bytes());
    }
    assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
}

#[test]
fn controls_and_fixes_read_indices_alike() {
    // RFC 6901 §4: no sign, no leading zero; apply_edit refuses these too.
    let doc = sample_plan();
    for at in [
        "/peerings/01/vlanId",
        "/peerings/+1/vlanId",
        "/peerings/-/vlanId",
    ] {
        assert_eq!(doc.text_at(at), None, "{at}");
    }
    assert_eq!(doc.text_at("/peerings/1/vlanId"), Some("300"));
}

#[test]
fn a_plan_knows_whether_it_carries_a_shared_key() {
    let mut plan = sample_plan();
    assert!(!plan.has_shared_key());
    plan.peerings[1].shared_key = "Key1".into();
    assert!(plan.has_shared_key());
    plan.strip_shared_keys();
    assert!(!plan.has_shared_key());
}
