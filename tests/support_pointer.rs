//! JSON Pointers (RFC 6901) for tests that edit a plan as JSON (the app itself uses typed
//! `FieldPath`s); included with `#[path]`.
#![allow(dead_code)]

use serde_json::Value;

/// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1` (RFC 6901 §3).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends escaped tokens to a pointer: `push("/peerings/0", &["ipv4", "primary"])`.
pub fn join(base: &str, tokens: &[&str]) -> String {
    let mut pointer = base.to_string();
    for token in tokens {
        pointer.push('/');
        pointer.push_str(&escape_token(token));
    }
    pointer
}

/// The unescaped reference tokens of a pointer; `""` (the whole document) has none.
pub fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!(
            "{pointer:?} is not a JSON Pointer: it must start with /"
        ));
    };
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

/// An array index token: digits without a leading zero (RFC 6901 §4).
pub(crate) fn index(token: &str) -> Option<usize> {
    let digits_only = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits_only || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

fn child_mut<'v>(value: &'v mut Value, token: &str) -> Result<&'v mut Value, String> {
    match value {
        Value::Object(map) => map
            .get_mut(token)
            .ok_or_else(|| format!("there is no {token:?} here")),
        Value::Array(items) => {
            let len = items.len();
            index(token)
                .and_then(|i| items.get_mut(i))
                .ok_or_else(|| format!("{token:?} is not an index of this list of {len}"))
        }
        Value::Null => Err(format!(
            "{token:?} is inside a part of the plan that is not configured"
        )),
        _ => Err(format!("{token:?} is inside a single value")),
    }
}

/// The parent of the last token, and that token. The whole document cannot be replaced.
fn parent_mut<'v>(root: &'v mut Value, pointer: &str) -> Result<(&'v mut Value, String), String> {
    let mut tokens = tokens(pointer)?;
    let last = tokens
        .pop()
        .ok_or("an edit cannot replace the whole plan")?;
    let mut node = root;
    for token in &tokens {
        node = child_mut(node, token)?;
    }
    Ok((node, last))
}

/// Where `token` falls in a list of `len`: an existing element, or (`append`) one past the end,
/// written as the length or `-` (RFC 6901 §4).
fn list_position(token: &str, len: usize, append: bool) -> Result<usize, String> {
    let at = if token == "-" {
        Some(len)
    } else {
        index(token)
    };
    match at {
        Some(i) if i < len || (append && i == len) => Ok(i),
        _ => Err(format!("{token:?} is not an index of this list of {len}")),
    }
}

/// Why an edit cannot go into `parent` (neither an object nor a list).
fn not_a_container(parent: &Value, last: &str, pointer: &str) -> String {
    match parent {
        Value::Null => format!("{last:?} is inside a part of the plan that is not configured"),
        _ => format!("{pointer:?} does not point into an object or a list"),
    }
}

/// Sets the value at `pointer`: replaces an object member or adds it, replaces a list element, or
/// appends when the index is the list's length or `-`.
pub fn set(root: &mut Value, pointer: &str, new_value: Value) -> Result<(), String> {
    let (parent, last) = parent_mut(root, pointer)?;
    match parent {
        Value::Object(map) => {
            map.insert(last, new_value);
        }
        Value::Array(items) => {
            let at = list_position(&last, items.len(), true)?;
            if at == items.len() {
                items.push(new_value);
            } else {
                items[at] = new_value;
            }
        }
        other => return Err(not_a_container(other, &last, pointer)),
    }
    Ok(())
}

/// Removes an object member or a list element.
pub fn remove(root: &mut Value, pointer: &str) -> Result<(), String> {
    let (parent, last) = parent_mut(root, pointer)?;
    match parent {
        Value::Object(map) => map
            .remove(&last)
            .map(|_| ())
            .ok_or_else(|| format!("there is no {last:?} to remove")),
        Value::Array(items) => {
            let at = list_position(&last, items.len(), false)?;
            items.remove(at);
            Ok(())
        }
        other => Err(not_a_container(other, &last, pointer)),
    }
}
