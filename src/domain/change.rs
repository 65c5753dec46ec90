//! One change per peering, from what is live to what the plan wants (§8, §9, §11.2). Creating a peering
//! is a change from nothing; deleting one (a live peering the plan drops) is a change to nothing. The
//! validator reads the change for its `change.*` findings, and every emitter builds its commands from
//! it, so "is this value unchanged?" has exactly one answer: [`FieldValue::same`].
//!
//! A peering is seen as a flat [`PeeringState`]: one entry per [`PeeringField`] it holds. The planned
//! state comes from the typed plan (or, while the plan still has errors, from the values that parsed);
//! the live state from the imported baseline.

use super::asn::Asn;
use super::field::{AddressFamily, FamilyPart, FieldPath, Link, PeeringPart};
use super::key::SharedKey;
use super::model::{Circuit, LiveFamily, LivePeering, LiveValue, Peering, ValidPlan};
use super::names::RouteFilterRef;
use super::peering::PeeringType;
use super::prefix::AdvertisedPrefix;
use super::registry::RoutingRegistry;
use super::subnet::LinkSubnet;
use super::vlan::VlanId;
use std::collections::BTreeMap;
use std::fmt;

/// A value of a peering that a plan sets and a change edits (the writable properties of §9 we plan).
/// Declared in the order of the document, which is also the order of every table and command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeeringField {
    PeerAsn,
    VlanId,
    SharedKey,
    Link(AddressFamily, Link),
    AdvertisedPrefixes(AddressFamily),
    CustomerAsn(AddressFamily),
    RoutingRegistry(AddressFamily),
    RouteFilter(AddressFamily),
}

impl PeeringField {
    /// Every field of a peering, in document order.
    pub fn all() -> Vec<PeeringField> {
        let mut all = vec![
            PeeringField::PeerAsn,
            PeeringField::VlanId,
            PeeringField::SharedKey,
        ];
        for f in AddressFamily::ALL {
            all.extend(PeeringField::of_family(f));
        }
        all
    }

    /// The fields of one family, in document order.
    pub fn of_family(f: AddressFamily) -> [PeeringField; 6] {
        [
            PeeringField::Link(f, Link::Primary),
            PeeringField::Link(f, Link::Secondary),
            PeeringField::AdvertisedPrefixes(f),
            PeeringField::CustomerAsn(f),
            PeeringField::RoutingRegistry(f),
            PeeringField::RouteFilter(f),
        ]
    }

    /// The family the field belongs to (`None` for the peering-wide ASN, VLAN and key).
    pub fn family(self) -> Option<AddressFamily> {
        match self {
            PeeringField::PeerAsn | PeeringField::VlanId | PeeringField::SharedKey => None,
            PeeringField::Link(f, _)
            | PeeringField::AdvertisedPrefixes(f)
            | PeeringField::CustomerAsn(f)
            | PeeringField::RoutingRegistry(f)
            | PeeringField::RouteFilter(f) => Some(f),
        }
    }

    /// Microsoft peering only (§5, §7 `field.ignored` on private peering).
    pub fn is_microsoft_only(self) -> bool {
        matches!(
            self,
            PeeringField::AdvertisedPrefixes(_)
                | PeeringField::CustomerAsn(_)
                | PeeringField::RoutingRegistry(_)
                | PeeringField::RouteFilter(_)
        )
    }

    /// Where the field is in the plan document, for the peering at `index`.
    pub fn path(self, index: usize) -> FieldPath {
        let part = match self {
            PeeringField::PeerAsn => PeeringPart::PeerAsn,
            PeeringField::VlanId => PeeringPart::VlanId,
            PeeringField::SharedKey => PeeringPart::SharedKey,
            PeeringField::Link(f, link) => PeeringPart::Family(f, FamilyPart::Link(link)),
            PeeringField::AdvertisedPrefixes(f) => {
                PeeringPart::Family(f, FamilyPart::AdvertisedPrefixes)
            }
            PeeringField::CustomerAsn(f) => PeeringPart::Family(f, FamilyPart::CustomerAsn),
            PeeringField::RoutingRegistry(f) => PeeringPart::Family(f, FamilyPart::RoutingRegistry),
            PeeringField::RouteFilter(f) => PeeringPart::Family(f, FamilyPart::RouteFilter),
        };
        FieldPath::Peering(index, part)
    }

