#!/usr/bin/env bash
# GET and DELETE benchmark of parley on SQLite and on PostgreSQL, side by side (issue 6, "Speed").
#
#   bench/postgres.sh [N]      N conversations to load per setup (default 3000)
#
# Three setups, one after the other, each on fresh storage with servers at -Xmx256m:
#   sqlite   one parley on the embedded SQLite store (--data-dir)
#   pg-1     one parley on a fresh PostgreSQL database
#   pg-2     two parley processes on one fresh PostgreSQL database and one shared --blob-dir;
#            load, GET and DELETE are split between them (one wrk per process, run together)
# Each setup: load N conversations (a contact, its source message, 5 replies, one 10 KiB
# upload), GET /conversations/{id} over the ids with wrk (warm-up, then measured), then DELETE
# /conversations/{id} over distinct ids (the first 10 % as a warm-up, the rest measured: each
# id is sent once; the run ends when every id is answered). The disk's synchronous-write rate
# (dd bs=4k oflag=dsync, in the PostgreSQL data directory's filesystem when readable, else in
# BENCH_TMPDIR) is measured before each DELETE phase. Prints a table with req/s, p50/p99 and
# the ratios of the issue's targets: DELETE/s on PostgreSQL above the disk's synchronous writes
# per second, GET on PostgreSQL within 70 % of SQLite's. Raw outputs go to bench/out/pg-<run>/.
#
# Knobs (environment): BENCH_THREADS (2) BENCH_CONNECTIONS (32) BENCH_WARMUP (5 s)
# BENCH_DURATION (15 s) BENCH_LOAD_CONCURRENCY (16) BENCH_DD_COUNT (2000)
# BENCH_TMPDIR (/var/tmp) BENCH_SETUPS ("sqlite pg-1 pg-2")
# BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/) BENCH_PG_USER (postgres)
# BENCH_PG_PASSWORD (empty; PGPASSWORD for psql too) BENCH_POOL_SIZE (empty: serve's default
# --pool-size; on PostgreSQL each process holds two pools of that size)
# BENCH_RATE_LIMIT_PER_MINUTE (0: serve --rate-limit-per-minute, off; a huge value such as
# 6000000000 keeps the shared limiter on: one reservation statement per 100 requests a process)
set -euo pipefail

N="${1:-3000}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5}"
DURATION="${BENCH_DURATION:-15}"
LOAD_CONCURRENCY="${BENCH_LOAD_CONCURRENCY:-16}"
DD_COUNT="${BENCH_DD_COUNT:-2000}"
TMP_ROOT="${BENCH_TMPDIR:-/var/tmp}"
SETUPS="${BENCH_SETUPS:-sqlite pg-1 pg-2}"
PG_URL="${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/}"
PG_USER="${BENCH_PG_USER:-postgres}"
PG_PASSWORD="${BENCH_PG_PASSWORD:-}"
POOL_SIZE="${BENCH_POOL_SIZE:-}"
HEAP="-Xmx256m"

if ! [[ "$N" =~ ^[0-9]+$ ]] || ((N < 100)); then
  echo "usage: bench/postgres.sh [N >= 100]" >&2
  exit 64
fi

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/target/parley.jar"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-n$N"
OUT="$BENCH_DIR/out/pg-$RUN_ID"
mkdir -p "$OUT"
export LC_ALL=C
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

# jdbc:postgresql://host:port/ -> host and port for psql
PG_HOSTPORT="${PG_URL#jdbc:postgresql://}"
PG_HOSTPORT="${PG_HOSTPORT%%/*}"
PG_HOST="${PG_HOSTPORT%%:*}"
PG_PORT="${PG_HOSTPORT##*:}"
[[ "$PG_PORT" == "$PG_HOSTPORT" ]] && PG_PORT=5432
export PGPASSWORD="$PG_PASSWORD"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -At "$@"; }

PIDS=()
DATABASES=()
DIRS=()
stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  for db in "${DATABASES[@]}"; do psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  for dir in "${DIRS[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites ------------------------------------------------------------------------
if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v psql >/dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 1; }
psql_q -d postgres -c "SELECT 1" >/dev/null || { echo "no PostgreSQL at $PG_HOST:$PG_PORT" >&2; exit 1; }
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$BENCH_DIR/postgres/Load.java"

PG_DATA_DIR="$(psql_q -d postgres -c 'SHOW data_directory' 2>/dev/null || true)"
if [[ -n "$PG_DATA_DIR" && -w "$PG_DATA_DIR" ]]; then
  DD_DIR="$PG_DATA_DIR"
else
  DD_DIR="$TMP_ROOT"
