#!/usr/bin/env bash
# `npm run demo`: the whole portal on this machine, from a fresh clone.
#   deps → .env (generated secrets) → Postgres/Redis → migrate → seed → next build
#   → mail catcher, PhoneX / CJ / WesellCellular simulators, worker, web app
#     (logs in .demo/logs, prefixed on the console) → URLs and logins. Ctrl-C stops everything it started.
#
# Ports (env): APP_PORT (default: APP_URL's, 3000), SIM_PORT (PhoneX; PHONEX_API_URL's, 4010),
# CJ_SIM_PORT (CJ_API_URL's, 4020), WSC_SIM_PORT (WSC_API_URL's, 4030),
# MAIL_SMTP_PORT (SMTP_URL's, 1025), MAIL_HTTP_PORT (1080). DEMO_SKIP_BUILD=1 reuses .next.
# CJ signs its webhooks with the account's openId: CJ_OPEN_ID (default 1000000001, the
# simulator's) goes to both the simulator and the seeded CJ supplier. WesellCellular sends
# no webhooks: the worker polls its open orders every POLL_EVERY_MS (3000 in the demo;
# the reconciler that does it runs every RECONCILE_EVERY_MS, also 3000 here).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[demo] %s\033[0m\n' "$*" >&2; exit 1; }

# ── Dependencies ──────────────────────────────────────────────────────────────
if [[ ! -d node_modules ]]; then
  say "installing dependencies (npm install)"
  npm install --no-audit --no-fund
fi
if [[ ! -f lib/db/generated/client.ts ]]; then
  say "generating the Prisma client"
  npm run -s db:generate
fi

# ── .env, with secrets of its own ─────────────────────────────────────────────
if [[ ! -f .env ]]; then
  auth=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')
  key=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')
  sed -e "s|^AUTH_SECRET=.*|AUTH_SECRET=$auth|" -e "s|^CREDENTIALS_KEY=.*|CREDENTIALS_KEY=$key|" .env.example >.env
  say "created .env from .env.example with a fresh AUTH_SECRET and CREDENTIALS_KEY"
fi

