#!/usr/bin/env bash
# The product for Playwright: a fresh home (own database, demo accounts) on its own ports, with
# every API answer checked against its route declaration (a mismatch is a 500 naming the field).
set -euo pipefail
port="${1:-3100}"
home="${TMPDIR:-/tmp}/roundhouse-e2e-${port}"
rm -rf "$home"
mkdir -p "$home"
cd "$(dirname "$0")/.."
exec env -u DATABASE_URL ROUNDHOUSE_CHECK_RESPONSES=1 ROUNDHOUSE_HOME="$home" PORT="$port" ROUNDHOUSE_PG_PORT="$((port + 51239))" \
  node --import tsx scripts/start.ts
