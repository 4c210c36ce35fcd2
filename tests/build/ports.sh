#!/usr/bin/env bash
# Checks that ./build.sh gives each checkout a PostgreSQL port of its own and says who holds a taken port.
# Runs two throwaway checkouts (copies of build.sh) with local clusters on free ports and stops them again;
# it never stops or touches a cluster it did not start. Prints "PASS: …" / "FAIL: …" per check.
set -uo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build.sh"
WORK="$(mktemp -d /tmp/dsprocess-ports-XXXXXX)"
chmod 755 "$WORK" # the postgres user must reach the clusters' folders
A="$WORK/a"
B="$WORK/b"
LISTENER=""
passed=0
failed=0

cleanup() {
  [ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null
  "$A/build.sh" stop >/dev/null 2>&1
  "$B/build.sh" stop >/dev/null 2>&1
  rm -rf "$WORK" /var/tmp/dsprocess-postgres-"$(echo "$A" | md5sum | cut -c1-8)" /var/tmp/dsprocess-postgres-"$(echo "$B" | md5sum | cut -c1-8)"
}
trap cleanup EXIT

check() {
  local name="$1"
  shift
  if "$@"; then
    echo "PASS: $name"
    passed=$((passed + 1))
  else
    echo "FAIL: $name"
    failed=$((failed + 1))
  fi
}

# Runs "build.sh db" in a checkout: its connection string in $out, its messages in $err, its exit code in $rc.
db() {
  local dir="$1"
  shift
  out="$(env "$@" "$dir/build.sh" db 2>"$WORK/err")"
  rc=$?
  err="$(cat "$WORK/err")"
}

port_of() { grep -oE 'Port=[0-9]+' <<<"$1" | cut -d= -f2; }

answers() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1"; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "SKIP: no PostgreSQL server binaries on this machine"
  exit 0
fi

mkdir -p "$A" "$B" "$WORK/bin"
cp "$SOURCE" "$A/build.sh"
cp "$SOURCE" "$B/build.sh"
# The local-cluster path is under test, also where a Docker engine answers.
printf '#!/bin/sh\nexit 1\n' > "$WORK/bin/docker"
chmod +x "$WORK/bin/docker"
export PATH="$WORK/bin:$PATH"
unset DSPROCESS_PG_PORT DSPROCESS_COMPOSE_PG_PORT

db "$A"
port_a="$(port_of "$out")"
db "$B"
port_b="$(port_of "$out")"
side_by_side() { [ -n "$port_a" ] && [ -n "$port_b" ] && [ "$port_a" != "$port_b" ] && answers "$port_a" && answers "$port_b"; }
check "two checkouts run their clusters side by side on ports of their own ($port_a, $port_b)" side_by_side

db "$A"
reused() { [ "$rc" -eq 0 ] && [ "$(port_of "$out")" = "$port_a" ] && grep -q "already running on 127.0.0.1:$port_a" <<<"$err"; }
check "a checkout whose cluster runs reuses it on the same port" reused
remembered() { [ "$(cat "$A/.data/pg-port")" = "$port_a" ]; }
check "the port is remembered in .data/pg-port" remembered

"$B/build.sh" stop >/dev/null 2>&1
echo "$port_a" > "$B/.data/pg-port"
db "$B"
moved() {
  [ "$rc" -eq 0 ] && [ "$(port_of "$out")" != "$port_a" ] && answers "$(port_of "$out")" &&
    grep -q "Port $port_a is taken by another checkout's PostgreSQL cluster at $A/.data/postgres\|Port $port_a is taken by another checkout's PostgreSQL cluster at /var/tmp/dsprocess-postgres-" <<<"$err"
}
check "a port held by another checkout's cluster is named and the next free one is taken" moved

"$B/build.sh" stop >/dev/null 2>&1
exec {listener_out}< <(exec perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 1) or die; $| = 1; print $s->sockport, "\n"; sleep 300')
LISTENER=$!
read -r -t 10 taken <&"$listener_out"
db "$B" DSPROCESS_PG_PORT="$taken"
named() { [ "$rc" -ne 0 ] && grep -q "Port $taken (DSPROCESS_PG_PORT) is taken by perl (pid $LISTENER" <<<"$err"; }
check "a chosen port taken by another program fails, naming the program and its pid" named

echo "ports.sh: $passed checks passed, $failed failed"
[ "$failed" -eq 0 ]