fi
{
  echo "parley GET/DELETE benchmark, SQLite and PostgreSQL, run $RUN_ID"
  echo "commit $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (src or pom.xml modified)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "PostgreSQL: $(psql_q -d postgres -c 'SHOW server_version'); $(psql_q -d postgres -c "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('synchronous_commit','fsync','wal_sync_method','commit_delay','full_page_writes','shared_buffers','autovacuum')")"
  echo "synchronous writes measured in $DD_DIR ($(stat -f -c %T "$DD_DIR") on $(df -P "$DD_DIR" | awk 'NR==2 {print $1}'))"
  echo "N=$N conversations per setup, wrk -t$THREADS -c$CONNECTIONS (split over the processes), GET warm-up ${WARMUP}s + ${DURATION}s, servers $HEAP"
} | tee "$OUT/summary.txt"

# --- helpers ------------------------------------------------------------------------------
dd_rate() { # synchronous 4 KiB writes per second in $DD_DIR
  local file="$DD_DIR/parley-bench-dd.$$" line secs
  line="$(dd if=/dev/zero of="$file" bs=4k count="$DD_COUNT" oflag=dsync 2>&1 | tail -1)"
  rm -f "$file"
  echo "  dd: $line" >>"$OUT/run.log"
  # "8192000 bytes (8.2 MB, 7.8 MiB) copied, 7.9 s, 1.0 MB/s": the seconds are the last field but one
  secs="$(awk -F', ' '{split($(NF - 1), a, " "); print a[1]}' <<<"$line")"
  awk -v n="$DD_COUNT" -v s="$secs" 'BEGIN {printf "%.0f", n / s}'
}

wait_port() { # LOG PID -> port
  for _ in $(seq 1 600); do
    local port
    port="$(grep -o 'listening on port [0-9]*' "$1" 2>/dev/null | head -1 | grep -o '[0-9]*$' || true)"
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start:" >&2
  tail -30 "$1" >&2
  return 1
}

# start_parley NAME TOKEN ARGS... -> sets STARTED_PID, STARTED_PORT
start_parley() {
  local name="$1" token="$2"
  shift 2
  echo "  \$ PARLEY_BOOTSTRAP_TOKEN=<token> java $HEAP -jar target/parley.jar serve --host 127.0.0.1 --port 0 --rate-limit-per-minute ${BENCH_RATE_LIMIT_PER_MINUTE:-0} $*" >>"$OUT/commands.txt"
  PARLEY_BOOTSTRAP_TOKEN="$token" java "$HEAP" -jar "$JAR" serve --host 127.0.0.1 --port 0 \
    --rate-limit-per-minute "${BENCH_RATE_LIMIT_PER_MINUTE:-0}" "$@" >"$OUT/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  STARTED_PORT="$(wait_port "$OUT/$name.log" "$STARTED_PID")"
}

kv() { grep -o " $2=[^ ]*" <<<"$1" | head -1 | cut -d= -f2; }
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }

# wrk_run NAME MODE IDS DONE_DIR THREADS CONNECTIONS SECONDS BASE -> RESULT line
wrk_run() {
  local name="$1" mode="$2" ids="$3" done_dir="$4" t="$5" c="$6" d="$7" base="$8"
  echo "  \$ PGB_MODE=$mode PGB_IDS=$ids wrk -t$t -c$c -d${d}s --latency -s bench/postgres/wrk.lua $base" >>"$OUT/commands.txt"
  PGB_MODE="$mode" PGB_TOKEN="$TOKEN" PGB_IDS="$ids" PGB_THREADS="$t" PGB_DONE="$done_dir" \
    wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s --latency -s "$BENCH_DIR/postgres/wrk.lua" "$base" >"$OUT/wrk-$name.txt" 2>&1 ||
    { cat "$OUT/wrk-$name.txt" >&2; return 1; }
  grep '^RESULT' "$OUT/wrk-$name.txt"
}

# split FILE PARTS PREFIX: round-robin split of an id file into PREFIX.0 .. PREFIX.(PARTS-1)
split_ids() {
  awk -v p="$2" -v out="$3" '{print > (out "." (NR - 1) % p)}' "$1"
}

