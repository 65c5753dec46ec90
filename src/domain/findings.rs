//! Findings (§11.2): what the validator says about a plan. Codes are a public contract: tests, the UI
//! and automated checks match on [`Code::as_str`]; never rename one.

use super::field::FieldPath;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Serde as the value's stable text (a code, a severity, a JSON Pointer): findings cross from the
/// generator module to the page as JSON (README "Architecture").
macro_rules! serde_as_text {
    ($t:ty, $what:literal, $read:expr) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                let read: fn(&str) -> Option<$t> = $read;
                read(&text)
                    .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a {}", $what)))
            }
        }
    };
}

serde_as_text!(Severity, "severity", |t| [
    Severity::Error,
    Severity::Warning,
    Severity::Info
]
.into_iter()
.find(|s| s.as_str() == t));
serde_as_text!(Code, "finding code", |t| Code::ALL
    .iter()
    .copied()
    .find(|c| c.as_str() == t));
serde_as_text!(FieldPath, "field pointer", FieldPath::parse);

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $text:literal, $severity:ident;)*) => {
        /// Every finding code of §11.2, with its default severity.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code string, e.g. `"asn.syntax"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text),* }
            }

            /// The severity outside change mode (§11.2 table).
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
        }
    };
}

codes! {
    Required => "required", Error;
    NameSubscription => "name.subscription", Error;
    NameResourceGroup => "name.resource_group", Error;
    NameCircuit => "name.circuit", Error;
    NameRouteFilter => "name.route_filter", Error;
    PeeringTypeRetired => "peering.type_retired", Error;
    PeeringTypeUnknown => "peering.type_unknown", Error;
    PeeringDuplicateType => "peering.duplicate_type", Error;
    PeeringNoFamily => "peering.no_family", Error;
    AsnSyntax => "asn.syntax", Error;
    AsnRange => "asn.range", Error;
    AsnReserved => "asn.reserved", Error;
    AsnCustomerNotPublic => "asn.customer_not_public", Error;
    VlanSyntax => "vlan.syntax", Error;
    VlanRange => "vlan.range", Error;
    VlanDuplicate => "vlan.duplicate", Error;
    SubnetSyntax => "subnet.syntax", Error;
    SubnetFamily => "subnet.family", Error;
    SubnetLength => "subnet.length", Error;
    SubnetHostBits => "subnet.host_bits", Error;
    SubnetOverlap => "subnet.overlap", Error;
    SubnetCrossPeeringOverlap => "subnet.cross_peering_overlap", Error;
    SubnetVnetOverlap => "subnet.vnet_overlap", Error;
    SubnetNotPublic => "subnet.not_public", Error;
    PrefixSyntax => "prefix.syntax", Error;
    PrefixFamily => "prefix.family", Error;
    PrefixHostBits => "prefix.host_bits", Error;
    PrefixNotPublic => "prefix.not_public", Error;
    PrefixDefaultRoute => "prefix.default_route", Error;
    PrefixMissing => "prefix.missing", Error;
    PrefixTooMany => "prefix.too_many", Error;
    RegistryUnknown => "registry.unknown", Error;
    KeyLength => "key.length", Error;
    KeyCharset => "key.charset", Error;
    VnetSyntax => "vnet.syntax", Error;
    PlanUnreadable => "plan.unreadable", Error;
    RouterVendor => "router.vendor", Error;
    RouterEncapsulation => "router.encapsulation", Error;
    RouterInterface => "router.interface", Error;
    RouterMaxPrefix => "router.max_prefix", Error;
    RouterPrefixesTooMany => "router.prefixes_too_many", Error;
    RouteFilterLocation => "route_filter.location", Error;
    RouteFilterRuleName => "route_filter.rule_name", Error;
    RouteFilterResourceGroup => "route_filter.resource_group", Error;
    RouteFilterConflict => "route_filter.conflict", Error;
    CommunitySyntax => "community.syntax", Error;
    CommunityUnknown => "community.unknown", Error;
    AsnPrivateOnMicrosoft => "asn.private_on_microsoft", Warning;
    AsnCustomerInt32 => "asn.customer_int32", Warning;
    PrefixDuplicate => "prefix.duplicate", Warning;
    PrefixOverlapsLink => "prefix.overlaps_link", Warning;
    RegistryMissing => "registry.missing", Warning;
    KeyLeadingDigit => "key.leading_digit", Warning;
    FieldIgnored => "field.ignored", Warning;
    PeeringIpv6OnlyMicrosoft => "peering.ipv6_only_microsoft", Warning;
    ChangeResetsBgp => "change.resets_bgp", Warning;
    ChangePeeringDropped => "change.peering_dropped", Warning;
    ChangeRouteFilterDetached => "change.route_filter_detached", Warning;
    ChangeFamilyRemoved => "change.family_removed", Warning;
    ChangePrefixesRevalidated => "change.prefixes_revalidated", Warning;
    RouterPrefixesNeedPremium => "router.prefixes_need_premium", Warning;
    RouterDefaultRoute => "router.default_route", Warning;
    RouterPrefixOverlapsVnet => "router.prefix_overlaps_vnet", Warning;
    RouterNoPrefixes => "router.no_prefixes", Info;
    RouteFilterNoCommunities => "route_filter.no_communities", Warning;
    CommunityDuplicate => "community.duplicate", Warning;
    CommunityOtherCloud => "community.other_cloud", Warning;
    CommunityAuthorization => "community.authorization", Info;
    RouteFilterMissing => "route_filter.missing", Info;
    CliIpv6UpdateDropsIpv4 => "cli.ipv6_update_drops_ipv4", Info;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One edit of a fix: set the text at a path of the plan document, or remove what is there: a list
/// entry leaves its list, a whole list is emptied, a family becomes not configured (null), a text value
/// becomes empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    Set { path: FieldPath, value: String },
    Remove { path: FieldPath },
}

/// A one-click fix the UI can offer (e.g. `10.0.0.1/30` → `10.0.0.0/30`, or a /29 split into two links).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Short button text, e.g. "Use 10.0.0.0/30".
    pub label: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Where in the plan document (§11.1); its JSON Pointer is `path.to_string()`, e.g.
    /// `/peerings/1/ipv4/advertisedPrefixes/0`.
    pub path: FieldPath,
    /// Names the value and says the fix.
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(code: Code, path: FieldPath, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            path,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }
}

/// All findings of a plan, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter().filter(|f| f.severity == Severity::Error)
    }
    pub fn at(&self, path: FieldPath) -> impl Iterator<Item = &Finding> + '_ {
        self.0.iter().filter(move |f| f.path == path)
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Finding> {
        self.0.iter()
    }
}

/// The user's text as it appears in a message: in double quotes, control characters escaped, and cut
/// to 200 characters (counted in chars, never bytes) so a pasted novel does not flood the findings list.
pub fn quote(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    let mut shown: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().nth(MAX_CHARS).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}
