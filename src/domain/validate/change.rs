//! Change mode (§11.1, §11.2): the plan against its baseline, through the one
//! [`PeeringChange`](crate::domain::change::PeeringChange) the emitters use too.
//! - A policy error on a value unchanged from the live peering becomes a warning, so a live circuit
//!   that breaks a stricter policy of ours can still be changed.
//! - What the change does to the live circuit is said before anyone runs it: `change.resets_bgp`,
//!   `change.family_removed`, `change.route_filter_detached`, `change.prefixes_revalidated`,
//!   `change.peering_dropped`.

use super::{peering_label, Checked, CheckedCircuit, CheckedPeering, Checker};
use crate::domain::change::{
    Consequence, FieldValue, Held, PeeringChange, PeeringField, PeeringState, Scope,
};
use crate::domain::document::PlanDocument;
use crate::domain::field::{FamilyPart, FieldPath, Link, PeeringPart};
use crate::domain::findings::{quote, Code, Finding, Severity};
use crate::domain::model::LiveBaseline;
use crate::domain::prefix::AdvertisedPrefix;

/// A checked value as one side of a change: the typed value when there is one (policy-refused values
/// included), else the text as typed.
fn held<T>(checked: &Checked<T>, text: &str, known: impl Fn(&T) -> FieldValue) -> Option<Held> {
    match &checked.value {
        Some(value) => Some(Held::Known(known(value))),
        None if text.trim().is_empty() => None,
        None => Some(Held::Unparsed(text.trim().to_string())),
    }
}

/// The same for an optional value (`Some(None)`: checked and empty).
fn held_optional<T>(
    checked: &Checked<Option<T>>,
    text: &str,
    known: impl Fn(&T) -> FieldValue,
) -> Option<Held> {
    match &checked.value {
        Some(Some(value)) => Some(Held::Known(known(value))),
        Some(None) => None,
        None if text.trim().is_empty() => None,
        None => Some(Held::Unparsed(text.trim().to_string())),
    }
}

/// What the plan's peering holds, from its checked values (the plan may still have errors).
fn planned_state(
    doc: &PlanDocument,
    checked: &CheckedPeering,
    scope: Scope,
) -> Option<PeeringState> {
    let peering_type = *checked.peering_type.clean_value()?;
    let text = doc.peerings.get(checked.index)?;
    let mut state = PeeringState::new(peering_type);
    let mut put = |field, value: Option<Held>| {
        if let Some(value) = value {
            state.values.insert(field, value);
        }
    };
    put(
        PeeringField::PeerAsn,
        held(&checked.peer_asn, &text.peer_asn, |a| FieldValue::Asn(*a)),
    );
    put(
        PeeringField::VlanId,
        held(&checked.vlan_id, &text.vlan_id, |v| FieldValue::Vlan(*v)),
    );
    if let Some(Some(key)) = &checked.shared_key.value {
        put(
            PeeringField::SharedKey,
            Some(Held::Known(FieldValue::Key(key.clone()))),
        );
    }
    for family in checked.families.iter().flatten() {
        let f = family.family;
        let Some(doc) = text.family(f).as_ref() else {
            continue;
        };
        state.families[f.slot()] = true;
        put(
            PeeringField::Link(f, Link::Primary),
            held(&family.primary, &doc.primary, |s| FieldValue::Subnet(*s)),
        );
        put(
            PeeringField::Link(f, Link::Secondary),
            held(&family.secondary, &doc.secondary, |s| {
                FieldValue::Subnet(*s)
            }),
        );
        if let Some(ms) = &family.microsoft {
            let prefixes = match &ms.prefixes.value {
                Some(list) if list.is_empty() => None,
                Some(list) => Some(Held::Known(FieldValue::Prefixes(list.clone()))),
                None => Some(Held::Unparsed(doc.advertised_prefixes.join(", "))),
            };
            put(PeeringField::AdvertisedPrefixes(f), prefixes);
            put(
                PeeringField::CustomerAsn(f),
                held_optional(&ms.customer_asn, &doc.customer_asn, |a| FieldValue::Asn(*a)),
            );
            put(
                PeeringField::RoutingRegistry(f),
                held_optional(&ms.routing_registry, &doc.routing_registry, |r| {
                    FieldValue::Registry(*r)
                }),
            );
            put(
                PeeringField::RouteFilter(f),
                held_optional(&ms.route_filter, &doc.route_filter, |r| {
                    FieldValue::RouteFilter(scope.resolve(r))
                }),
            );
        }
    }
    Some(state)
}

/// The change of each checked peering that has a live counterpart, by document index.
struct Changes {
    by_index: Vec<(usize, PeeringChange, PeeringState)>,
}

impl Changes {
    fn of(&self, index: usize) -> Option<&(usize, PeeringChange, PeeringState)> {
        self.by_index.iter().find(|(i, _, _)| *i == index)
    }

    /// Whether the value at `path` is the same in the plan and the live peering (§11.2: only then is
    /// a policy error on it downgraded). An advertised-prefix entry is unchanged when the live list
    /// holds the same prefix.
    fn unchanged(&self, doc: &PlanDocument, path: FieldPath) -> bool {
        let Some((index, field)) = PeeringField::at(path) else {
            return false;
        };
        let Some((_, change, live)) = self.of(index) else {
            return false;
        };
        if let FieldPath::Peering(_, PeeringPart::Family(f, FamilyPart::AdvertisedPrefix(k))) = path
        {
            let entry = doc
                .peerings
                .get(index)
                .and_then(|p| p.family(f).as_ref())
                .and_then(|fam| fam.advertised_prefixes.get(k));
            let parsed = entry.and_then(|text| match AdvertisedPrefix::parse_for(text, f) {
                Ok(p) => Some(p),
                Err(e) => e.policy_value(),
            });
            return match (parsed, live.known(PeeringField::AdvertisedPrefixes(f))) {
                (Some(p), Some(FieldValue::Prefixes(list))) => list.contains(&p),
                _ => false,
            };
        }
        field.family().is_none_or(|f| live.has_family(f)) && change.edit(field).is_none()
    }
}

