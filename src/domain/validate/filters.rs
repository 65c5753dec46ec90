//! A route filter the plan creates (README "Route filters"): where it goes, its one rule, and the BGP
//! communities the rule allows, checked against the catalogue ([`crate::domain::communities`]).

use super::{set_fix, Checked, CheckedPeering, Checker, ListEntry, ListRules};
use crate::domain::communities::{Cloud, Community, CommunityError, DATE};
use crate::domain::document::{FamilyDoc, FilterRuleDoc};
use crate::domain::field::{AddressFamily, FamilyPart, FieldPath, FilterField};
use crate::domain::findings::{quote, Code, Finding};
use crate::domain::model::PlannedFilter;
use crate::domain::names::{ResourceGroupName, RouteFilterRef};

/// The rule name a filter gets when the plan names none.
pub const DEFAULT_RULE_NAME: &str = "allow-communities";

impl Checker {
    /// The planned filter of a Microsoft family, when it has one (`None` inside: it has none).
    pub(super) fn filter_rule(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        route_filter: &Checked<Option<RouteFilterRef>>,
    ) -> Checked<Option<PlannedFilter>> {
        let Some(rule) = &doc.route_filter_rule else {
            return Checked::ok(None);
        };
        let at = |part| FieldPath::family(index, family, part);
        let mut ok = true;
        if doc.route_filter.trim().is_empty() {
            self.required(
                at(FamilyPart::RouteFilter),
                "a route filter to create needs a name: type it here (e.g. MyRouteFilter), or stop creating one and name an existing filter.",
            );
            ok = false;
        }
        let resource_group = match rule.resource_group.trim() {
            "" => None,
            text => match ResourceGroupName::parse(text) {
                Ok(rg) => {
                    if let Some(Some(RouteFilterRef::Id { resource_group, .. })) =
                        route_filter.clean_value()
                    {
                        if !resource_group.as_str().eq_ignore_ascii_case(rg.as_str()) {
                            self.raise(Finding::new(
                                Code::RouteFilterResourceGroup,
                                at(FamilyPart::FilterRuleField(FilterField::ResourceGroup)),
                                format!(
                                    "{} differs from the resource group in the route filter's ID ({}): leave this empty, or change the ID.",
                                    quote(text),
                                    resource_group.as_str()
                                ),
                            ));
                            ok = false;
                        }
                    }
                    Some(rg)
                }
                Err(e) => {
                    self.raise(Finding::new(
                        e.code(),
                        at(FamilyPart::FilterRuleField(FilterField::ResourceGroup)),
                        e.to_string(),
                    ));
                    ok = false;
                    None
                }
            },
        };
        let location = self.location(at(FamilyPart::FilterRuleField(FilterField::Location)), rule);
        let rule_name =
            self.rule_name(at(FamilyPart::FilterRuleField(FilterField::RuleName)), rule);
        let communities = self.communities(index, family, rule);
        match (ok, location, rule_name, communities.value) {
            (true, Some(location), Some(rule_name), Some(communities)) => {
                Checked::ok(Some(PlannedFilter {
                    resource_group,
                    location,
                    rule_name,
                    communities,
                }))
            }
            _ => Checked::failed(),
        }
    }

    /// An Azure region's programmatic name: lower-case letters and digits (`westeurope`).
    fn location(&mut self, path: FieldPath, rule: &FilterRuleDoc) -> Option<String> {
        let input = rule.location.trim();
        if input.is_empty() {
            self.required(
                path,
                "a route filter needs its Azure region: type the region's name such as westeurope (usually the circuit's region).",
            );
            return None;
        }
        if input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && input.len() <= 40
        {
            return Some(input.to_string());
        }
        let suggestion: String = input
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let mut finding = Finding::new(
            Code::RouteFilterLocation,
            path,
            format!(
                "{} is not an Azure region's name: use the programmatic name, lower-case without spaces (e.g. westeurope, not West Europe).",
                quote(input)
            ),
        );
        if !suggestion.is_empty() && suggestion.len() <= 40 {
            finding = finding.with_fix(set_fix(path, suggestion));
        }
        self.raise(finding);
        None
    }

    /// 1-80 characters, letters, digits, `_ . -`, starting with a letter or digit (ARM child names).
    fn rule_name(&mut self, path: FieldPath, rule: &FilterRuleDoc) -> Option<String> {
        let input = rule.rule_name.trim();
        if input.is_empty() {
            return Some(DEFAULT_RULE_NAME.to_string());
        }
        let valid = input.len() <= 80
            && input.starts_with(|c: char| c.is_ascii_alphanumeric())
            && input
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if valid {
            return Some(input.to_string());
        }
        self.raise(Finding::new(
            Code::RouteFilterRuleName,
            path,
            format!(
                "{} is not a rule name: use 1 to 80 letters, digits, _ . or -, starting with a letter or digit, or leave it empty for {DEFAULT_RULE_NAME}.",
                quote(input)
            ),
        ));
        None
    }

