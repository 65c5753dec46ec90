//! The command-line planner (`peering-planner-cli`, README "Command line"): the page's checks and
//! outputs for plan files in Git and CI, on the same core. Pure: [`run`] takes the arguments and a file
//! reader and answers what to print and the exit code, so tests run it without a process and the binary
//! (`src/bin/cli.rs`) is a thin shell around it. Total: every input gets a message, never a panic.
//!
//! Exit codes: 0 success (for `check`: no error); 1 the plan has errors; 2 the command line is wrong
//! or a file is unreadable (missing, not UTF-8, not JSON, not a plan).

use crate::domain::document::PlanDocument;
use crate::domain::findings::Finding;
use crate::domain::import::{import_live, merge_import, MAX_IMPORT_BYTES};
use crate::domain::validate::analyze;
use crate::emit::blocks::{BlockId, Generator, Outputs, Report};

pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// What a run prints and how it ends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            code: EXIT_OK,
        }
    }
    fn usage(message: impl Into<String>) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: format!("peering-planner-cli: {}\n", message.into()),
            code: EXIT_USAGE,
        }
    }
}

pub const USAGE: &str = "\
ExpressRoute Peering Planner, command line: the page's checks and outputs for plan files.

Usage:
  peering-planner-cli check [--json] PLAN.json
      The plan's findings, one per line (--json: a JSON object with every finding's code, severity,
      pointer and message). Exit 0 when the plan has no error, 1 when it has errors, 2 when the file
      is unreadable.
  peering-planner-cli emit --format BLOCK [--inline-shared-key] PLAN.json
      One output block, exactly as the page shows it (what Copy copies). BLOCK is a data-output id
      of the page: az-bash, az-powershell, az-bash-cleanup, az-powershell-cleanup, az-bash-rollback,
      az-powershell-rollback, arm-json, arm-rest, arm-rest-powershell, terraform, router-handover,
      router-<iosxe|junos|eos|frr>-<primary|secondary>, arm-route-filter, arm-route-filter-rest,
      arm-route-filter-rest-powershell, ip-plan. Per-peering blocks take the peering after a colon
      (arm-json:MicrosoftPeering) or --peering; route filter blocks also the family
      (arm-route-filter:MicrosoftPeering:ipv4) or --family. With one such block the plain id is
      enough. --inline-shared-key writes the shared keys into the text, as the page's
      \"Put the shared key into the outputs\". Exit 1 (and the page's \"fix first\" text) when the
      plan has errors.
  peering-planner-cli import LIVE.json [MORE.json ...]
      The output of `az network express-route show` (or `... peering show`, `... peering list`), and
      optionally `az network route-filter show`, to a change-mode plan file on standard output, as
      the page's import and \"Download plan file\" write it (without shared keys).

A file name of - reads standard input. Exit 2 for a wrong command line or an unreadable file.
";

/// Runs one command line (without the program name). `read` answers a file's bytes or why it cannot.
pub fn run(args: &[String], read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        return Outcome::usage(format!("no command.\n\n{USAGE}"));
    };
    match command.as_str() {
        "check" => check(rest, read),
        "emit" => emit(rest, read),
        "import" => import(rest, read),
        "help" | "--help" | "-h" => Outcome::ok(USAGE.to_string()),
        "--version" | "version" => Outcome::ok(format!(
            "peering-planner-cli {}\n",
            env!("CARGO_PKG_VERSION")
        )),
        other => Outcome::usage(format!(
            "unknown command {}: use check, emit or import (peering-planner-cli --help).",
            crate::domain::findings::quote(other)
        )),
    }
}

/// A file's text, or the message for exit 2.
fn read_text(path: &str, read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Result<String, String> {
    let shown = if path == "-" { "standard input" } else { path };
    let bytes = read(path).map_err(|e| format!("cannot read {shown}: {e}."))?;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{shown} is {} bytes, more than the {MAX_IMPORT_BYTES} a plan or a circuit's JSON can be.",
            bytes.len()
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("{shown} is not UTF-8 text."))
}

