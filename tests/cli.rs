//! The command-line planner (`peering-planner-cli`, src/cli.rs), run as the built binary:
//! - every block of every reference plan (tests/golden/plans/*.json, and the change-mode pairs of
//!   tests/golden/change/ taken through `import`) equals its golden file byte for byte, every golden
//!   file is some block and every block of the plan has a golden file; `ip-plan` is the page's IP plan;
//!   `--inline-shared-key` puts the key in, and only then;
//! - `check` prints each finding of the validator (text and `--json`) with the exit code of the plan;
//! - every wrong command line or unreadable file ends with exit 2 and the exact message;
//! - `peering_planner::cli::run` never panics and never ends with an unknown code (property test).
#![cfg(not(target_arch = "wasm32"))]

use peering_planner::cli;
use peering_planner::domain::document::PlanDocument;
use peering_planner::domain::import::{import_live, merge_import, MAX_IMPORT_BYTES};
use peering_planner::domain::validate::analyze;
use peering_planner::emit::blocks::{Generator, Report};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_peering-planner-cli");

/// What one run of the binary printed and how it ended.
#[derive(Debug)]
struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn cli_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
    {
        let mut input = child.stdin.take().unwrap();
        // The binary may exit without reading (a usage error): a closed pipe is fine here.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: stdout is not UTF-8: {e}")),
        stderr: String::from_utf8(out.stderr)
            .unwrap_or_else(|e| panic!("{args:?}: stderr is not UTF-8: {e}")),
        code: out
            .status
            .code()
            .unwrap_or_else(|| panic!("{args:?}: killed by a signal: {:?}", out.status)),
    }
}

fn cli(args: &[&str]) -> Run {
    cli_with_stdin(args, b"")
}

/// A directory of its own under the system's temp dir, removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "peering-planner-cli-test-{}-{}-{tag}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `bytes` to `name` in the directory and answers the path as text.
    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_of(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Where two texts first differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!(
                "line {}:\n  expected {:?}\n  actual   {:?}",
                i + 1,
                e.get(i),
                a.get(i)
            );
        }
    }
    format!(
        "same lines, different bytes (lengths {} and {}; final newline?)",
        expected.len(),
        actual.len()
    )
}

/// A reference plan as a plan file the binary reads.
struct Reference {
    name: String,
    /// The plan file given to `emit` and `check`.
    file: String,
    /// The JSON whose `peerings` name the route filters (the plan itself, or change mode's plan.json).
    peerings: Value,
}

