//! One peering on its own: type (§1), peer ASN (§4), VLAN (§3), shared key (§6), its address families
//! and link subnets (§2), and the Microsoft-only fields a private peering ignores (§7).

use super::{peering_label, remove_fix, set_fix, Checked, CheckedFamily, CheckedPeering, Checker};
use crate::domain::asn::{self, Asn, AsnError};
use crate::domain::document::{FamilyDoc, PeeringDoc};
use crate::domain::field::{AddressFamily, FamilyPart, FieldPath, Link, PeeringPart};
use crate::domain::findings::{quote, Code, Edit, Finding, Fix};
use crate::domain::key::{self, SharedKey};
use crate::domain::peering::PeeringType;
use crate::domain::prefix::not_public;
use crate::domain::registry::RoutingRegistry;
use crate::domain::subnet::{LinkSubnet, SubnetError};
use crate::domain::vlan::VlanId;

impl Checker {
    pub(super) fn peering(
        &mut self,
        index: usize,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> CheckedPeering {
        let peering_type = self.peering_type(index, doc, earlier);
        let known_type = peering_type.clean_value().copied();
        let peer_asn = self.peer_asn(index, doc, known_type);
        let vlan_id = self.vlan_id(index, doc, earlier);
        let shared_key = self.shared_key(index, doc);
        if doc.ipv4.is_none() && doc.ipv6.is_none() {
            self.raise(Finding::new(
                Code::PeeringNoFamily,
                FieldPath::Peering(index, PeeringPart::Whole),
                format!(
                    "{} has no address family: configure IPv4, IPv6 or both.",
                    peering_label(index, known_type)
                ),
            ));
        }
        let families = [
            doc.ipv4
                .as_ref()
                .map(|f| self.family(index, AddressFamily::Ipv4, f, known_type)),
            doc.ipv6
                .as_ref()
                .map(|f| self.family(index, AddressFamily::Ipv6, f, known_type)),
        ];
        let ipv6_path = FieldPath::family(index, AddressFamily::Ipv6, FamilyPart::Whole);
        if known_type == Some(PeeringType::MicrosoftPeering)
            && doc.ipv6.is_some()
            && doc.ipv4.is_none()
        {
            self.raise(Finding::new(
                Code::PeeringIpv6OnlyMicrosoft,
                ipv6_path,
                format!(
                    "{} has IPv6 only: an IPv6-only Microsoft peering is unproven (in 2017 the service required IPv4 first); configure IPv4 too if you can.",
                    peering_label(index, known_type)
                ),
            ));
        }
        if doc.ipv4.is_some() && doc.ipv6.is_some() {
            self.raise(Finding::new(
                Code::CliIpv6UpdateDropsIpv4,
                ipv6_path,
                format!(
                    "{} is dual-stack: the documented \"az network express-route peering update --ip-version IPv6\" removes its IPv4 settings; the planner's commands add IPv6 with --set instead, so use them rather than the documented command.",
                    peering_label(index, known_type)
                ),
            ));
        }
        CheckedPeering {
            index,
            peering_type,
            peer_asn,
            vlan_id,
            shared_key,
            families,
        }
    }

    fn peering_type(
        &mut self,
        index: usize,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> Checked<PeeringType> {
        let path = FieldPath::Peering(index, PeeringPart::Type);
        match PeeringType::parse(&doc.peering_type) {
            Ok(t) => {
                if let Some(first) = earlier
                    .iter()
                    .find(|p| p.peering_type.clean_value() == Some(&t))
                {
                    self.raise(Finding::new(
                        Code::PeeringDuplicateType,
                        path,
                        format!(
                            "{} already has type {t}: a circuit has at most one peering of each type; remove this one or change its type.",
                            peering_label(first.index, None)
                        ),
                    ));
                }
                Checked::ok(t)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), path, e.to_string()));
                Checked::failed()
            }
        }
    }

    fn peer_asn(
        &mut self,
        index: usize,
        doc: &PeeringDoc,
        peering_type: Option<PeeringType>,
    ) -> Checked<Asn> {
        let path = FieldPath::Peering(index, PeeringPart::PeerAsn);
        let input = doc.peer_asn.trim();
        if input.is_empty() {
            self.required(
                path,
                "the peer ASN is required: type the ASN of your own routers (asplain 65010 or asdot 1.10).",
            );
            return Checked::failed();
        }
        match Asn::parse_peer(input) {
            Ok(asn) => {
                if peering_type == Some(PeeringType::MicrosoftPeering) && asn.is_private() {
                    self.raise(Finding::new(
                        Code::AsnPrivateOnMicrosoft,
                        path,
                        asn::private_on_microsoft_message(input, asn),
                    ));
                }
                Checked::ok(asn)
            }
            Err(e) => self.asn_error(path, e),
        }
    }

    /// A refused ASN: a reserved or private number is a policy error that keeps its value (change mode
    /// may downgrade it); a syntax or range error has no value.
    pub(super) fn asn_error(&mut self, path: FieldPath, e: AsnError) -> Checked<Asn> {
        let finding = Finding::new(e.code(), path, e.to_string());
        match e.policy_value() {
            Some(asn) => {
                self.raise_policy(finding);
                Checked::policy_failed(asn)
            }
            None => {
                self.raise(finding);
                Checked::failed()
            }
        }
    }

    fn vlan_id(
        &mut self,
        index: usize,
        doc: &PeeringDoc,
        earlier: &[CheckedPeering],
    ) -> Checked<VlanId> {
        let path = FieldPath::Peering(index, PeeringPart::VlanId);
        if doc.vlan_id.trim().is_empty() {
            self.required(
                path,
                "the VLAN ID is required: type a number from 1 to 4094 that no other peering of this circuit uses.",
            );
            return Checked::failed();
        }
        match VlanId::parse(&doc.vlan_id) {
            Ok(vlan) => {
                let same = earlier
                    .iter()
                    .find(|p| p.vlan_id.clean_value() == Some(&vlan));
                if let Some(first) = same {
                    self.raise_relational(
                        Finding::new(
                            Code::VlanDuplicate,
                            path,
                            format!(
                                "VLAN {vlan} is already used by {}: each peering of a circuit needs its own VLAN ID.",
                                peering_label(first.index, first.peering_type.clean_value().copied())
                            ),
                        ),
                        vec![FieldPath::Peering(first.index, PeeringPart::VlanId)],
                    );
                }
                Checked::ok(vlan)
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), path, e.to_string()));
                Checked::failed()
            }
        }
    }

    /// §6: optional; never trimmed.
    fn shared_key(&mut self, index: usize, doc: &PeeringDoc) -> Checked<Option<SharedKey>> {
        if doc.shared_key.is_empty() {
            return Checked::ok(None);
        }
        let path = FieldPath::Peering(index, PeeringPart::SharedKey);
        match SharedKey::parse(&doc.shared_key) {
            Ok(key) => {
                if key.starts_with_digit() {
                    self.raise(Finding::new(
                        Code::KeyLeadingDigit,
                        path,
                        key::LEADING_DIGIT_MESSAGE,
                    ));
                }
                Checked::ok(Some(key))
            }
            Err(e) => {
                self.raise(Finding::new(e.code(), path, e.to_string()));
                Checked::failed()
            }
        }
    }

    fn family(
        &mut self,
        index: usize,
        family: AddressFamily,
        doc: &FamilyDoc,
        peering_type: Option<PeeringType>,
    ) -> CheckedFamily {
        let at = |part| FieldPath::family(index, family, part);
        let microsoft = peering_type == Some(PeeringType::MicrosoftPeering);
        let primary = self.link(index, family, Link::Primary, &doc.primary, microsoft);
        let secondary = self.link(index, family, Link::Secondary, &doc.secondary, microsoft);
        if let (Some(p), Some(s)) = (primary.clean_value(), secondary.clean_value()) {
            if p.overlaps(s.net()) {
                let relation = if p == s {
                    "is the same subnet as"
                } else {
                    "overlaps"
                };
                self.raise_relational(
                    Finding::new(
                        Code::SubnetOverlap,
                        at(FamilyPart::Link(Link::Secondary)),
                        format!(
                            "the secondary link {} {relation} the primary link {p}: each link needs its own /{}; use two different subnets, e.g. the two halves of one /{}.",
                            quote(doc.secondary.trim()),
                            family.link_len(),
                            family.link_len() - 1
                        ),
                    ),
                    vec![at(FamilyPart::Link(Link::Primary))],
                );
            }
        }
        let (microsoft_config, on_premises) = match peering_type {
            Some(PeeringType::MicrosoftPeering) => {
                self.ignored_on_premises(index, family, doc);
                (
                    Some(self.microsoft_extras(index, family, doc, [&primary, &secondary])),
                    None,
                )
            }
            Some(PeeringType::AzurePrivatePeering) => {
                self.ignored_fields(index, family, doc);
                (
                    None,
                    Some(self.on_premises_prefixes(index, family, doc, [&primary, &secondary])),
                )
            }
            None => (None, None),
        };
        CheckedFamily {
            family,
            primary,
            secondary,
            microsoft: microsoft_config,
            on_premises,
        }
    }

    fn link(
        &mut self,
        index: usize,
        family: AddressFamily,
        link: Link,
        text: &str,
        microsoft: bool,
    ) -> Checked<LinkSubnet> {
        let path = FieldPath::family(index, family, FamilyPart::Link(link));
        if text.trim().is_empty() {
            self.required(
                path,
                &format!(
                    "the {} {family} link subnet is required: type a /{} (or one /{} to split into both links).",
                    link.key(),
                    family.link_len(),
                    family.link_len() - 1
                ),
            );
            return Checked::failed();
        }
        match LinkSubnet::parse_for(text, family) {
            Ok(subnet) => {
                if microsoft {
                    if let Some(reason) = not_public(subnet.net()) {
                        self.raise_policy(Finding::new(
                            Code::SubnetNotPublic,
                            path,
                            format!(
                                "{} {reason}: Microsoft peering needs public link subnets registered to you or your provider.",
                                quote(text.trim()),
                            ),
                        ));
                        return Checked::policy_failed(subnet);
                    }
                }
                Checked::ok(subnet)
            }
            Err(e) => {
                let fix = match &e {
                    SubnetError::BareAddress { suggestion, .. } => {
                        Some(set_fix(path, suggestion.to_string()))
                    }
                    SubnetError::HostBits { network, .. } => {
                        Some(set_fix(path, network.to_string()))
                    }
                    SubnetError::Split {
                        primary, secondary, ..
                    } => Some(Fix {
                        label: format!("Split into {primary} and {secondary}"),
                        edits: vec![
                            Edit::Set {
                                path: FieldPath::family(
                                    index,
                                    family,
                                    FamilyPart::Link(Link::Primary),
                                ),
                                value: primary.to_string(),
                            },
                            Edit::Set {
                                path: FieldPath::family(
                                    index,
                                    family,
                                    FamilyPart::Link(Link::Secondary),
                                ),
                                value: secondary.to_string(),
                            },
                        ],
                    }),
                    _ => None,
                };
                let mut finding = Finding::new(e.code(), path, e.to_string());
                finding.fix = fix;
                self.raise(finding);
                Checked::failed()
            }
        }
    }

    /// §7: Microsoft-only fields on a private peering are not emitted; warn so nobody expects them.
    fn ignored_fields(&mut self, index: usize, family: AddressFamily, doc: &FamilyDoc) {
        // (part, present, the subject with its verb, the pronoun for it)
        let fields = [
            (
                FamilyPart::AdvertisedPrefixes,
                !doc.advertised_prefixes.is_empty(),
                "advertised prefixes apply",
                "them",
            ),
            (
                FamilyPart::CustomerAsn,
                !doc.customer_asn.trim().is_empty(),
                "a customer ASN applies",
                "it",
            ),
            (
                FamilyPart::RoutingRegistry,
                RoutingRegistry::parse_optional(&doc.routing_registry) != Ok(None),
                "a routing registry applies",
                "it",
            ),
            (
                FamilyPart::RouteFilter,
                !doc.route_filter.trim().is_empty(),
                "a route filter applies",
                "it",
            ),
            (
                FamilyPart::FilterRule,
                doc.route_filter_rule.is_some(),
                "a route filter to create applies",
                "it",
            ),
        ];
        for (key, present, what, it) in fields {
            if present {
                let path = FieldPath::family(index, family, key);
                self.raise(
                    Finding::new(
                        Code::FieldIgnored,
                        path,
                        format!(
                            "{what} to MicrosoftPeering only: AzurePrivatePeering ignores {it} and the outputs leave {it} out; remove {it}."
                        ),
                    )
                    .with_fix(remove_fix(path, "Remove")),
                );
            }
        }
    }
}
