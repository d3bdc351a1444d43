#!/usr/bin/env bash
# Soak of parley (issue 12, "Memory" and "SQLite WAL growth"): see bench/README.md.
#
#   bench/soak.sh [SECONDS]     how long the mixed load runs (default 600: 10 minutes)
#
# Starts parley (java -Xmx256m -jar target/parley.jar serve, as the README runs it) on a fresh
# data dir and a free loopback port, then runs bench/src/SoakLoad.java against it: creates,
# replies (half with a 10 KiB upload), GETs, searches and deletes from BENCH_SOAK_CONCURRENCY
# (16) clients. Every 60 s (BENCH_SOAK_INTERVAL) it prints one line: the server's RSS with its
# anonymous and file-backed parts (/proc/PID/status: RssAnon, RssFile), the Java heap in use
# and committed (jcmd GC.heap_info), and the sizes of parley.db and its -wal file. At the end
# it prints the load's totals and, with BENCH_SOAK_NMT=1, the JVM's native memory summary
# (-XX:NativeMemoryTracking=summary; it costs a little CPU and memory itself).
# Leaves everything in bench/out/<run>/; the server is stopped on exit.
#
# Knobs (environment): BENCH_SOAK_CONCURRENCY (16) BENCH_SOAK_INTERVAL (60)
# BENCH_SOAK_NMT (0) BENCH_TMPDIR (/var/tmp) BENCH_JAR (target/parley.jar, built when missing)
# BENCH_SOAK_JAVA_OPTS (extra JVM options for the server, e.g. to try a setting)
set -euo pipefail

SECONDS_TOTAL="${1:-600}"
CONCURRENCY="${BENCH_SOAK_CONCURRENCY:-16}"
INTERVAL="${BENCH_SOAK_INTERVAL:-60}"
NMT="${BENCH_SOAK_NMT:-0}"
TMP_ROOT="${BENCH_TMPDIR:-/var/tmp}"
EXTRA_OPTS="${BENCH_SOAK_JAVA_OPTS:-}"
HEAP="-Xmx256m"

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${BENCH_JAR:-$ROOT/target/parley.jar}"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-soak$SECONDS_TOTAL"
OUT="$BENCH_DIR/out/$RUN_ID"
mkdir -p "$OUT"
export LC_ALL=C

SERVER_PID=""
LOAD_PID=""
DATA=""
cleanup() {
  [[ -n "$LOAD_PID" ]] && kill "$LOAD_PID" 2>/dev/null || true
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n "$DATA" ]] && rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -f "$JAR" && -z "${BENCH_JAR:-}" ]]; then
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
CLASSES="$OUT/classes"
mkdir -p "$CLASSES"
javac -d "$CLASSES" "$BENCH_DIR/src/SoakLoad.java"

DATA="$(mktemp -d "$TMP_ROOT/parley-soak.XXXXXX")"
TOKEN="soak-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
OPTS=("$HEAP")
[[ "$NMT" == "1" ]] && OPTS+=(-XX:NativeMemoryTracking=summary)
# shellcheck disable=SC2206
[[ -n "$EXTRA_OPTS" ]] && OPTS+=($EXTRA_OPTS)

