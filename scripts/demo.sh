#!/usr/bin/env bash
# `npm run demo`: the whole portal on this machine, from a fresh clone.
#   deps → .env (generated secrets) → Postgres/Redis → migrate → seed → next build
#   → mail catcher, PhoneX simulator, worker, web app (logs in .demo/logs, prefixed on the console)
#   → URLs and logins. Ctrl-C stops everything it started.
#
# Ports (env): APP_PORT (default: APP_URL's, 3000), SIM_PORT (PHONEX_API_URL's, 4010),
# MAIL_SMTP_PORT (SMTP_URL's, 1025), MAIL_HTTP_PORT (1080). DEMO_SKIP_BUILD=1 reuses .next.
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
MAIL_HTTP_PORT=${MAIL_HTTP_PORT:-1080}
export APP_URL PHONEX_API_URL SMTP_URL MAIL_SMTP_PORT MAIL_HTTP_PORT
export NEXTAUTH_URL=${NEXTAUTH_URL:-$APP_URL}
export SIM_WEBHOOK_URL=${SIM_WEBHOOK_URL:-${APP_URL%/}/api/webhooks/phonex}
export NEXT_TELEMETRY_DISABLED=1
DEMO_RESELLER_EMAIL=${DEMO_RESELLER_EMAIL:-buyer@worldtech.example}
DEMO_OPS_EMAIL=${DEMO_OPS_EMAIL:-ops@portal.example}
DEMO_PASSWORD=${DEMO_PASSWORD:-demo1234}
export DEMO_RESELLER_EMAIL DEMO_OPS_EMAIL DEMO_PASSWORD

port_busy() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
for p in "$APP_PORT:web app (APP_PORT)" "$SIM_PORT:PhoneX simulator (SIM_PORT)" "$MAIL_SMTP_PORT:mail catcher SMTP (MAIL_SMTP_PORT)" "$MAIL_HTTP_PORT:mail catcher UI (MAIL_HTTP_PORT)"; do
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
  say "seeding demo data"
  npm run -s db:seed
else
  say "WARNING: prisma/seed.ts is missing, skipping the seed"
fi
if [[ ${DEMO_SKIP_BUILD:-0} == 1 && -f .next/BUILD_ID ]]; then
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

say "starting mail catcher, PhoneX simulator, worker and web app (logs in .demo/logs/)"
start mail npm run -s mail
start phonex env PORT="$SIM_PORT" npm run -s sim:phonex
start worker npm run -s worker
start web env -u NODE_ENV npx next start -p "$APP_PORT"

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
  PhoneX simulator ${PHONEX_API_URL}   (webhooks to ${SIM_WEBHOOK_URL})
  Health           ${health}

  Reseller login   ${DEMO_RESELLER_EMAIL} / ${DEMO_PASSWORD}
  Ops login        ${DEMO_OPS_EMAIL} / ${DEMO_PASSWORD}
  Demo API key     ${DEMO_API_KEY:-<set DEMO_API_KEY in .env>}

  Place an order through the API:
    curl -s -X POST ${APP_URL%/}/api/orders \\
      -H "Authorization: Bearer ${DEMO_API_KEY:-\$DEMO_API_KEY}" \\
      -H "Idempotency-Key: demo-\$(date +%s)" -H "Content-Type: application/json" \\
      -d '{"items":[{"sku":"${sku}","quantity":1}],"shippingAddress":{"name":"Worldtech Receiving","line1":"1200 Commerce Blvd","city":"Miami","region":"FL","postalCode":"33166","country":"US"},"reference":"PO-DEMO-1"}'

  Logs: .demo/logs/{mail,phonex,worker,web}.log.  Ctrl-C stops everything.

EOF

# Run until Ctrl-C, or until one of the processes stops on its own.
while true; do
  wait -n "${PIDS[@]}" 2>/dev/null || true
  check_alive
done
