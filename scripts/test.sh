#!/usr/bin/env bash
# THE test command (README, CI): installs what is missing (scripts/setup.sh), then runs every check in order
# and ends with one summary line. Every step runs even after a failure (except those that need an earlier
# step's output); the exit status is non-zero if any step failed.
#
#   bash scripts/test.sh
#
# Steps: rustfmt; clippy (host, wasm32); host cargo test; the domain/emit purity check; the Terraform goldens
# (tests/terraform: checker self-test, then every golden main.tf); the domain fuzz run;
# the az conformance suite; the FRR router test; wasm-bindgen-test in headless Chromium; the release bundle;
# its sizes; Playwright e2e against the bundle under the strict CSP.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
total_start=$(date +%s)

if ! planner_time "setup" bash "$PLANNER_ROOT/scripts/setup.sh"; then
  echo "test.sh: setup failed; nothing was tested" >&2
  echo "steps: 0 passed, 1 failed"
  exit 1
fi
# setup may have chosen a toolchain route: load it.
source "$PLANNER_ROOT/scripts/lib/env.sh"
cd "$PLANNER_ROOT"

passed=0
failed=0
skipped=0
failed_steps=()

# step LABEL CMD...: one check; its time and result go into the summary.
step() {
  local label="$1"; shift
  planner_log "$label"
  local rc=0
  planner_time "$label" "$@" || rc=$?
  if [[ $rc -eq 0 ]]; then
    passed=$((passed + 1))
  elif [[ $rc -eq 77 ]]; then
    # Exit 77 means "could not run here" (automake's convention): counted apart, never as passed.
    skipped=$((skipped + 1))
  else
    failed=$((failed + 1))
    failed_steps+=("$label")
  fi
  return "$rc"
}
skip() {
  planner_log "$1 (skipped: $2)"
  PLANNER_TIMINGS+="$(printf '%-34s %5s   skipped: %s' "$1" "-" "$2")"$'\n'
  skipped=$((skipped + 1))
}

# src/domain and src/emit stay pure: no browser crate outside comments.
purity_check() {
  local hits
  hits="$(grep -rnE '\b(leptos|web_sys|gloo)\b' src/domain src/emit 2>/dev/null | grep -vE '^[^:]+:[0-9]+:\s*//' || true)"
  if [[ -n "$hits" ]]; then
    echo "src/domain and src/emit must not use leptos, web_sys or gloo:" >&2
    echo "$hits" >&2
    return 1
  fi
  echo "src/domain and src/emit import no browser crate"
}

# wasm-bindgen-test in headless Chromium: the runner of exactly Cargo.lock's wasm-bindgen version and Debian's
# ChromeDriver (both set in lib/env.sh), webdriver.json's Chromium flags plus a fresh profile for this run.
wasm_browser_tests() {
  local profile capabilities rc=0
  profile="$(mktemp -d)"
  capabilities="$(mktemp --suffix=.json)"
  node -e '
    const [src, dst, profile] = process.argv.slice(1);
    const fs = require("node:fs");
    const caps = JSON.parse(fs.readFileSync(src, "utf8"));
    caps["goog:chromeOptions"].args.push(`--user-data-dir=${profile}`);
    fs.writeFileSync(dst, JSON.stringify(caps, null, 2));
  ' webdriver.json "$capabilities" "$profile"
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$capabilities" \
    WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}" \
    cargo test --target wasm32-unknown-unknown --test web || rc=$?
  rm -rf "$profile" "$capabilities"
  return "$rc"
}

e2e_tests() {
  PLANNER_DIST="$PLANNER_ROOT/dist" PLANNER_E2E_OUTPUT="$PLANNER_ROOT/test-results/e2e" \
    node --test --test-reporter=spec tests/e2e/*.test.mjs
}

step "cargo fmt --check" cargo fmt --all --check
step "clippy (host)" cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
step "cargo test (host)" cargo test
step "purity: domain/emit" purity_check

# The committed Terraform goldens (tests/golden/*/main.tf; cargo test compares them, UPDATE_GOLDEN=1 rewrites
# them) through a real HCL2 parser (python-hcl2, .venv made by setup.sh) and azurerm 4.x's schema, and against
# the ARM goldens next to them. selftest.py first proves the checker fails on defective fixtures; both run.
terraform_checks() {
  local rc=0
  "$PLANNER_ROOT/.venv/bin/python" tests/terraform/selftest.py || rc=1
  "$PLANNER_ROOT/.venv/bin/python" tests/terraform/check_tf.py --quiet || rc=1
  return "$rc"
}
step "terraform (HCL2 + azurerm schema)" terraform_checks

# The rule engine's bounded fuzz run (skips with a message when no nightly toolchain is installed).
step "fuzz (bounded)" bash scripts/fuzz.sh

# Every emitted az command through the real azure-cli 2.91.0, offline (.venv made by setup.sh).
step "az conformance" bash tests/conformance/run.sh

# Every reference plan's FRR config loaded into real FRR (Debian frr 8.4) in a network namespace, against a
# simulated Microsoft edge: sessions Established, BFD up, exactly the planned prefixes (needs root; fails
# loudly otherwise).
step "router configs (FRR, real BGP)" bash tests/router/run.sh

step "wasm-bindgen-test (Chromium)" wasm_browser_tests

rm -rf dist
release_build() {
  trunk build --release && [[ -f dist/index.html ]] || { echo "no dist/index.html after trunk build" >&2; return 1; }
}
if step "trunk build --release" release_build; then
  step "bundle size" bash scripts/bundle-size.sh dist
  step "e2e (playwright, strict CSP)" e2e_tests
else
  skip "bundle size" "no release bundle"
  skip "e2e (playwright, strict CSP)" "no release bundle"
fi

echo
echo "==> timings"
printf '%s' "$PLANNER_TIMINGS"
printf '%-34s %5ss\n' "total" "$(($(date +%s) - total_start))"
if [[ $failed -gt 0 ]]; then
  echo "failed: ${failed_steps[*]}"
fi
echo "steps: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
