//! The one field table (src/emit/fields.rs): its rules (§8: never an IPv6 `update` flag; route filters
//! attach after the create), and the README's copies of it and of the finding codes, which must not drift.
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::domain::change::PeeringField;
use peering_planner::domain::field::AddressFamily;
use peering_planner::domain::findings::{Code, Severity};
use peering_planner::emit::fields::{snapshot_columns, spec, ValueKind, TABLE};
use std::collections::BTreeSet;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_field_has_exactly_one_row() {
    let fields: Vec<PeeringField> = TABLE.iter().map(|s| s.field).collect();
    assert_eq!(
        fields,
        PeeringField::all(),
        "one row per field, in document order"
    );
    let paths: BTreeSet<&str> = TABLE.iter().map(|s| s.path).collect();
    assert_eq!(paths.len(), TABLE.len(), "paths are unique");
    for s in TABLE {
        assert_eq!(spec(s.field), s);
    }
}

#[test]
fn the_table_follows_the_cli_rules() {
    for s in TABLE {
        match s.field.family() {
            // §8: the IPv6 flags of `peering update` send a body without IPv4: never used.
            Some(AddressFamily::Ipv6) => {
                assert_eq!(s.update_flag, None, "{:?}", s.field);
                assert!(s.path.starts_with("ipv6PeeringConfig."), "{:?}", s.field);
            }
            _ => {
                assert!(s.update_flag.is_some(), "{:?}", s.field);
                assert!(!s.path.starts_with("ipv6PeeringConfig"), "{:?}", s.field);
            }
        }
        // Route filters attach in a separate update (§8); everything else goes into the create.
        let is_filter = matches!(s.field, PeeringField::RouteFilter(_));
        assert_eq!(s.create_flag.is_none(), is_filter, "{:?}", s.field);
        assert_eq!(s.kind == ValueKind::ResourceId, is_filter, "{:?}", s.field);
        assert_eq!(
            s.kind == ValueKind::Secret,
            s.field == PeeringField::SharedKey
        );
        // The ARM property is the --set path under `properties` (§9).
        assert_eq!(s.arm, s.path);
        if is_filter {
            assert_eq!(s.remove_path(), s.path.trim_end_matches(".id"));
        } else {
            assert_eq!(s.remove_path(), s.path);
        }
    }
}

#[test]
fn the_scripts_read_every_readable_field_back() {
    let columns = snapshot_columns();
    assert_eq!(
        columns[0], "vlanId",
        "the VLAN check reads the first column"
    );
    for s in TABLE {
        assert_eq!(
            columns.contains(&s.path),
            s.kind != ValueKind::Secret,
            "{} (the key is never read back)",
            s.path
        );
    }
}

/// The README's field table has one row per table row, with the same flags and paths.
#[test]
fn the_readme_table_is_the_table() {
    let text = readme();
    let start = text
        .find("### The field table")
        .expect("README has the field table");
    let rows: Vec<Vec<String>> = text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| field |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), TABLE.len());
    for (row, s) in rows.iter().zip(TABLE) {
        let flag = |f: Option<&str>| f.unwrap_or("-").to_string();
        assert_eq!(row[1], flag(s.create_flag), "{row:?}");
        assert_eq!(row[2], flag(s.update_flag), "{row:?}");
        assert_eq!(row[3], s.path, "{row:?}");
        assert_eq!(row[4], s.arm, "{row:?}");
        assert_eq!(row[5], s.terraform, "{row:?}");
    }
}

/// The README lists every finding code once, under its severity.
#[test]
fn the_readme_lists_every_finding_code() {
    let text = readme();
    let start = text
        .find("### Finding codes")
        .expect("README has the code list");
    let section = &text[start..];
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", severity.as_str())))
            .unwrap_or_else(|| panic!("no {} row", severity.as_str()));
        let listed: BTreeSet<String> = line
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let expected: BTreeSet<String> = Code::ALL
            .iter()
            .filter(|c| c.default_severity() == severity)
            .map(|c| c.as_str().to_string())
            .collect();
        assert_eq!(listed, expected, "{}", severity.as_str());
    }
}
