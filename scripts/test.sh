#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit, integration (PGlite, then real PostgreSQL when available) and e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

bash scripts/ensure-chromium.sh

step "Lint"
npx eslint . --max-warnings=0

step "Typecheck"
npx tsc --noEmit -p tsconfig.json

step "Unit and integration tests (PGlite)"
npx vitest run

if [ "${ROSTER_SKIP_POSTGRES:-}" != "1" ]; then
  step "Integration tests against a real PostgreSQL server"
  bash scripts/with-postgres.sh npx vitest run --project integration tests/integration
fi

step "Build"
npx next build

step "End-to-end tests (Playwright, Chromium)"
rm -rf .data/e2e
npx playwright test
