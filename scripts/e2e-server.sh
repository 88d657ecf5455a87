#!/usr/bin/env bash
# The product for Playwright: a fresh home (own database, demo accounts) on its own ports, with
# every API answer checked against its route declaration (a mismatch is a 500 naming the field).
set -euo pipefail
port="${1:-3100}"
home="${TMPDIR:-/tmp}/roundhouse-e2e-${port}"
# A run that was killed may have left its PostgreSQL running from this home: stop it first (fast
# shutdown), or the new one finds its port taken.
pidfile="$home/postgres/data/postmaster.pid"
if [ -f "$pidfile" ] && kill -INT "$(head -1 "$pidfile")" 2>/dev/null; then
  for _ in $(seq 50); do kill -0 "$(head -1 "$pidfile")" 2>/dev/null || break; sleep 0.2; done
fi
rm -rf "$home"
mkdir -p "$home"
cd "$(dirname "$0")/.."
exec env -u DATABASE_URL ROUNDHOUSE_CHECK_RESPONSES=1 ROUNDHOUSE_HOME="$home" PORT="$port" ROUNDHOUSE_PG_PORT="$((port + 51239))" \
  node --import tsx scripts/start.ts
