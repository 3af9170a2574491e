#!/usr/bin/env bash
# `npm run bench`: the benchmark on PGlite and on PostgreSQL. Uses KIZUNA_BENCH_DATABASE_URL
# when given; otherwise starts a throwaway PostgreSQL server if one is installed (the Debian
# package), and benchmarks PGlite alone when none is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/postgres.sh

cleanup() {
  local status=$?
  trap - EXIT
  if [ -n "$PG_DATA" ]; then stop_server "$PG_DATA"; fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${KIZUNA_BENCH_DATABASE_URL:-}" ]; then
  PG_FIRST_PORT="${KIZUNA_BENCH_PG_PORT:-55532}"
  if start_postgres >"${TMP_BASE}/kizuna-bench-postgres.log" 2>&1; then
    export KIZUNA_BENCH_DATABASE_URL="$PG_URL"
  else
    log "(no PostgreSQL server could be started here: see ${TMP_BASE}/kizuna-bench-postgres.log)"
  fi
fi
node dist/bench/run.js
