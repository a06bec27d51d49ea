#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL on a free loopback port, runs every .NET and SPA
# test, stops what it started, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

# --- what the tests need from Debian: PostgreSQL, Chromium (Playwright drives it), aiosmtpd (a real SMTP server),
#     the MaxMind DB writer (tests build small geo-IP databases), nginx (in front of two hosts in the cluster tests)
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need+=(python3-aiosmtpd)
perl -MMaxMind::DB::Writer::Tree -e1 >/dev/null 2>&1 || need+=(libmaxmind-db-writer-perl)
[ -x /usr/sbin/nginx ] || need+=(nginx)
if ((${#need[@]})); then
  echo "Installing ${need[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

# --- a throwaway PostgreSQL for this run
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/lookout-pg.XXXXXX)
chown postgres "$pgdir"
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_postgres() { su postgres -c "$pgbin/pg_ctl -D $pgdir/data -m immediate stop" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_postgres EXIT
su postgres -c "$pgbin/initdb -D $pgdir/data -A trust -U postgres" >/dev/null || { echo "initdb failed"; exit 1; }
su postgres -c "$pgbin/pg_ctl -D $pgdir/data -w -l $pgdir/log -o \"-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start" >/dev/null \
  || { cat "$pgdir/log"; echo "PostgreSQL did not start"; exit 1; }
export LOOKOUT_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"

passed=0; failed=0

# --- the SPA: install exactly the lock file, unit tests (Vitest)
(cd web-admin && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci failed"; exit 1; }
spa_log=$(mktemp)
(cd web-admin && NO_COLOR=1 npx vitest run) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | tee "$spa_log"
spa_summary=$(grep -E '^\s*Tests\s' "$spa_log" | tail -n 1)
spa_passed=$(grep -oE '[0-9]+ passed' <<<"$spa_summary" | grep -oE '[0-9]+' || true)
spa_failed=$(grep -oE '[0-9]+ failed' <<<"$spa_summary" | grep -oE '[0-9]+' || true)
[ -n "$spa_summary" ] || { echo "Vitest printed no summary"; spa_failed=1; }
passed=$((passed + ${spa_passed:-0})); failed=$((failed + ${spa_failed:-0}))

# --- .NET: build once (this also builds the SPA into the host), then every test project
dotnet_log=$(mktemp)
dotnet build Modular.sln -c Release -nologo -v q > "$dotnet_log" 2>&1
if [ $? -eq 0 ]; then
  dotnet test Modular.sln -c Release --no-build -nologo --blame-hang-timeout 15m --blame-hang-dump-type none 2>&1 | tee "$dotnet_log"
  while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
    grep -oE 'Failed:\s+[0-9]+, Passed:\s+[0-9]+' "$dotnet_log" | sed -E 's/Failed:\s+([0-9]+), Passed:\s+([0-9]+)/\1 \2/')
  grep -qE 'Failed:\s+[0-9]+, Passed:' "$dotnet_log" || failed=$((failed + 1))
else
  tail -n 40 "$dotnet_log"; echo "dotnet build failed"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
