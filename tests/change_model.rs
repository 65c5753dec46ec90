//! The one change per peering (src/domain/change.rs): create is a change from nothing, a live peering the
//! plan drops a change to nothing; "unchanged" has one answer; the inverse undoes a change (the rollback);
//! the consequences are what the findings and the script comments say. And the change-mode ARM body keeps
//! the live values the plan does not model (§9).
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::change::{
    plan_changes, ChangeKind, Consequence, FamilyChange, Held, PeeringChange, PeeringField,
};
use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::field::{AddressFamily, Link};
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::model::ValidPlan;
use peering_planner::domain::peering::PeeringType;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::{arm_payloads, EmitOptions};
use serde_json::{json, Value};

const CID: &str = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/CKT";

/// A live circuit: a private peering with IPv6 disabled, and an IPv4 Microsoft peering with a route
/// filter, legacy mode and communities, as `az network express-route show` prints it.
fn live() -> Value {
    json!({
        "id": CID, "name": "CKT",
        "peerings": [
            {"name": "AzurePrivatePeering", "peeringType": "AzurePrivatePeering", "peerASN": 65010, "vlanId": 200,
             "state": "Enabled", "primaryPeerAddressPrefix": "192.168.100.128/30",
             "secondaryPeerAddressPrefix": "192.168.100.132/30",
             "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "fd00:10::/126",
                                   "secondaryPeerAddressPrefix": "fd00:10::4/126", "state": "Disabled"}},
            {"name": "MicrosoftPeering", "peeringType": "MicrosoftPeering", "peerASN": 12345, "vlanId": 300,
             "state": "Enabled", "primaryPeerAddressPrefix": "123.0.0.0/30",
             "secondaryPeerAddressPrefix": "123.0.0.4/30",
             "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24"], "customerASN": 0,
                                        "routingRegistryName": "ARIN", "legacyMode": 1,
                                        "advertisedCommunities": ["12076:5010"]},
             "routeFilter": {"id": "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/RG/providers/Microsoft.Network/routeFilters/RF"}}
        ]
    })
}

fn imported() -> PlanDocument {
    merge_import(
        &PlanDocument::default(),
        &import_live(&live().to_string()).unwrap(),
    )
}

fn plan(doc: &PlanDocument) -> ValidPlan {
    let analysis = analyze(doc);
    analysis
        .plan
        .unwrap_or_else(|| panic!("{:#?}", analysis.findings))
}

fn change_of(plan: &ValidPlan, t: PeeringType) -> PeeringChange {
    plan_changes(plan)
        .into_iter()
        .find(|c| c.peering_type == t)
        .unwrap()
}

#[test]
fn an_imported_plan_changes_nothing() {
    let plan = plan(&imported());
    for change in plan_changes(&plan) {
        assert_eq!(change.kind, ChangeKind::Unchanged, "{change:#?}");
        assert!(change.edits.is_empty());
        assert!(change.consequences().is_empty());
    }
}

#[test]
fn create_is_a_change_from_nothing_and_drop_a_change_to_nothing() {
    let mut doc = imported();
    doc.baseline.as_mut().unwrap().peerings.remove(0); // the private peering is new
    doc.peerings.remove(1); // the Microsoft peering is dropped
    let plan = plan(&doc);
    let changes = plan_changes(&plan);
    assert_eq!(changes.len(), 2);
    let create = &changes[0];
    assert_eq!(create.kind, ChangeKind::Create);
    assert_eq!(create.index, Some(0));
    assert_eq!(create.families, [FamilyChange::Added, FamilyChange::Added]);
    assert!(create
        .edits
        .iter()
        .all(|e| e.before.is_none() && e.after.is_some()));
    assert!(create.edit(PeeringField::VlanId).is_some());
    let drop = &changes[1];
    assert_eq!(drop.kind, ChangeKind::Drop);
    assert_eq!(drop.index, None);
    assert!(drop
        .edits
        .iter()
        .all(|e| e.before.is_some() && e.after.is_none()));
    // Neither is a change to a live peering: no consequence findings (they have findings of their own).
    assert!(create.consequences().is_empty() && drop.consequences().is_empty());
}

#[test]
fn consequences_name_what_happens_to_the_live_peering() {
    let mut doc = imported();
    doc.peerings[0].ipv6 = None; // removes a family
    doc.peerings[0].vlan_id = "201".into(); // resets BGP
    let ms = doc.peerings[1].ipv4.as_mut().unwrap();
    ms.route_filter.clear(); // detaches the route filter
    ms.customer_asn = "31337".into(); // Microsoft validates the prefixes again
    doc.peerings[1].peer_asn = "12346".into(); // both
    let plan = plan(&doc);
    let private = change_of(&plan, PeeringType::AzurePrivatePeering);
    assert_eq!(private.family(AddressFamily::Ipv6), FamilyChange::Removed);
    assert_eq!(
        private.consequences(),
        vec![
            Consequence::RemovesFamily(AddressFamily::Ipv6),
            Consequence::ResetsBgp(PeeringField::VlanId),
        ]
    );
    let microsoft = change_of(&plan, PeeringType::MicrosoftPeering);
    assert_eq!(
        microsoft.consequences(),
        vec![
            Consequence::ResetsBgp(PeeringField::PeerAsn),
            Consequence::RevalidatesPrefixes(PeeringField::PeerAsn),
            Consequence::RevalidatesPrefixes(PeeringField::CustomerAsn(AddressFamily::Ipv4)),
            Consequence::DetachesRouteFilter(AddressFamily::Ipv4),
        ]
    );
    // A private peering's ASN is not validated by Microsoft.
    assert!(!private
        .consequences()
        .iter()
        .any(|c| matches!(c, Consequence::RevalidatesPrefixes(_))));
}

