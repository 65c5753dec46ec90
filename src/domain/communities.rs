//! The BGP communities a Microsoft-peering route filter can allow: a dated snapshot of the values
//! Microsoft publishes (README "Route filters"), each with its name, whether Microsoft must authorize
//! it first, and the cloud it belongs to. Compare with `az network route-filter rule
//! list-service-communities` before relying on it: Microsoft adds regions (New Zealand North, 2025).
//!
//! Notes of the source kept out of the table (bundle size): PSTN 12076:5250 is "restricted to specific use
//! cases"; Skype for Business 12076:5030 "also publishes the needed routes for Microsoft Teams"; the US
//! Government services table carries no authorization markers, so those values are not marked.
//!
//! Source: [`SOURCE`], as of [`DATE`]. Region codes (`westeurope`): Azure/azure-sdk-for-net
//! `sdk/core/Azure.Core/src/AzureLocation.cs` @ 8802eec; `newzealandnorth` from learn.microsoft.com
//! azure/reliability/regions-list. The table also lists Storage, SQL, Cosmos DB and Backup values
//! (12076:52NNN-55NNN) without saying a route filter may allow them: they are left out.

use super::findings::quote;
use std::fmt;

/// Where the catalogue comes from.
pub const SOURCE: &str = "MicrosoftDocs/azure-docs articles/expressroute/expressroute-routing.md, section \"BGP community values\" (https://learn.microsoft.com/azure/expressroute/expressroute-routing#bgp)";
/// The `ms.date` of the version read.
pub const DATE: &str = "2026-03-12";

/// A service community (`12076:5010` Exchange Online) or a region's (`12076:51002` West Europe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Service,
    Region,
}

/// The Azure cloud a value belongs to: a public circuit's route filter can use only public values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    Public,
    UsGov,
    China,
}

impl Cloud {
    pub fn label(self) -> &'static str {
        match self {
            Cloud::Public => "Azure public cloud",
            Cloud::UsGov => "Azure US Government",
            Cloud::China => "Azure operated by 21Vianet (China)",
        }
    }
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// `12076:NNNN` or `12076:NNNNN`.
    pub value: &'static str,
    /// The service or region name as Microsoft writes it.
    pub name: &'static str,
    pub kind: Kind,
    /// The ARM location code of a region's value.
    pub region: Option<&'static str>,
    /// Microsoft must authorize the circuit for it first (Office 365 services).
    pub authorization: bool,
    pub cloud: Cloud,
}

const fn community(
    value: &'static str,
    name: &'static str,
    kind: Kind,
    region: Option<&'static str>,
    authorization: bool,
    cloud: Cloud,
) -> Entry {
    Entry {
        value,
        name,
        kind,
        region,
        authorization,
        cloud,
    }
}