    /// The field a document path names (a prefix entry names its list); `None` for anything else.
    pub fn at(path: FieldPath) -> Option<(usize, PeeringField)> {
        let FieldPath::Peering(index, part) = path else {
            return None;
        };
        let field = match part {
            PeeringPart::PeerAsn => PeeringField::PeerAsn,
            PeeringPart::VlanId => PeeringField::VlanId,
            PeeringPart::SharedKey => PeeringField::SharedKey,
            PeeringPart::Family(f, part) => match part {
                FamilyPart::Link(link) => PeeringField::Link(f, link),
                FamilyPart::AdvertisedPrefixes | FamilyPart::AdvertisedPrefix(_) => {
                    PeeringField::AdvertisedPrefixes(f)
                }
                FamilyPart::CustomerAsn => PeeringField::CustomerAsn(f),
                FamilyPart::RoutingRegistry => PeeringField::RoutingRegistry(f),
                FamilyPart::RouteFilter => PeeringField::RouteFilter(f),
                // Router side, or the route filter's own resource: no value of the peering.
                FamilyPart::Whole
                | FamilyPart::OnPremisesPrefixes
                | FamilyPart::OnPremisesPrefix(_)
                | FamilyPart::FilterRule
                | FamilyPart::FilterRuleField(_)
                | FamilyPart::Communities
                | FamilyPart::Community(_) => return None,
            },
            PeeringPart::Whole | PeeringPart::Type => return None,
        };
        Some((index, field))
    }

    /// For messages: "the VLAN ID", "the primary IPv4 link subnet", "the IPv6 customer ASN".
    pub fn label(self) -> String {
        match self {
            PeeringField::PeerAsn => "the peer ASN".into(),
            PeeringField::VlanId => "the VLAN ID".into(),
            PeeringField::SharedKey => "the shared key".into(),
            PeeringField::Link(f, link) => format!("the {} {f} link subnet", link.key()),
            PeeringField::AdvertisedPrefixes(f) => format!("the {f} advertised prefixes"),
            PeeringField::CustomerAsn(f) => format!("the {f} customer ASN"),
            PeeringField::RoutingRegistry(f) => format!("the {f} routing registry"),
            PeeringField::RouteFilter(f) => format!("the {f} route filter"),
        }
    }
}

/// A route filter with the circuit context that resolves a bare name (§7: a name means "in the
/// circuit's resource group and subscription", which is how az resolves `--route-filter NAME`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteFilter {
    pub reference: RouteFilterRef,
    /// Lower case; `None` when unknown (a bare name and no subscription in the plan).
    subscription: Option<String>,
    /// Lower case; `None` when unknown (a bare name and no valid resource group in the plan).
    resource_group: Option<String>,
    name: String,
}

impl RouteFilter {
    /// `subscription` and `resource_group` are the circuit's, for a bare name.
    pub fn resolve(
        reference: &RouteFilterRef,
        subscription: Option<&str>,
        resource_group: Option<&str>,
    ) -> RouteFilter {
        let lower = |s: &str| s.to_ascii_lowercase();
        let (subscription, resource_group, name) = reference.parts(subscription, resource_group);
        RouteFilter {
            reference: reference.clone(),
            subscription: subscription.map(lower),
            resource_group: resource_group.map(lower),
            name: lower(name),
        }
    }

    /// The same resource (ARM IDs compare case-insensitively). An unknown subscription matches any,
    /// otherwise every run would report a change for a bare name and no subscription in the plan.
    fn same(&self, other: &RouteFilter) -> bool {
        let same_sub = match (&self.subscription, &other.subscription) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        same_sub
            && self.resource_group.is_some()
            && self.resource_group == other.resource_group
            && self.name == other.name
    }
}

/// One field's value, canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Asn(Asn),
    Vlan(VlanId),
    Key(SharedKey),
    Subnet(LinkSubnet),
    Prefixes(Vec<AdvertisedPrefix>),
    Registry(RoutingRegistry),
    RouteFilter(RouteFilter),
}

