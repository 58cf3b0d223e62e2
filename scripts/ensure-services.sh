#!/usr/bin/env bash
# Make sure Postgres (DATABASE_URL) and Redis (REDIS_URL) answer.
#   1. reuse whatever is reachable (quiet when everything is up);
#   2. else `docker compose up -d` where a Docker engine runs;
#   3. else, as root, the Debian packages postgresql / redis-server (installed if missing,
#      started without systemd, trust auth for local TCP);
#   4. else say what to install and exit 1.
# URLs come from the environment, else .env, else .env.example. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[services] $*" >&2; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

# Value of KEY from a dotenv file (no shell evaluation of the file).
dotenv_get() {
  local key=$1 file=$2
  [[ -f $file ]] || return 0
  sed -n "s/^[[:space:]]*${key}[[:space:]]*=[[:space:]]*//p" "$file" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'\$/\1/"
}
DATABASE_URL=${DATABASE_URL:-$(dotenv_get DATABASE_URL .env)}
DATABASE_URL=${DATABASE_URL:-$(dotenv_get DATABASE_URL .env.example)}
REDIS_URL=${REDIS_URL:-$(dotenv_get REDIS_URL .env)}
REDIS_URL=${REDIS_URL:-$(dotenv_get REDIS_URL .env.example)}
[[ -n $DATABASE_URL ]] || die "DATABASE_URL is not set (and no .env / .env.example to read it from)"
[[ -n $REDIS_URL ]] || die "REDIS_URL is not set (and no .env / .env.example to read it from)"

