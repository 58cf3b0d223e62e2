#!/usr/bin/env bash
# `npm test`: the whole suite on real services, isolated from every other run.
#
#   deps (npm ci if node_modules is missing) → prisma generate → the house rules, failing fast:
#   format:check (prettier), lint (eslint, with import/no-cycle), typecheck (tsc) → Postgres/Redis up
#   → Chromium present → a fresh database portal_test_<utc-stamp>_<pid> migrated with dbmate
#   → an empty Redis logical db (1..15) of its own → vitest (unit + integration)
#   → next build (into .next-test) → playwright → drop the database, flush the Redis db (always, via trap).
#
# Knobs: TEST_SKIP_CHECKS=1 (no format/lint/typecheck), TEST_SKIP_E2E=1 (no build, no browser), TEST_SKIP_BUILD=1 (reuse .next-test),
#        TEST_KEEP_DB=1 (keep the database for a post-mortem), CHROMIUM_PATH,
#        TEST_ONLY_E2E="<spec files or playwright args>" (no vitest; only those browser tests, e.g. tests/e2e/offers.spec.ts),
#        E2E_OUTPUT_DIR (the browser tests' output folder, test-results by default: a second run in the same checkout needs its own),
#        E2E_PORT / E2E_SIM_PORT / E2E_CJ_PORT / E2E_WSC_PORT / E2E_SMTP_PORT / E2E_MAIL_HTTP_PORT
#        (default: free ports), E2E_SIM_PACE_MS (simulators' step pace in the browser tests, 1500).
set -euo pipefail
cd "$(dirname "$0")/.."

T0=$(date +%s)
since() { echo "$(($(date +%s) - T0))s"; }
step() { printf '\n\033[1m== %s\033[0m (%s)\n' "$*" "$(since)"; }
note() { echo "[test] $*"; }

# ── Dependencies and the Prisma client ────────────────────────────────────────
if [[ ! -d node_modules || ! -x node_modules/.bin/vitest ]]; then
  step "npm ci"
  npm ci
fi
step "prisma generate"
node scripts/prisma-generate.mjs >/dev/null

# ── The house rules run by themselves, before anything slow ──────────────────────
if [[ ${TEST_SKIP_CHECKS:-0} != 1 ]]; then
  step "format:check"
  npm run --silent format:check || { echo "[test] formatting differs: run npm run format"; exit 1; }
  step "lint"
  npm run --silent lint -- --max-warnings=0 || { echo "[test] lint failed"; exit 1; }
  step "typecheck"
  npm run --silent typecheck || { echo "[test] typecheck failed"; exit 1; }
fi

# ── Services ─────────────────────────────────────────────────────────────────
dotenv_get() {
  [[ -f $2 ]] || return 0
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$2" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'\$/\1/"
}
# Which servers to use: environment, else .env, else .env.example. Only the server is
# taken from there; the database and the Redis db are this run's own.
BASE_DATABASE_URL=${DATABASE_URL:-$(dotenv_get DATABASE_URL .env)}
BASE_DATABASE_URL=${BASE_DATABASE_URL:-$(dotenv_get DATABASE_URL .env.example)}
BASE_REDIS_URL=${REDIS_URL:-$(dotenv_get REDIS_URL .env)}
BASE_REDIS_URL=${BASE_REDIS_URL:-$(dotenv_get REDIS_URL .env.example)}

step "services"
DATABASE_URL=$BASE_DATABASE_URL REDIS_URL=$BASE_REDIS_URL bash scripts/ensure-services.sh
if [[ ${TEST_SKIP_E2E:-0} != 1 ]]; then
  bash scripts/ensure-chromium.sh
fi

