#!/usr/bin/env bash
# Trunk post_build hook: stamp the loader's cache-busting query (`loader.js?v=dev`) in the staged
# index.html with `<crate version>-<git revision>`, so a new release never runs against cached old files.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n1)"
rev="$(git -C "$root" rev-parse --short=10 HEAD 2>/dev/null || echo local)"
if ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then rev="$rev-dirty"; fi
sed -i "s/loader\.js?v=dev/loader.js?v=${version}-${rev}/" "$staging/index.html"
# With inject_scripts = false Trunk leaves its (inert) rel="rust" link in the page: drop it.
sed -i '/<link data-trunk rel="rust"/d' "$staging/index.html"
