//! The pieces every script is made of, each built from the field table ([`super::fields`]): the `az`
//! commands for a peering, the values they carry, the one read of the circuit, and the columns the
//! scripts compare with it.

use super::fields::{self, family_spec, snapshot_columns, spec, FieldSpec, ValueKind};
use super::quote::{Piece, ShellVar, Word};
use super::script::{AzCommand, Column, KeyInput};
use super::EmitOptions;
use crate::domain::change::{
    FamilyChange, FieldEdit, FieldValue, Held, PeeringChange, PeeringField, PeeringState,
};
use crate::domain::document::PeeringDoc;
use crate::domain::field::{AddressFamily, Link};
use crate::domain::model::{Peering, ValidPlan};
use crate::domain::names::RouteFilterRef;
use crate::domain::peering::PeeringType;

/// The environment variable the scripts read a shared key from (§6).
pub const SHARED_KEY_ENV: &str = "ER_SHARED_KEY";

/// What every builder needs: the plan and the output options.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub plan: &'a ValidPlan,
    pub opts: &'a EmitOptions,
}

impl<'a> Ctx<'a> {
    pub fn new(plan: &'a ValidPlan, opts: &'a EmitOptions) -> Ctx<'a> {
        Ctx { plan, opts }
    }

    /// `az network express-route peering <verb>` for this circuit (`--subscription` when known, §8).
    pub fn peering_command(&self, verb: &str) -> AzCommand {
        let mut cmd = AzCommand::new(&["network", "express-route", "peering", verb]);
        if let Some(sub) = &self.plan.circuit.subscription {
            cmd = cmd.opt("--subscription", sub.as_str());
        }
        cmd.opt("-g", self.plan.circuit.resource_group.as_str())
            .opt("--circuit-name", self.plan.circuit.name.as_str())
    }

    /// `az network express-route peering connection delete` of a Global Reach connection.
    pub fn connection_delete(&self, peering: &str, connection: &str) -> AzCommand {
        let mut cmd = AzCommand::new(&[
            "network",
            "express-route",
            "peering",
            "connection",
            "delete",
        ]);
        if let Some(sub) = &self.plan.circuit.subscription {
            cmd = cmd.opt("--subscription", sub.as_str());
        }
        cmd.opt("-g", self.plan.circuit.resource_group.as_str())
            .opt("--circuit-name", self.plan.circuit.name.as_str())
            .opt("--peering-name", peering)
            .opt("-n", connection)
            .opt("-o", "none")
    }

    /// `az network express-route <verb>` for this circuit (`-n` is the circuit here).
    pub fn circuit_command(&self, verb: &str) -> AzCommand {
        let mut cmd = AzCommand::new(&["network", "express-route", verb]);
        if let Some(sub) = &self.plan.circuit.subscription {
            cmd = cmd.opt("--subscription", sub.as_str());
        }
        cmd.opt("-g", self.plan.circuit.resource_group.as_str())
            .opt("-n", self.plan.circuit.name.as_str())
    }

    /// The one read of the circuit (§8 pre-flight): the provider's and the circuit's state on two
    /// lines, then one tab-separated line per live peering: its name and the snapshot columns, each as
    /// JMESPath's `to_string()` prints it (`null` when unset, lists as compact JSON). No quote, `|` or
    /// `&` in the query, so the same text passes bash, PowerShell and cmd.exe.
    pub fn circuit_read(&self) -> AzCommand {
        let columns: Vec<String> = snapshot_columns()
            .iter()
            .map(|c| format!("to_string({c})"))
            .collect();
        let query = format!(
            "[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,{}]][]",
            columns.join(",")
        );
        self.circuit_command("show")
            .opt("--query", query)
            .opt("-o", "tsv")
    }

    /// `peering show -n <peering> -o json`: what to paste into "Start from a live circuit".
    pub fn show_json(&self, peering: PeeringType) -> AzCommand {
        self.peering_command("show")
            .opt("-n", peering.as_str())
            .opt("-o", "json")
    }

    /// Whether a bare route filter name needs the subscription the plan does not have (§7): the
    /// scripts then read it once with `az account show`.
    pub fn needs_subscription(&self) -> bool {
        self.plan.circuit.subscription.is_none()
            && self.plan.peerings.iter().any(|p| {
                AddressFamily::ALL.iter().any(|f| {
                    matches!(
                        p.microsoft(*f).and_then(|m| m.route_filter.as_ref()),
                        Some(RouteFilterRef::Name(_))
                    )
                })
            })
    }

    /// The full resource ID of a route filter (§7): a bare name lives in the circuit's resource group
    /// and subscription; without a subscription in the plan the script's variable stands in.
    pub fn route_filter_id(&self, filter: &RouteFilterRef) -> Word {
        let tail = |rg: &str, name: &str| {
            format!("/resourceGroups/{rg}/providers/Microsoft.Network/routeFilters/{name}")
        };
        match filter {
            RouteFilterRef::Id {
                subscription,
                resource_group,
                name,
            } => Word::text(format!(
                "/subscriptions/{}{}",
                subscription.as_str(),
                tail(resource_group.as_str(), name.as_str())
            )),
            RouteFilterRef::Name(name) => {
                let tail = tail(self.plan.circuit.resource_group.as_str(), name.as_str());
                match &self.plan.circuit.subscription {
                    Some(sub) => Word::text(format!("/subscriptions/{}{tail}", sub.as_str())),
                    None => Word::from_pieces(vec![
                        Piece::Text("/subscriptions/".into()),
                        Piece::Var(ShellVar::Subscription),
                        Piece::Text(tail),
                    ]),
                }
            }
        }
    }

    /// The key input of a peering (§6): `None` when it has no key or the key is written inline. One
    /// `ER_SHARED_KEY` when all keys of the plan are the same (the usual case), one per peering type
    /// when they differ.
    pub fn key_input(&self, peering: &Peering) -> Option<KeyInput> {
        peering.shared_key.as_ref()?;
        if self.opts.inline_shared_key {
            return None;
        }
        let mut keys = self
            .plan
            .peerings
            .iter()
            .filter_map(|p| p.shared_key.as_ref());
        let first = keys.next();
        let all_same = keys.all(|k| Some(k) == first);
        let (env, suffix, peerings) = if all_same {
            let names: Vec<&str> = self
                .plan
                .peerings
                .iter()
                .filter(|p| p.shared_key.is_some())
                .map(|p| p.peering_type().as_str())
                .collect();
            (SHARED_KEY_ENV.to_string(), "", names.join(" and "))
        } else if peering.is_microsoft() {
            (
                format!("{SHARED_KEY_ENV}_MICROSOFT"),
                "microsoft",
                peering.peering_type().as_str().to_string(),
            )
        } else {
            (
                format!("{SHARED_KEY_ENV}_PRIVATE"),
                "private",
                peering.peering_type().as_str().to_string(),
            )
        };
        Some(KeyInput {
            env,
            var: ShellVar::Key(suffix.to_string()),
            peerings,
        })
    }

    /// The `--shared-key=` value: the block's key variable, or the key itself only when the user asked
    /// to inline it (§6). Never the key when inlining is off.
    pub fn key_word(&self, peering: &Peering) -> Option<Word> {
        let key = peering.shared_key.as_ref()?;
        if self.opts.inline_shared_key {
            return Some(Word::text(key.expose()));
        }
        let input = self.key_input(peering)?;
        Some(Word::from_pieces(vec![Piece::Var(input.var)]))
    }

    /// The text a column must hold for a planned or live value (what az's `to_string()` prints for it).
    pub fn value_text(&self, value: &FieldValue) -> Word {
        match value {
            FieldValue::Asn(a) => Word::text(a.to_string()),
            FieldValue::Vlan(v) => Word::text(v.to_string()),
            FieldValue::Subnet(s) => Word::text(s.to_string()),
            FieldValue::Registry(r) => Word::text(r.as_str()),
            FieldValue::Prefixes(list) => {
                let texts: Vec<String> = list.iter().map(|p| p.to_string()).collect();
                Word::text(json_list(&texts))
            }
            FieldValue::RouteFilter(r) => self.route_filter_id(&r.reference),
            FieldValue::Key(_) => Word::text(""),
        }
    }

    /// Every readable column of a state, with the text it holds ("" where the field is unset).
    pub fn columns_of(&self, state: &PeeringState) -> Vec<Column> {
        let all: Vec<PeeringField> = fields::TABLE.iter().map(|s| s.field).collect();
        self.columns_for(state, &all)
    }

    /// The columns of some fields, with their values in `state`.
    pub fn columns_for(&self, state: &PeeringState, fields: &[PeeringField]) -> Vec<Column> {
        fields
            .iter()
            .filter(|f| spec(**f).kind != ValueKind::Secret)
            .map(|f| Column {
                name: spec(*f).path,
                value: match state.get(*f) {
                    Some(Held::Known(v)) => self.value_text(v),
                    Some(Held::Unparsed(t)) => Word::text(t.clone()),
                    None => Word::text(""),
                },
            })
            .collect()
    }

    /// An edit as `--set`/`--add`/`--remove` arguments (the generic update, §8): IPv6 always, and
    /// whatever has no pure-merge flag.
    fn generic_edit(&self, cmd: AzCommand, s: FieldSpec, value: Option<&FieldValue>) -> AzCommand {
        match value {
            None => cmd.opt("--remove", s.remove_path()),
            Some(FieldValue::Prefixes(list)) => {
                // `=[]` then one `--add` per prefix, in order: no JSON, so no quotes (§8).
                let mut cmd = cmd.opt("--set", format!("{}=[]", s.path));
                for prefix in list {
                    cmd = cmd.opt("--add", s.path).value(prefix.to_string());
                }
                cmd
            }
            Some(FieldValue::RouteFilter(r)) => {
                let mut pieces = vec![Piece::Text(format!("{}=", s.path))];
                pieces.extend(self.route_filter_id(&r.reference).pieces);
                cmd.opt_word("--set", merge_text(pieces))
            }
            Some(other) => {
                let mut pieces = vec![Piece::Text(format!("{}=", s.path))];
                pieces.extend(self.value_text(other).pieces);
                cmd.opt_word("--set", merge_text(pieces))
            }
        }
    }

    /// An edit through a flag of `create` or `update` (`flag` from the table). The key needs its
    /// peering (for the block's key variable); without one (a rollback) it is never sent.
    fn flag_edit(
        &self,
        cmd: AzCommand,
        flag: &str,
        peering: Option<&Peering>,
        value: &FieldValue,
    ) -> AzCommand {
        match value {
            FieldValue::Prefixes(list) => list
                .iter()
                .fold(cmd.flag(flag), |cmd, p| cmd.value(p.to_string())),
            FieldValue::RouteFilter(r) => cmd.opt(flag, r.reference.to_string()),
            FieldValue::Key(_) => match peering.and_then(|p| self.key_word(p)) {
                Some(word) => cmd.joined(flag, word),
                None => cmd,
            },
            other => cmd.opt_word(flag, self.value_text(other)),
        }
    }

    /// One field's edit in an `update`: the pure-merge flag when the table has one (IPv4 and the
    /// peering-wide fields), else the generic `--set` path; a cleared value is `--remove`d.
    pub fn update_edit(
        &self,
        cmd: AzCommand,
        peering: Option<&Peering>,
        field: PeeringField,
        value: Option<&FieldValue>,
    ) -> AzCommand {
        let s = spec(field);
        match (s.update_flag, value) {
            (Some(flag), Some(value)) => self.flag_edit(cmd, flag, peering, value),
            _ => self.generic_edit(cmd, s, value),
        }
    }

    /// `peering create` with the peering-wide values and the first family (§8: one family per call;
    /// an IPv6-only peering is created with `--ip-version IPv6`). Route filters attach later.
    pub fn create_command(
        &self,
        peering: &Peering,
        planned: &PeeringState,
    ) -> (AzCommand, Vec<PeeringField>) {
        let (first, _) = peering.links().first();
        let mut cmd = self
            .peering_command("create")
            .opt("--peering-type", peering.peering_type().as_str());
        let mut fields_set = Vec::new();
        let candidates = [
            PeeringField::PeerAsn,
            PeeringField::VlanId,
            PeeringField::SharedKey,
        ]
        .into_iter()
        .chain(PeeringField::of_family(first));
        for field in candidates {
            let (Some(flag), Some(value)) = (spec(field).create_flag, planned.known(field)) else {
                continue;
            };
            cmd = self.flag_edit(cmd, flag, Some(peering), value);
            fields_set.push(field);
        }
        if first == AddressFamily::Ipv6 {
            cmd = cmd.opt("--ip-version", "IPv6");
        }
        (cmd, fields_set)
    }

    /// The generic update that adds the second family of a new dual-stack peering (§8: never the
    /// `--ip-version IPv6` form of update, which drops IPv4), without its route filter.
    pub fn add_family_command(
        &self,
        peering: &Peering,
        planned: &PeeringState,
        family: AddressFamily,
    ) -> (AzCommand, Vec<PeeringField>) {
        let mut cmd = self
            .peering_command("update")
            .opt("-n", peering.peering_type().as_str());
        let mut fields_set = Vec::new();
        for field in PeeringField::of_family(family) {
            if matches!(field, PeeringField::RouteFilter(_)) {
                continue;
            }
            if let Some(value) = planned.known(field) {
                cmd = self.generic_edit(cmd, spec(field), Some(value));
                fields_set.push(field);
            }
        }
        let cmd = cmd.opt("--set", format!("{}=Enabled", family_spec(family).state));
        (cmd, fields_set)
    }

    /// The update that attaches the route filters of a new Microsoft peering (§5, §8).
    pub fn attach_filters_command(
        &self,
        peering: &Peering,
        planned: &PeeringState,
    ) -> Option<(AzCommand, Vec<PeeringField>)> {
        let mut cmd = self
            .peering_command("update")
            .opt("-n", peering.peering_type().as_str());
        let mut fields_set = Vec::new();
        for f in AddressFamily::ALL {
            let field = PeeringField::RouteFilter(f);
            if let Some(value) = planned.known(field) {
                cmd = self.update_edit(cmd, Some(peering), field, Some(value));
                fields_set.push(field);
            }
        }
        (!fields_set.is_empty()).then_some((cmd, fields_set))
    }

    /// The one `update` of a live peering: every edit of the change, a family added with its state
    /// `Enabled`, a family removed as a whole (§8, §9). `peering` is the planned peering (for its key);
    /// `None` in a rollback, which never sends a key and puts back the top-level `state` it had
    /// (`restore_state`) when it removes IPv4. Returns the command and the edits it leaves out because
    /// their new value did not parse (the caller says so).
    pub fn update_command(
        &self,
        change: &PeeringChange,
        peering: Option<&Peering>,
        restore_state: Option<&serde_json::Value>,
    ) -> (AzCommand, Vec<FieldEdit>) {
        let mut cmd = self
            .peering_command("update")
            .opt("-n", change.peering_type.as_str());
        let mut unparsed = Vec::new();
        for edit in &change.edits {
            let family = edit.field.family();
            if family.is_some_and(|f| change.family(f) == FamilyChange::Removed) {
                continue; // removed with its family below
            }
            match &edit.after {
                Some(Held::Unparsed(_)) => unparsed.push(edit.clone()),
                after => {
                    let value = after.as_ref().and_then(Held::known);
                    cmd = self.update_edit(cmd, peering, edit.field, value);
                }
            }
        }
        for f in AddressFamily::ALL {
            match change.family(f) {
                FamilyChange::Added => {
                    cmd = cmd.opt("--set", format!("{}=Enabled", family_spec(f).state));
                }
                FamilyChange::Removed => {
                    cmd = remove_family(cmd, change, f, restore_state);
                }
                _ => {}
            }
        }
        (cmd, unparsed)
    }
}

