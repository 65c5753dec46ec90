//! The typed results: the [`ValidPlan`] once no error is left, and the typed baseline (change mode).

use super::{CheckedCircuit, CheckedPeering};
use crate::domain::asn::Asn;
use crate::domain::document::{Baseline, FamilyDoc};
use crate::domain::field::AddressFamily;
use crate::domain::model::{
    Circuit, Families, Links, LiveBaseline, LiveFamily, LivePeering, LiveValue, MicrosoftFamily,
    Peering, PeeringKind, PrivateFamily, ValidPlan,
};
use crate::domain::names::RouteFilterRef;
use crate::domain::peering::PeeringType;
use crate::domain::prefix::AdvertisedPrefix;
use crate::domain::registry::RoutingRegistry;
use crate::domain::router::RouterPlan;
use crate::domain::subnet::LinkSubnet;
use crate::domain::vlan::VlanId;

/// The typed plan; `None` if some value is missing, which cannot happen once no error is left (every
/// missing value raised an error that change mode never downgrades).
pub(super) fn valid_plan(
    circuit: CheckedCircuit,
    peerings: &[CheckedPeering],
    routers: Option<RouterPlan>,
) -> Option<ValidPlan> {
    let circuit = Circuit {
        subscription: circuit.subscription.value?,
        resource_group: circuit.resource_group.value?,
        name: circuit.name.value?,
    };
    let mut valid = Vec::with_capacity(peerings.len());
    for peering in peerings {
        let links = |slot: usize| -> Option<Option<Links>> {
            let Some(checked) = &peering.families[slot] else {
                return Some(None);
            };
            Some(Some(Links {
                primary: checked.primary.value?,
                secondary: checked.secondary.value?,
            }))
        };
        let microsoft = |slot: usize| -> Option<Option<MicrosoftFamily>> {
            let Some(checked) = &peering.families[slot] else {
                return Some(None);
            };
            let m = checked.microsoft.as_ref()?;
            Some(Some(MicrosoftFamily {
                links: links(slot)??,
                advertised_prefixes: m.prefixes.value.clone()?,
                customer_asn: m.customer_asn.value?,
                routing_registry: m.routing_registry.value?,
                route_filter: filter_reference(
                    m.route_filter.value.clone()?,
                    m.filter_rule.value.as_ref()?.as_ref(),
                    &circuit,
                ),
                filter_rule: m.filter_rule.value.clone()?,
            }))
        };
        let private = |slot: usize| -> Option<Option<PrivateFamily>> {
            let Some(checked) = &peering.families[slot] else {
                return Some(None);
            };
            Some(Some(PrivateFamily {
                links: links(slot)??,
                on_premises: checked.on_premises.as_ref()?.prefixes.value.clone()?,
            }))
        };
        let kind = match peering.peering_type.value? {
            PeeringType::AzurePrivatePeering => {
                PeeringKind::Private(Families::from_options(private(0)?, private(1)?)?)
            }
            PeeringType::MicrosoftPeering => PeeringKind::Microsoft(Box::new(
                Families::from_options(microsoft(0)?, microsoft(1)?)?,
            )),
        };
        valid.push(Peering {
            index: peering.index,
            peer_asn: peering.peer_asn.value?,
            vlan_id: peering.vlan_id.value?,
            shared_key: peering.shared_key.value.clone()?,
            kind,
        });
    }
    Some(ValidPlan {
        circuit,
        peerings: valid,
        routers: routers?,
        baseline: None,
    })
}

/// The reference the peering attaches: a planned filter in another resource group than the circuit's,
/// named by its name alone, becomes its full ID (validation made sure the subscription is known).
fn filter_reference(
    reference: Option<RouteFilterRef>,
    planned: Option<&crate::domain::model::PlannedFilter>,
    circuit: &Circuit,
) -> Option<RouteFilterRef> {
    match (
        reference,
        planned.and_then(|p| p.resource_group.as_ref()),
        &circuit.subscription,
    ) {
        (Some(RouteFilterRef::Name(name)), Some(rg), Some(subscription))
            if !rg
                .as_str()
                .eq_ignore_ascii_case(circuit.resource_group.as_str()) =>
        {
            Some(RouteFilterRef::Id {
                subscription: subscription.clone(),
                resource_group: rg.clone(),
                name,
            })
        }
        (reference, _, _) => reference,
    }
}

/// A live advertised prefix, leniently: a prefix refused only by policy (not public) is still known.
fn live_prefix(text: &str, family: AddressFamily) -> Option<AdvertisedPrefix> {
    match AdvertisedPrefix::parse_for(text, family) {
        Ok(prefix) => Some(prefix),
        Err(e) => e.policy_value(),
    }
}

/// The typed baseline (change mode), parsed leniently: a live value that does not parse is
/// [`LiveValue::Unparsed`]; a live peering whose type does not parse is left out (the retired
/// AzurePublicPeering), and so is a second live peering of the same type.
pub fn live_baseline(baseline: &Baseline) -> LiveBaseline {
    let family = |doc: &Option<FamilyDoc>, family: AddressFamily| -> Option<LiveFamily> {
        let doc = doc.as_ref()?;
        let prefixes = if doc.advertised_prefixes.is_empty() {
            LiveValue::Absent
        } else {
            let parsed: Option<Vec<AdvertisedPrefix>> = doc
                .advertised_prefixes
                .iter()
                .map(|p| live_prefix(p, family))
                .collect();
            match parsed {
                Some(list) => LiveValue::Known(list),
                None => LiveValue::Unparsed(doc.advertised_prefixes.join(", ")),
            }
        };
        Some(LiveFamily {
            primary: LiveValue::read(&doc.primary, |t| LinkSubnet::parse_for(t, family)),
            secondary: LiveValue::read(&doc.secondary, |t| LinkSubnet::parse_for(t, family)),
            advertised_prefixes: prefixes,
            customer_asn: LiveValue::read(&doc.customer_asn, Asn::parse),
            routing_registry: LiveValue::read(&doc.routing_registry, RoutingRegistry::parse),
            route_filter: LiveValue::read(&doc.route_filter, RouteFilterRef::parse),
        })
    };
    let mut peerings: Vec<LivePeering> = Vec::new();
    for live in &baseline.peerings {
        let doc = &live.peering;
        let Ok(peering_type) = PeeringType::parse(&doc.peering_type) else {
            continue;
        };
        if peerings.iter().any(|p| p.peering_type == peering_type) {
            continue;
        }
        peerings.push(LivePeering {
            peering_type,
            peer_asn: LiveValue::read(&doc.peer_asn, Asn::parse),
            vlan_id: LiveValue::read(&doc.vlan_id, VlanId::parse),
            ipv4: family(&doc.ipv4, AddressFamily::Ipv4),
            ipv6: family(&doc.ipv6, AddressFamily::Ipv6),
            connections: live.connections.clone(),
            live_properties: live
                .live_properties
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            raw: {
                let mut raw = doc.clone();
                raw.shared_key.clear();
                raw
            },
        });
    }
    let route_filters = baseline
        .route_filters
        .iter()
        .map(|f| crate::domain::model::LiveFilter {
            name: f.name.trim().to_string(),
            resource_group: f.resource_group.trim().to_string(),
            location: f.location.trim().to_string(),
            rule_name: f.rule_name.trim().to_string(),
            communities: f.communities.iter().map(|c| c.trim().to_string()).collect(),
        })
        .collect();
    LiveBaseline {
        peerings,
        route_filters,
    }
}
