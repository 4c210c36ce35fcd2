#!/usr/bin/env bash
# DsProcess developer commands.
#
#   ./build.sh run     start the app (Release build) with demo data at http://127.0.0.1:5080; --debug for a Debug build
#   ./build.sh test    build and run every test (domain, handlers on PostgreSQL, browser tests in Chromium)
#   ./build.sh bench   the dashboard benchmark at 100, 1,000 and 10,000 projects (options: --sizes 1000 --runs 50);
#                      with --webhooks, the webhook delivery lag instead (options: --events 300 --rate 20)
#                      with --api, the API benchmark (model versions registered over HTTP at 10,000 projects;
#                      options: --clients 16 --rate 400 --seconds 30 --warmup 10)
#                      with --operations, signals of 1,000 monitored models over HTTP checked against the expected alerts
#                      (options: --models 1000 --rate 200 --seconds 60 --clients 16)
#                      with --circuits, open board circuits in Chromium: server memory per idle circuit, click → screen
#                      settled with the largest N open, fan-out of one change to many viewers of a board
#                      (options: --circuits 50,100,200 --clicks 100 --warmup 20 --viewers 50 --changes 30 --projects 1000;
#                      --keep leaves the database, --reuse runs on it again)
#   ./build.sh db      only start the database and print its connection string
#   ./build.sh stop    stop the local PostgreSQL cluster started by this script
#
# Database, in this order: the ConnectionStrings__DsProcess environment variable; else docker compose when a
# Docker engine answers; else a local PostgreSQL cluster from this machine's PostgreSQL binaries, kept in
# .data/postgres (git-ignored) so data survives restarts.
# Each checkout has a port of its own (55432-55931, derived from its folder, the next free one when that is
# taken), printed and remembered in .data/pg-port, so several checkouts run side by side; DSPROCESS_PG_PORT
# (local cluster) and DSPROCESS_COMPOSE_PG_PORT (compose) choose one instead.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="$ROOT/.data"
PG_PORT_FILE="$DATA_DIR/pg-port"
PG_PORT_BASE=55432
PG_PORT_SPAN=500
APP_URL="${DSPROCESS_URL:-http://127.0.0.1:5080}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    die "The .NET 10 SDK is not installed. See https://learn.microsoft.com/dotnet/core/install/linux (Debian: the packages.microsoft.com feed, package dotnet-sdk-10.0)."
}

docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

pg_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

# Runs a PostgreSQL server binary; PostgreSQL refuses to run as root, so root runs it as "postgres".
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd /tmp && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