# ── This run's database and Redis db, removed whatever happens ─────────────────
TEST_DATABASE_URL=""
TEST_REDIS_URL=""
DB_NAME=""
declare -A STATUS=()
PHASE_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $PHASE_PID ]] && kill -0 "$PHASE_PID" 2>/dev/null; then
    note "stopping the running phase"
    kill -TERM "$PHASE_PID" 2>/dev/null || true
    wait "$PHASE_PID" 2>/dev/null || true
  fi
  if [[ -n $TEST_DATABASE_URL ]]; then
    if [[ ${TEST_KEEP_DB:-0} == 1 ]]; then
      note "kept database: $TEST_DATABASE_URL"
    elif node scripts/test-resources.mjs drop-db "$TEST_DATABASE_URL"; then
      note "dropped database $DB_NAME"
    fi
  fi
  if [[ -n $TEST_REDIS_URL && ${TEST_KEEP_DB:-0} != 1 ]]; then
    node scripts/test-resources.mjs release-redis "$TEST_REDIS_URL" && note "flushed Redis db ${TEST_REDIS_URL##*/}"
  fi
  local result="vitest=${STATUS[vitest]:-not run} build=${STATUS[build]:-not run} e2e=${STATUS[e2e]:-not run}"
  echo
  if [[ $rc -eq 0 ]]; then
    echo "TEST SUMMARY: PASS — $result — $(since)"
  else
    echo "TEST SUMMARY: FAIL (exit $rc) — $result — $(since)"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "test database"