/// `--remove` a whole family (§8): IPv6 is one object; IPv4 is its fields at the top level, its
/// Microsoft config, its route filter and the top-level `state` (an IPv6-only peering has none, §9),
/// unless `restore_state` says what it was (a rollback).
fn remove_family(
    mut cmd: AzCommand,
    change: &PeeringChange,
    f: AddressFamily,
    restore_state: Option<&serde_json::Value>,
) -> AzCommand {
    let family = family_spec(f);
    if let Some(container) = family.container {
        return cmd.opt("--remove", container);
    }
    for link in Link::ALL {
        cmd = cmd.opt("--remove", spec(PeeringField::Link(f, link)).remove_path());
    }
    if change.peering_type.is_microsoft() {
        cmd = cmd.opt("--remove", family.microsoft_container);
        if change.edit(PeeringField::RouteFilter(f)).is_some() {
            cmd = cmd.opt("--remove", spec(PeeringField::RouteFilter(f)).remove_path());
        }
    }
    match restore_state.and_then(|v| v.as_str()) {
        Some(state) => cmd.opt("--set", format!("{}={state}", family.state)),
        None => cmd.opt("--remove", family.state),
    }
}

/// The fields of a change a script can read back to tell whether it is done: every edit but the key
/// (never read back, §6) and a value that did not parse (left out of the command).
pub fn readable_edits(change: &PeeringChange) -> Vec<PeeringField> {
    change
        .edits
        .iter()
        .filter(|e| e.field != PeeringField::SharedKey)
        .filter(|e| !matches!(e.after, Some(Held::Unparsed(_))))
        .map(|e| e.field)
        .collect()
}

