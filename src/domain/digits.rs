//! The one digits-only parser that the ASN, VLAN and CIDR-length parsers share (§3, §4 policy: only
//! decimal ASCII digits are digits, leading zeros allowed, however large a number is never an overflow).

/// Digits only: `None` when anything else is there; `Some(None)` when the number has more than
/// `max_digits` significant digits (out of range however large, never an overflow).
pub(crate) fn parse_digits(text: &str, max_digits: usize) -> Option<Option<u64>> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = text.trim_start_matches('0');
    if significant.len() > max_digits {
        return Some(None);
    }
    Some(Some(
        significant
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')),
    ))
}