PARLEY_BOOTSTRAP_TOKEN="$TOKEN" java "${OPTS[@]}" -jar "$JAR" serve --host 127.0.0.1 --port 0 --data-dir "$DATA" \
  >"$OUT/parley.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 600); do
  PORT="$(grep -o 'listening on port [0-9]*' "$OUT/parley.log" 2>/dev/null | head -1 | grep -o '[0-9]*$' || true)"
  [[ -n "$PORT" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/parley.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$PORT" ]] || { echo "parley did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
status_kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
heap_used() { # "used/committed MiB" of the Java heap
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ {for (i = 1; i <= NF; i++) {if ($i == "total") c = $(i + 1); if ($i == "used") u = $(i + 1)}} END {gsub(/K,?/, "", c); gsub(/K,?/, "", u); if (c != "") printf "%.0f/%.0f", u / 1024, c / 1024; else printf "n/a"}'
}
size_mib() { [[ -f "$1" ]] && awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f", b / 1048576}' || echo 0; }
# nmt PID: committed MiB of the JVM's native memory by category (NMT), when BENCH_SOAK_NMT=1
nmt() {
  [[ "$NMT" == "1" ]] || return 0
  jcmd "$1" VM.native_memory summary 2>/dev/null | awk '
    /^Total:/ {match($0, /committed=[0-9]+KB/); t = substr($0, RSTART + 10, RLENGTH - 12)}
    /^-/ {name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name); match($0, /committed=[0-9]+KB/); c[name] = substr($0, RSTART + 10, RLENGTH - 12)}
    END {printf "  NMT committed %d (heap %d, gc %d, code %d, metaspace %d, class %d, thread %d, other %d, symbol %d)", t/1024, c["Java Heap"]/1024, c["GC"]/1024, c["Code"]/1024, c["Metaspace"]/1024, c["Class"]/1024, c["Thread"]/1024, c["Other"]/1024, c["Symbol"]/1024}'
}
sample() { # LABEL
  printf '%-8s RSS %4s MiB (anon %4s, file %4s)  heap used/committed %9s MiB  threads %3s  parley.db %6s MiB  wal %6s MiB%s\n' \
    "$1" "$(mib "$(status_kib "$SERVER_PID" VmRSS)")" "$(mib "$(status_kib "$SERVER_PID" RssAnon)")" \
    "$(mib "$(status_kib "$SERVER_PID" RssFile)")" "$(heap_used "$SERVER_PID")" "$(status_kib "$SERVER_PID" Threads)" \
    "$(size_mib "$DATA/parley.db")" "$(size_mib "$DATA/parley.db-wal")" "$(nmt "$SERVER_PID")" | tee -a "$OUT/rss.txt"
}

{
  echo "parley soak $RUN_ID: ${SECONDS_TOTAL} s of mixed load, $CONCURRENCY clients, server java ${OPTS[*]} -jar $JAR serve"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); repository HEAD $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo n/a)"
} | tee "$OUT/summary.txt"
sample "start"
java -cp "$CLASSES" SoakLoad "$BASE" "$TOKEN" "$SECONDS_TOTAL" "$CONCURRENCY" >"$OUT/load.txt" 2>&1 &
LOAD_PID=$!
STARTED=$SECONDS
NEXT=$INTERVAL
while kill -0 "$LOAD_PID" 2>/dev/null; do
  sleep 1
  ELAPSED=$((SECONDS - STARTED))
  if (( ELAPSED >= NEXT )); then
    sample "$((ELAPSED / 60))m$((ELAPSED % 60))s"
    NEXT=$((NEXT + INTERVAL))
  fi
done
LOAD_STATUS=0
wait "$LOAD_PID" || LOAD_STATUS=$?
LOAD_PID=""
sample "end"
{
  echo "peak RSS (VmHWM) $(mib "$(status_kib "$SERVER_PID" VmHWM)") MiB"
  grep '^SOAK' "$OUT/load.txt" || true
  echo "load exit status $LOAD_STATUS (2: a 5xx or a connection failure; see $OUT/load.txt)"
  echo "server log: $(grep -c 'status=5[0-9][0-9]' "$OUT/parley.log" || true) responses with status 5xx, $(grep -cE '^[^ ]+ (WARN|ERROR) ' "$OUT/parley.log" || true) WARN/ERROR lines"
} | tee -a "$OUT/summary.txt"
cat "$OUT/rss.txt" >>"$OUT/summary.txt"
if [[ "$NMT" == "1" ]]; then
  jcmd "$SERVER_PID" VM.native_memory summary >"$OUT/nmt.txt" 2>&1 || true
  grep -E '^(Total|-)' "$OUT/nmt.txt" | sed 's/^/  /' | tee -a "$OUT/summary.txt"
fi
