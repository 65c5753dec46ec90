#!/usr/bin/env bash
# Conformance of the golden bash blocks: pasted into real bash and zsh, run by the real Azure CLI 2.91.0
# against a stateful fake ARM (offline), through live-circuit scenarios (README.md).
# Needs the venv at $REPO/.venv (python3 -m venv .venv && .venv/bin/pip install azure-cli==2.91.0), or
# CONFORMANCE_PYTHON=<a Python with azure-cli 2.91.0>. Extra arguments go to harness.py (--only, --shells, --workers).
# Last line: "conformance: N passed, M failed"; exit status non-zero on any failure.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PY="${CONFORMANCE_PYTHON:-$REPO/.venv/bin/python}"
if [ ! -x "$PY" ]; then
  echo "conformance: $PY is missing; create it with: python3 -m venv .venv && .venv/bin/pip install azure-cli==2.91.0" >&2
  echo "conformance: 0 passed, 1 failed"
  exit 1
fi
version=$("$PY" -c 'from azure.cli.core import __version__; print(__version__)')
if [ "$version" != "2.91.0" ]; then
  echo "conformance: the venv has azure-cli $version, expected 2.91.0" >&2
  echo "conformance: 0 passed, 1 failed"
  exit 1
fi
cd "$REPO"
# The golden files must match the emitters; this also writes the expected ARM bodies to target/conformance.
if ! cargo test -q --test emit_golden >&2; then
  echo "conformance: golden files differ from the emitters (cargo test --test emit_golden)" >&2
  echo "conformance: 0 passed, 1 failed"
  exit 1
fi
export CONFORMANCE_PYTHON="$PY"
exec "$PY" "$REPO/tests/conformance/harness.py" "$@"