# Read .env like Next.js and scripts/node-hooks.mjs do: variables already set win.
load_dotenv() {
  local line key val
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    key=${BASH_REMATCH[2]}
    val=${BASH_REMATCH[3]}
    if [[ $val =~ ^\"(.*)\"[[:space:]]*$ ]]; then
      val=${BASH_REMATCH[1]}
    elif [[ $val =~ ^\'(.*)\'[[:space:]]*$ ]]; then
      val=${BASH_REMATCH[1]}
    else
      val=${val%%[[:space:]]#*}
      val=${val%"${val##*[![:space:]]}"}
    fi
    [[ -v $key ]] || export "$key=$val"
  done <"$1"
}
load_dotenv .env

url_port() { node -e 'const u = new URL(process.argv[1]); process.stdout.write(u.port || process.argv[2])' "$1" "$2"; }

if [[ -n ${APP_PORT:-} ]]; then
  export APP_URL=http://localhost:$APP_PORT
else
  APP_URL=${APP_URL:-http://localhost:3000}
  APP_PORT=$(url_port "$APP_URL" 3000)
fi
if [[ -n ${SIM_PORT:-} ]]; then
  export PHONEX_API_URL=http://127.0.0.1:$SIM_PORT
else
  PHONEX_API_URL=${PHONEX_API_URL:-http://127.0.0.1:4010}
  SIM_PORT=$(url_port "$PHONEX_API_URL" 4010)
fi
if [[ -n ${MAIL_SMTP_PORT:-} ]]; then
  export SMTP_URL=smtp://127.0.0.1:$MAIL_SMTP_PORT
else
  SMTP_URL=${SMTP_URL:-smtp://127.0.0.1:1025}
  MAIL_SMTP_PORT=$(url_port "$SMTP_URL" 1025)
fi
if [[ -n ${CJ_SIM_PORT:-} ]]; then
  export CJ_API_URL=http://127.0.0.1:$CJ_SIM_PORT/api2.0/v1
else
  CJ_API_URL=${CJ_API_URL:-http://127.0.0.1:4020/api2.0/v1}
  CJ_SIM_PORT=$(url_port "$CJ_API_URL" 4020)
fi
if [[ -n ${WSC_SIM_PORT:-} ]]; then
  export WSC_API_URL=http://127.0.0.1:$WSC_SIM_PORT
else
  WSC_API_URL=${WSC_API_URL:-http://127.0.0.1:4030}
  WSC_SIM_PORT=$(url_port "$WSC_API_URL" 4030)
fi
MAIL_HTTP_PORT=${MAIL_HTTP_PORT:-1080}
export APP_URL PHONEX_API_URL CJ_API_URL WSC_API_URL SMTP_URL MAIL_SMTP_PORT MAIL_HTTP_PORT
export NEXTAUTH_URL=${NEXTAUTH_URL:-$APP_URL}
# Where each simulator posts its webhooks (WesellCellular has none). Given to each simulator
# as its own SIM_WEBHOOK_URL, so the two never get each other's.
PHONEX_WEBHOOK_TARGET=${SIM_WEBHOOK_URL:-${APP_URL%/}/api/webhooks/phonex}
CJ_WEBHOOK_TARGET=${CJ_SIM_WEBHOOK_URL:-${APP_URL%/}/api/webhooks/cj}
unset SIM_WEBHOOK_URL
export CJ_OPEN_ID=${CJ_OPEN_ID:-1000000001}
# The reconciler runs every RECONCILE_EVERY_MS and polls WesellCellular orders older than POLL_EVERY_MS.
export POLL_EVERY_MS=${POLL_EVERY_MS:-3000}
export RECONCILE_EVERY_MS=${RECONCILE_EVERY_MS:-3000}
export NEXT_TELEMETRY_DISABLED=1
DEMO_RESELLER_EMAIL=${DEMO_RESELLER_EMAIL:-buyer@worldtech.example}
DEMO_OPS_EMAIL=${DEMO_OPS_EMAIL:-ops@portal.example}
DEMO_PASSWORD=${DEMO_PASSWORD:-demo1234}
export DEMO_RESELLER_EMAIL DEMO_OPS_EMAIL DEMO_PASSWORD
# The demo: the sign-in page shows the demo logins, owners may mint pk_test_ keys (every supplier here is a simulator).
export DEMO_MODE=${DEMO_MODE:-true}

port_busy() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
for p in "$APP_PORT:web app (APP_PORT)" "$SIM_PORT:PhoneX simulator (SIM_PORT)" "$CJ_SIM_PORT:CJ simulator (CJ_SIM_PORT)" \
  "$WSC_SIM_PORT:WesellCellular simulator (WSC_SIM_PORT)" "$MAIL_SMTP_PORT:mail catcher SMTP (MAIL_SMTP_PORT)" "$MAIL_HTTP_PORT:mail catcher UI (MAIL_HTTP_PORT)"; do
  if port_busy "${p%%:*}"; then
    die "port ${p%%:*} for the ${p#*:} is in use: is a demo already running? Stop it, or choose another port."
  fi
done

# ── Services, schema, data, build ─────────────────────────────────────────────
say "Postgres and Redis"
bash scripts/ensure-services.sh
say "migrating the database"
npm run -s db:migrate
if [[ -f prisma/seed.ts ]]; then
  if [[ ${DEMO_RESEED:-0} == 1 ]]; then
    say "seeding demo data (DEMO_RESEED=1)"
    npm run -s db:seed
  else
    say "seeding demo data (first run only)"
    npm run -s db:seed -- --if-empty
  fi
else
  say "WARNING: prisma/seed.ts is missing, skipping the seed"
fi
if [[ ${DEMO_SKIP_BUILD:-0} == 1 && -f ${NEXT_DIST_DIR:-.next}/BUILD_ID ]]; then
  say "reusing the existing build (DEMO_SKIP_BUILD=1)"
else
  say "building the web app (next build; DEMO_SKIP_BUILD=1 skips this next time)"
  env -u NODE_ENV npx next build
fi

# ── Processes: each in its own process group, so stopping one stops its children ──
mkdir -p .demo/logs
NAMES=()
PIDS=()
TAILS=()
stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  if ((${#PIDS[@]})); then
    echo
    say "stopping ${NAMES[*]}"
    local pid i
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for ((i = 0; i < 100; i++)); do
      local alive=0
      for pid in "${PIDS[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
      ((alive)) || break
      sleep 0.1
    done
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  fi
  for pid in "${TAILS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() { # name command...
  local name=$1
  shift
  local logf=.demo/logs/$name.log
  : >"$logf"
  setsid "$@" >>"$logf" 2>&1 </dev/null &
  PIDS+=($!)
  NAMES+=("$name")
  setsid bash -c 'tail -n +1 -F "$0" 2>/dev/null | sed -u "s/^/$1 /"' "$logf" "$(printf '%-8s' "[$name]")" </dev/null &
  TAILS+=($!)
}

# The CJ simulator starts with no sessions, so CJ tokens cached in Redis by an earlier demo
# are void; and the adapter waits out CJ's one-login-per-5-minutes rule before logging in
# again. Forget them, so a restarted demo reaches CJ at once.
node -e '
  const { Redis } = require("ioredis");
  const r = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 1 });
  (async () => {
    await r.connect();
    let cursor = "0", n = 0;
    do {
      const [next, keys] = await r.scan(cursor, "MATCH", "cj:tokens:*", "COUNT", 500);
      cursor = next;
      if (keys.length) n += await r.del(...keys);
    } while (cursor !== "0");
    if (n) console.log(`[demo] cleared ${n} cached CJ token key(s) from an earlier run`);
  })().catch((e) => console.error(`[demo] could not clear cached CJ tokens: ${e.message}`)).finally(() => r.disconnect());
' "${REDIS_URL:-redis://127.0.0.1:6379}"

# Node scripts run through tsx directly, not `npm run`: npm does not pass SIGTERM on.
TSX=(node_modules/.bin/tsx --import ./scripts/node-hooks.mjs)
say "starting mail catcher, PhoneX, CJ and WesellCellular simulators, worker and web app (logs in .demo/logs/)"
start mail "${TSX[@]}" scripts/mail-catcher.ts
start phonex env PORT="$SIM_PORT" SIM_WEBHOOK_URL="$PHONEX_WEBHOOK_TARGET" "${TSX[@]}" scripts/phonex-simulator.ts
start cj env PORT="$CJ_SIM_PORT" SIM_WEBHOOK_URL="$CJ_WEBHOOK_TARGET" "${TSX[@]}" scripts/cj-simulator.ts
start wsc env PORT="$WSC_SIM_PORT" "${TSX[@]}" scripts/wsc-simulator.ts
# As `npm start` / `npm run worker`: a young generation of 64 MB (V8's default 16 MB makes the
# garbage collector a tenth of the worker's CPU under load; the bench measured ~10 % less CPU per order).
start worker env NODE_OPTIONS="--max-semi-space-size=64 ${NODE_OPTIONS:-}" "${TSX[@]}" workers/index.ts
start web env -u NODE_ENV NODE_OPTIONS="--max-semi-space-size=64 ${NODE_OPTIONS:-}" node_modules/.bin/next start -p "$APP_PORT"

health=http://localhost:$APP_PORT/api/health
http_status() { node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then((r) => console.log(r.status), () => console.log(0))' "$1"; }
check_alive() {
  local i
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      sleep 0.3
      die "${NAMES[$i]} stopped; see .demo/logs/${NAMES[$i]}.log"
    fi
  done
}
status=0
for ((i = 0; i < 120; i++)); do
  check_alive
  status=$(http_status "$health")
  [[ $status == 200 ]] && break
  sleep 1
done
[[ $status == 200 ]] || say "WARNING: $health answers ${status/#0/nothing} after 120s; starting anyway (see .demo/logs/web.log)"

sku=$(node -e '
  fetch(process.argv[1] + "/api/products?limit=1&inStock=true", { headers: { authorization: "Bearer " + process.argv[2] } })
    .then((r) => r.json()).then((j) => process.stdout.write(j?.data?.[0]?.sku ?? ""), () => {})' "http://localhost:$APP_PORT" "${DEMO_API_KEY:-}" 2>/dev/null || true)
sku=${sku:-<SKU from /api/products>}

cat <<EOF

$(printf '\033[1m')PhoneX portal demo is running$(printf '\033[0m')
  App              ${APP_URL}
  Ops order board  ${APP_URL%/}/ops/orders
  Mail catcher     http://127.0.0.1:${MAIL_HTTP_PORT}   (SMTP ${SMTP_URL})
  PhoneX simulator ${PHONEX_API_URL}   (webhooks to ${PHONEX_WEBHOOK_TARGET})
  CJ simulator     ${CJ_API_URL}   (webhooks to ${CJ_WEBHOOK_TARGET}, openId ${CJ_OPEN_ID})
  WSC simulator    ${WSC_API_URL}   (no webhooks: the worker polls every ${POLL_EVERY_MS} ms)
  Health           ${health}

  Reseller login   ${DEMO_RESELLER_EMAIL} / ${DEMO_PASSWORD}
  Ops login        ${DEMO_OPS_EMAIL} / ${DEMO_PASSWORD}
  Demo API key     ${DEMO_API_KEY:-<set DEMO_API_KEY in .env>}

  Place an order through the API:
    curl -s -X POST ${APP_URL%/}/api/orders \\
      -H "Authorization: Bearer ${DEMO_API_KEY:-\$DEMO_API_KEY}" \\
      -H "Idempotency-Key: demo-\$(date +%s)" -H "Content-Type: application/json" \\
      -d '{"items":[{"sku":"${sku}","quantity":1}],"shippingAddress":{"name":"Worldtech Receiving","line1":"1200 Commerce Blvd","city":"Miami","region":"FL","postalCode":"33166","country":"US"},"reference":"PO-DEMO-1"}'

  Logs: .demo/logs/{mail,phonex,cj,wsc,worker,web}.log.  Ctrl-C stops everything.

EOF

# Run until Ctrl-C, or until one of the processes stops on its own.
while true; do
  wait -n "${PIDS[@]}" 2>/dev/null || true
  check_alive
done
