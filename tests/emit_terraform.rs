//! The Terraform output (src/emit/terraform.rs, README "Terraform") beyond its golden files: the
//! provider's surprises it must answer (a live key it cannot read, a route filter that azurerm's update
//! does not send alone, a plan without a subscription). tests/terraform/check_tf.py checks every golden
//! main.tf with a real HCL2 parser against azurerm 4.x's schema and our ARM bodies.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::import::{import_live, merge_import};
use peering_planner::domain::validate::analyze;
use peering_planner::emit::terraform::terraform;
use peering_planner::emit::EmitOptions;
use serde_json::Value;

fn golden(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/golden/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The Terraform of a plan document given as JSON.
fn tf_of(doc: &Value, inline_shared_key: bool) -> String {
    let doc = PlanDocument::from_json(&doc.to_string()).unwrap();
    let analysis = analyze(&doc);
    let plan = analysis
        .plan
        .unwrap_or_else(|| panic!("{:#?}", analysis.findings));
    terraform(&plan, &EmitOptions { inline_shared_key })
}

/// The change-mode document of a live circuit JSON, as the page's import makes it.
fn imported(live: &str) -> Value {
    let import = import_live(live).unwrap();
    let doc = merge_import(&PlanDocument::default(), &import);
    serde_json::from_str(&doc.to_json(true)).unwrap()
}

/// Whether some line sets `name = value` (whatever the alignment terraform fmt gives it).
fn has_attr(tf: &str, name: &str, value: &str) -> bool {
    tf.lines().any(|l| {
        l.trim_start()
            .strip_prefix(name)
            .and_then(|rest| rest.trim_start().strip_prefix("= "))
            == Some(value)
    })
}

fn microsoft_live() -> Value {
    imported(&golden("change/change-microsoft-prefixes/live.json"))
}

#[test]
fn a_route_filter_edit_alone_on_a_live_peering_gets_the_note_and_a_check() {
    let mut doc = microsoft_live();
    doc["peerings"][0]["ipv4"]["routeFilter"] = Value::from("OtherFilter");
    let tf = tf_of(&doc, false);
    assert!(
        tf.contains("# This plan changes only the IPv4 route filter"),
        "{tf}"
    );
    assert!(tf.contains("check \"microsoft_route_filter\" {"), "{tf}");
    assert!(
        tf.contains("condition     = lower(azurerm_express_route_circuit_peering.microsoft.route_filter_id) == lower(\"/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/OtherFilter\")"),
        "{tf}"
    );
    // Detaching it is the same pitfall: the check then wants no filter.
    doc["peerings"][0]["ipv4"]["routeFilter"] = Value::from("");
    let tf = tf_of(&doc, false);
    assert!(tf.contains("route_filter_id) == lower(\"\")"), "{tf}");
}

#[test]
fn a_route_filter_edit_with_a_microsoft_config_edit_needs_no_check() {
    let mut doc = microsoft_live();
    doc["peerings"][0]["ipv4"]["routeFilter"] = Value::from("OtherFilter");
    doc["peerings"][0]["ipv4"]["advertisedPrefixes"] =
        serde_json::json!(["123.1.0.0/24", "123.2.0.0/24"]);
    let tf = tf_of(&doc, false);
    assert!(!tf.contains("check \""), "{tf}");
    assert!(!tf.contains("changes only the IPv4 route filter"), "{tf}");
    // Nothing edited: no check either.
    assert!(!tf_of(&microsoft_live(), false).contains("check \""));
}

#[test]
fn a_live_peering_without_a_planned_key_asks_for_the_key_it_uses_today() {
    let tf = tf_of(&microsoft_live(), false);
    assert!(
        tf.contains("variable \"er_shared_key_microsoft\" {"),
        "{tf}"
    );
    assert!(
        has_attr(
            &tf,
            "shared_key",
            "var.er_shared_key_microsoft != \"\" ? var.er_shared_key_microsoft : null"
        ),
        "{tf}"
    );
    assert!(
        tf.contains("can(regex(\"^[A-Za-z0-9]{0,25}$\", var.er_shared_key_microsoft))"),
        "{tf}"
    );
    assert!(
        !tf.contains("default"),
        "no default: the user must say what the key is\n{tf}"
    );
    assert!(tf.contains("import {\n  to = azurerm_express_route_circuit_peering.microsoft\n  id = \"/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/MicrosoftPeering\"\n}"), "{tf}");
}

#[test]
fn the_key_is_a_variable_default_only_when_ticked() {
    let mut doc: Value = serde_json::from_str(&golden("plans/private-dual.json")).unwrap();
    doc["peerings"][0]["sharedKey"] = Value::from("Abc123xyz");
    let hidden = tf_of(&doc, false);
    assert!(!hidden.contains("Abc123xyz"), "{hidden}");
    assert!(hidden.contains("TF_VAR_er_shared_key_private"), "{hidden}");
    let shown = tf_of(&doc, true);
    assert_eq!(shown.matches("Abc123xyz").count(), 1, "{shown}");
    assert!(has_attr(&shown, "default", "\"Abc123xyz\""), "{shown}");
    assert!(has_attr(&shown, "sensitive", "true"), "{shown}");
}

#[test]
fn without_a_subscription_ids_read_it_from_the_provider() {
    let mut doc = microsoft_live();
    doc["circuit"]["subscription"] = Value::from("");
    doc["peerings"][0]["ipv4"]["routeFilter"] = Value::from("MyRouteFilter");
    let tf = tf_of(&doc, false);
    assert!(
        tf.contains("data \"azurerm_client_config\" \"current\" {}"),
        "{tf}"
    );
    assert!(tf.contains("id = \"/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/MicrosoftPeering\""), "{tf}");
    assert!(tf.contains("azurerm takes ARM_SUBSCRIPTION_ID"), "{tf}");
    assert!(!tf.contains("subscription_id = \""), "{tf}");
}

#[test]
fn an_ipv6_only_peering_turns_ipv4_off_and_has_no_ipv4_arguments() {
    let tf = golden("microsoft-ipv6-only/main.tf");
    let generated = {
        let doc: Value = serde_json::from_str(&golden("plans/microsoft-ipv6-only.json")).unwrap();
        tf_of(&doc, false)
    };
    assert_eq!(generated, tf);
    assert!(has_attr(&tf, "ipv4_enabled", "false"), "{tf}");
    assert!(!tf.contains("microsoft_peering_config"), "{tf}");
    assert!(tf.contains("ipv6 {"), "{tf}");
}
