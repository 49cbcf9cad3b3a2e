#!/usr/bin/env bash
# The one test command: installs what the tests need, type-checks, then runs every test file
# with node's test runner. The last line is the plain summary "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
npm run --silent build:web
mapfile -t files < <(find test bench/test -name '*.test.ts' | sort)
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
status=0
node --import tsx --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  "${files[@]}" || status=$?
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -n 1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -n 1)
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -eq 0 ] && [ "${failed:-0}" -ne 0 ]; then status=1; fi
if [ "${passed:-0}" -eq 0 ]; then status=1; fi
exit "$status"