# run_setup NAME PROCESSES (sets GET_RPS GET_P50 GET_P99 DEL_RPS DEL_P50 DEL_P99 DISK HWM OK_ALL)
run_setup() {
  local name="$1" procs="$2" db="" blob dir base ports=() pids=()
  dir="$(mktemp -d "$TMP_ROOT/parley-pgbench.XXXXXX")"
  DIRS+=("$dir")
  blob="$dir/uploads"
  TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  if [[ "$name" != sqlite ]]; then
    db="parley_bench_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    psql_q -d postgres -c "CREATE DATABASE $db" >/dev/null
    DATABASES+=("$db")
  fi
  for p in $(seq 0 $((procs - 1))); do
    local args=(--data-dir "$dir/data-$p")
    [[ -n "$POOL_SIZE" ]] && args+=(--pool-size "$POOL_SIZE")
    if [[ -n "$db" ]]; then
      args+=(--database-url "$PG_URL$db" --database-user "$PG_USER" --blob-dir "$blob")
      [[ -n "$PG_PASSWORD" ]] && args+=(--database-password "$PG_PASSWORD")
    fi
    start_parley "$name-$p" "$TOKEN" "${args[@]}"
    pids+=("$STARTED_PID")
    ports+=("$STARTED_PORT")
  done
  log "$name: ${procs} process(es) on ports ${ports[*]}${db:+, database $db}"

  # load: N conversations, split over the processes
  local per=$((N / procs)) ids="$OUT/$name-ids.txt"
  : >"$ids"
  local loaders=()
  for p in $(seq 0 $((procs - 1))); do
    java -cp "$OUT/classes" Load "http://127.0.0.1:${ports[$p]}" "$TOKEN" "$per" "$((LOAD_CONCURRENCY / procs))" "$OUT/$name-ids.$p.load" >"$OUT/$name-load-$p.txt" 2>&1 &
    loaders+=($!)
  done
  for l in "${loaders[@]}"; do wait "$l" || { log "LOAD FAILED: $(cat "$OUT/$name"-load-*.txt)"; exit 1; }; done
  cat "$OUT/$name"-ids.*.load | shuf --random-source=<(yes) >"$ids"
  log "  loaded $(wc -l <"$ids") conversations: $(cat "$OUT/$name"-load-*.txt | tr '\n' ' ')"

  # GET: all processes at once, each with its share of threads and connections
  local t=$((THREADS / procs)) c=$((CONNECTIONS / procs))
  ((t < 1)) && t=1
  for phase in warmup measured; do
    local secs=$WARMUP
    [[ $phase == measured ]] && secs=$DURATION
    local w=()
    for p in $(seq 0 $((procs - 1))); do
      wrk_run "$name-get-$phase-$p" get "$ids" "" "$t" "$c" "$secs" "http://127.0.0.1:${ports[$p]}" >"$OUT/$name-get-$phase-$p.result" &
      w+=($!)
    done
    for x in "${w[@]}"; do wait "$x"; done
  done
  LOAD_GET="$(cut -d' ' -f1 /proc/loadavg)"
  GET_RPS=0 GET_P50=0 GET_P99=0
  local non2xx=0
  for p in $(seq 0 $((procs - 1))); do
    local r
    r="$(cat "$OUT/$name-get-measured-$p.result")"
    GET_RPS="$(awk -v a="$GET_RPS" -v n="$(kv "$r" requests)" -v d="$(kv "$r" duration_us)" 'BEGIN {printf "%.0f", a + n / (d / 1e6)}')"
    GET_P50="$(awk -v a="$GET_P50" -v b="$(kv "$r" p50_us)" 'BEGIN {print (b > a ? b : a)}')"
    GET_P99="$(awk -v a="$GET_P99" -v b="$(kv "$r" p99_us)" 'BEGIN {print (b > a ? b : a)}')"
    non2xx=$((non2xx + $(kv "$r" non2xx) + $(kv "$r" errors)))
  done
  log "  GET $GET_RPS req/s, p50 $(ms "$GET_P50") ms, p99 $(ms "$GET_P99") ms, non-2xx/errors $non2xx"

  # DELETE: warm-up on the first 10 % of the ids, then the rest; ids split over the processes
  local warm=$((N / 10))
  head -n "$warm" "$ids" >"$OUT/$name-del-warmup.txt"
  tail -n +"$((warm + 1))" "$ids" >"$OUT/$name-del-measured.txt"
  DISK="$(dd_rate)"
  log "  disk: $DISK synchronous 4 KiB writes/s"
  for phase in warmup measured; do
    split_ids "$OUT/$name-del-$phase.txt" "$procs" "$OUT/$name-del-$phase.ids"
    local w=()
    for p in $(seq 0 $((procs - 1))); do
      local done_dir="$OUT/$name-done-$phase-$p"
      mkdir -p "$done_dir"
      wrk_run "$name-delete-$phase-$p" delete "$OUT/$name-del-$phase.ids.$p" "$done_dir" "$t" "$c" 600 "http://127.0.0.1:${ports[$p]}" >"$OUT/$name-delete-$phase-$p.result" &
      w+=($!)
    done
    for x in "${w[@]}"; do wait "$x"; done
  done
  LOAD_DEL="$(cut -d' ' -f1 /proc/loadavg)"
  local okn=0 failedn=0 t0="" t1=""
  DEL_P50=0 DEL_P99=0
  for p in $(seq 0 $((procs - 1))); do
    local r
    r="$(cat "$OUT/$name-delete-measured-$p.result")"
    okn=$((okn + $(kv "$r" ok)))
    failedn=$((failedn + $(kv "$r" failed)))
    t0="$(awk -v a="$t0" -v b="$(kv "$r" t_first)" 'BEGIN {print (a == "" || b < a ? b : a)}')"
    t1="$(awk -v a="$t1" -v b="$(kv "$r" t_last)" 'BEGIN {print (a == "" || b > a ? b : a)}')"
    DEL_P50="$(awk -v a="$DEL_P50" -v b="$(kv "$r" p50_us)" 'BEGIN {print (b > a ? b : a)}')"
    DEL_P99="$(awk -v a="$DEL_P99" -v b="$(kv "$r" p99_us)" 'BEGIN {print (b > a ? b : a)}')"
  done
  DEL_RPS="$(awk -v n="$okn" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')"
  DEL_OK="$okn/$(wc -l <"$OUT/$name-del-measured.txt")"
  log "  DELETE $DEL_RPS deletions/s ($DEL_OK answered 200, $failedn not), p50 $(ms "$DEL_P50") ms, p99 $(ms "$DEL_P99") ms"

  # checks: nothing left, no upload bytes left, no 5xx; peak RSS
  local left files
  left="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${ports[0]}/conversations?per_page=1" | grep -o '"total_count":[0-9]*' | cut -d: -f2)"
  files="$( (find "$blob" "$dir"/data-*/uploads -type f 2>/dev/null || true) | wc -l)"
  HWM=0
  for pid in "${pids[@]}"; do
    HWM="$(awk -v a="$HWM" -v b="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" 'BEGIN {print (b > a ? b : a)}')"
  done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  local fivexx
  fivexx="$(cat "$OUT/$name"-[0-9].log | grep -c 'status=5[0-9][0-9]' || true)"
  CHECKS="conversations left $left (expect 0), upload files left $files (expect 0), 5xx $fivexx, failed deletes $failedn"
  log "  $CHECKS, peak RSS $((HWM / 1024)) MiB"
  if [[ -n "$db" ]]; then
    psql_q -d postgres -c "DROP DATABASE $db" >/dev/null
  fi
  rm -rf "$dir"
}