local_cluster_dir() {
  local dir="$DATA_DIR/postgres"
  mkdir -p "$DATA_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "Running as root needs the 'postgres' system user (it comes with Debian's postgresql package)."
    mkdir -p "$dir"
    chown postgres: "$dir"
    chmod 700 "$dir"
    # The server must be able to reach its data folder; a repository under a private home folder is not reachable.
    if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
      dir="/var/tmp/dsprocess-postgres-$(echo "$ROOT" | md5sum | cut -c1-8)"
      mkdir -p "$dir" && chown postgres: "$dir" && chmod 700 "$dir"
      say "The postgres user cannot reach $DATA_DIR; keeping the cluster in $dir instead."
    fi
  fi
  echo "$dir"
}

# The data directory of a running PostgreSQL server: its -D argument, else its working directory.
server_data_dir() {
  local pid="$1" arg take_next=0
  while IFS= read -r -d '' arg; do
    [ "$take_next" -eq 1 ] && { readlink -f "$arg" 2>/dev/null || echo "$arg"; return 0; }
    [ "$arg" = "-D" ] && take_next=1
  done 2>/dev/null < "/proc/$pid/cmdline"
  readlink "/proc/$pid/cwd" 2>/dev/null || true
}

# Says who listens on a TCP port of this machine; fails (prints nothing) when the port is free.
# The second argument is this checkout's cluster folder, to tell it from another checkout's.
port_holder() {
  local port="$1" own_dir="${2:-}" line pid="" name="" dir
  if command -v ss >/dev/null 2>&1; then
    line="$(ss -ltnpH "sport = :$port" 2>/dev/null || true)"
    [ -n "$line" ] || return 1
    pid="$(grep -o 'pid=[0-9]*' <<<"$line" | head -n 1 | cut -d= -f2 || true)"
    name="$(grep -o '(("[^"]*"' <<<"$line" | head -n 1 | cut -d'"' -f2 || true)"
  elif command -v lsof >/dev/null 2>&1; then
    line="$(lsof -nP -iTCP:"$port" -sTCP:LISTEN -Fpc 2>/dev/null || true)"
    [ -n "$line" ] || return 1
    pid="$(grep '^p' <<<"$line" | head -n 1 | cut -c2- || true)"
    name="$(grep '^c' <<<"$line" | head -n 1 | cut -c2- || true)"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  fi

  if [ -z "$pid" ]; then
    echo "a process this user cannot see (ask: sudo ss -ltnp 'sport = :$port')"
  elif [ "$name" = "postgres" ]; then
    dir="$(server_data_dir "$pid")"
    if [ -n "$dir" ] && [ -n "$own_dir" ] && [ "$dir" = "$(readlink -f "$own_dir")" ]; then
      echo "this checkout's own PostgreSQL cluster (pid $pid)"
    else
      echo "another checkout's PostgreSQL cluster at ${dir:-an unknown folder} (pid $pid)"
    fi
  else
    echo "$name (pid $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-100 | sed 's/ *$//'))"
  fi
}

# The first port this checkout tries: derived from its folder, so checkouts rarely meet.
derived_port() {
  echo $((PG_PORT_BASE + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % PG_PORT_SPAN))
}

# The port remembered for this checkout, else the derived one.
checkout_port() {
  local port
  port="$(cat "$PG_PORT_FILE" 2>/dev/null || true)"
  [[ "$port" =~ ^[0-9]+$ ]] && echo "$port" || derived_port
}

remember_port() {
  mkdir -p "$DATA_DIR"
  echo "$1" > "$PG_PORT_FILE"
}

# A free port for the cluster in folder $1: DSPROCESS_PG_PORT, else the remembered or derived one, else the next free.
free_cluster_port() {
  local dir="$1" port holder tries=0
  if [ -n "${DSPROCESS_PG_PORT:-}" ]; then
    if holder="$(port_holder "$DSPROCESS_PG_PORT" "$dir")"; then
      die "Port $DSPROCESS_PG_PORT (DSPROCESS_PG_PORT) is taken by $holder. Stop that, or choose another port in DSPROCESS_PG_PORT."
    fi
    echo "$DSPROCESS_PG_PORT"
    return 0
  fi
  port="$(checkout_port)"
  while holder="$(port_holder "$port" "$dir")"; do
    say "Port $port is taken by $holder; trying the next one."
    port=$((port + 1))
    [ "$port" -lt $((PG_PORT_BASE + PG_PORT_SPAN)) ] || port=$PG_PORT_BASE
    tries=$((tries + 1))
    [ "$tries" -lt "$PG_PORT_SPAN" ] || die "No free port between $PG_PORT_BASE and $((PG_PORT_BASE + PG_PORT_SPAN - 1)); set DSPROCESS_PG_PORT."
  done
  remember_port "$port"
  echo "$port"
}

start_local_postgres() {
  local bin dir port holder
  bin="$(pg_bin_dir)" || die "No PostgreSQL found. Do one of:
  - set ConnectionStrings__DsProcess to a PostgreSQL 14+ server (e.g. 'Host=localhost;Username=me;Password=secret;Database=dsprocess'),
  - start a Docker engine (docker compose is used automatically), or
  - install the server binaries: sudo apt-get install postgresql   (Debian/Ubuntu; the service need not run)."
  dir="$(local_cluster_dir)"
  if [ ! -s "$dir/PG_VERSION" ]; then
    say "Creating a local PostgreSQL cluster in $dir"
    as_pg_user "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg_user "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    # Already running (maybe started before ports were remembered): keep it where it is.
    port="$(sed -n 4p "$dir/postmaster.pid")"
    if [ -n "${DSPROCESS_PG_PORT:-}" ] && [ "$DSPROCESS_PG_PORT" != "$port" ]; then
      die "This checkout's PostgreSQL already runs on port $port, not $DSPROCESS_PG_PORT (DSPROCESS_PG_PORT). Run ./build.sh stop first to move it."
    fi
    [ -n "${DSPROCESS_PG_PORT:-}" ] || remember_port "$port"
    say "This checkout's PostgreSQL is already running on 127.0.0.1:$port"
  else
    port="$(free_cluster_port "$dir")"
    say "Starting this checkout's PostgreSQL on 127.0.0.1:$port ($([ -n "${DSPROCESS_PG_PORT:-}" ] && echo "DSPROCESS_PG_PORT" || echo "kept in .data/pg-port; DSPROCESS_PG_PORT chooses another"))"
    if ! as_pg_user "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off -c jit=off" >/dev/null; then
      holder="$(port_holder "$port" "$dir" || true)"
      [ -z "$holder" ] || die "PostgreSQL did not start: port $port was taken meanwhile by $holder. Run the command again to pick another port."
      die "PostgreSQL did not start; see $dir/server.log"
    fi
  fi
  echo "Host=127.0.0.1;Port=$port;Username=postgres"
}

stop_local_postgres() {
  local bin dir
  bin="$(pg_bin_dir)" || return 0
  dir="$(local_cluster_dir)"
  [ -s "$dir/PG_VERSION" ] && as_pg_user "$bin/pg_ctl" -D "$dir" -m fast stop || true
}

# The password of compose's database: DSPROCESS_DB_PASSWORD, else the one in .env, else a development default
# (the password compose used before it became configurable, so existing development volumes keep working).
compose_db_password() {
  local password="${DSPROCESS_DB_PASSWORD:-}"
  if [ -z "$password" ] && [ -f "$ROOT/.env" ]; then
    password="$(sed -n 's/^[[:space:]]*DSPROCESS_DB_PASSWORD=//p' "$ROOT/.env" | tail -n 1)"
    password="${password%\"}"; password="${password#\"}"; password="${password%\'}"; password="${password#\'}"
  fi
  echo "${password:-dsprocess}"
}

start_compose_postgres() {
  local port="${DSPROCESS_COMPOSE_PG_PORT:-$(checkout_port)}" password holder
  password="$(compose_db_password)"
  if holder="$(port_holder "$port")"; then
    case "$holder" in
      docker-proxy*|dockerd*|com.docker*|rootlesskit*|vpnkit*) ;; # most likely this checkout's own compose database
      *) die "Port $port for compose's PostgreSQL is taken by $holder. Stop that, or choose another port in DSPROCESS_COMPOSE_PG_PORT." ;;
    esac
  fi
  [ -n "${DSPROCESS_COMPOSE_PG_PORT:-}" ] || remember_port "$port"
  say "Starting PostgreSQL with docker compose on 127.0.0.1:$port"
  (cd "$ROOT" && DSPROCESS_DB_PASSWORD="$password" DSPROCESS_COMPOSE_PG_PORT="$port" \
    docker compose -f docker-compose.yml -f docker-compose.db-port.yml up -d --wait db) >&2
  # Quoted, so any character in the password survives the connection string.
  echo "Host=127.0.0.1;Port=$port;Username=dsprocess;Password=\"${password//\"/\"\"}\""
}