/// The text of a field in an imported peering, exactly as az printed it (what a script reads back
/// when nothing changed since the import); "" when unset.
pub fn raw_text(doc: &PeeringDoc, field: PeeringField) -> String {
    let family = |f: AddressFamily| doc.family(f).as_ref();
    let text = match field {
        PeeringField::PeerAsn => doc.peer_asn.clone(),
        PeeringField::VlanId => doc.vlan_id.clone(),
        PeeringField::SharedKey => String::new(),
        PeeringField::Link(f, Link::Primary) => {
            family(f).map(|d| d.primary.clone()).unwrap_or_default()
        }
        PeeringField::Link(f, Link::Secondary) => {
            family(f).map(|d| d.secondary.clone()).unwrap_or_default()
        }
        PeeringField::AdvertisedPrefixes(f) => family(f)
            .filter(|d| !d.advertised_prefixes.is_empty())
            .map(|d| json_list(&d.advertised_prefixes))
            .unwrap_or_default(),
        PeeringField::CustomerAsn(f) => family(f)
            .map(|d| d.customer_asn.clone())
            .unwrap_or_default(),
        PeeringField::RoutingRegistry(f) => family(f)
            .map(|d| d.routing_registry.clone())
            .unwrap_or_default(),
        PeeringField::RouteFilter(f) => family(f)
            .map(|d| d.route_filter.clone())
            .unwrap_or_default(),
    };
    text.trim().to_string()
}

/// A list of strings as JMESPath's `to_string()` prints it (Python's `json.dumps` with
/// `separators=(',', ':')`): `["a","b"]`.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// Joins adjacent text pieces.
pub fn merge_text(pieces: Vec<Piece>) -> Word {
    let mut merged: Vec<Piece> = Vec::new();
    for p in pieces {
        match (merged.last_mut(), p) {
            (Some(Piece::Text(prev)), Piece::Text(t)) => prev.push_str(&t),
            (_, p) => merged.push(p),
        }
    }
    Word::from_pieces(merged)
}
