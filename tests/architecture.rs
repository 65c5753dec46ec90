//! The layering of `src/` (style.md, issue "one typed change"): the pure core never imports the UI or a
//! browser crate, `domain` never imports `emit`, and no two modules import each other, directly or
//! around a longer loop. A child module using its parent's items (and the parent declaring its
//! children) is the module tree, not a cycle; every other edge counts.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `src/domain/validate/change.rs` -> `["domain", "validate", "change"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code without comments (line comments and doc comments), so a path named in a doc is no edge.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path a file's code names (`super::x`, `super::super::x`, `crate::a::b`), resolved to
/// the longest known module.
fn references(
    module: &[String],
    text: &str,
    modules: &BTreeSet<Vec<String>>,
) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let text = code(text);
    let bytes = text.as_bytes();
    let starts_ident =
        |i: usize| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
    for (i, _) in text
        .match_indices("super::")
        .chain(text.match_indices("crate::"))
    {
        if !starts_ident(i) {
            continue;
        }
        let rest = &text[i..];
        let mut base: Vec<String> = if rest.starts_with("crate::") {
            Vec::new()
        } else {
            module.to_vec()
        };
        let mut tail = rest;
        while let Some(t) = tail.strip_prefix("super::") {
            base.pop();
            tail = t;
        }
        if let Some(t) = tail.strip_prefix("crate::") {
            tail = t;
        }
        let mut path = base;
        for segment in tail.split("::") {
            let ident: String = segment
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if ident.is_empty() {
                break;
            }
            let mut next = path.clone();
            next.push(ident);
            if modules.contains(&next) {
                path = next;
            } else {
                break;
            }
        }
        found.insert(path);
    }
    found
}

fn is_ancestor(a: &[String], b: &[String]) -> bool {
    a.len() < b.len() && b[..a.len()] == *a
}

#[test]
fn src_has_no_import_cycle_and_respects_the_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).unwrap();
        for target in references(&module, &text, &modules) {
            if target == module || is_ancestor(&target, &module) || is_ancestor(&module, &target) {
                continue;
            }
            edges.entry(module.clone()).or_default().insert(target);
        }
        // The floors: the pure core never reaches up.
        let top = module.first().map(String::as_str);
        let targets = edges.get(&module).cloned().unwrap_or_default();
        for target in &targets {
            let to = target.first().map(String::as_str);
            match (top, to) {
                (Some("domain"), Some("emit" | "ui")) | (Some("emit"), Some("ui")) => {
                    panic!("{} imports {}", module.join("::"), target.join("::"))
                }
                _ => {}
            }
        }
        if matches!(top, Some("domain" | "emit")) {
            for crate_name in ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"] {
                assert!(
                    !code(&text).contains(&format!("{crate_name}::")),
                    "{} uses {crate_name}",
                    module.join("::")
                );
            }
        }
    }
    // The analysis must have something to look at: the known floors exist as edges.
    assert!(edges
        .get(&vec!["emit".to_string(), "apply".to_string()])
        .is_some_and(|t| t.contains(&vec!["domain".to_string(), "change".to_string()])));
    // Depth-first search for a cycle, reported as the loop it is.
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!("import cycle: {}", names.join(" -> "));
        }
    }
}

/// The checker finds a cycle when there is one (a test of the test).
#[test]
fn the_cycle_check_sees_a_sibling_loop() {
    let modules: BTreeSet<Vec<String>> = [vec!["domain", "a"], vec!["domain", "b"], vec!["domain"]]
        .iter()
        .map(|m| m.iter().map(|s| s.to_string()).collect())
        .collect();
    let a = vec!["domain".to_string(), "a".to_string()];
    let refs = references(
        &a,
        "use super::b::Thing;\n// super::a in a comment\n",
        &modules,
    );
    assert_eq!(
        refs,
        BTreeSet::from([vec!["domain".to_string(), "b".to_string()]])
    );
    let nested = vec!["domain".to_string(), "a".to_string(), "x".to_string()];
    let refs = references(&nested, "use super::super::b::{self};", &modules);
    assert!(refs.contains(&vec!["domain".to_string(), "b".to_string()]));
}