#[test]
fn the_same_value_written_differently_is_no_change() {
    let mut doc = imported();
    doc.peerings[0].vlan_id = "0200".into();
    doc.peerings[1].peer_asn = "0.12345".into();
    doc.peerings[1].ipv4.as_mut().unwrap().primary = " 123.0.0.0/30 ".into();
    // A bare name for the live route filter's ID (same subscription and resource group), other case.
    doc.peerings[1].ipv4.as_mut().unwrap().route_filter = "rf".into();
    doc.circuit.subscription = "AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E".into();
    let plan = plan(&doc);
    for change in plan_changes(&plan) {
        assert_eq!(change.kind, ChangeKind::Unchanged, "{change:#?}");
    }
}

#[test]
fn the_key_is_write_only() {
    let mut doc = imported();
    let plan_without = plan(&doc);
    // An empty key means "unchanged" (§6), never "remove".
    assert!(change_of(&plan_without, PeeringType::AzurePrivatePeering)
        .edit(PeeringField::SharedKey)
        .is_none());
    doc.peerings[0].shared_key = "NewKey1".into();
    let plan_with = plan(&doc);
    let change = change_of(&plan_with, PeeringType::AzurePrivatePeering);
    assert_eq!(change.kind, ChangeKind::Update);
    assert!(change.edit(PeeringField::SharedKey).is_some());
    // The inverse cannot restore an unknown key: it leaves the key out.
    assert!(change.inverse().edit(PeeringField::SharedKey).is_none());
}

#[test]
fn the_inverse_undoes_the_change() {
    let mut doc = imported();
    doc.peerings[0].ipv6 = None;
    doc.peerings[0].ipv4.as_mut().unwrap().secondary = "192.168.100.136/30".into();
    let plan = plan(&doc);
    let change = change_of(&plan, PeeringType::AzurePrivatePeering);
    let back = change.inverse();
    assert_eq!(back.family(AddressFamily::Ipv6), FamilyChange::Added);
    let edit = back
        .edit(PeeringField::Link(AddressFamily::Ipv4, Link::Secondary))
        .unwrap();
    assert_eq!(
        edit.after.as_ref().map(Held::to_string).as_deref(),
        Some("192.168.100.132/30")
    );
    assert_eq!(
        edit.before.as_ref().map(Held::to_string).as_deref(),
        Some("192.168.100.136/30")
    );
    // The inverse of the inverse is the change (the key aside).
    assert_eq!(back.inverse(), change);
}

/// §9 / live-safety: a change-mode body is the whole peering as planned plus what the plan does not
/// model, so a PUT neither re-enables a disabled family nor drops legacy mode or communities.
#[test]
fn the_change_mode_body_carries_the_live_values_the_plan_does_not_model() {
    let doc = imported();
    let live_plan = plan(&doc);
    let payloads = arm_payloads(&live_plan, &EmitOptions::default());
    let body = |t: &str| -> Value {
        let p = payloads
            .iter()
            .find(|p| p.peering_type.as_str() == t)
            .unwrap();
        serde_json::from_str(&p.body).unwrap()
    };
    let private = body("AzurePrivatePeering");
    assert_eq!(private["properties"]["state"], json!("Enabled"));
    assert_eq!(
        private["properties"]["ipv6PeeringConfig"]["state"],
        json!("Disabled"),
        "a disabled family stays disabled"
    );
    let microsoft = body("MicrosoftPeering");
    assert_eq!(
        microsoft["properties"]["microsoftPeeringConfig"]["legacyMode"],
        json!(1)
    );
    assert_eq!(
        microsoft["properties"]["microsoftPeeringConfig"]["advertisedCommunities"],
        json!(["12076:5010"])
    );
    // A family the plan adds is Enabled; the carried values of a family the plan drops are not sent.
    let mut doc = imported();
    doc.peerings[0].ipv6 = None;
    let dropped = plan(&doc);
    let payloads = arm_payloads(&dropped, &EmitOptions::default());
    let private: Value = serde_json::from_str(&payloads[0].body).unwrap();
    assert!(private["properties"].get("ipv6PeeringConfig").is_none());
    // Without a baseline (create mode), every family is Enabled and nothing is carried.
    let mut doc = imported();
    doc.baseline = None;
    let created = plan(&doc);
    let payloads = arm_payloads(&created, &EmitOptions::default());
    let private: Value = serde_json::from_str(&payloads[0].body).unwrap();
    assert_eq!(
        private["properties"]["ipv6PeeringConfig"]["state"],
        json!("Enabled")
    );
    let microsoft: Value = serde_json::from_str(&payloads[1].body).unwrap();
    assert!(microsoft["properties"]["microsoftPeeringConfig"]
        .get("legacyMode")
        .is_none());
}

#[test]
fn the_import_keeps_the_values_a_put_must_carry() {
    let doc = imported();
    let baseline = doc.baseline.unwrap();
    let private = &baseline.peerings[0].live_properties;
    assert_eq!(private.get("state"), Some(&json!("Enabled")));
    assert_eq!(
        private.get("ipv6PeeringConfig.state"),
        Some(&json!("Disabled"))
    );
    let microsoft = &baseline.peerings[1].live_properties;
    assert_eq!(
        microsoft.get("microsoftPeeringConfig.legacyMode"),
        Some(&json!(1))
    );
    assert_eq!(
        microsoft.get("microsoftPeeringConfig.advertisedCommunities"),
        Some(&json!(["12076:5010"]))
    );
    // It survives the plan file and the link (version 1 stays readable without it).
    let again = PlanDocument::from_json(&imported().to_json(false)).unwrap();
    assert_eq!(again, imported());
}
