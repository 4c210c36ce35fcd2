#!/usr/bin/env bash
# DsProcess developer commands.
#
#   ./build.sh run     start the app with demo data at http://127.0.0.1:5080
#   ./build.sh test    build and run every test (domain, handlers on PostgreSQL, browser tests in Chromium)
#   ./build.sh bench   the dashboard benchmark at 100, 1,000 and 10,000 projects (options: --sizes 1000 --runs 50)
#   ./build.sh db      only start the database and print its connection string
#   ./build.sh stop    stop the local PostgreSQL cluster started by this script
#
# Database, in this order: the ConnectionStrings__DsProcess environment variable; else docker compose when a
# Docker engine answers; else a local PostgreSQL cluster from this machine's PostgreSQL binaries, kept in
# .data/postgres (git-ignored) so data survives restarts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="$ROOT/.data"
PG_PORT="${DSPROCESS_PG_PORT:-55432}"
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

start_local_postgres() {
  local bin dir
  bin="$(pg_bin_dir)" || die "No PostgreSQL found. Do one of:
  - set ConnectionStrings__DsProcess to a PostgreSQL 14+ server (e.g. 'Host=localhost;Username=me;Password=secret;Database=dsprocess'),
  - start a Docker engine (docker compose is used automatically), or
  - install the server binaries: sudo apt-get install postgresql   (Debian/Ubuntu; the service need not run)."
  dir="$(local_cluster_dir)"
  if [ ! -s "$dir/PG_VERSION" ]; then
    say "Creating a local PostgreSQL cluster in $dir"
    as_pg_user "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg_user "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    say "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg_user "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off -c jit=off" >/dev/null ||
      die "PostgreSQL did not start; see $dir/server.log"
  fi
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}

stop_local_postgres() {
  local bin dir
  bin="$(pg_bin_dir)" || return 0
  dir="$(local_cluster_dir)"
  [ -s "$dir/PG_VERSION" ] && as_pg_user "$bin/pg_ctl" -D "$dir" -m fast stop || true
}

start_compose_postgres() {
  say "Starting PostgreSQL with docker compose"
  (cd "$ROOT" && docker compose up -d --wait db) >&2
  echo "Host=127.0.0.1;Port=${DSPROCESS_COMPOSE_PG_PORT:-5432};Username=dsprocess;Password=dsprocess"
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
  local conn="${ConnectionStrings__DsProcess:-}"
  if [ -z "$conn" ]; then
    conn="$(database_server);Database=dsprocess"
  fi
  say "DsProcess will listen on $APP_URL (Ctrl+C to stop)"
  cd "$ROOT"
  ConnectionStrings__DsProcess="$conn" \
  DsProcess__Seed__DemoData="${DsProcess__Seed__DemoData:-true}" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
    exec dotnet run --project src/DsProcess.Web --urls "$APP_URL"
}

cmd_test() {
  require_dotnet
  ensure_chromium
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
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
