//! Peering types (§1). CONTRACT: the type below is shared with `emit`; parsing is added here.

/// The peering types that can be planned. `AzurePublicPeering` is retired and never valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeeringType {
    AzurePrivatePeering,
    MicrosoftPeering,
}

impl PeeringType {
    /// The type string, which is also the peering's resource name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeeringType::AzurePrivatePeering => "AzurePrivatePeering",
            PeeringType::MicrosoftPeering => "MicrosoftPeering",
        }
    }
    pub fn is_microsoft(self) -> bool {
        self == PeeringType::MicrosoftPeering
    }
}