    /// Each community on its own (syntax, catalogue, cloud, authorization), then the list: duplicates
    /// and an empty list (the filter then lets no route through).
    fn communities(
        &mut self,
        index: usize,
        family: AddressFamily,
        rule: &FilterRuleDoc,
    ) -> Checked<Vec<Community>> {
        let list_path = FieldPath::family(index, family, FamilyPart::Communities);
        let mut communities = Vec::new();
        let (entries, mut ok) = self.list_entries(
            &rule.communities,
            |k| FieldPath::family(index, family, FamilyPart::Community(k)),
            ListRules {
                empty: "this community entry is empty: pick a community, or remove the entry.",
                duplicate: Code::CommunityDuplicate,
                repeat: &|_, first, c: &Community| {
                    format!(
                        "{c} ({}) is already at position {}: a rule lists each community once; remove this one.",
                        c.entry().name,
                        first + 1
                    )
                },
            },
            Community::parse,
        );
        for ListEntry { path, parsed, .. } in entries {
            match parsed {
                Ok(c) => {
                    let entry = c.entry();
                    if entry.cloud != Cloud::Public {
                        self.raise(Finding::new(
                            Code::CommunityOtherCloud,
                            path,
                            format!(
                                "{c} ({}) belongs to {}: a circuit in the Azure public cloud never receives it; use it only for a circuit there.",
                                entry.name,
                                entry.cloud.label()
                            ),
                        ));
                    }
                    if entry.authorization {
                        self.raise(Finding::new(
                            Code::CommunityAuthorization,
                            path,
                            format!(
                                "{c} ({}) needs Microsoft's authorization first: without it the filter accepts the rule but no route comes; ask your Microsoft account team to authorize the circuit for it (Office 365 over ExpressRoute).",
                                entry.name
                            ),
                        ));
                    }
                    communities.push(c);
                }
                Err(e) => {
                    let code = match e {
                        CommunityError::Syntax { .. } => Code::CommunitySyntax,
                        CommunityError::Unknown { .. } => Code::CommunityUnknown,
                    };
                    self.raise(Finding::new(code, path, e.to_string()));
                    ok = false;
                }
            }
        }
        if rule.communities.is_empty() {
            self.raise(Finding::new(
                Code::RouteFilterNoCommunities,
                list_path,
                format!(
                    "the {family} route filter allows no community: Microsoft sends no route over this family until its rule allows some; pick the services and regions you use (catalogue of {DATE})."
                ),
            ));
        }
        if ok {
            Checked::ok(communities)
        } else {
            Checked::failed()
        }
    }

    /// A filter in another resource group than the circuit's, named by its name alone, is attached by
    /// its resource ID: that needs the circuit's subscription.
    pub(super) fn filter_subscriptions(
        &mut self,
        doc: &crate::domain::document::PlanDocument,
        peerings: &[CheckedPeering],
    ) {
        if !doc.circuit.subscription.trim().is_empty() {
            return;
        }
        for peering in peerings {
            for family in peering.families.iter().flatten() {
                let Some(m) = &family.microsoft else {
                    continue;
                };
                let (Some(Some(RouteFilterRef::Name(_))), Some(Some(planned))) =
                    (m.route_filter.clean_value(), m.filter_rule.clean_value())
                else {
                    continue;
                };
                let Some(rg) = &planned.resource_group else {
                    continue;
                };
                if rg
                    .as_str()
                    .eq_ignore_ascii_case(doc.circuit.resource_group.trim())
                {
                    continue;
                }
                self.raise(Finding::new(
                    Code::RouteFilterResourceGroup,
                    FieldPath::family(
                        peering.index,
                        family.family,
                        FamilyPart::FilterRuleField(FilterField::ResourceGroup),
                    ),
                    format!(
                        "a route filter in resource group {} (not the circuit's) is attached by its resource ID, which needs the subscription: fill in the circuit's subscription, or write the filter's full resource ID.",
                        rg.as_str()
                    ),
                ));
            }
        }
    }

    /// Two families that create the same filter must plan it alike (a filter has one rule).
    pub(super) fn filter_conflicts(&mut self, peerings: &[CheckedPeering]) {
        let mut seen: Vec<(String, FieldPath, PlannedFilter)> = Vec::new();
        for peering in peerings {
            for family in peering.families.iter().flatten() {
                let Some(m) = &family.microsoft else {
                    continue;
                };
                let (Some(Some(reference)), Some(Some(planned))) =
                    (m.route_filter.clean_value(), m.filter_rule.clean_value())
                else {
                    continue;
                };
                let (key, name) = filter_key(reference, planned);
                let path = FieldPath::family(peering.index, family.family, FamilyPart::FilterRule);
                match seen.iter().find(|(k, _, _)| *k == key) {
                    Some((_, first_path, first)) if first != planned => {
                        self.raise(Finding::new(
                            Code::RouteFilterConflict,
                            path,
                            format!(
                                "the route filter {name} is planned again with other settings than at {first_path}: a filter has one region and one rule; plan it the same way in both families, or give one family another filter."
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => seen.push((key, path, planned.clone())),
                }
            }
        }
    }
}

/// `resource-group/name` of a planned filter, for telling filters apart (case-insensitive, as ARM), and
/// its name as the user wrote it, for the message.
fn filter_key(reference: &RouteFilterRef, planned: &PlannedFilter) -> (String, String) {
    let (_, rg, name) = reference.parts(None, planned.resource_group.as_ref().map(|r| r.as_str()));
    let key = format!("{}/{}", rg.unwrap_or(""), name).to_ascii_lowercase();
    (key, name.to_string())
}
