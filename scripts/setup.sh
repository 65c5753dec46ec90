#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package registries only (crates.io, npm, PyPI,
# Debian apt): no other download. Idempotent: every step checks first, so a second run takes seconds.
# Tools go into the repository (.tools/, node_modules/, .venv/) wherever possible; only Debian packages
# (chromium, chromium-driver and, on the fallback route, Debian's Rust) are installed system-wide.
#
#   bash scripts/setup.sh
#
# Environment:
#   PLANNER_TOOLCHAIN_ROUTE=auto|rustup|debian  how to get the wasm32 standard library (default: the route
#       recorded in .tools/toolchain.env, else auto = rustup's target, falling back to Debian's rustc-web).
#   PLANNER_FORCE_DEBIAN_TOOLCHAIN=1            same as PLANNER_TOOLCHAIN_ROUTE=debian.
#   PLANNER_SKIP_VENV=1                         skip the Python venv (azure-cli), e.g. for serve only.
#   PLANNER_RUSTUP_TIMEOUT=300                  seconds to wait for `rustup target add`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
cd "$PLANNER_ROOT"
mkdir -p "$PLANNER_TOOLS/bin"

setup_start=$(date +%s)
apt_updated=0

# ---------------------------------------------------------------------------------------------------------
# Debian packages: `apt-get update` once, and only when something is missing.
apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  planner_log "apt: installing ${missing[*]}"
  if [[ $apt_updated -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------------------
# 1. Rust toolchain with the wasm32 standard library.
route="${PLANNER_TOOLCHAIN_ROUTE:-${PLANNER_RECORDED_ROUTE:-auto}}"
[[ "${PLANNER_FORCE_DEBIAN_TOOLCHAIN:-0}" == "1" ]] && route=debian

write_toolchain_env() { # $1 = route
  local tmp="$PLANNER_TOOLS/toolchain.env.tmp"
  {
    echo "# Written by scripts/setup.sh: the Rust toolchain that builds this project (host and wasm32)."
    echo "PLANNER_RECORDED_ROUTE=$1"
    if [[ "$1" == debian ]]; then
      echo "export RUSTUP_TOOLCHAIN=debian-web"
    else
      echo "unset RUSTUP_TOOLCHAIN"
    fi
  } >"$tmp"
  mv "$tmp" "$PLANNER_TOOLS/toolchain.env"
  # shellcheck disable=SC1091
  source "$PLANNER_TOOLS/toolchain.env"
}

rustup_has_wasm_std() {
  command -v rustup >/dev/null || return 1
  local sysroot
  sysroot="$(env -u RUSTUP_TOOLCHAIN rustc --print sysroot 2>/dev/null)" || return 1
  compgen -G "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null
}

try_rustup_route() {
  command -v rustup >/dev/null || { echo "no rustup on PATH" >&2; return 1; }
  rustup_has_wasm_std && return 0
  planner_log "rustup target add wasm32-unknown-unknown (timeout ${PLANNER_RUSTUP_TIMEOUT:-300}s)"
  env -u RUSTUP_TOOLCHAIN timeout "${PLANNER_RUSTUP_TIMEOUT:-300}" rustup target add wasm32-unknown-unknown \
    && rustup_has_wasm_std
}

# Debian's rustc-web, with a wasm32 std built from Debian's own std source (shared toolchain notes).
debian_wasm_stamp() { /usr/bin/rustc -vV | sha256sum | cut -d' ' -f1; }

debian_route() {
  apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
  local libdir=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  local stamp_file=/usr/lib/rustlib/wasm32-unknown-unknown/.planner-std-stamp
  local want
  want="$(debian_wasm_stamp)"
  if [[ "$(cat "$stamp_file" 2>/dev/null)" != "$want" ]] || ! compgen -G "$libdir/libstd-*.rlib" >/dev/null; then
    planner_log "building the wasm32 standard library with Debian's rustc (once)"
    local scratch="$PLANNER_TOOLS/wasm-std-build"
    rm -rf "$scratch"
    mkdir -p "$scratch/src"
    cat >"$scratch/Cargo.toml" <<'TOML'
[package]
name = "planner_wasm_std_scratch"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[workspace]

[profile.release]
lto = false
TOML
    : >"$scratch/src/lib.rs"
    (
      cd "$scratch"
      env -u RUSTUP_TOOLCHAIN PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C embed-bitcode=yes" \
        RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$scratch/target" \
        /usr/bin/cargo build --release --target wasm32-unknown-unknown \
        -Z build-std=std,panic_abort,panic_unwind,proc_macro,test
    )
    rm -rf "$libdir"
    mkdir -p "$libdir"
    find "$scratch/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' \
      ! -name 'libplanner_wasm_std_scratch-*' -exec cp {} "$libdir/" \;
    echo "$want" >"$stamp_file"
  fi
  # rustc links wasm32 with `rust-lld` (lld as a multiplexer, `-flavor wasm`), which it looks up first in
  # <sysroot>/lib/rustlib/<host>/bin. Debian's rustc-web 1.96 ships none (seen 2026-11-25): point one at
  # lld-22 there, inside Debian's sysroot, so no PATH is involved.
  local host_bin
  host_bin="/usr/lib/rustlib/$(/usr/bin/rustc -vV | sed -n 's/^host: //p')/bin"
  if [[ ! -x /usr/bin/rust-lld && ! -x "$host_bin/rust-lld" ]]; then
    mkdir -p "$host_bin"
    ln -sf /usr/lib/llvm-22/bin/lld "$host_bin/rust-lld"
  fi
  if ! rustup toolchain list 2>/dev/null | grep -q '^debian-web'; then
    rustup toolchain link debian-web /usr
  fi
}

case "$route" in
  rustup)
    try_rustup_route || { echo "setup: rustup route requested but the wasm32 target is unavailable" >&2; exit 1; }
    write_toolchain_env rustup ;;
  debian)
    debian_route
    write_toolchain_env debian ;;
  auto)
    if try_rustup_route; then
      write_toolchain_env rustup
    else
      planner_log "rustup could not provide wasm32-unknown-unknown: falling back to Debian's rustc-web"
      debian_route
      write_toolchain_env debian
    fi ;;
  *) echo "setup: unknown PLANNER_TOOLCHAIN_ROUTE=$route (auto|rustup|debian)" >&2; exit 2 ;;
