#!/usr/bin/env bash
# The one start command: install what is missing, build, and run the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build
npm run --silent build:web
exec node dist/cli/main.js serve "$@"