# Split the URLs with Node's URL parser (Node is a hard requirement of the project anyway).
IFS=$'\t' read -r PG_HOST PG_PORT PG_USER PG_ADMIN_URL < <(node -e '
  const u = new URL(process.argv[1]);
  const host = u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const user = decodeURIComponent(u.username) || "postgres";
  u.pathname = "/postgres";
  process.stdout.write([host, u.port || "5432", user, u.toString()].join("\t") + "\n");
' "$DATABASE_URL")
IFS=$'\t' read -r REDIS_HOST REDIS_PORT < <(node -e '
  const u = new URL(process.argv[1]);
  process.stdout.write([u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1", u.port || "6379"].join("\t") + "\n");
' "$REDIS_URL")

is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

pg_ok() {
  if command -v psql >/dev/null 2>&1; then
    PGCONNECT_TIMEOUT=3 psql "$PG_ADMIN_URL" -Atqc 'select 1' >/dev/null 2>&1
  elif [[ -d node_modules/pg ]]; then
    node -e '
      const pg = require("pg");
      const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
      c.connect().then(() => c.query("select 1")).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
    ' "$PG_ADMIN_URL" >/dev/null 2>&1
  elif command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
  else
    timeout 3 bash -c "exec 3<>/dev/tcp/$PG_HOST/$PG_PORT" 2>/dev/null
  fi
}

redis_ok() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ $(timeout 5 redis-cli -u "$REDIS_URL" ping 2>/dev/null) == PONG ]]
  else
    # RESP over bash's /dev/tcp: no client needed.
    timeout 5 bash -c '
      exec 3<>/dev/tcp/$0/$1 || exit 1
      printf "PING\r\n" >&3
      IFS= read -r line <&3
      [[ $line == +PONG* || $line == -NOAUTH* ]]
    ' "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null
  fi
}

wait_for() { # name check-fn seconds
  local name=$1 check=$2 secs=${3:-60} i
  for ((i = 0; i < secs * 2; i++)); do
    if $check; then return 0; fi
    sleep 0.5
  done
  die "$name did not become reachable within ${secs}s"
}

need_pg=0
need_redis=0
pg_ok || need_pg=1
redis_ok || need_redis=1
((need_pg || need_redis)) || exit 0

if ((need_pg)) && ! is_local "$PG_HOST"; then
  die "Postgres at $PG_HOST:$PG_PORT (DATABASE_URL) is not reachable, and it is not local, so it cannot be started here"
fi
if ((need_redis)) && ! is_local "$REDIS_HOST"; then
  die "Redis at $REDIS_HOST:$REDIS_PORT (REDIS_URL) is not reachable, and it is not local, so it cannot be started here"
fi

# ── 2. Docker ───────────────────────────────────────────────────────────────
compose=()
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  if docker compose version >/dev/null 2>&1; then compose=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
  else log "a Docker engine runs but neither 'docker compose' nor 'docker-compose' is installed"
  fi
fi
if ((${#compose[@]})); then
  svcs=()
  ((need_pg)) && svcs+=(postgres)
  ((need_redis)) && svcs+=(redis)
  log "starting ${svcs[*]} with ${compose[*]}"
  "${compose[@]}" up -d "${svcs[@]}" >&2
  ((need_pg)) && wait_for "Postgres" pg_ok 90
  ((need_redis)) && wait_for "Redis" redis_ok 60
  log "ready (docker compose)"
  exit 0
fi

# ── 3. Debian packages, as root ─────────────────────────────────────────────
if [[ $(id -u) -ne 0 ]]; then
  msg="cannot reach"
  ((need_pg)) && msg+=" Postgres at $PG_HOST:$PG_PORT"
  ((need_pg && need_redis)) && msg+=" and"
  ((need_redis)) && msg+=" Redis at $REDIS_HOST:$REDIS_PORT"
  cat >&2 <<EOF
[services] ERROR: $msg, no Docker engine runs, and this is not root.
  Start them yourself, one of:
    - docker compose up -d postgres redis            (with Docker)
    - sudo apt-get install -y postgresql redis-server, then start both
      (Postgres 14+ with trust or password auth matching DATABASE_URL; Redis 6+)
  or point DATABASE_URL / REDIS_URL (environment or .env) at running servers.
EOF
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  if ((!apt_updated)); then
    log "apt-get update"
    apt-get update -qq >&2
    apt_updated=1
  fi
  log "apt-get install -y $*"
  apt-get install -y -qq --no-install-recommends "$@" >&2
}

if ((need_pg)); then
  if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    apt_install postgresql
  fi
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql-common
  ver=$(ls -d /usr/lib/postgresql/*/bin/postgres | awk -F/ '{print $5}' | sort -V | tail -n 1)
  if [[ ! -d /etc/postgresql/$ver/main ]]; then
    log "creating Postgres $ver cluster 'main' on port $PG_PORT"
    pg_createcluster --port "$PG_PORT" "$ver" main >&2
  fi
  conf=/etc/postgresql/$ver/main
  cur_port=$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$conf/postgresql.conf" | tail -n 1)
  if [[ -n $cur_port && $cur_port != "$PG_PORT" ]]; then
    # Moving an existing cluster would break whatever else uses it.
    die "the local Postgres $ver cluster listens on port $cur_port, but DATABASE_URL wants $PG_PORT; fix DATABASE_URL"
  fi
  # Local TCP connections without a password, as the project's URLs expect.
  hba=$conf/pg_hba.conf
  if ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    log "trust auth for 127.0.0.1 / ::1 in $hba"
    { printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "$hba"; } >"$hba.new"
    chown --reference="$hba" "$hba.new" 2>/dev/null || true
    chmod --reference="$hba" "$hba.new" 2>/dev/null || true
    mv "$hba.new" "$hba"
  fi
  if pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$ver" main restart >&2
  else
    log "starting Postgres $ver"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2
  fi
  if [[ $PG_USER != postgres ]]; then
    # The URL's role must exist (trust auth ignores its password).
    runuser -u postgres -- psql -p "$PG_PORT" -Atqc \
      "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER//\'/\'\'}') THEN CREATE ROLE \"${PG_USER//\"/\"\"}\" LOGIN SUPERUSER; END IF; END \$\$;" >&2
  fi
  wait_for "Postgres" pg_ok 60
fi

if ((need_redis)); then
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  # The package's own service may have started on 6379 already.
  if ! redis_ok; then
    log "starting redis-server on $REDIS_HOST:$REDIS_PORT"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >&2
  fi
  wait_for "Redis" redis_ok 30
fi
log "ready"
