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

/// An `az` on PATH (a bash script, so that the blocks' own `bash -s` and zsh reach it too) that records
/// its argv (NUL-separated, count first) into `$AZ_LOG` and answers the reads the blocks make: the
/// subscription, a circuit that is provisioned and has no peering yet, a peering that is `Succeeded`
/// and has no Global Reach connection.
const AZ_STUB: &str = r#"#!/usr/bin/env bash
{ printf '%s\0' "$#"; printf '%s\0' "$@"; } >> "$AZ_LOG"
if [ "$1" = account ] && [ "$2" = show ]; then
  printf '%s\n' "$AZ_STUB_SUBSCRIPTION"
elif [ "$1" = network ] && [ "$2" = express-route ] && [ "$3" = show ]; then
  printf '%s\n' ${AZ_STUB_CIRCUIT_STATE:-Provisioned Enabled}
elif [ "$4" = show ]; then
  case "$*" in
    *provisioningState*) echo Succeeded ;;
    *connections*) echo null ;;
  esac
fi
"#;

/// The folder with the recording `az` stub in it, for PATH: written once per test process. Writing
/// it again while other threads fork shells lets a child inherit the open file, and the exec of `az`
/// then fails with "Text file busy" (ETXTBSY): a run that silently records fewer calls.
fn stub_bin() -> &'static PathBuf {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        let bin = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("emit-az-stub-{}", std::process::id()));
        std::fs::create_dir_all(&bin).unwrap();
        let az = bin.join("az");
        std::fs::write(&az, AZ_STUB).unwrap();
        std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    })
}

fn stub_path(_dir: &std::path::Path) -> String {
    format!(
        "{}:{}",
        stub_bin().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

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
    f.write_all(script.as_bytes()).unwrap();
    drop(f);
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile")
        .arg("--norc")
        .arg(&file)
        .env_clear()
        .env("PATH", stub_path(&dir))
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

/// Pastes `script` into an interactive shell (bash without rc files and with history expansion on, or
/// zsh with default options, `zsh -f -i`), then one more line that prints the shell's flags: the block
/// must make the same calls as from a file and leave the shell alive without `set -e`/`-u` leaking out.
pub fn paste_into_interactive(
    shell: &str,
    script: &str,
    env: &[(&str, &str)],
) -> (BashRun, String) {
    use std::process::Stdio;
    let dir = temp_dir();
    let log = dir.join(format!("az-{shell}.log"));
    let _ = std::fs::remove_file(&log);
    let mut cmd = Command::new(shell);
    match shell {
        "zsh" => cmd.arg("-f").arg("-i"),
        _ => cmd.arg("--noprofile").arg("--norc").arg("-i"),
    };
    cmd.env_clear()
        .env("PATH", stub_path(&dir))
        .env("HOME", &dir)
        .env("AZ_LOG", &log)
        .env("AZ_STUB_SUBSCRIPTION", STUB_SUBSCRIPTION)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the shell runs");
    let input = format!("{script}echo \"alive-after-block:$-\"\n");
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

/// Every `az` invocation a bash block holds, in text order, whether or not a run would reach it: each
/// command is cut out of its line and run in real bash with the recording stub (so the bash quoting is
/// proven) and with the block's variables set. Commented commands (`#   az ...`, to run by hand) are
/// returned apart.
pub fn bash_block_commands(
    block: &str,
    vars: &[(&str, &str)],
) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let mut run_lines = Vec::new();
    let mut later_lines = Vec::new();
    for line in block.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("#   az ") {
            later_lines.push(format!("az {rest}"));
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        let command = if let Some(i) = t.find("$(az ") {
            let inner = &t[i + 2..];
            inner.split(" | tr -d").next().unwrap_or(inner).to_string()
        } else if let Some(rest) = t.strip_prefix("az ") {
            format!("az {}", rest.split(" || er_stop").next().unwrap_or(rest))
        } else if t.starts_with("er_wait ") {
            match t.find(" az ") {
                Some(i) => t[i + 1..].to_string(),
                None => continue,
            }
        } else {
            continue;
        };
        run_lines.push(command);
    }
    // Every line is one az call and must succeed: a call that failed (or never ran) fails the test.
    let script = |lines: &[String]| {
        let mut text = String::from("set -e\n");
        for (k, v) in vars {
            text.push_str(&format!("{k}='{v}'\n"));
        }
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        text
    };
    let run = run_bash(&script(&run_lines), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.calls.len(), run_lines.len(), "{}", run.stderr);
    let later = run_bash(&script(&later_lines), &[]);
    assert_eq!(later.status, 0, "{}", later.stderr);
    assert_eq!(later.calls.len(), later_lines.len(), "{}", later.stderr);
    (run.calls, later.calls)
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

/// Every object's keys in a pretty-printed JSON text are in alphabetical order.
pub fn assert_keys_sorted(text: &str) {
    let mut last: Vec<(usize, String)> = Vec::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('"') {
            if let Some((key, _)) = rest.split_once("\": ") {
                last.retain(|(i, _)| *i <= indent);
                if let Some((_, prev)) = last.iter().find(|(i, _)| *i == indent) {
                    assert!(prev.as_str() < key, "{key} after {prev}:\n{text}");
                }
                last.retain(|(i, _)| *i != indent);
                last.push((indent, key.to_string()));
            }
        }
        if t.ends_with('{') || t.ends_with('[') {
            // A new object or list: its keys are compared among themselves.
            last.retain(|(i, _)| *i <= indent);
        }
    }
}