impl FieldValue {
    /// The one answer to "is this the same value?" (§11.2 change mode). Prefix lists compare in order
    /// (the order is what goes out); route filters as resources.
    pub fn same(&self, other: &FieldValue) -> bool {
        match (self, other) {
            (FieldValue::RouteFilter(a), FieldValue::RouteFilter(b)) => a.same(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for FieldValue {
    /// The canonical text (never the shared key itself).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Asn(a) => write!(f, "{a}"),
            FieldValue::Vlan(v) => write!(f, "{v}"),
            FieldValue::Key(_) => f.write_str("a new key"),
            FieldValue::Subnet(s) => write!(f, "{s}"),
            FieldValue::Prefixes(list) => {
                let texts: Vec<String> = list.iter().map(|p| p.to_string()).collect();
                f.write_str(&texts.join(", "))
            }
            FieldValue::Registry(r) => f.write_str(r.as_str()),
            FieldValue::RouteFilter(r) => write!(f, "{}", r.reference),
        }
    }
}

/// A field's value on one side of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    Known(FieldValue),
    /// A value that did not parse, as typed or imported (trimmed).
    Unparsed(String),
}

impl Held {
    pub fn known(&self) -> Option<&FieldValue> {
        match self {
            Held::Known(v) => Some(v),
            Held::Unparsed(_) => None,
        }
    }
    fn same(&self, other: &Held) -> bool {
        match (self, other) {
            (Held::Known(a), Held::Known(b)) => a.same(b),
            (Held::Unparsed(a), Held::Unparsed(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Held::Known(v) => write!(f, "{v}"),
            Held::Unparsed(text) => f.write_str(text),
        }
    }
}

/// What one peering holds, field by field (planned or live).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeeringState {
    pub peering_type: PeeringType,
    /// Which families are configured, by [`AddressFamily::slot`].
    pub families: [bool; 2],
    pub values: BTreeMap<PeeringField, Held>,
}

impl PeeringState {
    pub fn new(peering_type: PeeringType) -> PeeringState {
        PeeringState {
            peering_type,
            families: [false; 2],
            values: BTreeMap::new(),
        }
    }

    pub fn get(&self, field: PeeringField) -> Option<&Held> {
        self.values.get(&field)
    }

    pub fn known(&self, field: PeeringField) -> Option<&FieldValue> {
        self.get(field)?.known()
    }

    pub fn has_family(&self, family: AddressFamily) -> bool {
        self.families[family.slot()]
    }

    pub fn set(&mut self, field: PeeringField, value: FieldValue) {
        self.values.insert(field, Held::Known(value));
    }

    /// What a planned peering holds; the circuit resolves bare route filter names.
    pub fn of_plan(peering: &Peering, circuit: &Circuit) -> PeeringState {
        let scope = Scope::of(circuit);
        let mut state = PeeringState::new(peering.peering_type());
        state.set(PeeringField::PeerAsn, FieldValue::Asn(peering.peer_asn));
        state.set(PeeringField::VlanId, FieldValue::Vlan(peering.vlan_id));
        if let Some(key) = &peering.shared_key {
            state.set(PeeringField::SharedKey, FieldValue::Key(key.clone()));
        }
        for (f, links) in peering.links().iter() {
            state.families[f.slot()] = true;
            for link in Link::ALL {
                state.set(
                    PeeringField::Link(f, link),
                    FieldValue::Subnet(links.get(link)),
                );
            }
            if let Some(ms) = peering.microsoft(f) {
                if !ms.advertised_prefixes.is_empty() {
                    state.set(
                        PeeringField::AdvertisedPrefixes(f),
                        FieldValue::Prefixes(ms.advertised_prefixes.clone()),
                    );
                }
                if let Some(asn) = ms.customer_asn {
                    state.set(PeeringField::CustomerAsn(f), FieldValue::Asn(asn));
                }
                if let Some(registry) = ms.routing_registry {
                    state.set(
                        PeeringField::RoutingRegistry(f),
                        FieldValue::Registry(registry),
                    );
                }
                if let Some(filter) = &ms.route_filter {
                    state.set(
                        PeeringField::RouteFilter(f),
                        FieldValue::RouteFilter(scope.resolve(filter)),
                    );
                }
            }
        }
        state
    }

