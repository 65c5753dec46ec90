//! Azure names (§7). CONTRACT: the types below are shared with `emit`; parsing is added here.

/// A subscription GUID, canonical lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubscriptionId(String);

/// Letters, digits, `_ - . ( )`, 1-90, not ending with `.`, ASCII only, no leading `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourceGroupName(String);

/// Letters, digits, `_ - .`, 1-80, starts with a letter or digit, ends with a letter, digit or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CircuitName(String);

/// Same rules as [`CircuitName`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RouteFilterName(String);

macro_rules! as_str {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
as_str!(
    SubscriptionId,
    ResourceGroupName,
    CircuitName,
    RouteFilterName
);

/// How the plan names a route filter (§7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteFilterRef {
    /// In the circuit's resource group and subscription (how AZ resolves `--route-filter NAME`).
    Name(RouteFilterName),
    /// A full resource ID, segments as the user typed them.
    Id {
        subscription: SubscriptionId,
        resource_group: ResourceGroupName,
        name: RouteFilterName,
    },
}
