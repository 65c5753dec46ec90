#!/usr/bin/env bash
# Runs the planner locally: installs what is missing (scripts/setup.sh), then `trunk serve`, which builds,
# serves on http://127.0.0.1:8080/ and rebuilds on change. Nothing is downloaded by Trunk (Trunk.toml [tools]).
#
#   bash scripts/serve.sh              # dev build
#   bash scripts/serve.sh --release    # release build (wasm-opt), as hosted
#   PORT=9000 bash scripts/serve.sh    # another port (ADDRESS=... for another loopback address)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
PLANNER_SKIP_VENV="${PLANNER_SKIP_VENV:-1}" bash "$PLANNER_ROOT/scripts/setup.sh"
source "$PLANNER_ROOT/scripts/lib/env.sh"
cd "$PLANNER_ROOT"
port="${PORT:-8080}"
address="${ADDRESS:-127.0.0.1}"
echo "serve: http://$address:$port/" >&2
# A dist of its own, so the dev server (with its inline live-reload script) never overwrites the release
# bundle in dist/.
exec trunk serve --dist "$PLANNER_ROOT/target/trunk-serve" --address "$address" --port "$port" "$@"