    /// What a live peering holds, as imported (never a key: `show` does not give it back, §6).
    pub fn of_live(live: &LivePeering, scope: Scope) -> PeeringState {
        let mut state = PeeringState::new(live.peering_type);
        let put = |state: &mut PeeringState, field, held: Option<Held>| {
            if let Some(held) = held {
                state.values.insert(field, held);
            }
        };
        put(
            &mut state,
            PeeringField::PeerAsn,
            held(&live.peer_asn, |a| FieldValue::Asn(*a)),
        );
        put(
            &mut state,
            PeeringField::VlanId,
            held(&live.vlan_id, |v| FieldValue::Vlan(*v)),
        );
        let microsoft = live.peering_type.is_microsoft();
        for f in AddressFamily::ALL {
            let Some(family) = live.family(f) else {
                continue;
            };
            state.families[f.slot()] = true;
            put(
                &mut state,
                PeeringField::Link(f, Link::Primary),
                held(&family.primary, |s| FieldValue::Subnet(*s)),
            );
            put(
                &mut state,
                PeeringField::Link(f, Link::Secondary),
                held(&family.secondary, |s| FieldValue::Subnet(*s)),
            );
            if microsoft {
                live_microsoft(&mut state, f, family, scope);
            }
        }
        state
    }
}

fn live_microsoft(state: &mut PeeringState, f: AddressFamily, family: &LiveFamily, scope: Scope) {
    let entries = [
        (
            PeeringField::AdvertisedPrefixes(f),
            match &family.advertised_prefixes {
                LiveValue::Known(list) if list.is_empty() => None,
                other => held(other, |list: &Vec<AdvertisedPrefix>| {
                    FieldValue::Prefixes(list.clone())
                }),
            },
        ),
        (
            PeeringField::CustomerAsn(f),
            held(&family.customer_asn, |a| FieldValue::Asn(*a)),
        ),
        (
            PeeringField::RoutingRegistry(f),
            held(&family.routing_registry, |r| FieldValue::Registry(*r)),
        ),
        (
            PeeringField::RouteFilter(f),
            held(&family.route_filter, |r: &RouteFilterRef| {
                FieldValue::RouteFilter(scope.resolve(r))
            }),
        ),
    ];
    for (field, value) in entries {
        if let Some(value) = value {
            state.values.insert(field, value);
        }
    }
}

/// A typed live value as a [`Held`] (`None` when absent).
fn held<T>(value: &LiveValue<T>, known: impl Fn(&T) -> FieldValue) -> Option<Held> {
    match value {
        LiveValue::Absent => None,
        LiveValue::Known(v) => Some(Held::Known(known(v))),
        LiveValue::Unparsed(text) => Some(Held::Unparsed(text.clone())),
    }
}

/// The circuit's subscription and resource group, where a bare route filter name lives (§7); either
/// may be unknown while the plan has errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub subscription: Option<&'a str>,
    pub resource_group: Option<&'a str>,
}

impl<'a> Scope<'a> {
    pub fn of(circuit: &'a Circuit) -> Scope<'a> {
        Scope {
            subscription: circuit.subscription.as_ref().map(|s| s.as_str()),
            resource_group: Some(circuit.resource_group.as_str()),
        }
    }
    pub fn resolve(self, filter: &RouteFilterRef) -> RouteFilter {
        RouteFilter::resolve(filter, self.subscription, self.resource_group)
    }
}

/// How a family of a peering changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyChange {
    Absent,
    Added,
    Removed,
    Kept,
}

/// What happens to a peering as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Not live: the plan creates it.
    Create,
    /// Live and planned, with edits.
    Update,
    /// Live and planned, nothing to do.
    Unchanged,
    /// Live, and the plan no longer holds it.
    Drop,
}

/// One field that differs. `before` is `None` when the field was not set (or the peering did not
/// exist); `after` is `None` when the change clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: PeeringField,
    pub before: Option<Held>,
    pub after: Option<Held>,
}

/// Something a change does to a live peering that the user must know before running it (§11.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consequence {
    /// A VLAN, link subnet, ASN or key change: the BGP sessions go down and come back.
    ResetsBgp(PeeringField),
    /// A family the live peering has is removed: its BGP sessions end.
    RemovesFamily(AddressFamily),
    /// A Microsoft peering's route filter is detached: no Microsoft prefixes until one is attached.
    DetachesRouteFilter(AddressFamily),
    /// A peer ASN, customer ASN or registry change on Microsoft peering: Microsoft validates the
    /// advertised prefixes again (`advertisedPublicPrefixesState` leaves `Configured` until it is done).
    RevalidatesPrefixes(PeeringField),
}

/// The change of one peering from live to planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeeringChange {
    pub peering_type: PeeringType,
    /// Position in the plan's `peerings`; `None` for a live peering the plan drops.
    pub index: Option<usize>,
    pub kind: ChangeKind,
    /// By [`AddressFamily::slot`].
    pub families: [FamilyChange; 2],
    /// Every field that differs, in document order (the fields of an added or removed family too).
    pub edits: Vec<FieldEdit>,
}