fn create_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn change_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir().join("change"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("live.json").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Change mode through the command line, as `change_doc()` in tests/emit_golden.rs builds it: `import
/// live.json [filter.json]`, then the peerings and VNets of plan.json in place of the imported ones.
/// The import must be exactly what the page's "Download plan file" writes of the same import.
fn change_reference(name: &str, scratch: &Scratch) -> Reference {
    let dir = golden_dir().join("change").join(name);
    let mut inputs = vec![dir.join("live.json")];
    if dir.join("filter.json").exists() {
        inputs.push(dir.join("filter.json"));
    }
    let paths: Vec<String> = inputs
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    let run = cli(&args);
    assert_eq!(run.code, 0, "{name}: import: {}", run.stderr);

    let mut doc = PlanDocument::default();
    let mut notes = String::new();
    for (path, shown) in inputs.iter().zip(&paths) {
        let import = import_live(&read(path)).unwrap_or_else(|e| panic!("{name}: {e}"));
        for note in &import.notes {
            notes.push_str(&format!("{shown}: {note}\n"));
        }
        doc = merge_import(&doc, &import);
    }
    assert_eq!(
        run.stdout,
        doc.to_json(false) + "\n",
        "{name}: import writes the page's plan file"
    );
    assert_eq!(run.stderr, notes, "{name}: import notes");

    let mut imported: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{name}: import wrote no JSON: {e}"));
    let edited = json_of(&dir.join("plan.json"));
    imported["peerings"] = edited.get("peerings").cloned().unwrap_or(json!([]));
    imported["vnetAddressSpaces"] = edited
        .get("vnetAddressSpaces")
        .cloned()
        .unwrap_or(json!([]));
    let file = scratch.file(
        &format!("{name}.json"),
        serde_json::to_string_pretty(&imported).unwrap(),
    );
    Reference {
        name: name.to_string(),
        file,
        peerings: edited,
    }
}

fn references(scratch: &Scratch) -> Vec<Reference> {
    let mut refs: Vec<Reference> = create_names()
        .into_iter()
        .map(|name| {
            let path = golden_dir().join("plans").join(format!("{name}.json"));
            Reference {
                peerings: json_of(&path),
                file: path.to_string_lossy().into_owned(),
                name,
            }
        })
        .collect();
    refs.extend(change_names().iter().map(|n| change_reference(n, scratch)));
    assert!(
        refs.len() >= 20,
        "only {} reference plans: is tests/golden there?",
        refs.len()
    );
    refs
}

/// The peering and family of the route filter `name` the plan creates: the first family (IPv4 before
/// IPv6) that names it and carries its rule.
fn filter_owner(peerings: &Value, name: &str) -> Option<(String, &'static str)> {
    let list = peerings.get("peerings")?.as_array()?;
    list.iter().find_map(|p| {
        ["ipv4", "ipv6"].into_iter().find_map(|family| {
            let f = p.get(family)?;
            let named = f.get("routeFilter").and_then(Value::as_str) == Some(name);
            let rule = f.get("routeFilterRule").is_some_and(|r| !r.is_null());
            (named && rule).then(|| (p["type"].as_str().unwrap_or_default().to_string(), family))
        })
    })
}

/// What a golden file holds.
#[derive(Debug, PartialEq)]
enum Golden {
    /// The block with this key (`emit --format KEY`).
    Block(String),
    /// `<Type>.notes.txt`: the notes beside an ARM body, not a block of its own.
    Notes,
    Unmapped,
}

fn golden_block(file: &str, peerings: &Value) -> Golden {
    const FIXED: [(&str, &str); 8] = [
        ("az.bash", "az-bash"),
        ("az.ps1", "az-powershell"),
        ("cleanup.bash", "az-bash-cleanup"),
        ("cleanup.ps1", "az-powershell-cleanup"),
        ("rollback.bash", "az-bash-rollback"),
        ("rollback.ps1", "az-powershell-rollback"),
        ("main.tf", "terraform"),
        ("router-handover.txt", "router-handover"),
    ];
    const PER_PEERING: [(&str, &str); 4] = [
        (".arm.json", "arm-json"),
        (".rest.bash", "arm-rest"),
        (".rest.ps1", "arm-rest-powershell"),
        (".notes.txt", ""),
    ];
    const PER_FILTER: [(&str, &str); 3] = [
        (".arm.json", "arm-route-filter"),
        (".rest.bash", "arm-route-filter-rest"),
        (".rest.ps1", "arm-route-filter-rest-powershell"),
    ];
    const PEERINGS: [&str; 2] = ["AzurePrivatePeering", "MicrosoftPeering"];
    if let Some((_, key)) = FIXED.iter().find(|(f, _)| *f == file) {
        return Golden::Block(key.to_string());
    }
    if let Some(filter) = file.strip_prefix("routefilter-") {
        return PER_FILTER
            .iter()
            .find_map(|(suffix, output)| {
                let name = filter.strip_suffix(suffix)?;
                let (peering, family) = filter_owner(peerings, name)?;
                Some(Golden::Block(format!("{output}:{peering}:{family}")))
            })
            .unwrap_or(Golden::Unmapped);
    }
    if let Some(router) = file
        .strip_prefix("router-")
        .and_then(|r| r.strip_suffix(".txt"))
    {
        let mut parts = router.split('-');
        let (vendor, link) = (parts.next(), parts.next());
        let known = matches!(vendor, Some("iosxe" | "junos" | "eos" | "frr"))
            && matches!(link, Some("primary" | "secondary"))
            && parts.next().is_none();
        return if known {
            Golden::Block(format!("router-{router}"))
        } else {
            Golden::Unmapped
        };
    }
    for (suffix, output) in PER_PEERING {
        if let Some(peering) = file.strip_suffix(suffix) {
            if !PEERINGS.contains(&peering) {
                return Golden::Unmapped;
            }
            return if output.is_empty() {
                Golden::Notes
            } else {
                Golden::Block(format!("{output}:{peering}"))
            };
        }
    }
    Golden::Unmapped
}

#[test]
fn golden_files_map_to_blocks() {
    let peerings = json!({ "peerings": [
        { "type": "MicrosoftPeering",
          "ipv4": { "routeFilter": "NoRule" },
          "ipv6": { "routeFilter": "F", "routeFilterRule": { "ruleName": "r" } } },
    ]});
    let table = [
        ("az.ps1", Golden::Block("az-powershell".into())),
        ("main.tf", Golden::Block("terraform".into())),
        (
            "router-junos-secondary.txt",
            Golden::Block("router-junos-secondary".into()),
        ),
        (
            "router-handover.txt",
            Golden::Block("router-handover".into()),
        ),
        (
            "MicrosoftPeering.rest.ps1",
            Golden::Block("arm-rest-powershell:MicrosoftPeering".into()),
        ),
        ("AzurePrivatePeering.notes.txt", Golden::Notes),
        (
            "routefilter-F.rest.bash",
            Golden::Block("arm-route-filter-rest:MicrosoftPeering:ipv6".into()),
        ),
        ("routefilter-NoRule.arm.json", Golden::Unmapped),
        ("router-cisco-primary.txt", Golden::Unmapped),
        ("Other.arm.json", Golden::Unmapped),
        ("README.md", Golden::Unmapped),
    ];
    for (file, expected) in table {
        assert_eq!(golden_block(file, &peerings), expected, "{file}");
    }
}

/// The `arm-json` block of a peering without a body: what is needed first, from the notes beside it.
fn no_body_text(notes: &str) -> String {
    let mut text = String::from("# No JSON body yet:\n");
    for note in notes.lines().filter_map(|l| l.strip_prefix("- ")) {
        text.push_str(&format!("# {note}\n"));
    }
    text
}

/// `emit --format KEY` for a key of a per-peering block, the other ways to name it: the output with
/// `--peering` (and `--family`), and `--format=`.
fn other_spellings(key: &str) -> Vec<Vec<String>> {
    let parts: Vec<&str> = key.split(':').collect();
    let mut spellings = vec![vec![format!("--format={key}")]];
    match parts.as_slice() {
        [output, peering] => spellings.push(vec![
            "--peering".into(),
            peering.to_string(),
            "--format".into(),
            output.to_string(),
        ]),
        [output, peering, family] => spellings.push(vec![
            "--format".into(),
            output.to_string(),
            "--peering".into(),
            peering.to_string(),
            "--family".into(),
            family.to_string(),
        ]),
        _ => {}
    }
    spellings
}

#[test]
fn every_block_of_every_reference_plan_equals_its_golden_file() {
    let scratch = Scratch::new("golden");
    let mut failures = Vec::new();
    let (mut plans, mut blocks, mut no_body) = (0, 0, 0);
    for r in references(&scratch) {
        plans += 1;
        let dir = golden_dir().join(&r.name);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut covered = BTreeSet::new();
        for file in &files {
            let key = match golden_block(file, &r.peerings) {
                Golden::Block(key) => key,
                Golden::Notes => continue,
                Golden::Unmapped => {
                    failures.push(format!("{}/{file}: no block of the page", r.name));
                    continue;
                }
            };
            let golden = read(&dir.join(file));
            let expected = match key.strip_prefix("arm-json:") {
                Some(peering) if golden.is_empty() => {
                    no_body_text(&read(&dir.join(format!("{peering}.notes.txt"))))
                }
                _ => golden,
            };
            let run = cli(&["emit", "--format", &key, &r.file]);
            blocks += 1;
            if (run.code, run.stderr.as_str()) != (0, "") {
                failures.push(format!(
                    "{}/{file} ({key}): exit {}, stderr {:?}",
                    r.name, run.code, run.stderr
                ));
            } else if run.stdout != expected {
                failures.push(format!(
                    "{}/{file} ({key}) differs at {}",
                    r.name,
                    first_difference(&expected, &run.stdout)
                ));
            } else if run.stdout.starts_with("# No JSON body yet:\n") {
                no_body += 1;
            }
            if key.contains(':') {
                for spelling in other_spellings(&key) {
                    let mut args: Vec<&str> = vec!["emit"];
                    args.extend(spelling.iter().map(String::as_str));
                    args.push(&r.file);
                    let again = cli(&args);
                    if (again.code, &again.stdout) != (0, &run.stdout) {
                        failures.push(format!(
                            "{}: {args:?} is not {key}: exit {}, {}",
                            r.name, again.code, again.stderr
                        ));
                    }
                }
            }
            covered.insert(key);
        }

        // Every block the plan has is some golden file.
        let doc = PlanDocument::from_json(&read(Path::new(&r.file))).unwrap();
        let analysis = analyze(&doc);
        let generator = Generator::new(&analysis, false)
            .unwrap_or_else(|| panic!("{}: {:#?}", r.name, analysis.findings));
        let all: BTreeSet<String> = generator.ids().into_iter().map(|b| b.key()).collect();
        if all != covered {
            failures.push(format!(
                "{}: blocks without a golden file {:?}, golden files of no block {:?}",
                r.name,
                all.difference(&covered).collect::<Vec<_>>(),
                covered.difference(&all).collect::<Vec<_>>()
            ));
        }

        // The IP plan is the page's.
        let run = cli(&["emit", "--format", "ip-plan", &r.file]);
        blocks += 1;
        let ip_text = Report::of(&analysis).ip_text;
        if (run.code, run.stderr.as_str(), run.stdout.as_str()) != (0, "", ip_text.as_str()) {
            failures.push(format!(
                "{}: ip-plan: exit {}, stderr {:?}, {}",
                r.name,
                run.code,
                run.stderr,
                first_difference(&ip_text, &run.stdout)
            ));
        }
    }
    println!(
        "{plans} reference plans, {blocks} blocks compared ({no_body} ARM blocks without a body)"
    );
    assert!(blocks > 400, "only {blocks} blocks compared");
    assert!(
        no_body > 0,
        "no reference plan has an ARM block without a body"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `check` of each reference plan: exit 0, one line per finding as the validator has them, the count.
#[test]
fn check_passes_every_reference_plan_with_its_findings() {
    let scratch = Scratch::new("check");
    for r in references(&scratch) {
        let doc = PlanDocument::from_json(&read(Path::new(&r.file))).unwrap();
        let report = Report::of(&analyze(&doc));
        assert!(report.valid, "{}", r.name);
        let mut expected = String::new();
        let mut counts = [0, 0, 0];
        for f in report.findings.iter() {
            let at = match f.path.to_string() {
                p if p.is_empty() => "(plan)".to_string(),
                p => p,
            };
            let severity = f.severity.as_str();
            expected.push_str(&format!(
                "{severity} {} {at}: {}\n",
                f.code.as_str(),
                f.message
            ));
            counts[["error", "warning", "info"]
                .iter()
                .position(|s| *s == severity)
                .unwrap()] += 1;
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        expected.push_str(&format!(
            "{}: {}, {}, {}.\n",
            r.file,
            plural(counts[0], "error"),
            plural(counts[1], "warning"),
            plural(counts[2], "note")
        ));
        let run = cli(&["check", &r.file]);
        assert_eq!(
            (run.code, run.stderr.as_str(), run.stdout.as_str()),
            (0, "", expected.as_str()),
            "{}",
            r.name
        );
        let run = cli(&["check", "--json", &r.file]);
        assert_eq!(run.code, 0, "{}", r.name);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(json["valid"], json!(true), "{}", r.name);
        assert_eq!(json["errors"], json!(0), "{}", r.name);
        assert_eq!(json["warnings"], json!(counts[1]), "{}", r.name);
        assert_eq!(json["infos"], json!(counts[2]), "{}", r.name);
    }
}

/// A plan with three errors: a VLAN out of range, an ASN too large, host bits in a subnet.
const ERRORS_PLAN: &str = r#"{
  "version": 1,
  "circuit": { "subscription": "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e", "resourceGroup": "rg", "name": "ckt" },
  "peerings": [
    { "type": "AzurePrivatePeering", "peerAsn": "70000000000", "vlanId": "5000",
      "ipv4": { "primary": "10.0.0.1/30", "secondary": "10.0.0.4/30" } }
  ]
}"#;

/// The errors of [`ERRORS_PLAN`]: (code, pointer), in any order.
const ERRORS: [(&str, &str); 3] = [
    ("vlan.range", "/peerings/0/vlanId"),
    ("asn.range", "/peerings/0/peerAsn"),
    ("subnet.host_bits", "/peerings/0/ipv4/primary"),
];

/// Each finding of a document as (code, severity, pointer, message), in the validator's order.
fn findings_of(text: &str) -> Vec<(String, String, String, String)> {
    let doc = PlanDocument::from_json(text).unwrap();
    Report::of(&analyze(&doc))
        .findings
        .iter()
        .map(|f| {
            (
                f.code.as_str().to_string(),
                f.severity.as_str().to_string(),
                f.path.to_string(),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn check_reports_the_errors_of_a_plan() {
    let scratch = Scratch::new("errors");
    let path = scratch.file("errors.json", ERRORS_PLAN);
    let findings = findings_of(ERRORS_PLAN);
    let mut found: Vec<(&str, &str)> = findings
        .iter()
        .map(|(code, _, pointer, _)| (code.as_str(), pointer.as_str()))
        .collect();
    found.sort();
    let mut wanted = ERRORS.to_vec();
    wanted.sort();
    assert_eq!(found, wanted, "the validator's errors of the plan");

    // Text: one line per error as the validator has them, then the count.
    let mut expected: String = findings
        .iter()
        .map(|(code, severity, pointer, message)| {
            format!("{severity} {code} {pointer}: {message}\n")
        })
        .collect();
    expected.push_str(&format!("{path}: 3 errors, 0 warnings, 0 notes.\n"));
    let run = cli(&["check", &path]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    assert_eq!(run.stdout, expected);
    for (code, pointer) in ERRORS {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&format!("error {code} {pointer}: "))),
            "{code} {pointer} in\n{}",
            run.stdout
        );
    }
    assert_eq!(
        run.stdout.lines().last(),
        Some(format!("{path}: 3 errors, 0 warnings, 0 notes.").as_str())
    );

    // The same from standard input: the count names the file as given.
    let run = cli_with_stdin(&["check", "-"], ERRORS_PLAN.as_bytes());
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    assert_eq!(
        run.stdout,
        expected.replace(&format!("{path}:"), "standard input:"),
        "check - reads standard input"
    );

    // JSON: every finding with its code, severity, pointer and message, in order.
    for args in [
        ["check", "--json", path.as_str()],
        ["check", path.as_str(), "--json"],
    ] {
        let run = cli(&args);
        assert_eq!((run.code, run.stderr.as_str()), (1, ""), "{args:?}");
        let json: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", run.stdout));
        assert_eq!(json["valid"], json!(false));
        assert_eq!(json["errors"], json!(3));
        assert_eq!(json["warnings"], json!(0));
        assert_eq!(json["infos"], json!(0));
        let listed: Vec<(String, String, String, String)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let field = |k: &str| {
                    f[k].as_str()
                        .unwrap_or_else(|| panic!("{k}: {f}"))
                        .to_string()
                };
                (
                    field("code"),
                    field("severity"),
                    field("pointer"),
                    field("message"),
                )
            })
            .collect();
        assert_eq!(listed, findings, "{args:?}");
    }

    // emit: the page's "fix first" text in every block, exit 1; the IP plan is still there.
    let fix_first = {
        let mut t = String::from(
            "# No commands yet: the plan has 3 errors. Fix them first (see “Check your plan”):\n",
        );
        for (_, _, pointer, message) in &findings {
            t.push_str(&format!("# - {pointer}: {message}\n"));
        }
        t
    };
    for format in [
        "az-bash",
        "terraform",
        "arm-json:AzurePrivatePeering",
        "router-frr-primary",
    ] {
        let run = cli(&["emit", "--format", format, &path]);
        assert_eq!(run.code, 1, "{format}");
        assert_eq!(run.stdout, fix_first, "{format}");
        assert_eq!(
            run.stderr,
            format!("peering-planner-cli: {path} has errors, so there are no commands yet: run peering-planner-cli check {path}.\n"),
            "{format}"
        );
    }
    let run = cli(&["emit", "--format", "ip-plan", &path]);
    let doc = PlanDocument::from_json(ERRORS_PLAN).unwrap();
    assert_eq!(
        (run.code, run.stdout),
        (0, Report::of(&analyze(&doc)).ip_text)
    );
}

/// Standard input: `-` for check and emit.
#[test]
fn a_file_name_of_dash_reads_standard_input() {
    let plan = golden_dir().join("plans/private-dual.json");
    let text = read(&plan);
    let from_file = cli(&["check", &plan.to_string_lossy()]);
    let run = cli_with_stdin(&["check", "-"], text.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        from_file
            .stdout
            .replace(&format!("{}:", plan.to_string_lossy()), "standard input:")
    );
    for (format, golden) in [("az-bash", "az.bash"), ("terraform", "main.tf")] {
        let run = cli_with_stdin(&["emit", "--format", format, "-"], text.as_bytes());
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{format}");
        assert_eq!(
            run.stdout,
            read(&golden_dir().join("private-dual").join(golden))
        );
    }
    let run = cli_with_stdin(&["emit", "--format", "az-bash", "-"], b"{");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("peering-planner-cli: standard input is not a readable plan: "),
        "{}",
        run.stderr
    );
    let live = read(&golden_dir().join("change/change-mixed/live.json"));
    let run = cli_with_stdin(&["import", "-"], live.as_bytes());
    let import = import_live(&live).unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        merge_import(&PlanDocument::default(), &import).to_json(false) + "\n"
    );
}

/// `--inline-shared-key`: the plan's key is in the az and Terraform blocks with it, never without it.
#[test]
fn the_shared_key_is_in_the_outputs_only_when_asked() {
    let scratch = Scratch::new("key");
    let plan_path = golden_dir().join("plans/private-dual.json");
    let plan = json_of(&plan_path);
    let golden_key = plan["peerings"][0]["sharedKey"]
        .as_str()
        .expect("private-dual has a shared key")
        .to_string();
    let mut small = plan.clone();
    small["peerings"][0]["sharedKey"] = json!("Abc123");
    let small_path = scratch.file("keyed.json", small.to_string());
    for (path, key) in [
        (
            plan_path.to_string_lossy().into_owned(),
            golden_key.as_str(),
        ),
        (small_path, "Abc123"),
    ] {
        for format in ["az-bash", "az-powershell", "terraform"] {
            let plain = cli(&["emit", "--format", format, &path]);
            assert_eq!(plain.code, 0, "{format}: {}", plain.stderr);
            assert!(
                !plain.stdout.contains(key),
                "{format} holds the key without the flag"
            );
            for args in [
                ["emit", "--inline-shared-key", "--format", format, &path],
                ["emit", "--format", format, &path, "--inline-shared-key"],
            ] {
                let inline = cli(&args);
                assert_eq!(inline.code, 0, "{args:?}: {}", inline.stderr);
                assert!(inline.stdout.contains(key), "{args:?} lacks the key");
            }
        }
        let bash = cli(&["emit", "--inline-shared-key", "--format", "az-bash", &path]);
        assert!(bash.stdout.contains(&format!("--shared-key={key} ")));
        let tf = cli(&[
            "emit",
            "--inline-shared-key",
            "--format",
            "terraform",
            &path,
        ]);
        assert!(tf.stdout.contains(&format!("default = \"{key}\"")));
    }
}

/// One wrong command line or unreadable file: the arguments, what stdin holds, and the exact stderr.
struct Bad {
    args: Vec<String>,
    stdin: Vec<u8>,
    stderr: String,
}

fn usage_error(message: &str) -> String {
    format!("peering-planner-cli: {message}\n")
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[test]
fn bad_command_lines_and_files_exit_2_with_the_exact_message() {
    let scratch = Scratch::new("bad");
    let private = golden_dir()
        .join("plans/private-ipv4.json")
        .to_string_lossy()
        .into_owned();
    let both = golden_dir()
        .join("plans/routers-both.json")
        .to_string_lossy()
        .into_owned();
    let missing = scratch
        .0
        .join("missing.json")
        .to_string_lossy()
        .into_owned();
    let latin1 = scratch.file(
        "latin1.json",
        b"{\"version\": 1, \"circuit\": {\"name\": \"Z\xfcrich\"}}",
    );
    let big = scratch.file("big.json", vec![b' '; MAX_IMPORT_BYTES + 1]);
    let not_circuit_text = r#"{ "name": "x", "location": "westeurope" }"#;
    let not_circuit = scratch.file("not-circuit.json", not_circuit_text);
    let private_blocks = "az-bash, az-powershell, az-bash-cleanup, az-powershell-cleanup, az-bash-rollback, az-powershell-rollback, arm-json:AzurePrivatePeering, arm-rest:AzurePrivatePeering, arm-rest-powershell:AzurePrivatePeering, terraform, router-iosxe-primary, router-iosxe-secondary, router-junos-primary, router-junos-secondary, router-eos-primary, router-eos-secondary, router-frr-primary, router-frr-secondary, router-handover, ip-plan";
    let import_error = |path: &str, text: &str| {
        usage_error(&format!(
            "cannot import {path}: {}",
            import_live(text).err().unwrap()
        ))
    };
    let bad = |args: &[&str], stderr: String| Bad {
        args: strings(args),
        stdin: Vec::new(),
        stderr,
    };
    let table = vec![
        bad(&[], usage_error(&format!("no command.\n\n{}", cli::USAGE))),
        bad(
            &["frob"],
            usage_error("unknown command \"frob\": use check, emit or import (peering-planner-cli --help)."),
        ),
        bad(
            &["check", "--jsn", &private],
            usage_error("unknown option \"--jsn\"."),
        ),
        bad(
            &["emit", "--format", "az-bash", "--inline-shared-key=yes", &private],
            usage_error("unknown option \"--inline-shared-key=yes\"."),
        ),
        bad(
            &["import", "--json", &private],
            usage_error("unknown option \"--json\"."),
        ),
        bad(
            &["check", &missing],
            usage_error(&format!("cannot read {missing}: no such file.")),
        ),
        bad(
            &["emit", "--format", "az-bash", &missing],
            usage_error(&format!("cannot read {missing}: no such file.")),
        ),
        bad(
            &["import", &missing],
            usage_error(&format!("cannot read {missing}: no such file.")),
        ),
        bad(
            &["check", &latin1],
            usage_error(&format!("{latin1} is not UTF-8 text.")),
        ),
        bad(
            &["check", &big],
            usage_error(&format!(
                "{big} is {} bytes, more than the {MAX_IMPORT_BYTES} a plan or a circuit's JSON can be.",
                MAX_IMPORT_BYTES + 1
            )),
        ),
        bad(
            &["check"],
            usage_error("check needs a plan file (peering-planner-cli --help)."),
        ),
        bad(
            &["check", &private, &both],
            usage_error(&format!(
                "check reads one plan file, not 2 ({private}, {both})."
            )),
        ),
        bad(
            &["emit", &private],
            usage_error("emit needs --format BLOCK (peering-planner-cli --help lists them)."),
        ),
        bad(
            &["emit", &private, "--format"],
            usage_error("--format needs a value."),
        ),
        bad(
            &["emit", "--format", "az-bash"],
            usage_error("emit needs a plan file (peering-planner-cli --help)."),
        ),
        bad(
            &["emit", "--format", "az-bsh", &private],
            usage_error("unknown format \"az-bsh\": use a block id of the page (peering-planner-cli --help lists them)."),
        ),
        bad(
            &["emit", "--format", "arm-json:MicrosoftPeering", &private],
            usage_error(&format!(
                "this plan has no block arm-json:MicrosoftPeering; its blocks: {private_blocks}."
            )),
        ),
        bad(
            &["emit", "--format", "arm-rest", "--peering", "MicrosoftPeering", &private],
            usage_error(&format!(
                "this plan has no block arm-rest:MicrosoftPeering; its blocks: {private_blocks}."
            )),
        ),
        bad(
            &["emit", "--format", "arm-route-filter", &private],
            usage_error(&format!(
                "this plan has no block arm-route-filter; its blocks: {private_blocks}."
            )),
        ),
        bad(
            &["emit", "--format", "arm-json", &both],
            usage_error("arm-json names 2 blocks here: pick one of arm-json:AzurePrivatePeering, arm-json:MicrosoftPeering."),
        ),
        bad(
            &["import"],
            usage_error("import needs the JSON of `az network express-route show` (peering-planner-cli --help)."),
        ),
        bad(&["import", &not_circuit], import_error(&not_circuit, not_circuit_text)),
        bad(&["import", &private], import_error(&private, &read(Path::new(&private)))),
        Bad {
            args: strings(&["import", "-"]),
            stdin: b"[]".to_vec(),
            stderr: import_error("standard input", "[]"),
        },
        Bad {
            args: strings(&["check", "-"]),
            stdin: b"\xff\xfe".to_vec(),
            stderr: usage_error("standard input is not UTF-8 text."),
        },
    ];
    let mut failures = Vec::new();
    for case in &table {
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let run = cli_with_stdin(&args, &case.stdin);
        if (run.code, run.stdout.as_str(), run.stderr.as_str()) != (2, "", case.stderr.as_str()) {
            failures.push(format!(
                "{args:?}: exit {}, stdout {:?}\n  stderr   {:?}\n  expected {:?}",
                run.code, run.stdout, run.stderr, case.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file that is JSON but not a version-1 plan, or not JSON at all: exit 2, and the message names the
/// file and says why once ("<file> is not a readable plan: <why>.").
#[test]
fn unreadable_plans_exit_2_and_say_why() {
    let scratch = Scratch::new("unreadable");
    let invalid_text = "{ \"version\": 1, ";
    let serde_error = serde_json::from_str::<Value>(invalid_text)
        .unwrap_err()
        .to_string();
    let table = [
        (
            "invalid.json",
            invalid_text,
            format!("invalid JSON ({serde_error})"),
        ),
        (
            "no-version.json",
            r#"{ "circuit": { "name": "ckt" }, "peerings": [] }"#,
            "it has no \"version\" field (expected \"version\": 1)".to_string(),
        ),
        (
            "version-2.json",
            r#"{ "version": 2, "peerings": [] }"#,
            "\"version\" is 2; this planner reads version 1".to_string(),
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, why) in &table {
        let path = scratch.file(name, text);
        for (args, shown) in [
            (vec!["check", path.as_str()], path.as_str()),
            (
                vec!["emit", "--format", "az-bash", path.as_str()],
                path.as_str(),
            ),
            (vec!["check", "-"], "standard input"),
        ] {
            let run = cli_with_stdin(&args, text.as_bytes());
            let expected = usage_error(&format!("{shown} is not a readable plan: {why}."));
            if (run.code, run.stdout.as_str(), run.stderr.as_str()) != (2, "", expected.as_str()) {
                failures.push(format!(
                    "{args:?}: exit {}\n  stderr   {:?}\n  expected {:?}",
                    run.code, run.stderr, expected
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `help`, `--version`, and a block named by its plain id when the plan has one such block.
#[test]
fn help_version_and_plain_ids() {
    for args in [["--help"], ["-h"], ["help"]] {
        let run = cli(&args);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, cli::USAGE, "")
        );
    }
    let run = cli(&["--version"]);
    assert_eq!(
        (run.code, run.stdout),
        (
            0,
            format!("peering-planner-cli {}\n", env!("CARGO_PKG_VERSION"))
        )
    );
    let golden = golden_dir();
    let filter = golden.join("plans/microsoft-filter-group.json");
    let filter = filter.to_str().unwrap();
    let private = golden.join("plans/private-ipv4.json");
    let private = private.to_str().unwrap();
    // (arguments before the plan file, the golden file the block equals)
    let table: [(&[&str], &str, &str); 6] = [
        (
            &["--format", "arm-json"],
            private,
            "private-ipv4/AzurePrivatePeering.arm.json",
        ),
        (
            &["--format", "arm-rest-powershell"],
            private,
            "private-ipv4/AzurePrivatePeering.rest.ps1",
        ),
        (
            &["--format", "arm-route-filter"],
            filter,
            "microsoft-filter-group/routefilter-EntraOnly.arm.json",
        ),
        (
            &["--format", "arm-route-filter-rest", "--family", "ipv4"],
            filter,
            "microsoft-filter-group/routefilter-EntraOnly.rest.bash",
        ),
        (&["--", "--format"], filter, ""),
        (
            &["--format", "az-bash", "--"],
            private,
            "private-ipv4/az.bash",
        ),
    ];
    for (options, plan, golden_file) in table {
        let mut args = vec!["emit"];
        args.extend(options);
        args.push(plan);
        let run = cli(&args);
        if golden_file.is_empty() {
            // After `--` everything is a file name: "--format" is one, so there is no --format.
            assert_eq!(run.code, 2, "{args:?}");
            continue;
        }
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(run.stdout, read(&golden.join(golden_file)), "{args:?}");
    }
}

/// A route filter block named by its peering alone (`--peering`, or `output:Peering`) on a plan with
/// one route filter there is that block, as the plain id is ("With one such block the plain id is
/// enough").
#[test]
fn a_route_filter_block_named_by_its_peering_alone() {
    let golden = golden_dir();
    let plan = golden.join("plans/microsoft-filter-group.json");
    let plan = plan.to_str().unwrap();
    let expected = read(&golden.join("microsoft-filter-group/routefilter-EntraOnly.arm.json"));
    let mut failures = Vec::new();
    for args in [
        vec![
            "emit",
            "--format",
            "arm-route-filter",
            "--peering",
            "MicrosoftPeering",
            plan,
        ],
        vec![
            "emit",
            "--format",
            "arm-route-filter:MicrosoftPeering",
            plan,
        ],
    ] {
        let run = cli(&args);
        if (run.code, run.stdout.as_str()) != (0, expected.as_str()) {
            failures.push(format!(
                "{args:?}: exit {}, stderr {:?}",
                run.code, run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- Never a panic ------------------------------------------------------------------------------

/// The words of real command lines.
const WORDS: [&str; 45] = [
    "check",
    "emit",
    "import",
    "help",
    "--help",
    "-h",
    "--version",
    "version",
    "--json",
    "--format",
    "--format=az-bash",
    "--format=",
    "--peering",
    "--peering=MicrosoftPeering",
    "--family",
    "--family=ipv6",
    "--inline-shared-key",
    "--",
    "-",
    "plan.json",
    "az-bash",
    "az-powershell",
    "az-bash-cleanup",
    "az-powershell-cleanup",
    "az-bash-rollback",
    "az-powershell-rollback",
    "arm-json",
    "arm-rest",
    "arm-rest-powershell",
    "terraform",
    "router-handover",
    "router-frr-primary",
    "router-iosxe-secondary",
    "arm-route-filter",
    "arm-route-filter-rest",
    "arm-route-filter-rest-powershell",
    "ip-plan",
    "arm-json:MicrosoftPeering",
    "arm-rest:AzurePrivatePeering",
    "arm-route-filter:MicrosoftPeering:ipv4",
    "arm-route-filter-rest-powershell:MicrosoftPeering:ipv6",
    "AzurePrivatePeering",
    "MicrosoftPeering",
    "ipv4",
    ":*:",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS.to_vec()).prop_map(str::to_string),
        1 => "[-a-z:=*]{0,12}",
        1 => any::<String>(),
    ]
}

/// The block ids `--format` takes.
const FORMATS: [&str; 22] = [
    "az-bash",
    "az-powershell",
    "az-bash-cleanup",
    "az-powershell-cleanup",
    "az-bash-rollback",
    "az-powershell-rollback",
    "arm-json",
    "arm-rest",
    "arm-rest-powershell",
    "terraform",
    "router-handover",
    "router-iosxe-primary",
    "router-junos-secondary",
    "router-eos-primary",
    "router-frr-secondary",
    "arm-route-filter",
    "arm-route-filter-rest",
    "arm-route-filter-rest-powershell",
    "ip-plan",
    "arm-json:MicrosoftPeering",
    "arm-rest-powershell:AzurePrivatePeering",
    "arm-route-filter:MicrosoftPeering:ipv4",
];

/// A command line as a user would write one.
fn well_formed() -> impl Strategy<Value = Vec<String>> {
    let peering = prop::option::of(prop::sample::select(vec![
        "AzurePrivatePeering",
        "MicrosoftPeering",
    ]));
    let family = prop::option::of(prop::sample::select(vec!["ipv4", "ipv6"]));
    prop_oneof![
        any::<bool>().prop_map(|json| {
            let mut args = vec!["check".to_string()];
            if json {
                args.push("--json".into());
            }
            args.push("plan.json".into());
            args
        }),
        (
            prop::sample::select(FORMATS.to_vec()),
            peering,
            family,
            any::<bool>()
        )
            .prop_map(|(format, peering, family, inline)| {
                let mut args = strings(&["emit", "--format", format]);
                if let Some(p) = peering {
                    args.extend(strings(&["--peering", p]));
                }
                if let Some(f) = family {
                    args.push(format!("--family={f}"));
                }
                if inline {
                    args.push("--inline-shared-key".into());
                }
                args.push("plan.json".into());
                args
            }),
        (1..3usize).prop_map(|n| {
            let mut args = vec!["import".to_string()];
            args.extend((0..n).map(|i| format!("live-{i}.json")));
            args
        }),
    ]
}

fn args() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        4 => well_formed(),
        1 => prop::collection::vec(word(), 0..6),
        3 => (
            prop::sample::select(vec!["check", "emit", "import"]),
            prop::collection::vec(word(), 0..5),
        )
            .prop_map(|(command, rest)| {
                let mut args = vec![command.to_string()];
                args.extend(rest);
                args.push("plan.json".to_string());
                args
            }),
    ]
}

/// Valid inputs to mutate: every reference plan, every change-mode plan and the circuits' JSON.
fn seeds() -> Vec<String> {
    let golden = golden_dir();
    let mut seeds: Vec<String> = create_names()
        .iter()
        .map(|n| read(&golden.join("plans").join(format!("{n}.json"))))
        .collect();
    for name in change_names() {
        let dir = golden.join("change").join(&name);
        for file in ["live.json", "plan.json", "filter.json"] {
            if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
                seeds.push(text);
            }
        }
        let import = import_live(&read(&dir.join("live.json"))).unwrap();
        let mut doc = merge_import(&PlanDocument::default(), &import);
        let edited = PlanDocument::from_json(&read(&dir.join("plan.json"))).unwrap();
        doc.peerings = edited.peerings;
        seeds.push(doc.to_json(true));
    }
    seeds
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "0",
            "-1",
            "4095",
            "4294967296",
            "1e400",
            "123456789012345678901234567890",
            "0.5"
        ])
        .prop_map(|n| serde_json::from_str::<Value>(n).unwrap()),
        prop::sample::select(vec![
            "",
            " ",
            "MicrosoftPeering",
            "AzurePrivatePeering",
            "10.0.0.0/30",
            "10.0.0.1/30",
            "2a01:111::/126",
            "::/0",
            "0.0.0.0/0",
            "256.0.0.0/30",
            "12076:5010",
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/routeFilters/z",
            "Abc123",
            "qinq",
            "frr",
            "(x).y",
        ])
        .prop_map(|s| json!(s)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// What `read` answers for every file name.
#[derive(Debug, Clone)]
enum Content {
    Bytes(Vec<u8>),
    Unreadable(String),
}

fn content(seeds: Vec<String>) -> impl Strategy<Value = Content> {
    let seeds = std::sync::Arc::new(seeds);
    let count = seeds.len();
    let (s1, s2, s3, s4) = (seeds.clone(), seeds.clone(), seeds.clone(), seeds);
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(Content::Bytes),
        1 => "[ -~]{0,20}".prop_map(Content::Unreadable),
        // A seed as it is.
        2 => (0..count).prop_map(move |i| Content::Bytes(s1[i].clone().into_bytes())),
        // A seed with one text replaced by another (the plan stays readable).
        3 => (0..count, any::<prop::sample::Index>(), odd_value()).prop_map(
            move |(i, at, value)| {
                let mut v: Value = serde_json::from_str(&s4[i]).unwrap();
                let mut all = Vec::new();
                pointers(&v, String::new(), &mut all);
                all.retain(|p| v.pointer(p).is_some_and(Value::is_string));
                let text = match value {
                    Value::String(t) => t,
                    other => other.to_string(),
                };
                if !all.is_empty() {
                    let pointer = at.get(&all).clone();
                    if let Some(slot) = v.pointer_mut(&pointer) {
                        *slot = Value::String(text);
                    }
                }
                Content::Bytes(v.to_string().into_bytes())
            }
        ),
        // A seed with one value replaced (or removed).
        2 => (0..count, any::<prop::sample::Index>(), odd_value(), any::<bool>()).prop_map(
            move |(i, at, value, remove)| {
                let mut v: Value = serde_json::from_str(&s2[i]).unwrap();
                let mut all = Vec::new();
                pointers(&v, String::new(), &mut all);
                let pointer = at.get(&all).clone();
                match pointer.rsplit_once('/') {
                    Some((parent, key)) if remove => {
                        match v.pointer_mut(parent) {
                            Some(Value::Object(o)) => {
                                o.remove(key);
                            }
                            Some(Value::Array(a)) => {
                                if let Ok(k) = key.parse::<usize>() {
                                    a.remove(k);
                                }
                            }
                            _ => {}
                        }
                    }
                    _ => {
                        if let Some(slot) = v.pointer_mut(&pointer) {
                            *slot = value;
                        }
                    }
                }
                Content::Bytes(v.to_string().into_bytes())
            }
        ),
        // A seed's text cut and spliced.
        1 => (0..count, any::<prop::sample::Index>(), 0..8usize, "[\\[\\]{}\",:0-9a-z\\\\ ]{0,4}").prop_map(
            move |(i, at, cut, insert)| {
                let mut bytes = s3[i].clone().into_bytes();
                let start = at.index(bytes.len() + 1);
                let end = (start + cut).min(bytes.len());
                bytes.splice(start..end, insert.into_bytes());
                Content::Bytes(bytes)
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `cli::run` is total: any command line and any file content end with exit 0, 1 or 2, never a
    /// panic, and exit 2 always says why.
    #[test]
    fn run_never_panics(args in args(), file in content(seeds())) {
        let read = |_: &str| match &file {
            Content::Bytes(b) => Ok(b.clone()),
            Content::Unreadable(why) => Err(why.clone()),
        };
        let outcome = cli::run(&args, &read);
        prop_assert!(
            [cli::EXIT_OK, cli::EXIT_ERRORS, cli::EXIT_USAGE].contains(&outcome.code),
            "{args:?}: exit {}", outcome.code
        );
        if outcome.code == cli::EXIT_USAGE {
            prop_assert!(!outcome.stderr.is_empty(), "{args:?}: exit 2 without a message");
            prop_assert!(outcome.stdout.is_empty(), "{args:?}: exit 2 with output");
        }
        if outcome.code == cli::EXIT_ERRORS {
            prop_assert!(
                matches!(args.first().map(String::as_str), Some("check" | "emit")),
                "{args:?}: exit 1 outside check and emit"
            );
        }
    }
}
