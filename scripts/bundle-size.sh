#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli (quality 11) bytes of every file in the bundle and the totals.
# gzip is the gzip program (-9 -n); brotli is node's zlib at quality 11, so no extra package is needed.
#
#   bash scripts/bundle-size.sh [dist]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
dir="${1:-$PLANNER_ROOT/dist}"
[[ -d "$dir" ]] || { echo "bundle-size: no $dir (run scripts/build.sh first)" >&2; exit 1; }
exec node "$PLANNER_ROOT/scripts/lib/bundle-size.mjs" "$dir"
