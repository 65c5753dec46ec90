//! Helpers shared by the emit tests (included with `#[path]`; as a test target of its own it is empty).
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

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
