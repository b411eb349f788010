#!/usr/bin/env bash
# The one test command: Vitest (unit + database tests on PGlite, and on PostgreSQL when TEST_DATABASE_URL or
# DATABASE_URL is set), then Playwright against a production build on a throwaway PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json

export ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1

npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
unit=$?

# The e2e server must use its own embedded database, never the PostgreSQL the unit tests used.
env -u DATABASE_URL npx playwright test
e2e=$?

node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json
if [ "$unit" -ne 0 ] || [ "$e2e" -ne 0 ]; then exit 1; fi
