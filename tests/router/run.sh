#!/usr/bin/env bash
# Real-BGP test of the generated FRR router configs (tests/router/README.md).
#   bash tests/router/run.sh [--only NAME,...] [--jobs N] [harness options]
# Refreshes target/router/ with `cargo test -q --test emit_golden`, then runs tests/router/structure.py
# (all four vendors' golden configs against plan.json; FAIL lines only) and tests/router/harness.py.
# Last line: `routers: N passed, M failed` (a failing structure.py counts as one failure there);
# exit status non-zero on any failure. Needs root and FRR.
set -uo pipefail

t0=$(date +%s.%N)
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo" || exit 2

fatal() {
    echo "FATAL: $*" >&2
    echo "FAIL environment: $*"
    echo "routers: 0 passed, 1 failed"
    exit 2
}

[ "$(id -u)" -eq 0 ] || fatal "must run as root (network namespaces, veth pairs, FRR daemons); try: sudo bash tests/router/run.sh"
command -v python3 >/dev/null || fatal "python3 not found"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fatal "Python 3.11+ needed"
command -v ip >/dev/null || fatal "ip (iproute2) not found"
for b in /usr/lib/frr/zebra /usr/lib/frr/staticd /usr/lib/frr/bgpd /usr/lib/frr/bfdd /usr/bin/vtysh; do
    [ -x "$b" ] || fatal "$b missing: install FRR from Debian (apt-get install frr)"
done
command -v cargo >/dev/null || fatal "cargo not found (needed to refresh target/router)"

extra=()
echo "== cargo test -q --test emit_golden (writes target/router/)"
if ! cargo test -q --test emit_golden; then
    echo "FAIL emit_golden: cargo test -q --test emit_golden failed; target/router/ may be stale" >&2
    extra=(--extra-failure "emit_golden: cargo test -q --test emit_golden failed (target/router/ may be stale)")
fi

echo "== tests/router/structure.py (golden configs of iosxe, junos, eos, frr against plan.json; FAIL lines only)"
venv_python="$repo/.venv/bin/python"
if [ -x "$venv_python" ]; then
    structure_out=$("$venv_python" tests/router/structure.py --quiet "$@" 2>&1)
    structure_rc=$?
    printf '%s\n' "$structure_out"
    if [ "$structure_rc" -ne 0 ]; then
        extra+=(--extra-failure "structure: $(printf '%s\n' "$structure_out" | tail -n 1) (tests/router/structure.py)")
    fi
else
    echo "FAIL structure: $venv_python not found (structure.py needs the venv with ciscoconfparse2)"
    extra+=(--extra-failure "structure: $venv_python not found")
fi

echo "== tests/router/harness.py"
exec python3 tests/router/harness.py --t0 "$t0" "${extra[@]}" "$@"
