#!/usr/bin/env bash
# Prints the median and p95 time of one analyze() and one Outputs::build() on a two-peering dual-stack plan with 200 prefixes
# per family (benches/validate.rs). A measurement, not a pass/fail test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench validate
