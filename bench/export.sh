#!/usr/bin/env bash
# Reporting export benchmark (issue 5, "Speed"): see docs/reporting-export.md.
#
#   bench/export.sh [N]      N conversations to load and export (default 100000)
#
# Starts parley (-Xmx256m) on a fresh data dir and a free loopback port, loads N conversations
# straight into its store over JDBC (dev.parley.testing.ReportingLoad, compiled here against
# parley.jar: every 10th one deleted as erasure leaves it, the rest live with a title, custom
# attributes, a contact and every third a tag), then, BENCH_EXPORT_RUNS times, enqueues one
# export of the whole conversation dataset with every attribute, polls it to completion,
# downloads the file and checks its row count. Prints each run's export rate (rows/s, from
# parley's own log line and from the client's enqueue-to-complete time; the first run is on a
# server whose JIT has not compiled the export yet) and the server's peak RSS (VmHWM) before
# and after the exports. Leaves the server log and the figures in bench/out/export-<run>/.
#
# Knobs (environment): BENCH_STORE (sqlite | postgresql; postgresql creates and drops a fresh
# database on 127.0.0.1:5432 as user postgres), BENCH_TMPDIR (/var/tmp: where the data dir
# goes), BENCH_KEEP_DATA (0; 1 keeps the data dir), BENCH_EXPORT_WORKERS (2), BENCH_JFR (0; 1
# records a Java Flight Recording of the server into the run dir), BENCH_EXPORT_RUNS (3: the
# same export is run this many times, one after the other; the first on a cold server).
set -euo pipefail

N="${1:-100000}"
STORE="${BENCH_STORE:-sqlite}"
TMP_ROOT="${BENCH_TMPDIR:-/var/tmp}"
KEEP_DATA="${BENCH_KEEP_DATA:-0}"
WORKERS="${BENCH_EXPORT_WORKERS:-2}"
JFR="${BENCH_JFR:-0}"
RUNS="${BENCH_EXPORT_RUNS:-3}"
HEAP="-Xmx256m"
FIRST_STARTED_AT=1600000000

if ! [[ "$N" =~ ^[0-9]+$ ]] || (( N < 1 )); then
  echo "usage: bench/export.sh [N >= 1]" >&2
  exit 64
fi

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/target/parley.jar"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-n$N-$STORE"
OUT="$BENCH_DIR/out/export-$RUN_ID"
mkdir -p "$OUT"
export LC_ALL=C

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

SERVER_PID=""
DATA=""
PG_DB=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$PG_DB" ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  fi
  if [[ -n "$DATA" && "$KEEP_DATA" != "1" ]]; then
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -f "$JAR" ]]; then
  log "building $JAR (mvn -B -q package -DskipTests)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
CLASSES="$OUT/classes"
mkdir -p "$CLASSES"
javac -d "$CLASSES" -cp "$JAR" "$ROOT/src/test/java/dev/parley/testing/ReportingLoad.java"

DATA="$(mktemp -d "$TMP_ROOT/parley-bench-export.XXXXXX")"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
STORE_ARGS=()
if [[ "$STORE" == "postgresql" ]]; then
  PG_DB="parley_bench_$(date +%s)_$$"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PG_DB" >/dev/null
  JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
  STORE_ARGS=(--database-url "$JDBC_URL" --database-user postgres)
  LOAD_USER="postgres"
else
  JDBC_URL="jdbc:sqlite:$DATA/parley.db"
  LOAD_USER=""
fi

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
  echo "store: $STORE, data dir filesystem: $(df -T "$DATA" | awk 'NR==2 {print $2}')"
} | tee "$OUT/machine.txt" >&2

log "starting parley: java $HEAP -jar target/parley.jar serve --port 0 --export-workers $WORKERS (store $STORE)"
: >"$OUT/parley.log"
JFR_ARGS=()
if [[ "$JFR" == "1" ]]; then
  JFR_ARGS=("-XX:StartFlightRecording=filename=$OUT/server.jfr,settings=profile,dumponexit=true")
