# Sourced by every script in scripts/: one place for the project's paths and tool environment.
# - project-local tools first on PATH: .tools/bin (trunk, wasm-bindgen, wasm-bindgen-test-runner),
#   node_modules/.bin (wasm-opt from binaryen 132), then cargo's own bin;
# - TRUNK_SKIP_VERSION_CHECK: Trunk's update check calls a web API that is unreachable here;
# - .tools/toolchain.env (written by setup.sh): which Rust toolchain builds the wasm, e.g.
#   RUSTUP_TOOLCHAIN=debian-web when the Debian fallback route was taken.
# shellcheck shell=bash

PLANNER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PLANNER_ROOT
PLANNER_TOOLS="$PLANNER_ROOT/.tools"
export PLANNER_TOOLS

export PATH="$PLANNER_TOOLS/bin:$PLANNER_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The versions the build is pinned to (see shared toolchain notes and Trunk.toml [tools]).
PLANNER_TRUNK_VERSION="0.21.14"
PLANNER_BINARYEN_VERSION="132"
PLANNER_CHROMIUM="/usr/bin/chromium"
PLANNER_CHROMEDRIVER="/usr/bin/chromedriver"

# `cargo test --target wasm32-unknown-unknown` runs the browser tests with the wasm-bindgen-test-runner of
# exactly Cargo.lock's version (installed by setup.sh) through Debian's ChromeDriver; Chromium's flags are in
# webdriver.json.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$PLANNER_TOOLS/bin/wasm-bindgen-test-runner"
export CHROMEDRIVER="${CHROMEDRIVER:-$PLANNER_CHROMEDRIVER}"

if [[ -f "$PLANNER_TOOLS/toolchain.env" ]]; then
  # shellcheck disable=SC1091
  source "$PLANNER_TOOLS/toolchain.env"
fi

# The wasm-bindgen version in Cargo.lock: the CLI and test runner must equal it exactly.
planner_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$PLANNER_ROOT/Cargo.lock"
}

planner_log() { printf '\n==> %s\n' "$*" >&2; }

# planner_time LABEL CMD...: run CMD, print how long it took (kept in $PLANNER_TIMINGS for a summary).
PLANNER_TIMINGS="${PLANNER_TIMINGS:-}"
planner_time() {
  local label="$1"; shift
  local start end rc=0
  start=$(date +%s)
  "$@" || rc=$?
  end=$(date +%s)
  PLANNER_TIMINGS+="$(printf '%-34s %5ss  %s' "$label" "$((end - start))" "$(case $rc in 0) echo ok ;; 77) echo "skipped (exit 77)" ;; *) echo "FAILED (exit $rc)" ;; esac)")"$'\n'
  return "$rc"
}
