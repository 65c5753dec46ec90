//! Routing registries (§5). CONTRACT: the type below is shared with `emit`; parsing is added here.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoutingRegistry {
    Arin,
    Apnic,
    Afrinic,
    Lacnic,
    Ripencc,
    Radb,
    Altdb,
    Level3,
}

impl RoutingRegistry {
    pub const ALL: [RoutingRegistry; 8] = [
        RoutingRegistry::Arin,
        RoutingRegistry::Apnic,
        RoutingRegistry::Afrinic,
        RoutingRegistry::Lacnic,
        RoutingRegistry::Ripencc,
        RoutingRegistry::Radb,
        RoutingRegistry::Altdb,
        RoutingRegistry::Level3,
    ];

    /// Canonical upper-case name, as AZ's enum spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoutingRegistry::Arin => "ARIN",
            RoutingRegistry::Apnic => "APNIC",
            RoutingRegistry::Afrinic => "AFRINIC",
            RoutingRegistry::Lacnic => "LACNIC",
            RoutingRegistry::Ripencc => "RIPENCC",
            RoutingRegistry::Radb => "RADB",
            RoutingRegistry::Altdb => "ALTDB",
            RoutingRegistry::Level3 => "LEVEL3",
        }
    }
}