fn read_plan(
    path: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<PlanDocument, String> {
    let text = read_text(path, read)?;
    let shown = if path == "-" { "standard input" } else { path };
    PlanDocument::from_json(&text)
        .map_err(|e| format!("{shown} is not a readable plan: {}.", e.reason))
}

/// Splits options from operands; `takes_value` names the options with a value. Unknown options are
/// errors (a typo must not be read as a file name).
struct Parsed {
    flags: Vec<String>,
    values: Vec<(String, String)>,
    operands: Vec<String>,
}

fn parse(args: &[String], flags: &[&str], takes_value: &[&str]) -> Result<Parsed, String> {
    let mut parsed = Parsed {
        flags: Vec::new(),
        values: Vec::new(),
        operands: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--" {
            parsed.operands.extend(it.by_ref().cloned());
            break;
        }
        if arg.starts_with("--") {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            if flags.contains(&name) && inline.is_none() {
                parsed.flags.push(name.to_string());
            } else if takes_value.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a value."))?,
                };
                parsed.values.push((name.to_string(), value));
            } else {
                return Err(format!(
                    "unknown option {}.",
                    crate::domain::findings::quote(arg)
                ));
            }
        } else {
            parsed.operands.push(arg.clone());
        }
    }
    Ok(parsed)
}

impl Parsed {
    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn one_file(&self, command: &str) -> Result<&str, String> {
        match self.operands.as_slice() {
            [one] => Ok(one),
            [] => Err(format!(
                "{command} needs a plan file (peering-planner-cli --help)."
            )),
            more => Err(format!(
                "{command} reads one plan file, not {} ({}).",
                more.len(),
                more.join(", ")
            )),
        }
    }
}

fn finding_line(f: &Finding) -> String {
    let at = match f.path {
        crate::domain::field::FieldPath::Plan => "(plan)".to_string(),
        path => path.to_string(),
    };
    format!(
        "{} {} {at}: {}",
        f.severity.as_str(),
        f.code.as_str(),
        f.message
    )
}

fn check(args: &[String], read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Outcome {
    let parsed = match parse(args, &["--json"], &[]) {
        Ok(p) => p,
        Err(e) => return Outcome::usage(e),
    };
    let path = match parsed.one_file("check") {
        Ok(p) => p,
        Err(e) => return Outcome::usage(e),
    };
    let doc = match read_plan(path, read) {
        Ok(d) => d,
        Err(e) => return Outcome::usage(e),
    };
    let analysis = analyze(&doc);
    let report = Report::of(&analysis);
    let findings: Vec<&Finding> = report.findings.iter().collect();
    let count = |s: &str| findings.iter().filter(|f| f.severity.as_str() == s).count();
    let (errors, warnings, infos) = (count("error"), count("warning"), count("info"));
    let stdout = if parsed.has("--json") {
        let list: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                serde_json::json!({
                    "code": f.code.as_str(),
                    "severity": f.severity.as_str(),
                    "pointer": f.path.to_string(),
                    "message": f.message,
                })
            })
            .collect();
        let value = serde_json::json!({
            "valid": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "findings": list,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    } else {
        let mut text: String = findings.iter().map(|f| finding_line(f) + "\n").collect();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let shown = if path == "-" { "standard input" } else { path };
        text.push_str(&format!(
            "{shown}: {}, {}, {}.\n",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "note")
        ));
        text
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if errors == 0 { EXIT_OK } else { EXIT_ERRORS },
    }
}

/// The keys of every block a plan with this generator has, for messages.
fn keys(ids: &[BlockId]) -> String {
    let mut keys: Vec<String> = ids.iter().map(|b| b.key()).collect();
    keys.push("ip-plan".into());
    keys.join(", ")
}

