//! Advertised public prefixes (§5). CONTRACT: the type below is shared with `emit`; parsing is added here.

use ipnet::IpNet;
use std::fmt;

/// A public network prefix with host bits zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AdvertisedPrefix(IpNet);

impl AdvertisedPrefix {
    pub fn net(self) -> IpNet {
        self.0
    }
}

/// Canonical text (lower-case, compressed IPv6).
impl fmt::Display for AdvertisedPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
