#!/usr/bin/env bash
# The one test command: Vitest (unit + database tests on PGlite, and on PostgreSQL when TEST_DATABASE_URL or
# DATABASE_URL is set), then Playwright against a production build on a throwaway PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
# Reports live outside test-results/, which Playwright empties when it starts.
mkdir -p .reports
rm -f .reports/unit.json .reports/e2e.json

export ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1

if [ -z "${TEST_DATABASE_URL:-}${DATABASE_URL:-}" ]; then
  echo "PostgreSQL: TEST_DATABASE_URL is not set; each database test file reports its PostgreSQL variant as skipped."
fi
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/unit.json
unit=$?

# The e2e server must use its own embedded database, never the PostgreSQL the unit tests used. It builds into
# .next-e2e and refuses ports that something else already serves (playwright.config.ts).
env -u DATABASE_URL npx playwright test
e2e=$?

node scripts/test-summary.mjs .reports/unit.json .reports/e2e.json
summary=$?
if [ "$unit" -ne 0 ] || [ "$e2e" -ne 0 ] || [ "$summary" -ne 0 ]; then exit 1; fi
