#!/usr/bin/env bash
# Builds the static bundle for hosting into dist/: `trunk build --release` (wasm-opt -Oz via binaryen 132),
# then prints the bundle sizes. Copy dist/ to any folder of any static web server (see README, Embedding).
#
#   bash scripts/build.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
PLANNER_SKIP_VENV="${PLANNER_SKIP_VENV:-1}" bash "$PLANNER_ROOT/scripts/setup.sh"
source "$PLANNER_ROOT/scripts/lib/env.sh"
cd "$PLANNER_ROOT"
trunk build --release
bash scripts/bundle-size.sh dist