esac
# clippy and rustfmt are rustup components on the rustup route (present with the default profile).
if [[ "${PLANNER_RECORDED_ROUTE}" == rustup ]] && ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add clippy rustfmt
fi
echo "setup: rust $(rustc --version) via ${PLANNER_RECORDED_ROUTE} route" >&2

# Crate sources, so later builds need no registry round-trip.
cargo fetch -q

# ---------------------------------------------------------------------------------------------------------
# 2. Trunk, pinned.
if [[ "$(trunk --version 2>/dev/null)" != "trunk $PLANNER_TRUNK_VERSION" ]]; then
  planner_log "cargo install trunk $PLANNER_TRUNK_VERSION into .tools (several minutes)"
  cargo install trunk --version "$PLANNER_TRUNK_VERSION" --locked --root "$PLANNER_TOOLS"
fi

# ---------------------------------------------------------------------------------------------------------
# 3. wasm-bindgen-cli equal to Cargo.lock's wasm-bindgen. Its published lock wants a webpki-roots the registry
#    here lacks, so build it from its source with webpki-roots pinned one patch lower.
wb_version="$(planner_wasm_bindgen_version)"
[[ -n "$wb_version" ]] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]] \
  || [[ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wb_version" ]]; then
  planner_log "installing wasm-bindgen-cli $wb_version into .tools (a few minutes)"
  src="$PLANNER_TOOLS/src/wasm-bindgen-cli-$wb_version"
  if [[ ! -f "$src/Cargo.toml" ]]; then
    fetch_dir="$PLANNER_TOOLS/src/fetch-wasm-bindgen-cli"
    rm -rf "$fetch_dir"
    mkdir -p "$fetch_dir/src"
    printf '[package]\nname = "fetch_wasm_bindgen_cli"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n[workspace]\n[dependencies]\nwasm-bindgen-cli = "=%s"\n' \
      "$wb_version" >"$fetch_dir/Cargo.toml"
    : >"$fetch_dir/src/lib.rs"
    (cd "$fetch_dir" && cargo fetch -q)
    registry_src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"wasm-bindgen-cli-$wb_version" | head -n1)"
    mkdir -p "$PLANNER_TOOLS/src"
    rm -rf "$src"
    cp -r "$registry_src" "$src"
    rm -rf "$fetch_dir"
  fi
  (
    cd "$src"
    if grep -q 'name = "webpki-roots"' Cargo.lock; then
      cargo update -q -p webpki-roots --precise 1.0.10 || true
    fi
    cargo install --path . --locked --root "$PLANNER_TOOLS"
  )
fi

# ---------------------------------------------------------------------------------------------------------
# 4. Node packages from the committed lock: wasm-opt (binaryen 132), playwright-core (no browser download),
#    axe-core.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "$(cat node_modules/.planner-lock-hash 2>/dev/null)" != "$lock_hash" ]]; then
  planner_log "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >node_modules/.planner-lock-hash
fi
if [[ "$(wasm-opt --version 2>/dev/null)" != *"version $PLANNER_BINARYEN_VERSION"* ]]; then
  echo "setup: wasm-opt on PATH is not binaryen $PLANNER_BINARYEN_VERSION: $(command -v wasm-opt || echo none)" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------------------
# 5. Debian's Chromium and ChromeDriver (browser tests; never a browser download).
apt_install chromium chromium-driver zsh frr iproute2

# ---------------------------------------------------------------------------------------------------------
# 6. Python venv with azure-cli, for the emit conformance tests (.venv/bin/python).
azure_cli_version="2.91.0"
if [[ "${PLANNER_SKIP_VENV:-0}" != "1" ]]; then
  have="$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("azure-cli"))' 2>/dev/null || true)"
  if [[ "$have" != "$azure_cli_version" ]]; then
    planner_log "python venv .venv with azure-cli==$azure_cli_version (slow, once)"
    if ! python3 -m venv --help >/dev/null 2>&1; then apt_install python3-venv; fi
    [[ -x .venv/bin/python ]] || python3 -m venv .venv
    .venv/bin/python -m pip install --disable-pip-version-check -q "azure-cli==$azure_cli_version"
  fi
  # The router-config structure test parses the IOS XE and EOS configs with it (tests/router).
  ciscoconfparse2_version="0.9.18"
  have="$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("ciscoconfparse2"))' 2>/dev/null || true)"
  if [[ "$have" != "$ciscoconfparse2_version" ]]; then
    planner_log "python venv: ciscoconfparse2==$ciscoconfparse2_version"
    .venv/bin/python -m pip install --disable-pip-version-check -q "ciscoconfparse2==$ciscoconfparse2_version"
  fi
  # The Terraform output test parses every golden main.tf with a real HCL2 parser (tests/terraform).
  python_hcl2_version="8.1.4"
  have="$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("python-hcl2"))' 2>/dev/null || true)"
  if [[ "$have" != "$python_hcl2_version" ]]; then
    planner_log "python venv: python-hcl2==$python_hcl2_version"
    .venv/bin/python -m pip install --disable-pip-version-check -q "python-hcl2==$python_hcl2_version"
  fi
fi

echo "setup: ok in $(($(date +%s) - setup_start))s (trunk $(trunk --version | cut -d' ' -f2)," \
  "wasm-bindgen $wb_version, $(wasm-opt --version | cut -d' ' -f1-3), $(chromium --version 2>/dev/null | head -n1))" >&2
