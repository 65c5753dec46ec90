#!/usr/bin/env bash
# Fuzz plan import, live (az show) import, validation, fixes and every emitter (fuzz/fuzz_targets/plan_import.rs) for a bounded time.
# Usage: scripts/fuzz.sh [seconds]   (default 30)
# Needs a nightly toolchain (cargo-fuzz builds with sanitizers); without one it skips and exits 0.
set -euo pipefail
seconds="${1:-30}"
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [seconds]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz: SKIPPED: no nightly toolchain (rustup toolchain list shows none); install one with 'rustup toolchain install nightly' to fuzz."
    # 77: "skipped", so scripts/test.sh reports the step as skipped rather than passed.
    exit 77
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Seed the corpus with the sample plans so the fuzzer starts from readable documents.
corpus=fuzz/corpus/plan_import
mkdir -p "$corpus"
cat > "$corpus/sample.json" <<'JSON'
{"version":1,"circuit":{"subscription":"aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e","resourceGroup":"ExpressRouteResourceGroup","name":"MyCircuit"},
 "vnetAddressSpaces":["10.1.0.0/16"],
 "peerings":[{"type":"AzurePrivatePeering","peerAsn":"65010","vlanId":"200","sharedKey":"Key1",
   "ipv4":{"primary":"192.168.100.128/29","secondary":""},"ipv6":{"primary":"fd00:10::1/126","secondary":"fd00:10::/126"}},
  {"type":"MicrosoftPeering","peerAsn":"1.10","vlanId":300,
   "ipv4":{"primary":"123.0.0.0/30","secondary":"123.0.0.4/30","advertisedPrefixes":["123.1.0.1/24","123.1.0.0/24","123.1.0.0/24","0.0.0.0/0","10.0.0.0"],
           "customerAsn":"64512","routingRegistry":"ripe","routeFilter":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/routeFilters/rf/"}}],
 "baseline":{"peerings":[{"type":"MicrosoftPeering","peerAsn":"65517","vlanId":"300","ipv4":{"primary":"123.0.0.0/30","secondary":"123.0.0.4/30"},"connections":[{"name":"gr"}]}]}}
JSON

# And with the live `az ... show` JSON of the change-mode goldens, so the import path starts from real shapes.
for live in tests/golden/change/*/live.json; do
    [ -f "$live" ] && cp "$live" "$corpus/live-$(basename "$(dirname "$live")").json"
done

# -max_total_time bounds the run; libFuzzer ends with "Done N runs in S second(s)".
mkdir -p target
log=target/fuzz-plan_import.log
set +e
cargo +nightly fuzz run plan_import "$corpus" -- -max_total_time="$seconds" -max_len=4096 >"$log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz: FAILED (exit $status); full log in $log"
    exit "$status"
fi
grep -E '^Done [0-9]+ runs' "$log" || tail -n 5 "$log"
echo "fuzz: OK; full log in $log"