impl Checker {
    pub(super) fn change_mode(
        &mut self,
        doc: &PlanDocument,
        circuit: &CheckedCircuit,
        baseline: &LiveBaseline,
        peerings: &[CheckedPeering],
    ) {
        let scope = Scope {
            subscription: circuit
                .subscription
                .value
                .as_ref()
                .and_then(|s| s.as_ref())
                .map(|s| s.as_str()),
            resource_group: circuit.resource_group.value.as_ref().map(|r| r.as_str()),
        };
        let mut changes = Changes {
            by_index: Vec::new(),
        };
        for checked in peerings {
            let Some(planned) = planned_state(doc, checked, scope) else {
                continue;
            };
            let Some(live) = baseline.peering(planned.peering_type) else {
                continue;
            };
            let live = PeeringState::of_live(live, scope);
            if changes.of(checked.index).is_some()
                || changes
                    .by_index
                    .iter()
                    .any(|(_, c, _)| c.peering_type == planned.peering_type)
            {
                continue; // a duplicate type: the first peering of the type is the live one's plan
            }
            if let Some(change) =
                PeeringChange::between(Some(&live), Some(&planned), Some(checked.index))
            {
                changes.by_index.push((checked.index, change, live));
            }
        }

        for raised in &mut self.raised {
            if !raised.downgradable || raised.finding.severity != Severity::Error {
                continue;
            }
            if raised.involves.iter().all(|p| changes.unchanged(doc, *p)) {
                raised.finding.severity = Severity::Warning;
                let finding = &mut raised.finding;
                finding.message = format!(
                    "{} (unchanged from the live peering, so only a warning).",
                    finding.message.trim_end_matches('.')
                );
            }
        }

        for (index, change, _) in &changes.by_index {
            let label = peering_label(*index, Some(change.peering_type));
            for consequence in change.consequences() {
                self.raise(consequence_finding(*index, &label, change, consequence));
            }
        }

        // A live peering the plan no longer holds: left alone by the script; the clean-up block
        // deletes it only when the user opts in for it.
        for live in &baseline.peerings {
            let t = live.peering_type;
            let planned = doc
                .peerings
                .iter()
                .any(|p| crate::domain::peering::PeeringType::parse(&p.peering_type) == Ok(t));
            if planned {
                continue;
            }
            self.raise(Finding::new(
                Code::ChangePeeringDropped,
                FieldPath::Peerings,
                format!(
                    "the live {t} is not in the plan: the scripts leave it as it is; the clean-up block deletes it only if you opt in for it (its BGP sessions and traffic then stop); add it back to keep it out of the clean-up."
                ),
            ));
        }
    }
}

/// The old and new value of an edit, quoted for a message.
fn from_to(change: &PeeringChange, field: PeeringField) -> (String, String) {
    let text = |held: Option<&Held>| {
        held.map(|h| quote(&h.to_string()))
            .unwrap_or_else(|| "none".into())
    };
    let edit = change.edit(field);
    (
        text(edit.and_then(|e| e.before.as_ref())),
        text(edit.and_then(|e| e.after.as_ref())),
    )
}

fn consequence_finding(
    index: usize,
    label: &str,
    change: &PeeringChange,
    consequence: Consequence,
) -> Finding {
    match consequence {
        Consequence::ResetsBgp(PeeringField::SharedKey) => Finding::new(
            Code::ChangeResetsBgp,
            PeeringField::SharedKey.path(index),
            format!(
                "the shared key changes: this resets the BGP sessions of {label}; change the key on your routers at the same time and plan a maintenance window."
            ),
        ),
        Consequence::ResetsBgp(field) => {
            let (old, new) = from_to(change, field);
            Finding::new(
                Code::ChangeResetsBgp,
                field.path(index),
                format!(
                    "{} changes from {old} to {new}: this resets the BGP sessions of {label}; plan a maintenance window.",
                    field.label()
                ),
            )
        }
        Consequence::RemovesFamily(f) => Finding::new(
            Code::ChangeFamilyRemoved,
            FieldPath::family(index, f, FamilyPart::Whole),
            format!(
                "{label} loses {f}: the update removes its live {f} settings, so its two {f} BGP sessions end and no traffic flows over {f}; keep {f} configured if you still need it."
            ),
        ),
        Consequence::DetachesRouteFilter(f) => {
            let (old, _) = from_to(change, PeeringField::RouteFilter(f));
            Finding::new(
                Code::ChangeRouteFilterDetached,
                PeeringField::RouteFilter(f).path(index),
                format!(
                    "the {f} route filter {old} is detached: {label} then receives no Microsoft prefixes over {f} until a route filter is attached again; keep it, or name the filter that replaces it."
                ),
            )
        }
        Consequence::RevalidatesPrefixes(field) => {
            let (old, new) = from_to(change, field);
            Finding::new(
                Code::ChangePrefixesRevalidated,
                field.path(index),
                format!(
                    "{} changes from {old} to {new}: Microsoft validates the advertised prefixes of {label} again, and they are not in service until advertisedPublicPrefixesState is Configured again (ValidationNeeded needs a support ticket); plan a maintenance window.",
                    field.label()
                ),
            )
        }
    }
}
