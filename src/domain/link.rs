//! Share links (§11.3): `#plan=<base64url of the compact plan JSON, no padding>`. A link is user input,
//! so reading one is total: a plan, nothing for us, or a reason it is unreadable (`plan.unreadable`).

use super::document::PlanDocument;

/// The fragment parameter that carries a plan (§11.3).
pub const PLAN_PARAM: &str = "plan=";

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Hand-written rather than the `base64` crate: measured 2026-11-26 (trunk build --release, HEAD
// 8fb9b3c), the crate makes the first-load wasm 9,144 bytes larger (3,212 gzip -9). The decoder is also
// more lenient than the crate's: it accepts a length of 4n+1 (dropping the last 6 bits), `=` and the
// standard alphabet, as hand-edited links carry them.

/// base64url without padding (RFC 4648 §5), as `#plan=` uses it.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(B64URL[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url; padding and the standard alphabet's `+` `/` are accepted too (hand-made links).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// `plan=<base64url of the compact plan JSON>` (never a shared key).
pub fn plan_fragment(plan: &PlanDocument) -> String {
    format!(
        "{PLAN_PARAM}{}",
        base64url_encode(plan.to_compact_json().as_bytes())
    )
}

/// What a fragment holds: nothing for us, a plan, or something that claims to be a plan and is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FragmentPlan {
    None,
    /// Boxed: a plan is ten times the size of the other variants.
    Plan(Box<PlanDocument>),
    Unreadable(String),
}

/// Reads `#plan=...` (with or without the `#`; other `&`-separated parameters are ignored).
pub fn parse_fragment(hash: &str) -> FragmentPlan {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let Some(encoded) = hash.split('&').find_map(|p| p.strip_prefix(PLAN_PARAM)) else {
        return FragmentPlan::None;
    };
    let Some(bytes) = base64url_decode(encoded) else {
        return FragmentPlan::Unreadable(
            "this link's plan is not valid base64url: copy the whole link again.".into(),
        );
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return FragmentPlan::Unreadable(
            "this link's plan is not UTF-8 text: copy the whole link again.".into(),
        );
    };
    match PlanDocument::from_json(&text) {
        Ok(plan) => FragmentPlan::Plan(Box::new(plan)),
        Err(e) => FragmentPlan::Unreadable(format!("this link holds no usable plan: {e}.")),
    }
}
