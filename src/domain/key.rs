//! The BGP shared key (§6). CONTRACT: the type below is shared with `emit`; parsing is added here.

/// 1-25 ASCII letters and digits. Deliberately no `Display`, so it is never formatted by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SharedKey(String);

impl SharedKey {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SharedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedKey(<redacted>)")
    }
}