impl PeeringChange {
    /// The change from `live` (or nothing) to `planned` (or nothing).
    pub fn between(
        live: Option<&PeeringState>,
        planned: Option<&PeeringState>,
        index: Option<usize>,
    ) -> Option<PeeringChange> {
        let peering_type = planned.or(live)?.peering_type;
        let empty = PeeringState::new(peering_type);
        let before = live.unwrap_or(&empty);
        let after = planned.unwrap_or(&empty);
        let families =
            AddressFamily::ALL.map(|f| match (before.has_family(f), after.has_family(f)) {
                (false, false) => FamilyChange::Absent,
                (false, true) => FamilyChange::Added,
                (true, false) => FamilyChange::Removed,
                (true, true) => FamilyChange::Kept,
            });
        let mut edits = Vec::new();
        for field in PeeringField::all() {
            let (b, a) = (before.get(field), after.get(field));
            let same = match (b, a) {
                (None, None) => true,
                (Some(x), Some(y)) => x.same(y),
                _ => false,
            };
            // §6: the key is write-only: an empty planned key means "unchanged", never "remove".
            if same || (field == PeeringField::SharedKey && a.is_none()) {
                continue;
            }
            edits.push(FieldEdit {
                field,
                before: b.cloned(),
                after: a.cloned(),
            });
        }
        let kind = match (live, planned) {
            (None, _) => ChangeKind::Create,
            (Some(_), None) => ChangeKind::Drop,
            (Some(_), Some(_)) if edits.is_empty() => ChangeKind::Unchanged,
            (Some(_), Some(_)) => ChangeKind::Update,
        };
        Some(PeeringChange {
            peering_type,
            index,
            kind,
            families,
            edits,
        })
    }

    pub fn family(&self, family: AddressFamily) -> FamilyChange {
        self.families[family.slot()]
    }

    pub fn edit(&self, field: PeeringField) -> Option<&FieldEdit> {
        self.edits.iter().find(|e| e.field == field)
    }

    /// The change that undoes this one (a rollback): before and after swap. The shared key cannot be
    /// undone (the live key is never known), so its edit is left out.
    pub fn inverse(&self) -> PeeringChange {
        let swap = |c: FamilyChange| match c {
            FamilyChange::Added => FamilyChange::Removed,
            FamilyChange::Removed => FamilyChange::Added,
            other => other,
        };
        PeeringChange {
            peering_type: self.peering_type,
            index: self.index,
            kind: match self.kind {
                ChangeKind::Create => ChangeKind::Drop,
                ChangeKind::Drop => ChangeKind::Create,
                other => other,
            },
            families: self.families.map(swap),
            edits: self
                .edits
                .iter()
                .filter(|e| e.field != PeeringField::SharedKey)
                .map(|e| FieldEdit {
                    field: e.field,
                    before: e.after.clone(),
                    after: e.before.clone(),
                })
                .collect(),
        }
    }

    /// What this change does to a live peering that the user must know (§11.2 `change.*`), in edit
    /// order. Nothing for a peering that is created or dropped (those are findings of their own).
    pub fn consequences(&self) -> Vec<Consequence> {
        let mut out = Vec::new();
        if self.kind != ChangeKind::Update {
            return out;
        }
        let kept =
            |f: Option<AddressFamily>| f.is_none_or(|f| self.family(f) == FamilyChange::Kept);
        let microsoft = self.peering_type.is_microsoft();
        for f in AddressFamily::ALL {
            if self.family(f) == FamilyChange::Removed {
                out.push(Consequence::RemovesFamily(f));
            }
        }
        for edit in &self.edits {
            let field = edit.field;
            if !kept(field.family()) {
                continue;
            }
            match field {
                PeeringField::VlanId | PeeringField::Link(..) | PeeringField::SharedKey => {
                    out.push(Consequence::ResetsBgp(field))
                }
                PeeringField::PeerAsn => {
                    out.push(Consequence::ResetsBgp(field));
                    if microsoft {
                        out.push(Consequence::RevalidatesPrefixes(field));
                    }
                }
                PeeringField::CustomerAsn(_) | PeeringField::RoutingRegistry(_) if microsoft => {
                    out.push(Consequence::RevalidatesPrefixes(field))
                }
                PeeringField::RouteFilter(f) if edit.after.is_none() => {
                    out.push(Consequence::DetachesRouteFilter(f))
                }
                _ => {}
            }
        }
        out
    }
}

/// The change of every peering of a valid plan: each planned peering (created, updated or unchanged)
/// in plan order, then each live peering the plan drops.
pub fn plan_changes(plan: &ValidPlan) -> Vec<PeeringChange> {
    let mut changes: Vec<PeeringChange> = plan
        .peerings
        .iter()
        .filter_map(|peering| {
            let planned = PeeringState::of_plan(peering, &plan.circuit);
            let live = plan
                .live(peering.peering_type())
                .map(|l| PeeringState::of_live(l, Scope::of(&plan.circuit)));
            PeeringChange::between(live.as_ref(), Some(&planned), Some(peering.index))
        })
        .collect();
    if let Some(baseline) = &plan.baseline {
        for live in &baseline.peerings {
            if plan.planned(live.peering_type).is_none() {
                let state = PeeringState::of_live(live, Scope::of(&plan.circuit));
                changes.extend(PeeringChange::between(Some(&state), None, None));
            }
        }
    }
    changes
}
