#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit, integration (PGlite, then real PostgreSQL when available), the scale-out test
# (two instances on PostgreSQL, on the same production build) and e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s ==\033[0m (at %d s)\n' "$*" "$SECONDS"; }

bash scripts/ensure-chromium.sh

step "Lint"
npx eslint . --max-warnings=0

step "Typecheck"
npx tsc --noEmit -p tsconfig.json

step "Unit and integration tests (PGlite)"
npx vitest run

# The PostgreSQL pass spends most of its time waiting on a rate-limited burst test, so it runs while the
# production build compiles; its output is printed when both are done.
pg_pid=""
pg_log=$(mktemp /tmp/roster-pg-tests.XXXXXX)
if [ "${ROSTER_SKIP_POSTGRES:-}" != "1" ]; then
  step "Integration tests against a real PostgreSQL server (in the background, during the build)"
  # In a new order every run: each file has its own database (tests/integration/setup-db.ts) and each test sets up
  # what it checks, so no order may matter. ROSTER_SHUFFLE_SEED=<the seed printed here> replays an order.
  shuffle_seed=${ROSTER_SHUFFLE_SEED:-$((RANDOM * 32768 + RANDOM))}
  echo "PostgreSQL pass: files and tests shuffled with seed $shuffle_seed"
  bash scripts/with-postgres.sh npx vitest run --project integration --sequence.shuffle --sequence.seed="$shuffle_seed" tests/integration >"$pg_log" 2>&1 &
  pg_pid=$!
fi

step "Build"
npx next build

if [ -n "$pg_pid" ]; then
  step "Integration tests against a real PostgreSQL server: results"
  pg_status=0
  wait "$pg_pid" || pg_status=$?
  cat "$pg_log"
  rm -f "$pg_log"
  if [ "$pg_status" != "0" ]; then
    echo "The integration tests failed against PostgreSQL (exit $pg_status)." >&2
    exit "$pg_status"
  fi
fi

if [ "${ROSTER_SKIP_POSTGRES:-}" != "1" ]; then
  # The production build above, run as two instances on a throwaway PostgreSQL behind a load balancer.
  step "Scale-out: two console instances on one PostgreSQL (npm run test:scale)"
  npm run --silent test:scale
fi

# Playwright starts its own console on free ports with an empty data folder (playwright.config.ts); it takes no
# screenshots (`npm run screenshots` does), so the working tree is left as it was.
step "End-to-end tests (Playwright, Chromium)"
npx playwright test

step "Done: npm test took $((SECONDS / 60)) min $((SECONDS % 60)) s"
