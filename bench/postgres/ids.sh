#!/usr/bin/env bash
# Why parley's ids come from sequences on PostgreSQL (migration 6), measured with pgbench:
# commits per second of 8 clients whose transactions each allocate one id and insert one row,
#   counter:  UPDATE id_counters ... RETURNING (the kind's row stays locked until commit)
#   sequence: SELECT nextval(...)              (no lock beyond the call)
# on a scratch database that is dropped afterwards.
#
#   bench/postgres/ids.sh [SECONDS per run, default 8]
# Environment: BENCH_PG_HOST (127.0.0.1) BENCH_PG_PORT (5432) BENCH_PG_USER (postgres); PGPASSWORD.
set -euo pipefail
SECONDS_PER_RUN="${1:-8}"
HOST="${BENCH_PG_HOST:-127.0.0.1}"
PORT="${BENCH_PG_PORT:-5432}"
USER_NAME="${BENCH_PG_USER:-postgres}"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)"
[[ -x "$PGBENCH" ]] || { echo "pgbench is needed (postgresql-contrib or the server package)" >&2; exit 1; }
DB="parley_ids_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
WORK="$(mktemp -d)"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$USER_NAME" "$@"; }
cleanup() { psql_q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql_q -d postgres -c "CREATE DATABASE $DB"
psql_q -d "$DB" -c "CREATE TABLE id_counters (name TEXT PRIMARY KEY, next_id BIGINT NOT NULL);
  INSERT INTO id_counters VALUES ('erasure', 1); CREATE SEQUENCE ids_erasure;
  CREATE TABLE log_counter (id BIGINT PRIMARY KEY, at TIMESTAMPTZ);
  CREATE TABLE log_sequence (id BIGINT PRIMARY KEY, at TIMESTAMPTZ);"
cat >"$WORK/counter.sql" <<'SQL'
BEGIN;
UPDATE id_counters SET next_id = next_id + 1 WHERE name = 'erasure' RETURNING next_id AS id \gset
INSERT INTO log_counter VALUES (:id, now());
COMMIT;
SQL
cat >"$WORK/sequence.sql" <<'SQL'
BEGIN;
SELECT nextval('ids_erasure') AS id \gset
INSERT INTO log_sequence VALUES (:id, now());
COMMIT;
SQL
echo "PostgreSQL $(psql_q -At -d postgres -c 'SHOW server_version'), synchronous_commit=$(psql_q -At -d postgres -c 'SHOW synchronous_commit'), 8 clients, ${SECONDS_PER_RUN}s per run"
for round in 1 2 3; do
  for script in counter sequence; do
    out="$("$PGBENCH" -h "$HOST" -p "$PORT" -U "$USER_NAME" -n -c 8 -j 2 -T "$SECONDS_PER_RUN" -f "$WORK/$script.sql" "$DB" 2>&1)"
    printf 'round %d %-8s %8.0f commits/s  latency %s ms  (load average %s)\n' "$round" "$script" \
      "$(grep -o 'tps = [0-9.]*' <<<"$out" | cut -d' ' -f3)" "$(grep -o 'latency average = [0-9.]*' <<<"$out" | cut -d' ' -f4)" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
