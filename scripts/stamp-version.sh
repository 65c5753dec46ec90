#!/usr/bin/env bash
# Trunk post_build hook. File names are stable (filehash = false), so cache-busting is a `?v=` query:
# stamp `<crate version>-<git revision>` on the loader (`loader.js?v=dev`, which passes it on to the glue and
# the wasm) and on the stylesheets (which also carry Trunk's integrity hashes, so a stale cached copy must
# never be reused).
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n1)"
rev="$(git -C "$root" rev-parse --short=10 HEAD 2>/dev/null || echo local)"
if ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then rev="$rev-dirty"; fi
stamp="${version}-${rev}"
sed -i \
  -e "s/loader\.js?v=dev/loader.js?v=${stamp}/" \
  -e "s/href=\"\.\/\([A-Za-z0-9_.-]*\.css\)\"/href=\".\/\1?v=${stamp}\"/g" \
  "$staging/index.html"
# With inject_scripts = false Trunk leaves its (inert) rel="rust" link in the page: drop it.
sed -i '/<link data-trunk rel="rust"/d' "$staging/index.html"