fi
PARLEY_BOOTSTRAP_TOKEN="$TOKEN" java "$HEAP" "${JFR_ARGS[@]}" -jar "$JAR" serve --host 127.0.0.1 --port 0 --data-dir "$DATA" \
  --export-workers "$WORKERS" "${STORE_ARGS[@]}" >"$OUT/parley.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 600); do
  PORT="$(sed -nE 's/.*listening on port ([0-9]+).*/\1/p' "$OUT/parley.log" | head -1)"
  [[ -n "$PORT" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/parley.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$PORT" ]] || { echo "parley did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
AUTH="Authorization: Bearer $TOKEN"
hwm() { awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }

log "loading $N conversations over JDBC (ReportingLoad, every 10th deleted)"
java -cp "$JAR:$CLASSES" dev.parley.testing.ReportingLoad "$JDBC_URL" "$LOAD_USER" "$N" "$FIRST_STARTED_AT" 10 | tee "$OUT/load.txt" >&2
HWM_BEFORE="$(hwm)"

ATTRIBUTES="$(curl -sf -H "$AUTH" "$BASE/export/reporting_data/get_datasets" \
  | python3 -c 'import json,sys; print(json.dumps([a["id"] for a in json.load(sys.stdin)["data"][0]["attributes"]]))')"
END_TIME=$((FIRST_STARTED_AT + N))
LOAD_AVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# export_once RUN: enqueues one export, polls it to completion, downloads and checks the file,
# and appends the run's figures (server and client rates, worker CPU) to $OUT/runs.txt.
export_once() {
  local run="$1" start_ns end_ns job status rows deleted_rows line file="$OUT/export-$1.csv.gz"
  log "export $run: enqueueing one export of every attribute over $N conversations"
  start_ns="$(date +%s%N)"
  job="$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"dataset_id\":\"conversation\",\"attribute_ids\":$ATTRIBUTES,\"start_time\":$FIRST_STARTED_AT,\"end_time\":$END_TIME}" \
    "$BASE/export/reporting_data/enqueue" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_identifier"])')"
  while true; do
    status="$(curl -sf -H "$AUTH" "$BASE/export/reporting_data/$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
    [[ "$status" == "complete" || "$status" == "failed" ]] && break
    sleep 0.05
  done
  end_ns="$(date +%s%N)"
  [[ "$status" == "complete" ]] || { echo "export $run failed" >&2; exit 1; }
  curl -sf -H "$AUTH" -H 'Accept: application/octet-stream' "$BASE/download/reporting_data/$job" -o "$file"
  rows="$(gunzip -c "$file" | wc -l)"
  rows=$((rows - 1))
  deleted_rows="$(gunzip -c "$file" | awk -F, 'NR>1 && $22=="true"' | wc -l)"
  [[ "$rows" == "$N" ]] || { echo "export $run has $rows rows, expected $N" >&2; exit 1; }
  line="$(grep "export job $job .*: complete" "$OUT/parley.log" | tail -1)"
  local client_ms=$(( (end_ns - start_ns) / 1000000 ))
  printf '%s %s %s %s %s %s %s %s %s %s\n' "$run" "$rows" "$deleted_rows" "$(stat -c %s "$file")" \
    "$(sed -nE 's/.* in ([0-9]+) ms .*/\1/p' <<<"$line")" "$(sed -nE 's/.*\(([0-9]+) rows\/s;.*/\1/p' <<<"$line")" \
    "$client_ms" "$(( rows * 1000 / (client_ms > 0 ? client_ms : 1) ))" \
    "$(sed -nE 's/.*worker CPU ([0-9]+) ms.*/\1/p' <<<"$line")" "$(sed -nE 's/.*, ([0-9]+) rows per CPU second.*/\1/p' <<<"$line")" \
    >>"$OUT/runs.txt"
  grep -E "export job $job .*rows so far" "$OUT/parley.log" | sed "s/^/  progress ($run): /" >>"$OUT/progress.txt" || true
}

: >"$OUT/runs.txt"
: >"$OUT/progress.txt"
for run in $(seq 1 "$RUNS"); do
  export_once "$run"
done
HWM_AFTER="$(hwm)"

{
  echo
  read -r _ ROWS DELETED_ROWS FILE_BYTES _ < "$OUT/runs.txt"
  echo "reporting export, $STORE, $N conversations ($DELETED_ROWS deleted), every attribute, parley $HEAP"
  printf '  %-44s %s\n' "rows exported per run" "$ROWS"
  printf '  %-44s %s bytes (gzip)\n' "file" "$FILE_BYTES"
  echo "  run 1 is the first export of a freshly started server (code not yet compiled by the JIT);"
  echo "  later runs repeat the same export on the now warm server."
  printf '  %-5s %28s %28s %30s\n' "run" "parley's log: claim->complete" "client: enqueue->complete" "export worker CPU"
  while read -r run _ _ _ server_ms server_rate client_ms client_rate cpu_ms cpu_rate; do
    printf '  %-5s %10s ms %10s rows/s %10s ms %10s rows/s %8s ms %10s rows/CPU s\n' \
      "$run" "$server_ms" "$server_rate" "$client_ms" "$client_rate" "$cpu_ms" "$cpu_rate"
  done < "$OUT/runs.txt"
  printf '  %-44s %s\n' "load average before the exports (1, 5, 15 min)" "$LOAD_AVG_BEFORE"
  printf '  %-44s %s\n' "load average at the end (1, 5, 15 min)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '  %-44s %s MiB\n' "peak RSS (VmHWM) before the exports" "$((HWM_BEFORE / 1024))"
  printf '  %-44s %s MiB\n' "peak RSS (VmHWM) after the exports" "$((HWM_AFTER / 1024))"
  cat "$OUT/progress.txt"
} | tee "$OUT/summary.txt"
