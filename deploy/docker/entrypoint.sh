#!/usr/bin/env bash
# The image's entrypoint: one role per container (deploy/kubernetes runs each as its own Deployment
# or Job). Settings come from the environment, as in README "Running on more than one machine".
#   web      the dashboard and API (PORT, default 3000)
#   worker   claims training jobs (ROUNDHOUSE_WORKER_SLOTS, ROUNDHOUSE_WORKER_POOLS)
#   serve    `roundhouse serve`: predictions only (PORT, default 8081)
#   migrate  applies pending database migrations, then exits (run before the others start)
# A container on a cluster has no disk in common with the others, so the shared store must be named.
set -euo pipefail
root="${ROUNDHOUSE_ROOT:-/app}"
role="${1:-}"
shift || true

fail() {
  echo "roundhouse ($role): $*" >&2
  exit "${2:-1}"
}

case "$role" in
  web | worker | serve | migrate) ;;
  *)
    echo "usage: entrypoint.sh web|worker|serve|migrate [options]" >&2
    exit 64
    ;;
esac

[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set: every role needs the Roundhouse PostgreSQL database (the roundhouse-database Secret)"
if [ "$role" != migrate ] && [ -z "${ROUNDHOUSE_STORE:-}" ]; then
  fail "ROUNDHOUSE_STORE is not set: containers share no disk, so name the store (s3://bucket/prefix, or a folder on a volume every pod mounts)"
fi
secret="${ROUNDHOUSE_SESSION_SECRET:-}"
if [ "$role" = web ] && [ "${#secret}" -lt 32 ]; then
  fail "ROUNDHOUSE_SESSION_SECRET must be 32+ characters (the roundhouse-session Secret)"
fi
export ROUNDHOUSE_HOME="${ROUNDHOUSE_HOME:-/var/lib/roundhouse}"
mkdir -p "$ROUNDHOUSE_HOME"
cli="$root/packages/cli/bin/roundhouse.js"

case "$role" in
  web)
    cd "$root/apps/web"
    NODE_ENV=production exec node --import tsx server.ts --port "${PORT:-3000}" --host "${ROUNDHOUSE_LISTEN:-0.0.0.0}" "$@"
    ;;
  worker)
    # The pod's name is its host on the Jobs and Workers pages.
    exec node "$cli" worker --host "${ROUNDHOUSE_WORKER_HOST:-$(hostname)}" "$@"
    ;;
  serve)
    exec node "$cli" serve --port "${PORT:-8081}" --host "${ROUNDHOUSE_LISTEN:-0.0.0.0}" "$@"
    ;;
  migrate)
    cd "$root"
    exec node --import tsx scripts/db-migrate.ts --deploy
    ;;
esac
