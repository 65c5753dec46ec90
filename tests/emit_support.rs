//! Helpers shared by the emit tests (included with `#[path]`; as a test target of its own it is empty).
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Values that try to break out of a quoted argument or make a layer reinterpret it.
pub const HOSTILE: &[&str] = &[
    "; rm -rf ~",
    "$(id)",
    "`id`",
    "${HOME}",
    "a'b",
    "'",
    "\"quoted\"",
    "a\"b'c",
    "line1\nline2",
    "tab\there",
    "%PATH%",
    "a&b",
    "a|b",
    "a>b<c",
    "rg(x).prod",
    ")",
    "(",
    "-leading-dash",
    "--",
    "@file.json",
    "@",
    "*",
    "~",
    "!!",
    "!x",
    "a\\b",
    "trailing\\",
    "ünïcødé-名前",
    "a b  c",
    " ",
    "",
    "#comment",
    "[]",
    "{a,b}",
    "x=[]",
    "1e5",
    "0x10",
    "--%",
    "^caret",
    "a,b",
    "x;y",
    "& calc",
    "'\"a&b\"'",
];

/// The subscription the `az` stub answers `az account show` with.
pub const STUB_SUBSCRIPTION: &str = "11111111-2222-3333-4444-555555555555";

/// A bash `az` function that records its argv (NUL-separated, count first) into `$AZ_LOG` and answers
/// the two commands whose output the scripts read.
const AZ_STUB: &str = r#"
az() {
  { printf '%s\0' "$#"; printf '%s\0' "$@"; } >> "$AZ_LOG"
  if [ "$1" = account ] && [ "$2" = show ]; then
    printf '%s\n' "$AZ_STUB_SUBSCRIPTION"
  elif [ "$1" = network ] && [ "$2" = express-route ] && [ "$3" = show ]; then
    printf '%s\n' ${AZ_STUB_CIRCUIT_STATE:-Provisioned Enabled}
  fi
}
"#;

pub struct BashRun {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    /// One argv (without `az`) per call, in order.
    pub calls: Vec<Vec<String>>,
}

fn temp_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "emit-bash-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `script` in real bash (non-interactive, no rc files) with `az` replaced by the recording stub.
pub fn run_bash(script: &str, env: &[(&str, &str)]) -> BashRun {
    let dir = temp_dir();
    let log = dir.join("az.log");
    let _ = std::fs::remove_file(&log);
    let file = dir.join("script.bash");
    let mut f = std::fs::File::create(&file).unwrap();
    f.write_all(AZ_STUB.as_bytes()).unwrap();
    f.write_all(script.as_bytes()).unwrap();
    drop(f);
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile")
        .arg("--norc")
        .arg(&file)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AZ_LOG", &log)
        .env("AZ_STUB_SUBSCRIPTION", STUB_SUBSCRIPTION);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("bash runs");
    let raw = std::fs::read(&log).unwrap_or_default();
    BashRun {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls: decode_calls(&raw),
    }
}

/// Pastes `script` into an interactive bash (history expansion on, no rc files) after the `az` stub, then
/// one more line that prints the shell's flags: the block must run the same calls and leave the shell
/// alive without `set -e`/`-u` leaking out of it.
pub fn paste_into_interactive_bash(script: &str, env: &[(&str, &str)]) -> (BashRun, String) {
    use std::process::Stdio;
    let dir = temp_dir();
    let log = dir.join("az-interactive.log");
    let _ = std::fs::remove_file(&log);
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile")
        .arg("--norc")
        .arg("-i")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &dir)
        .env("AZ_LOG", &log)
        .env("AZ_STUB_SUBSCRIPTION", STUB_SUBSCRIPTION)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("bash runs");
    let input = format!("{AZ_STUB}{script}echo \"alive-after-block:$-\"\n");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let flags = stdout
        .lines()
        .find_map(|l| l.strip_prefix("alive-after-block:"))
        .unwrap_or("<shell died>")
        .to_string();
    let raw = std::fs::read(&log).unwrap_or_default();
    let run = BashRun {
        status: output.status.code().unwrap_or(-1),
        stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls: decode_calls(&raw),
    };
    (run, flags)
}

fn decode_calls(raw: &[u8]) -> Vec<Vec<String>> {
    let mut fields = raw
        .split(|b| *b == 0)
        .map(|f| String::from_utf8(f.to_vec()).unwrap());
    let mut calls = Vec::new();
    while let Some(count) = fields.next() {
        if count.is_empty() {
            break;
        }
        let n: usize = count.parse().unwrap();
        calls.push((0..n).map(|_| fields.next().unwrap()).collect());
    }
    calls
}

/// Parses and validates a plan document; panics with the errors when it has any.
#[track_caller]
pub fn valid_plan(json: &str) -> peering_planner::domain::model::ValidPlan {
    let doc = peering_planner::domain::document::PlanDocument::from_json(json).unwrap();
    let analysis = peering_planner::domain::validate::analyze(&doc);
    let errors: Vec<String> = analysis
        .findings
        .errors()
        .map(|f| format!("{f:?}"))
        .collect();
    analysis
        .plan
        .unwrap_or_else(|| panic!("the plan has errors: {errors:#?}"))
}
