#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1 for the tests that claim PostgreSQL.
# Installs Debian's postgresql when missing. Writes scripts/postgres.env with EMBARGO_TEST_PG_URL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
env_file="$here/postgres.env"
port="${EMBARGO_PG_PORT:-55432}"
datadir="${EMBARGO_PG_DATA:-/tmp/embargo-pgdata}"
: > "$env_file"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "${1:-start}" in
start)
  bindir="$(find_bin)"
  if [ -z "$bindir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "postgres.sh: installing Debian's postgresql" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "postgres.sh: apt-get install postgresql failed" >&2
    bindir="$(find_bin)"
  fi
  if [ -z "$bindir" ]; then
    echo "postgres.sh: no PostgreSQL server available; PostgreSQL tests will report it" >&2
    exit 0
  fi
  run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    run=(runuser -u postgres --)
  fi
  if ! "${run[@]}" "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
    if [ ! -s "$datadir/PG_VERSION" ]; then
      rm -rf "$datadir"; mkdir -p "$datadir"
      [ "$(id -u)" = 0 ] && chown postgres "$datadir"
      "${run[@]}" "$bindir/initdb" -D "$datadir" -A trust -U embargo >/dev/null
    fi
    "${run[@]}" "$bindir/pg_ctl" -D "$datadir" -w -l "$datadir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir" start >/dev/null
  fi
  echo "export EMBARGO_TEST_PG_URL=postgresql+psycopg://embargo@127.0.0.1:$port/postgres" > "$env_file"
  echo "postgres.sh: PostgreSQL on 127.0.0.1:$port" >&2
  ;;
stop)
  bindir="$(find_bin)"
  [ -n "$bindir" ] || exit 0
  run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bindir/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true
  ;;
esac
