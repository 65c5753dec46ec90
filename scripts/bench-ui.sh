#!/usr/bin/env bash
# UI benchmark (not a test): first-load bytes (gzip), time to the first usable form control, per-keystroke
# latency until every output block is updated (p50/p95 over 250 keystrokes), and a paste of 10,000 prefixes.
# Uses the release bundle in dist/ (built with `trunk build --release` when missing) and headless Chromium.
#
#   bash scripts/bench-ui.sh            BENCH_KEYSTROKES=500 BENCH_PASTE=10000 bash scripts/bench-ui.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
cd "$PLANNER_ROOT"
if [[ ! -f dist/index.html ]]; then
  planner_log "no dist/: trunk build --release"
  trunk build --release
fi
PLANNER_DIST="$PLANNER_ROOT/dist" node tests/bench/bench-ui.mjs