/// Every value, as the source lists them: services, then regions, per cloud.
pub const CATALOGUE: &[Entry] = &[
    community(
        "12076:5010",
        "Exchange Online",
        Kind::Service,
        None,
        true,
        Cloud::Public,
    ),
    community(
        "12076:5020",
        "SharePoint Online",
        Kind::Service,
        None,
        true,
        Cloud::Public,
    ),
    community(
        "12076:5030",
        "Skype For Business Online",
        Kind::Service,
        None,
        true,
        Cloud::Public,
    ),
    community(
        "12076:5040",
        "CRM Online",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:5050",
        "Azure Global Services",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:5060",
        "Microsoft Entra ID",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:5070",
        "Azure Resource Manager",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:5100",
        "Other Office 365 Online services",
        Kind::Service,
        None,
        true,
        Cloud::Public,
    ),
    community(
        "12076:5220",
        "Microsoft Defender for Identity",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:5250",
        "Microsoft PSTN services",
        Kind::Service,
        None,
        false,
        Cloud::Public,
    ),
    community(
        "12076:51004",
        "East US",
        Kind::Region,
        Some("eastus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51005",
        "East US 2",
        Kind::Region,
        Some("eastus2"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51006",
        "West US",
        Kind::Region,
        Some("westus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51026",
        "West US 2",
        Kind::Region,
        Some("westus2"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51044",
        "West US 3",
        Kind::Region,
        Some("westus3"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51027",
        "West Central US",
        Kind::Region,
        Some("westcentralus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51007",
        "North Central US",
        Kind::Region,
        Some("northcentralus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51008",
        "South Central US",
        Kind::Region,
        Some("southcentralus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51009",
        "Central US",
        Kind::Region,
        Some("centralus"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51020",
        "Canada Central",
        Kind::Region,
        Some("canadacentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51021",
        "Canada East",
        Kind::Region,
        Some("canadaeast"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51014",
        "Brazil South",
        Kind::Region,
        Some("brazilsouth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51003",
        "North Europe",
        Kind::Region,
        Some("northeurope"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51002",
        "West Europe",
        Kind::Region,
        Some("westeurope"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51024",
        "UK South",
        Kind::Region,
        Some("uksouth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51025",
        "UK West",
        Kind::Region,
        Some("ukwest"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51030",
        "France Central",
        Kind::Region,
        Some("francecentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51031",
        "France South",
        Kind::Region,
        Some("francesouth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51038",
        "Switzerland North",
        Kind::Region,
        Some("switzerlandnorth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51039",
        "Switzerland West",
        Kind::Region,
        Some("switzerlandwest"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51040",
        "Germany North",
        Kind::Region,
        Some("germanynorth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51041",
        "Germany West Central",
        Kind::Region,
        Some("germanywestcentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51042",
        "Norway East",
        Kind::Region,
        Some("norwayeast"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51043",
        "Norway West",
        Kind::Region,
        Some("norwaywest"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51010",
        "East Asia",
        Kind::Region,
        Some("eastasia"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51011",
        "Southeast Asia",
        Kind::Region,
        Some("southeastasia"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51012",
        "Japan East",
        Kind::Region,
        Some("japaneast"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51013",
        "Japan West",
        Kind::Region,
        Some("japanwest"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51015",
        "Australia East",
        Kind::Region,
        Some("australiaeast"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51016",
        "Australia Southeast",
        Kind::Region,
        Some("australiasoutheast"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51032",
        "Australia Central",
        Kind::Region,
        Some("australiacentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51033",
        "Australia Central 2",
        Kind::Region,
        Some("australiacentral2"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51019",
        "India South",
        Kind::Region,
        Some("southindia"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51018",
        "India West",
        Kind::Region,
        Some("westindia"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51017",
        "India Central",
        Kind::Region,
        Some("centralindia"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51028",
        "Korea South",
        Kind::Region,
        Some("koreasouth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51029",
        "Korea Central",
        Kind::Region,
        Some("koreacentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51059",
        "New Zealand North",
        Kind::Region,
        Some("newzealandnorth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51034",
        "South Africa North",
        Kind::Region,
        Some("southafricanorth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51035",
        "South Africa West",
        Kind::Region,
        Some("southafricawest"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51036",
        "UAE North",
        Kind::Region,
        Some("uaenorth"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51037",
        "UAE Central",
        Kind::Region,
        Some("uaecentral"),
        false,
        Cloud::Public,
    ),
    community(
        "12076:51106",
        "US Gov Arizona",
        Kind::Region,
        Some("usgovarizona"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51109",
        "US Gov Iowa",
        Kind::Region,
        Some("usgoviowa"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51105",
        "US Gov Virginia",
        Kind::Region,
        Some("usgovvirginia"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51108",
        "US Gov Texas",
        Kind::Region,
        Some("usgovtexas"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51209",
        "US DoD Central",
        Kind::Region,
        Some("usdodcentral"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51205",
        "US DoD East",
        Kind::Region,
        Some("usdodeast"),
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:5110",
        "Exchange Online",
        Kind::Service,
        None,
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:5120",
        "SharePoint Online",
        Kind::Service,
        None,
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:5130",
        "Skype For Business Online",
        Kind::Service,
        None,
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:5160",
        "Microsoft Entra ID",
        Kind::Service,
        None,
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:5200",
        "Other Office 365 Online services",
        Kind::Service,
        None,
        false,
        Cloud::UsGov,
    ),
    community(
        "12076:51301",
        "China North",
        Kind::Region,
        Some("chinanorth"),
        false,
        Cloud::China,
    ),
    community(
        "12076:51302",
        "China East",
        Kind::Region,
        Some("chinaeast"),
        false,
        Cloud::China,
    ),
    community(
        "12076:51303",
        "China East 2",
        Kind::Region,
        Some("chinaeast2"),
        false,
        Cloud::China,
    ),
    community(
        "12076:51304",
        "China North 2",
        Kind::Region,
        Some("chinanorth2"),
        false,
        Cloud::China,
    ),
    community(
        "12076:51305",
        "China North 3",
        Kind::Region,
        Some("chinanorth3"),
        false,
        Cloud::China,
    ),
];

/// The entry of a value.
pub fn lookup(value: &str) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.value == value)
}

/// Entries whose name, value or region code contains `query` (case-insensitive), public cloud first.
pub fn search(query: &str) -> Vec<&'static Entry> {
    let q = query.trim().to_ascii_lowercase();
    let mut found: Vec<&'static Entry> = CATALOGUE
        .iter()
        .filter(|e| {
            q.is_empty()
                || e.name.to_ascii_lowercase().contains(&q)
                || e.value.contains(&q)
                || e.region.is_some_and(|r| r.contains(&q))
        })
        .collect();
    found.sort_by_key(|e| e.cloud != Cloud::Public);
    found
}

/// A community value of a route filter rule: `12076:` and Microsoft's number, in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Community(&'static str);

impl Community {
    pub fn as_str(self) -> &'static str {
        self.0
    }

    pub fn entry(self) -> &'static Entry {
        // Every Community comes from the catalogue (parse), so the lookup finds it.
        lookup(self.0).unwrap_or(&CATALOGUE[0])
    }

    /// Syntax (`ASN:value`, two 16-bit numbers), then the catalogue.
    pub fn parse(text: &str) -> Result<Community, CommunityError> {
        let input = text.trim();
        let owned = || input.to_string();
        let well_formed = input.split_once(':').is_some_and(|(asn, value)| {
            [asn, value].iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 5
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
            })
        });
        if !well_formed {
            return Err(CommunityError::Syntax { input: owned() });
        }
        match lookup(input) {
            Some(e) => Ok(Community(e.value)),
            None => Err(CommunityError::Unknown { input: owned() }),
        }
    }
}

impl fmt::Display for Community {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommunityError {
    Syntax { input: String },
    Unknown { input: String },
}

impl fmt::Display for CommunityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommunityError::Syntax { input } => write!(
                f,
                "{} is not a BGP community: write it as 12076:NNNNN (for example 12076:5010 for Exchange Online, 12076:51002 for West Europe), one per entry.",
                quote(input)
            ),
            CommunityError::Unknown { input } => write!(
                f,
                "{} is not a community Microsoft publishes for Microsoft peering (catalogue of {DATE}): pick one from the list, or check `az network route-filter rule list-service-communities` if Microsoft added it since.",
                quote(input)
            ),
        }
    }
}
