#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL server (Debian's package),
# so the production driver is tested, not assumed. Installs the server when missing and allowed.
set -euo pipefail
bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
if [ -z "$bin" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL server is missing: installing Debian's postgresql package…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
  fi
fi
if [ -z "$bin" ]; then
  echo "PostgreSQL server not found; install Debian's postgresql package (or set ROSTER_SKIP_POSTGRES=1)." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/roster-pg.XXXXXX)
chown -R "${PGUSER_OS:-postgres}" "$dir" 2>/dev/null || true
# A free port (never a fixed one another process may hold), unless PGPORT_TEST says otherwise.
port=${PGPORT_TEST:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
as() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as "$bin/initdb" -D "$dir/data" -U roster --auth=trust >/dev/null
as "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
cleanup() { as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as "$bin/createdb" -h 127.0.0.1 -p "$port" -U roster roster
export DATABASE_URL="postgres://roster@127.0.0.1:$port/roster"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