declare -A R
for setup in $SETUPS; do
  case "$setup" in
    sqlite) run_setup sqlite 1 ;;
    pg-1) run_setup pg-1 1 ;;
    pg-2) run_setup pg-2 2 ;;
    *) echo "unknown setup $setup" >&2; exit 64 ;;
  esac
  R[$setup]="$GET_RPS $(ms "$GET_P50") $(ms "$GET_P99") $DEL_RPS $(ms "$DEL_P50") $(ms "$DEL_P99") $DISK $((HWM / 1024)) $DEL_OK"
  R[$setup-checks]="$CHECKS; 1-minute load average after GET $LOAD_GET, after DELETE $LOAD_DEL"
done

# --- report -------------------------------------------------------------------------------
{
  echo
  printf '%-8s %9s %8s %8s   %9s %8s %8s   %10s %9s %7s %8s\n' setup "GET/s" "p50 ms" "p99 ms" "DELETE/s" "p50 ms" "p99 ms" "disk sync/s" "DEL/disk" "GET/SQLite" "peak RSS"
  sqlite_get="$(awk '{print $1}' <<<"${R[sqlite]:-0}")"
  for setup in $SETUPS; do
    read -r g g50 g99 d d50 d99 disk hwm ok <<<"${R[$setup]}"
    ratio_d="$(awk -v a="$d" -v b="$disk" 'BEGIN {printf "%.0f%%", 100 * a / b}')"
    ratio_g="$(awk -v a="$g" -v b="$sqlite_get" 'BEGIN {if (b > 0) printf "%.0f%%", 100 * a / b; else print "-"}')"
    printf '%-8s %9s %8s %8s   %9s %8s %8s   %10s %9s %7s %7sMiB\n' "$setup" "$g" "$g50" "$g99" "$d" "$d50" "$d99" "$disk" "$ratio_d" "$ratio_g" "$hwm"
  done
  echo
  for setup in $SETUPS; do
    echo "$setup: deletes answered 200: $(awk '{print $9}' <<<"${R[$setup]}"); ${R[$setup-checks]}"
  done
  echo "targets: PostgreSQL DELETE/s above the disk's synchronous writes/s (DEL/disk > 100%); PostgreSQL GET/s >= 70% of SQLite's"
  echo "p50/p99 of two processes: the larger of the two wrk runs; DELETE p50/p99 include the few GET /healthz fillers"
  echo "load average: of the whole machine (2 cores here), for judging whether other work disturbed a phase"
  echo
  echo "commands:"
  cat "$OUT/commands.txt"
} | tee -a "$OUT/summary.txt"