TEST_DATABASE_URL=$(node scripts/test-resources.mjs create-db "$BASE_DATABASE_URL")
TEST_REDIS_URL=$(node scripts/test-resources.mjs claim-redis "$BASE_REDIS_URL" "test.sh pid $$ on $(hostname)")
DB_NAME=${TEST_DATABASE_URL##*/}
DB_NAME=${DB_NAME%%\?*}
note "database $DB_NAME, Redis db ${TEST_REDIS_URL##*/}"

# Free ports picked per run, so two runs (or a run and the demo) never meet on one.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); })'; }
E2E_PORT=${E2E_PORT:-$(free_port)}

# Everything the app, the worker and the tests read. Exported explicitly so a developer's
# .env (which Next.js and scripts/node-hooks.mjs also load, but never over the environment)
# cannot point a test at real data.
export DATABASE_URL=$TEST_DATABASE_URL
export REDIS_URL=$TEST_REDIS_URL
export AUTH_SECRET
AUTH_SECRET=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')
export CREDENTIALS_KEY
CREDENTIALS_KEY=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')
export E2E_PORT
export E2E_BASE_URL=${E2E_BASE_URL:-http://127.0.0.1:$E2E_PORT}
export APP_URL=$E2E_BASE_URL
export NEXTAUTH_URL=$E2E_BASE_URL
export SECURE_COOKIES=false
# The browser tests sign the same accounts in many times from one address: sign-in limits out of their way
# (tests/integration/company-accounts.test.ts checks the limit itself).
export SIGNIN_LIMIT_PER_ACCOUNT=${SIGNIN_LIMIT_PER_ACCOUNT:-500} SIGNIN_LIMIT_PER_ADDRESS=${SIGNIN_LIMIT_PER_ADDRESS:-5000}
# Ports for the local fakes (never the demo's 4010 / 1025 / 1080): the simulator listens
# on PHONEX_API_URL's port, the mail catcher on MAIL_SMTP_PORT / MAIL_HTTP_PORT.
export E2E_SIM_PORT=${E2E_SIM_PORT:-$(free_port)}
export MAIL_SMTP_PORT=${E2E_SMTP_PORT:-$(free_port)}
export MAIL_HTTP_PORT=${E2E_MAIL_HTTP_PORT:-$(free_port)}
export SMTP_URL=smtp://127.0.0.1:$MAIL_SMTP_PORT
export MAIL_FROM="PhoneX Portal <orders@portal.local>"
export OPS_EMAIL=ops@portal.local
export PHONEX_API_URL=http://127.0.0.1:$E2E_SIM_PORT
export SIM_WEBHOOK_URL=$E2E_BASE_URL/api/webhooks/phonex
export PHONEX_API_KEY=px_test_key
export PHONEX_WEBHOOK_SECRET=whsec_test_phonex
# The CJ and WesellCellular simulators the browser tests start (tests/e2e/global-setup.ts)
# listen on these URLs' ports, never the demo's 4020 / 4030.
export E2E_CJ_PORT=${E2E_CJ_PORT:-$(free_port)}
export E2E_WSC_PORT=${E2E_WSC_PORT:-$(free_port)}
export CJ_API_URL=http://127.0.0.1:$E2E_CJ_PORT/api2.0/v1
export CJ_API_KEY=cj_test_key
export CJ_OPEN_ID=1000000001
export WSC_API_URL=http://127.0.0.1:$E2E_WSC_PORT
export WSC_EMAIL=buyer@portal.test
export WSC_PASSWORD=test-password
export DEMO_API_KEY=pk_test_worldtech_0000000000000000
export RATE_LIMIT_PER_MINUTE=100000
export FORWARD_ATTEMPTS=${FORWARD_ATTEMPTS:-3}
export FORWARD_BACKOFF_MS=${FORWARD_BACKOFF_MS:-50}
# The exceptions queue is scanned every second in the tests (60 s in production).
export EXCEPTION_SCAN_EVERY_MS=${EXCEPTION_SCAN_EVERY_MS:-1000}
export WORKER_CONCURRENCY=${WORKER_CONCURRENCY:-5}
export LOG_LEVEL=${LOG_LEVEL:-warn}
export NEXT_TELEMETRY_DISABLED=1
# A build of its own (next.config.ts reads it): a running demo keeps serving .next.
export NEXT_DIST_DIR=${NEXT_DIST_DIR:-.next-test}

step "migrate (dbmate)"
node scripts/db-migrate.mjs

# ── Tests: keep going after a failure so one run reports everything ───────────
failed=0
run_phase() { # name timeout cmd...
  local name=$1 limit=$2 rc=0
  shift 2
  step "$name"
  # In the background and waited for, so a TERM to this script is handled at once
  # (cleanup stops the phase) instead of after the phase ends.
  timeout --kill-after=30s "$limit" "$@" &
  PHASE_PID=$!
  wait "$PHASE_PID" || rc=$?
  PHASE_PID=""
  if ((rc == 0)); then
    STATUS[$name]=pass
  else
    STATUS[$name]="FAIL($rc)"
    if ((rc == 124 || rc == 137)); then STATUS[$name]="TIMEOUT($limit)"; fi
    failed=1
  fi
}

if [[ -n ${TEST_ONLY_E2E:-} ]]; then
  STATUS[vitest]=skipped
else
  run_phase vitest 12m env NODE_ENV=test npx vitest run --passWithNoTests
fi

if [[ ${TEST_SKIP_E2E:-0} == 1 ]]; then
  STATUS[build]=skipped
  STATUS[e2e]=skipped
else
  if [[ ${TEST_SKIP_BUILD:-0} == 1 && -f $NEXT_DIST_DIR/BUILD_ID ]]; then
    STATUS[build]="skipped(reused $NEXT_DIST_DIR)"
  else
    # Production build: NODE_ENV must not be "test" here.
    run_phase build 10m env -u NODE_ENV npx next build
  fi
  if [[ ${STATUS[build]} == FAIL* || ${STATUS[build]} == TIMEOUT* ]]; then
    STATUS[e2e]="skipped(build failed)"
  elif [[ -z $(find tests/e2e -name '*.spec.ts' -o -name '*.test.ts' 2>/dev/null | head -n 1) ]]; then
    STATUS[e2e]="skipped(no tests in tests/e2e)"
  else
    # E2E_FRESH_SERVER: never reuse a server that might run with another database.
    # DEMO_MODE: the browser tests run a demo-like stack (webhooks to a local receiver, pk_test_ keys).
    run_phase e2e 12m env -u NODE_ENV DEMO_MODE=true E2E_FRESH_SERVER=1 npx playwright test --pass-with-no-tests ${TEST_ONLY_E2E:-}
  fi
fi

exit "$failed"
