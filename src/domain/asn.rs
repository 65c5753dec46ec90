//! Autonomous system numbers (§4). CONTRACT: the type below is shared with `emit`; parsing is added here.

use std::fmt;

/// An ASN, always displayed in asplain (§4 policy: accept asdot, emit asplain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Asn(u32);

impl Asn {
    /// Azure's side of every BGP session (ROUTING).
    pub const MICROSOFT: Asn = Asn(12076);

    pub fn value(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
