#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: Debian's `postgresql` package, `initdb` into a temporary folder,
# listening on 127.0.0.1 only, on a free port. No containers.
#
#   scripts/postgres-test.sh start   # installs the package if missing, starts the server, writes test-artifacts/postgres.env
#   scripts/postgres-test.sh stop    # stops it and removes the folder
#
# Roles (the same split as in production, README "PostgreSQL"):
#   brygga_owner  owns the databases and the tables, runs the migrations, may create databases (one per test)
#   brygga_app    what brygga connects as: no ownership, so row-level security applies to it
# postgres.env holds BRYGGA_TEST_POSTGRES_URL (the owner on the database "brygga") and BRYGGA_TEST_POSTGRES_APP_URL.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARTIFACTS="$ROOT/test-artifacts"
ENV_FILE="$ARTIFACTS/postgres.env"
STATE_FILE="$ARTIFACTS/postgres.dir"
PASSWORD="brygga-test"  # loopback only, a throw-away server: not a secret

say() { echo "postgres-test: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    say "behöver root eller sudo för: $* / needs root or sudo for: $*" >&2
    exit 1
  fi
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

install_postgres() {
  if [ -n "$(pg_bin)" ]; then return; fi
  say "installerar Debians postgresql / installing Debian's postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # Debian's package starts its own cluster on 5432; ours does not need it.
  as_root service postgresql stop >/dev/null 2>&1 || true
  if [ -z "$(pg_bin)" ]; then
    say "PostgreSQL kunde inte installeras / could not be installed" >&2
    exit 1
  fi
}

# postgres refuses to run as root: as root, the server runs as the `postgres` user the package creates.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if [ -f "$STATE_FILE" ] && [ -d "$(cat "$STATE_FILE")" ]; then
    say "en server körs redan / already running ($(cat "$STATE_FILE")); stoppar den först / stopping it first"
    stop
  fi
  install_postgres
  local bin dir port
  bin="$(pg_bin)"
  dir="$(mktemp -d /tmp/brygga-pg.XXXXXX)"
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  printf '%s\n' "$PASSWORD" >"$dir/pwfile"
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port="$(free_port)"
  # Durability is not what the tests measure: fsync off makes CREATE DATABASE per test cheap.
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  mkdir -p "$ARTIFACTS"
  echo "$dir" >"$STATE_FILE"
  as_server_user "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE brygga_owner LOGIN CREATEDB PASSWORD '$PASSWORD';
CREATE ROLE brygga_app LOGIN PASSWORD '$PASSWORD';
CREATE DATABASE brygga OWNER brygga_owner;
-- tests drop their databases WITH (FORCE), which ends the application role's connections too
GRANT pg_signal_backend TO brygga_owner;
SQL
  local base="postgresql+psycopg://%s:$PASSWORD@127.0.0.1:$port/brygga"
  {
    echo "BRYGGA_TEST_POSTGRES_URL=$(printf "$base" brygga_owner)"
    echo "BRYGGA_TEST_POSTGRES_APP_URL=$(printf "$base" brygga_app)"
  } >"$ENV_FILE"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') på / on 127.0.0.1:$port ($dir)"
  say "$(head -n 1 "$ENV_FILE" | sed "s/:$PASSWORD@/:***@/")"
}

stop() {
  if [ ! -f "$STATE_FILE" ]; then
    say "ingen server att stoppa / no server to stop"
    return 0
  fi
  local dir bin
  dir="$(cat "$STATE_FILE")"
  bin="$(pg_bin)"
  if [ -d "$dir/data" ] && [ -n "$bin" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in /tmp/brygga-pg.*) rm -rf "$dir" ;; esac
  rm -f "$STATE_FILE" "$ENV_FILE"
  say "stoppad / stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
