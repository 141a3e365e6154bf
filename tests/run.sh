#!/usr/bin/env bash
# Runs every test on a fresh machine: installs PostgreSQL, Chromium and tzdata from Debian packages when missing, starts a
# throwaway PostgreSQL on a free loopback port, runs `dotnet test IpbesFlow.sln` against it, and stops it.
# Usage: bash tests/run.sh [extra dotnet test arguments, e.g. --filter Category=Fast]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# --- 1. System packages -------------------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
missing=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Window edges are given in IANA time zones (Africa/Nairobi, Europe/Berlin): .NET reads them from tzdata.
[ -e /usr/share/zoneinfo/Africa/Nairobi ] || missing+=(tzdata)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} (Debian packages)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- 2. A throwaway PostgreSQL ------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$(( 20000 + RANDOM % 20000 ))
while port_in_use "$port"; do port=$(( 20000 + RANDOM % 20000 )); done

pg_dir=$(mktemp -d /tmp/ipbesflow-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: its files and process belong to the postgres user.
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

log "Starting PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
printf 'ipbesflow\n' > "$pg_dir/pwfile"
chmod 644 "$pg_dir/pwfile"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U ipbesflow --pwfile="$pg_dir/pwfile" \
  --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
# Durability settings are relaxed: this server lives for one test run.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || { cat "$pg_dir/server.log"; exit 1; }
export IPBESFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=ipbesflow;Password=ipbesflow;Database=postgres"

# --- 3. Build once, then every test project --------------------------------------------------------------
log "Building"
dotnet build IpbesFlow.sln -c Release -warnaserror -nologo -v quiet

log "Testing (SQLite and PostgreSQL)"
results="$pg_dir/results.txt"
set +e
dotnet test IpbesFlow.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies (each prints "Total tests / Passed / Failed / Skipped" lines).
count() { { grep -E "^[[:space:]]+$1: [0-9]+" "$results" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
sqlite=$({ grep -cE '^[[:space:]]+Passed .*(_on_Sqlite|database: "Sqlite")' "$results" || true; })
postgres=$({ grep -cE '^[[:space:]]+Passed .*(_on_Postgres|PostgreSQL|database: "Postgres")' "$results" || true; })
echo
echo "Passed against SQLite: $sqlite; against PostgreSQL: $postgres"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