/// The block a `--format` (with `--peering` / `--family`) names among `ids`: the format is an output id,
/// optionally followed by `:<peering>` and `:<family>` (a block's key); the options fill in what it
/// leaves out. Peering and family compare case-insensitively.
fn pick(
    format: &str,
    peering: Option<&str>,
    family: Option<&str>,
    ids: &[BlockId],
) -> Result<BlockId, String> {
    let mut parts = format.split(':');
    let output = parts.next().unwrap_or_default();
    let peering = parts.next().or(peering);
    let family = parts.next().or(family);
    if parts.next().is_some() {
        return Err(format!(
            "unknown format {}: a block is named <id>[:<peering>[:<family>]].",
            crate::domain::findings::quote(format)
        ));
    }
    let same = |a: &str, b: Option<&str>| b.is_some_and(|b| a.eq_ignore_ascii_case(b));
    let matches: Vec<BlockId> = ids
        .iter()
        .copied()
        .filter(|b| b.output() == output)
        .filter(|b| peering.is_none_or(|p| same(p, b.peering().map(|t| t.as_str()))))
        .filter(|b| family.is_none_or(|f| same(f, b.family().map(|x| x.key()))))
        .collect();
    let asked = [Some(output), peering, family]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(":");
    match matches.as_slice() {
        [one] => Ok(*one),
        [] if is_known_output(output) => Err(format!(
            "this plan has no block {asked}; its blocks: {}.",
            keys(ids)
        )),
        [] => Err(format!(
            "unknown format {}; the blocks of this plan: {}.",
            crate::domain::findings::quote(format),
            keys(ids)
        )),
        several => Err(format!(
            "{asked} names {} blocks here: pick one of {}.",
            several.len(),
            several
                .iter()
                .map(|b| b.key())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Whether `output` is a `data-output` id the page can have (whatever the plan): the block keys
/// [`BlockId::parse`] reads, for any peering and family.
fn is_known_output(output: &str) -> bool {
    output == "ip-plan"
        || [
            output.to_string(),
            format!("{output}:MicrosoftPeering"),
            format!("{output}:MicrosoftPeering:ipv4"),
        ]
        .iter()
        .any(|key| BlockId::parse(key).is_some())
}

fn emit(args: &[String], read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Outcome {
    let parsed = match parse(
        args,
        &["--inline-shared-key"],
        &["--format", "--peering", "--family"],
    ) {
        Ok(p) => p,
        Err(e) => return Outcome::usage(e),
    };
    let Some(format) = parsed.value("--format") else {
        return Outcome::usage(
            "emit needs --format BLOCK (peering-planner-cli --help lists them).",
        );
    };
    let path = match parsed.one_file("emit") {
        Ok(p) => p,
        Err(e) => return Outcome::usage(e),
    };
    if !is_known_output(format.split(':').next().unwrap_or_default()) {
        return Outcome::usage(format!(
            "unknown format {}: use a block id of the page (peering-planner-cli --help lists them).",
            crate::domain::findings::quote(format)
        ));
    }
    let doc = match read_plan(path, read) {
        Ok(d) => d,
        Err(e) => return Outcome::usage(e),
    };
    let analysis = analyze(&doc);
    let report = Report::of(&analysis);
    if format == "ip-plan" {
        return Outcome::ok(report.ip_text.clone());
    }
    if let Some(blocked) = Outputs::blocked(&doc, &report) {
        // The page shows the same "fix first" text in every block of a plan with errors.
        return Outcome {
            stdout: blocked.bash,
            stderr: format!(
                "peering-planner-cli: {path} has errors, so there are no commands yet: run peering-planner-cli check {path}.\n"
            ),
            code: EXIT_ERRORS,
        };
    }
    let Some(generator) = Generator::new(&analysis, parsed.has("--inline-shared-key")) else {
        return Outcome::usage("the plan could not be generated.");
    };
    let ids = generator.ids();
    match pick(
        format,
        parsed.value("--peering"),
        parsed.value("--family"),
        &ids,
    ) {
        Ok(id) => Outcome::ok(generator.block(id)),
        Err(e) => Outcome::usage(e),
    }
}

fn import(args: &[String], read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Outcome {
    let parsed = match parse(args, &[], &[]) {
        Ok(p) => p,
        Err(e) => return Outcome::usage(e),
    };
    if parsed.operands.is_empty() {
        return Outcome::usage(
            "import needs the JSON of `az network express-route show` (peering-planner-cli --help).",
        );
    }
    let mut doc = PlanDocument::default();
    let mut stderr = String::new();
    for path in &parsed.operands {
        let text = match read_text(path, read) {
            Ok(t) => t,
            Err(e) => return Outcome::usage(e),
        };
        let shown = if path == "-" {
            "standard input"
        } else {
            path.as_str()
        };
        match import_live(&text) {
            Ok(import) => {
                for note in &import.notes {
                    stderr.push_str(&format!("{shown}: {note}\n"));
                }
                doc = merge_import(&doc, &import);
            }
            Err(e) => return Outcome::usage(format!("cannot import {shown}: {e}")),
        }
    }
    let mut json = doc.to_json(false);
    json.push('\n');
    Outcome {
        stdout: json,
        stderr,
        code: EXIT_OK,
    }
}