# Prints a server connection string (without a database name).
database_server() {
  if docker_engine; then start_compose_postgres; else start_local_postgres; fi
}

ensure_chromium() {
  [ -n "${DSPROCESS_CHROMIUM:-}" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Chromium for the browser tests (Debian package 'chromium')"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    die "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium) or point DSPROCESS_CHROMIUM at a Chromium binary."
  fi
}

cmd_run() {
  require_dotnet
  # People use this command to use the product: a Release build, as deployed. --debug gives the Debug loop.
  local configuration=Release
  if [ "${1:-}" = "--debug" ]; then
    configuration=Debug
    shift
  fi
  [ $# -eq 0 ] || die "Unknown option for run: $1 (only --debug)"
  local conn="${ConnectionStrings__DsProcess:-}"
  if [ -z "$conn" ]; then
    conn="$(database_server);Database=dsprocess"
  fi
  say "DsProcess ($configuration build) will listen on $APP_URL (Ctrl+C to stop)"
  cd "$ROOT"
  ConnectionStrings__DsProcess="$conn" \
  DsProcess__Seed__DemoData="${DsProcess__Seed__DemoData:-true}" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
    exec dotnet run -c "$configuration" --project src/DsProcess.Web --urls "$APP_URL"
}

# The API's worked examples are run by the tests with Python (docs/api.md); Debian ships it, slim images may not.
ensure_python() {
  command -v python3 >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Python for the API example tests (Debian package 'python3')"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
  else
    die "The API example tests need python3. Install it (Debian/Ubuntu: sudo apt-get install python3)."
  fi
}

cmd_test() {
  require_dotnet
  ensure_chromium
  ensure_python
  # Tests create and drop their own databases on this server; with a Docker engine and no server given,
  # they start a throwaway container through Testcontainers instead.
  if [ -z "${DSPROCESS_TEST_POSTGRES:-}" ] && ! docker_engine; then
    DSPROCESS_TEST_POSTGRES="$(start_local_postgres)"
    export DSPROCESS_TEST_POSTGRES
  fi
  cd "$ROOT"
  mkdir -p artifacts
  dotnet build DsProcess.sln -c Release -warnaserror --nologo -v quiet
  dotnet test --solution DsProcess.sln -c Release --no-build "$@"
}

cmd_bench() {
  require_dotnet
  # The benchmark creates and drops its own databases on this server.
  if [ -z "${DSPROCESS_BENCH_POSTGRES:-}" ]; then
    DSPROCESS_BENCH_POSTGRES="$(database_server)"
    export DSPROCESS_BENCH_POSTGRES
  fi
  cd "$ROOT"
  dotnet run -c Release --project bench/DsProcess.Bench -- "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  db) database_server ;;
  stop) stop_local_postgres ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
