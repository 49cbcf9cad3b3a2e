#!/usr/bin/env bash
# The benchmark (bench/README.md): builds the server and the bench, then runs it with plain node,
# so what is measured is the same JavaScript `npm start` runs. Options follow `--`, e.g.
#   npm run bench -- --quick
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build
npx tsc -p bench/tsconfig.json
# --expose-gc: the AMI section measures memory per call after a full collection.
exec node --expose-gc bench/.data/build/bench/main.js "$@"
