#!/usr/bin/env bash
# Benchmark of parley (issue 3, "Benchmark"): see bench/README.md.
#
#   bench/run.sh [N]        N conversations to load (default 2000)
#
# Starts parley (-Xmx256m) on a fresh data dir and a free loopback port, loads N conversations
# (contact, source message, 5 replies, one 10 KiB upload each) and one conversation of 10,000
# parts and 200 uploads, then measures with wrk: the bare HTTP floor, GET /conversations/{id},
# DELETE /conversations/{id} (each id once), the disk's synchronous 4 KiB write rate (dd
# oflag=dsync) in the data dir's filesystem, the erasure of the big conversation, and the
# server's peak RSS. Then, beside it, DELETE /tickets/{id} over as many tickets shaped the same way
# (contact, ticket, 5 replies, one 10 KiB upload each; BENCH_TICKETS). Prints a table; leaves logs and raw outputs in bench/out/<run>/.
# Everything runs on 127.0.0.1 and stops by itself; the servers are killed on exit.
#
# Knobs (environment): BENCH_THREADS (2) BENCH_CONNECTIONS (32) BENCH_WARMUP (5 s)
# BENCH_DURATION (15 s) BENCH_LOAD_CONCURRENCY (16) BENCH_BIG_PARTS (10000)
# BENCH_BIG_UPLOADS (200) BENCH_BIG_CONCURRENCY (8) BENCH_DD_COUNT (4000)
# BENCH_TMPDIR (/var/tmp: where the data dir goes; must be on a real disk, not tmpfs)
# BENCH_JFR (0; 1 records a Java Flight Recording of the GET and DELETE phases into the run dir)
# BENCH_KEEP_DATA (0; 1 keeps the data dir) BENCH_JAR (default target/parley.jar, built when missing)
# BENCH_RATE_LIMIT_PER_MINUTE (0: serve --rate-limit-per-minute; 0 turns the limit off, since
# wrk exceeds Intercom's 10,000 a minute; a huge value such as 6000000000 keeps the limiter and
# its headers in every answer without refusing any, to measure what they cost)
# BENCH_WEBHOOK_SUBSCRIPTIONS (0; N > 0 starts a local receiver that answers 204 at once
# (bench/webhooks.py --receiver-only) and, before loading, N webhook subscriptions on every topic,
# so that every measured phase pays for the notifications it raises; bench/webhook-api-cost.sh
# runs this script with 0 and 10 and prints the two side by side)
# BENCH_WEBHOOK_DRAIN (1: with subscriptions, the loading phase's notifications are delivered
# before the measured phases; 0 measures GET and DELETE with them still pending)
# BENCH_TICKETS (N; tickets loaded after the conversations and erased with DELETE /tickets/{id}
# after the conversations' DELETE phase, with a warm-up of a tenth of them; 0 skips the phase)
# BENCH_SERVE_OPTS (empty; more options for parley's serve, split on spaces, such as
# "--webhook-workers 0" to measure what raising events costs the API without fanning them out to
# notifications or delivering them)
set -euo pipefail

N="${1:-2000}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5}"
DURATION="${BENCH_DURATION:-15}"
LOAD_CONCURRENCY="${BENCH_LOAD_CONCURRENCY:-16}"
BIG_PARTS="${BENCH_BIG_PARTS:-10000}"
BIG_UPLOADS="${BENCH_BIG_UPLOADS:-200}"
BIG_CONCURRENCY="${BENCH_BIG_CONCURRENCY:-8}"
DD_COUNT="${BENCH_DD_COUNT:-4000}"
TMP_ROOT="${BENCH_TMPDIR:-/var/tmp}"
RATE_LIMIT="${BENCH_RATE_LIMIT_PER_MINUTE:-0}"
JFR="${BENCH_JFR:-0}"
KEEP_DATA="${BENCH_KEEP_DATA:-0}"
SUBSCRIPTIONS="${BENCH_WEBHOOK_SUBSCRIPTIONS:-0}"
SERVE_OPTS="${BENCH_SERVE_OPTS:-}"
DRAIN="${BENCH_WEBHOOK_DRAIN:-1}"
TICKETS="${BENCH_TICKETS:-$N}"
HEAP="-Xmx256m"
SERVER_MAX_SECONDS=7200 # safety net: timeout(1) ends a server that outlives this

if ! [[ "$N" =~ ^[0-9]+$ ]] || (( N < 20 )); then
  echo "usage: bench/run.sh [N >= 20]" >&2
  exit 64
fi
if ! [[ "$TICKETS" =~ ^[0-9]+$ ]] || (( TICKETS != 0 && TICKETS < 20 )); then
  echo "BENCH_TICKETS must be 0 or at least 20" >&2
  exit 64
fi

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${BENCH_JAR:-$ROOT/target/parley.jar}"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-n$N"
OUT="$BENCH_DIR/out/$RUN_ID"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
export LC_ALL=C

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

SERVER_PID=""   # the java processes
FLOOR_PID=""
SERVER_TPID=""  # their timeout(1) parents, stopped too in case the java pid was not known yet
FLOOR_TPID=""
RECEIVER_PID=""
DATA=""
stop_pid() { # pid: TERM, wait up to 20 s, then KILL
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$RECEIVER_PID"
  stop_pid "$FLOOR_PID"
  stop_pid "$SERVER_PID"
  stop_pid "$FLOOR_TPID"
  stop_pid "$SERVER_TPID"
  if [[ -n "$DATA" && "$KEEP_DATA" != "1" ]]; then
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites ----------------------------------------------------------------------
if [[ ! -f "$JAR" && -z "${BENCH_JAR:-}" ]]; then
  log "building $JAR (mvn -B -q package -DskipTests)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
CLASSES="$OUT/classes"
mkdir -p "$CLASSES"
javac -d "$CLASSES" -cp "$JAR" "$BENCH_DIR"/src/BenchLoad.java "$BENCH_DIR"/src/BenchFloor.java

DATA="$(mktemp -d "$TMP_ROOT/parley-bench.XXXXXX")"
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
FSTYPE="$(df --output=fstype "$DATA" | tail -1)"
DEV="$(basename "$(df --output=source "$DATA" | tail -1)")"
grep -q " $DEV " /proc/diskstats || DEV=""
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "run $RUN_ID: N=$N, data dir $DATA ($FSTYPE), outputs in $OUT, load average $LOAD_START"
{
  echo "parley benchmark $RUN_ID"
  SRC_COMMIT="$(cd "$ROOT" && git log -1 --format='%h %ct' -- src/main pom.xml 2>/dev/null || true)"
  JAR_TIME="$(stat -c %Y "$JAR")"
  echo "jar $JAR, built $(date -u -d "@$JAR_TIME" +%Y-%m-%dT%H:%MZ)"
  if [[ -n "$SRC_COMMIT" ]]; then
    echo "  repository HEAD $(cd "$ROOT" && git rev-parse --short HEAD); last commit touching src/main or pom.xml: ${SRC_COMMIT% *} at $(date -u -d "@${SRC_COMMIT#* }" +%Y-%m-%dT%H:%MZ)$( (( JAR_TIME < ${SRC_COMMIT#* } )) && echo ' - THE JAR IS OLDER: rebuild it (mvn -B -q package -DskipTests) to measure that commit')"
  fi
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
  echo "data dir filesystem: $FSTYPE on $(df -P "$DATA" | awk 'NR==2 {print $1}')"
} >"$SUMMARY"

# --- helpers ----------------------------------------------------------------------------
# dd_rate FILE: synchronous 4 KiB writes per second (each write waits for the disk: O_DSYNC)
dd_rate() {
  local line secs
  line="$(dd if=/dev/zero of="$1" bs=4k count="$DD_COUNT" oflag=dsync 2>&1 | tail -1)"
  rm -f "$1"
  secs="$(sed -n 's/.* copied, \([0-9.]*\) s,.*/\1/p' <<<"$line")"
  echo "  dd: $line" >>"$OUT/run.log"
  awk -v n="$DD_COUNT" -v s="$secs" 'BEGIN {printf "%.0f", n / s}'
}

# wait_port LOGFILE PID: the port from "listening on port P", waiting up to 60 s
wait_port() {
  local port=""
  for _ in $(seq 1 600); do
    port="$(grep -o 'listening on port [0-9]*' "$1" 2>/dev/null | head -1 | grep -o '[0-9]*$' || true)"
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start; last lines of $1:" >&2
  tail -20 "$1" >&2
  return 1
}

# child_pid PARENT: the process timeout(1) started
child_pid() {
  local c=""
  for _ in $(seq 1 100); do
    c="$(pgrep -P "$1" | head -1 || true)"
    [[ -n "$c" ]] && { echo "$c"; return 0; }
    sleep 0.05
  done
  return 1
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
TICK="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$TICK" '{printf "%.0f", ($14 + $15) * 1000 / t}' "/proc/$1/stat"; } # user+system CPU of PID
# bytes PID has caused to be written to storage (/proc/PID/io write_bytes: the WAL, checkpoints
# into the database, upload files); unlike CPU time, other work on the machine does not move it
written_bytes() { awk '$1 == "write_bytes:" {print $2}' "/proc/$1/io" 2>/dev/null || echo 0; }
# disk counters of the data dir's block device: "flushes writes" (whole device: other I/O counts too)
disk_counters() { [[ -n "$DEV" ]] && awk -v d="$DEV" '$3 == d {print $19, $8}' /proc/diskstats || echo "0 0"; }
# thread_cpu PID: one line per thread, "TID NAME MS" (user+system CPU, ms; NAME is the thread's
# name as the kernel keeps it, at most 15 characters, spaces turned into _)
thread_cpu() {
  awk -v t="$TICK" '{
    tid = FILENAME; sub(/\/stat$/, "", tid); sub(/.*\//, "", tid)
    i = index($0, "("); j = 0; for (k = length($0); k > 0; k--) if (substr($0, k, 1) == ")") {j = k; break}
    name = substr($0, i + 1, j - i - 1); gsub(/ /, "_", name)
    split(substr($0, j + 2), r, " ")
    printf "%s %s %.0f\n", tid, name, (r[12] + r[13]) * 1000 / t
  }' /proc/"$1"/task/*/stat 2>/dev/null || true
}
# thread_cpu_diff BEFORE AFTER: the CPU each group of threads took between two thread_cpu
# snapshots (threads grouped by name with digits replaced by #, such as qtp#-#), ms, largest first
thread_cpu_diff() {
  awk 'FNR == NR {before[$1] = $3; next}
       {g = $2; gsub(/[0-9]+/, "#", g); cpu[g] += $3 - (($1 in before) ? before[$1] : 0); n[g]++}
       END {for (g in cpu) if (cpu[g] > 0) printf "%8d ms  %3d threads  %s\n", cpu[g], n[g], g}' "$1" "$2" | sort -rn
}
# per_req MS_OR_COUNT REQUESTS [SCALE]: value per request (SCALE 1000 turns ms into us)
per_req() { awk -v a="$1" -v n="$2" -v k="${3:-1}" 'BEGIN {if (n > 0) printf "%.2f", a * k / n; else print "n/a"}'; }
# measure NAME CMD...: runs CMD, recording the server's CPU, the bytes it wrote and the disk's
# flushes/writes around it into M_<NAME>_CPU, M_<NAME>_WBYTES, M_<NAME>_FLUSH, M_<NAME>_WRITES;
# prints CMD's output
measure() {
  local name="$1" pid="$2"; shift 2
  local c0 d0 w0 c1 d1 w1 out
  thread_cpu "$pid" >"$OUT/threads-$name.0"
  c0="$(cpu_ms "$pid")"; d0="$(disk_counters)"; w0="$(written_bytes "$pid")"
  out="$("$@")"
  c1="$(cpu_ms "$pid")"; d1="$(disk_counters)"; w1="$(written_bytes "$pid")"
  thread_cpu "$pid" >"$OUT/threads-$name.1"
  thread_cpu_diff "$OUT/threads-$name.0" "$OUT/threads-$name.1" >"$OUT/threads-$name.txt"
  printf -v "M_${name}_CPU" '%s' "$((c1 - c0))"
  printf -v "M_${name}_WBYTES" '%s' "$((w1 - w0))"
  printf -v "M_${name}_FLUSH" '%s' "$(( ${d1% *} - ${d0% *} ))"
  printf -v "M_${name}_WRITES" '%s' "$(( ${d1#* } - ${d0#* } ))"
  MEASURED="$out"
}
hwm_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# run_wrk NAME ENV... -- WRK_ARGS...: runs wrk, echoes the command, keeps its output, and
# prints the RESULT line
run_wrk() {
  local name="$1"; shift
  local envs=()
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  local cmd=(env "${envs[@]}" wrk "$@")
  echo "  \$ ${envs[*]} wrk $*" | tee -a "$OUT/commands.txt" >&2
  "${cmd[@]}" >"$OUT/wrk-$name.txt" 2>&1 || { cat "$OUT/wrk-$name.txt" >&2; return 1; }
  grep '^RESULT' "$OUT/wrk-$name.txt"
}
kv() { grep -o " $2=[^ ]*" <<<"$1" | head -1 | cut -d= -f2; } # kv LINE KEY
rps() { awk -v r="$(kv "$1" requests)" -v d="$(kv "$1" duration_us)" 'BEGIN {printf "%.0f", r / (d / 1e6)}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }

WRK_BASE=(-t"$THREADS" -c"$CONNECTIONS" --timeout 30s --latency -s "$BENCH_DIR/wrk.lua")

# --- 1. disk --------------------------------------------------------------------------------
log "disk: dd if=/dev/zero of=$DATA/dd-sync.test bs=4k count=$DD_COUNT oflag=dsync"
DISK1="$(dd_rate "$DATA/dd-sync.test")"
log "  $DISK1 synchronous writes/s"

# --- 2. bare HTTP floor ---------------------------------------------------------------------
log "floor: BenchFloor (Javalin/Jetty from parley.jar, constant body, no auth/DB/log), $HEAP"
timeout -k 10 "$SERVER_MAX_SECONDS" java "$HEAP" -cp "$JAR:$CLASSES" BenchFloor "$SERVER_MAX_SECONDS" >"$OUT/floor.log" 2>&1 &
FLOOR_TPID=$!
FLOOR_PID="$(child_pid "$FLOOR_TPID")"
FLOOR_PORT="$(wait_port "$OUT/floor.log" "$FLOOR_PID")"
run_wrk floor-warmup BENCH_MODE=plain -- "${WRK_BASE[@]}" -d"${WARMUP}s" "http://127.0.0.1:$FLOOR_PORT/floor" >/dev/null
measure FLOOR "$FLOOR_PID" run_wrk floor BENCH_MODE=plain -- "${WRK_BASE[@]}" -d"${DURATION}s" "http://127.0.0.1:$FLOOR_PORT/floor"
FLOOR="$MEASURED"
FLOOR_RPS="$(rps "$FLOOR")"
LOAD_FLOOR="$(loadavg)"
log "  floor $FLOOR_RPS req/s"
stop_pid "$FLOOR_PID"; FLOOR_PID=""
wait "$FLOOR_TPID" 2>/dev/null || true; FLOOR_TPID="" # reaped: its pid cannot be reused before this

# --- 3. parley --------------------------------------------------------------------------------
OPERATOR_TOKEN="bench-operator-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
log "starting parley: java $HEAP -jar $JAR serve --host 127.0.0.1 --port 0 --data-dir $DATA --rate-limit-per-minute $RATE_LIMIT $SERVE_OPTS"
PARLEY_OPERATOR_TOKEN="$OPERATOR_TOKEN" PARLEY_BOOTSTRAP_TOKEN="$TOKEN" timeout -k 10 "$SERVER_MAX_SECONDS" \
  java "$HEAP" -jar "$JAR" serve --host 127.0.0.1 --port 0 --data-dir "$DATA" --rate-limit-per-minute "$RATE_LIMIT" \
  $SERVE_OPTS >"$OUT/parley.log" 2>&1 &
SERVER_TPID=$!
SERVER_PID="$(child_pid "$SERVER_TPID")"
PORT="$(wait_port "$OUT/parley.log" "$SERVER_PID")"
BASE="http://127.0.0.1:$PORT"
log "  parley pid $SERVER_PID on $BASE"

# --- 3b. webhook subscriptions (BENCH_WEBHOOK_SUBSCRIPTIONS) ------------------------------------
TOPICS='["conversation.user.created","conversation.user.replied","conversation.admin.replied",
"conversation.admin.single.created","conversation.admin.assigned","conversation.admin.noted",
"conversation.admin.closed","conversation.admin.opened","conversation.admin.snoozed",
"conversation.admin.unsnoozed","conversation.read","conversation.priority.updated",
"conversation_part.redacted","conversation_part.tag.created","conversation.contact.attached",
"conversation.contact.detached","conversation.deleted","contact.user.created",
"contact.lead.created","contact.user.updated","contact.lead.updated","contact.deleted",
"contact.archived","contact.unarchived","admin.away_mode_updated","ping"]'
if (( SUBSCRIPTIONS > 0 )); then
  python3 "$BENCH_DIR/webhooks.py" --receiver-only >"$OUT/receiver.txt" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 1 100); do [[ -s "$OUT/receiver.txt" ]] && break; sleep 0.1; done
  RECEIVER_PORT="$(head -1 "$OUT/receiver.txt")"
  log "webhooks: receiver on port $RECEIVER_PORT; $SUBSCRIPTIONS subscriptions on every topic"
  for _ in $(seq 1 "$SUBSCRIPTIONS"); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $OPERATOR_TOKEN" \
      -H 'Content-Type: application/json' "$BASE/_parley/workspaces/default/webhooks" \
      -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"topics\":$TOPICS}")"
    [[ "$code" == "200" ]] || { log "webhook subscription failed: $code"; exit 1; }
  done
fi


# --- 4. load ------------------------------------------------------------------------------
IDS="$OUT/ids.txt"
log "loading $N conversations (concurrency $LOAD_CONCURRENCY)"
echo "  \$ java -cp $CLASSES BenchLoad conversations $BASE <token> $N $LOAD_CONCURRENCY $IDS" >>"$OUT/commands.txt"
if ! java -cp "$CLASSES" BenchLoad conversations "$BASE" "$TOKEN" "$N" "$LOAD_CONCURRENCY" "$IDS" | tee "$OUT/load.txt" >&2; then
  log "LOAD FAILED (see $OUT/load.txt and $OUT/parley.log)"; exit 1
fi
LOAD_SECONDS="$(grep -o 'load_seconds=[0-9.]*' "$OUT/load.txt" | cut -d= -f2)"
LOAD_REQUESTS="$(grep -o 'load_requests=[0-9]*' "$OUT/load.txt" | cut -d= -f2)"
TICKET_IDS="$OUT/ticket-ids.txt"
TICKET_LOAD_LINE="tickets: none (BENCH_TICKETS=0)"
if (( TICKETS > 0 )); then
  log "loading $TICKETS tickets (concurrency $LOAD_CONCURRENCY)"
  echo "  \$ java -cp $CLASSES BenchLoad tickets $BASE <token> $TICKETS $LOAD_CONCURRENCY $TICKET_IDS" >>"$OUT/commands.txt"
  if ! java -cp "$CLASSES" BenchLoad tickets "$BASE" "$TOKEN" "$TICKETS" "$LOAD_CONCURRENCY" "$TICKET_IDS" | tee "$OUT/load-tickets.txt" >&2; then
    log "TICKET LOAD FAILED (see $OUT/load-tickets.txt and $OUT/parley.log)"; exit 1
  fi
  TICKET_LOAD_LINE="tickets: $TICKETS, $(grep -o 'load_requests=[0-9]*' "$OUT/load-tickets.txt" | cut -d= -f2) requests in $(grep -o 'load_seconds=[0-9.]*' "$OUT/load-tickets.txt" | cut -d= -f2) s"
fi
log "loading one conversation of $BIG_PARTS parts and $BIG_UPLOADS uploads (concurrency $BIG_CONCURRENCY)"
echo "  \$ java -cp $CLASSES BenchLoad big $BASE <token> $BIG_PARTS $BIG_UPLOADS $BIG_CONCURRENCY" >>"$OUT/commands.txt"
if ! java -cp "$CLASSES" BenchLoad big "$BASE" "$TOKEN" "$BIG_PARTS" "$BIG_UPLOADS" "$BIG_CONCURRENCY" | tee "$OUT/load-big.txt" >&2; then
  log "BIG LOAD FAILED (see $OUT/load-big.txt and $OUT/parley.log)"; exit 1
fi
BIG_ID="$(grep -o 'conversation_id=[0-9]*' "$OUT/load-big.txt" | cut -d= -f2)"
BIG_LOAD_SECONDS="$(grep -o 'big_load_seconds=[0-9.]*' "$OUT/load-big.txt" | cut -d= -f2)"
BLOBS_LOADED="$(find "$DATA/uploads" -type f | wc -l)"
DB_BYTES="$(du -sb "$DATA" | cut -f1)"
HWM_LOAD="$(hwm_kib "$SERVER_PID")"
log "  loaded; $BLOBS_LOADED upload files, data dir $((DB_BYTES / 1048576)) MiB, server VmHWM $((HWM_LOAD / 1024)) MiB"

# --- 4b. the loading phase's notifications delivered (BENCH_WEBHOOK_DRAIN) ----------------------
# The loader keeps the API busy, and delivery yields to a busy API, so the loading phase's
# notifications are still pending when it ends. By default they are delivered before anything is
# measured, as they are within milliseconds when requests do not arrive back to back: the receiver's
# count must stay the same for 3 s. BENCH_WEBHOOK_DRAIN=0 measures with that backlog pending instead
# (each DELETE then erases its conversation's pending notifications too).
DRAIN_LINE=""
if (( SUBSCRIPTIONS > 0 )) && [[ "$DRAIN" != "0" ]]; then
  log "webhooks: waiting for the loading phase's notifications to be delivered"
  drain_start="$(date +%s.%N)"; last=-1; same=0
  for _ in $(seq 1 1200); do
    count="$(curl -s "http://127.0.0.1:$RECEIVER_PORT/count" || echo -1)"
    if [[ "$count" == "$last" ]]; then same=$((same + 1)); else same=0; last="$count"; fi
    (( same >= 6 )) && break
    sleep 0.5
  done
  DRAIN_SECONDS="$(awk -v a="$drain_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a - 3}')"
  DRAIN_LINE="the loading phase's notifications were delivered before measuring: $last received in ${DRAIN_SECONDS} s (BENCH_WEBHOOK_DRAIN=0 measures with them pending)"
  log "  $DRAIN_LINE"
elif (( SUBSCRIPTIONS > 0 )); then
  DRAIN_LINE="the loading phase's notifications were still pending when the measured phases began (BENCH_WEBHOOK_DRAIN=0)"
fi

jfr_start() { [[ "$JFR" == "1" ]] && jcmd "$SERVER_PID" JFR.start name="$1" filename="$OUT/$1.jfr" settings=profile >/dev/null || true; }
jfr_stop() { [[ "$JFR" == "1" ]] && jcmd "$SERVER_PID" JFR.stop name="$1" >/dev/null || true; }

# --- 5. GET ------------------------------------------------------------------------------
GET_ENV=(BENCH_MODE=get "BENCH_TOKEN=$TOKEN" "BENCH_IDS=$IDS" "BENCH_THREADS=$THREADS")
log "GET /conversations/{id} over the $N ids"
run_wrk get-warmup "${GET_ENV[@]}" -- "${WRK_BASE[@]}" -d"${WARMUP}s" "$BASE" >/dev/null
jfr_start get
measure GET "$SERVER_PID" run_wrk get "${GET_ENV[@]}" -- "${WRK_BASE[@]}" -d"${DURATION}s" "$BASE"
GET="$MEASURED"
jfr_stop get
GET_RPS="$(rps "$GET")"
LOAD_GET="$(loadavg)"
log "  $GET_RPS req/s"
BIG_GET="$(curl -s -o "$OUT/big-get.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "$BASE/conversations/$BIG_ID")"
BIG_PARTS_SEEN="$(grep -o '"count_conversation_parts":[0-9]*' "$OUT/big-get.json" | head -1 | cut -d: -f2)"
rm -f "$OUT/big-get.json"

# parley's own floor: the lightest route (no token, one tiny read), on the server the load and
# the GET phase have warmed up (measured right after start, the JIT had not compiled it yet)
run_wrk healthz-warmup BENCH_MODE=plain -- "${WRK_BASE[@]}" -d"${WARMUP}s" "$BASE/healthz" >/dev/null
measure HEALTHZ "$SERVER_PID" run_wrk healthz BENCH_MODE=plain -- "${WRK_BASE[@]}" -d"${DURATION}s" "$BASE/healthz"
HEALTHZ="$MEASURED"
log "  GET /healthz (one tiny DB read, no auth) $(rps "$HEALTHZ") req/s"

# --- 6. DELETE -------------------------------------------------------------------------------
log "disk again, just before DELETE"
DISK2="$(dd_rate "$DATA/dd-sync.test")"
log "  $DISK2 synchronous writes/s"
WARM_N=$((N / 10))
head -n "$WARM_N" "$IDS" >"$OUT/ids-delete-warmup.txt"
tail -n +"$((WARM_N + 1))" "$IDS" >"$OUT/ids-delete.txt"
DELETE_MAX_SECONDS=$((60 + N / 5)) # wrk's -d: only a bound; the run ends when the ids do
delete_run() { # NAME IDS_FILE [PATH]
  local done_dir="$OUT/done-$1"
  mkdir -p "$done_dir"
  run_wrk "$1" BENCH_MODE=delete "BENCH_TOKEN=$TOKEN" "BENCH_IDS=$2" "BENCH_THREADS=$THREADS" "BENCH_DONE=$done_dir" \
    "BENCH_PATH=${3:-/conversations/}" -- "${WRK_BASE[@]}" -d"${DELETE_MAX_SECONDS}s" "$BASE"
}
log "DELETE warm-up over $WARM_N ids"
DELETE_WARM="$(delete_run delete-warmup "$OUT/ids-delete-warmup.txt")"
log "  $(kv "$DELETE_WARM" ok_rps) deletions/s"
log "DELETE /conversations/{id} over the other $((N - WARM_N)) ids"
jfr_start delete
measure DELETE "$SERVER_PID" delete_run delete "$OUT/ids-delete.txt"
DELETE="$MEASURED"
jfr_stop delete
DELETE_RPS="$(kv "$DELETE" ok_rps)"
LOAD_DELETE="$(loadavg)"
log "  $DELETE_RPS deletions/s"

# --- 6b. DELETE /tickets/{id} (BENCH_TICKETS), beside the conversations' ---------------------
TDELETE_RPS=""
if (( TICKETS > 0 )); then
  TWARM_N=$((TICKETS / 10))
  head -n "$TWARM_N" "$TICKET_IDS" >"$OUT/ticket-ids-delete-warmup.txt"
  tail -n +"$((TWARM_N + 1))" "$TICKET_IDS" >"$OUT/ticket-ids-delete.txt"
  DELETE_MAX_SECONDS=$((60 + TICKETS / 5))
  log "DELETE /tickets/{id} warm-up over $TWARM_N ids"
  TDELETE_WARM="$(delete_run tdelete-warmup "$OUT/ticket-ids-delete-warmup.txt" /tickets/)"
  log "  $(kv "$TDELETE_WARM" ok_rps) deletions/s"
  log "DELETE /tickets/{id} over the other $((TICKETS - TWARM_N)) ids"
  measure TDELETE "$SERVER_PID" delete_run tdelete "$OUT/ticket-ids-delete.txt" /tickets/
  TDELETE="$MEASURED"
  TDELETE_RPS="$(kv "$TDELETE" ok_rps)"
  LOAD_TDELETE="$(loadavg)"
  log "  $TDELETE_RPS ticket deletions/s"
fi

# the list's own total_count comes after the conversations (which hold total_counts of their own)
total_count() { curl -s -H "Authorization: Bearer $TOKEN" "$BASE/conversations?per_page=1" | grep -o '"total_count":[0-9]*' | tail -1 | cut -d: -f2; }
LEFT_AFTER_DELETE="$(total_count)"
BLOBS_AFTER_DELETE="$(find "$DATA/uploads" -type f | wc -l)"

# --- 7. erasure of the big conversation ---------------------------------------------------------
log "erasing conversation $BIG_ID ($BIG_PARTS parts, $BIG_UPLOADS uploads) with one DELETE"
echo "  \$ curl -s -X DELETE -H 'Authorization: Bearer <token>' -w '%{http_code} %{time_total}' $BASE/conversations/$BIG_ID" >>"$OUT/commands.txt"
measure BIG "$SERVER_PID" curl -s -o "$OUT/big-delete-body.json" -w '%{http_code} %{time_total}' -X DELETE \
  -H "Authorization: Bearer $TOKEN" "$BASE/conversations/$BIG_ID"
BIG_DELETE="$MEASURED"
BIG_STATUS="${BIG_DELETE% *}"
BIG_SECONDS="${BIG_DELETE#* }"
log "  status $BIG_STATUS in $BIG_SECONDS s"
LEFT_AFTER_BIG="$(total_count)"
BLOBS_AFTER_BIG="$(find "$DATA/uploads" -type f | wc -l)"
ERASURES="$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Intercom-Version: Unstable' "$BASE/conversations/deleted?per_page=1" | grep -o '"total_count":[0-9]*' | head -1 | cut -d: -f2)"

HWM="$(hwm_kib "$SERVER_PID")"
RSS="$(rss_kib "$SERVER_PID")"
WEBHOOKS_LINE="webhook subscriptions: none"
if (( SUBSCRIPTIONS > 0 )); then
  DELIVERED="$(curl -s -H "Authorization: Bearer $OPERATOR_TOKEN" \
    "$BASE/_parley/workspaces/default/webhooks/deliveries?limit=1000" | grep -o '"status":"[a-z]*"' | sort | uniq -c | tr -s ' \n' ' ')"
  stop_pid "$RECEIVER_PID"; RECEIVER_PID=""
  RECEIVED="$(grep -o 'received=[0-9]*' "$OUT/receiver.txt" | cut -d= -f2 || true)"
  WEBHOOKS_LINE="webhook subscriptions: $SUBSCRIPTIONS on every topic; the receiver got ${RECEIVED:-?} notifications; the newest 1,000 in the delivery log: ${DELIVERED:-none}"
fi
stop_pid "$SERVER_PID"; SERVER_PID=""
wait "$SERVER_TPID" 2>/dev/null || true; SERVER_TPID=""
# the erasure log's entry for the big conversation (parts and uploads it erased), read offline
java -jar "$JAR" erasures --workspace default --data-dir "$DATA" >"$OUT/erasures.txt" 2>&1 || true
BIG_LOG_ENTRY="$(grep -E "(^|[^0-9])$BIG_ID([^0-9]|$)" "$OUT/erasures.txt" | tail -1 || true)"

# --- 8. report -----------------------------------------------------------------------------
STATUS_500="$(grep -c 'status=5[0-9][0-9]' "$OUT/parley.log" || true)"
LOG_PROBLEMS="$(grep -cE '^[^ ]+ (WARN|ERROR) ' "$OUT/parley.log" || true)"
GET_RATIO="$(awk -v a="$GET_RPS" -v b="$FLOOR_RPS" 'BEGIN {printf "%.1f", 100 * a / b}')"
DELETE_RATIO="$(awk -v a="$DELETE_RPS" -v b="$DISK2" 'BEGIN {printf "%.1f", 100 * a / b}')"
verdict() { awk -v ok="$1" 'BEGIN {print (ok ? "met" : "MISSED")}'; }
GET_P99_MS="$(ms "$(kv "$GET" p99_us)")"

{
  echo "date $(date -u +%Y-%m-%dT%H:%MZ), N=$N, wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s, measured ${DURATION}s, server $HEAP"
  echo
  printf '%-44s %9s %8s %8s %9s  %s\n' "measurement" "req/s" "p50 ms" "p99 ms" "CPU us/req" "notes"
  row() { printf '%-44s %9s %8s %8s %9s  %s\n' "$1" "$2" "$(ms "$(kv "$3" p50_us)")" "$(ms "$(kv "$3" p99_us)")" "$4" "$5"; }
  row "bare HTTP floor (BenchFloor GET /floor)" "$FLOOR_RPS" "$FLOOR" "$(per_req "$M_FLOOR_CPU" "$(kv "$FLOOR" requests)" 1000)" "non-2xx $(kv "$FLOOR" non2xx3xx)"
  row "parley GET /healthz (no auth, 1 tiny read)" "$(rps "$HEALTHZ")" "$HEALTHZ" "$(per_req "$M_HEALTHZ_CPU" "$(kv "$HEALTHZ" requests)" 1000)" "non-2xx $(kv "$HEALTHZ" non2xx3xx)"
  row "parley GET /conversations/{id}" "$GET_RPS" "$GET" "$(per_req "$M_GET_CPU" "$(kv "$GET" requests)" 1000)" "non-2xx $(kv "$GET" non2xx3xx), $(kv "$GET" requests) requests"
  row "parley DELETE warm-up ($WARM_N ids)" "$(kv "$DELETE_WARM" ok_rps)" "$DELETE_WARM" "" "ok $(kv "$DELETE_WARM" deletes_ok)/$(kv "$DELETE_WARM" deletes_sent), failed $(kv "$DELETE_WARM" failed_by_status)"
  row "parley DELETE /conversations/{id} ($((N - WARM_N)) ids)" "$DELETE_RPS" "$DELETE" "$(per_req "$M_DELETE_CPU" "$(kv "$DELETE" deletes_sent)" 1000)" "ok $(kv "$DELETE" deletes_ok)/$(kv "$DELETE" deletes_sent), failed $(kv "$DELETE" failed_by_status), $(kv "$DELETE" delete_seconds) s"
  if (( TICKETS > 0 )); then
    row "parley DELETE /tickets/{id} warm-up ($TWARM_N ids)" "$(kv "$TDELETE_WARM" ok_rps)" "$TDELETE_WARM" "" "ok $(kv "$TDELETE_WARM" deletes_ok)/$(kv "$TDELETE_WARM" deletes_sent), failed $(kv "$TDELETE_WARM" failed_by_status)"
    row "parley DELETE /tickets/{id} ($((TICKETS - TWARM_N)) ids)" "$TDELETE_RPS" "$TDELETE" "$(per_req "$M_TDELETE_CPU" "$(kv "$TDELETE" deletes_sent)" 1000)" "ok $(kv "$TDELETE" deletes_ok)/$(kv "$TDELETE" deletes_sent), failed $(kv "$TDELETE" failed_by_status), $(kv "$TDELETE" delete_seconds) s"
  fi
  echo "  (CPU us/req: the server process's user+system CPU during the run / requests; DELETE's includes its fillers)"
  for phase in GET DELETE; do # where that CPU went, by thread (threads-PHASE.txt in the run dir)
    local_requests="$(kv "${!phase}" "$([[ $phase == GET ]] && echo requests || echo deletes_sent)")"
    echo "  ($phase CPU us/req by thread: $(head -6 "$OUT/threads-$phase.txt" | awk -v n="$local_requests" '{printf "%s%s %.0f", (NR > 1 ? ", " : ""), $5, $1 * 1000 / n}'))"
  done
  echo "  (server KiB written per request, /proc/PID/io write_bytes: GET $(per_req "$M_GET_WBYTES" "$(kv "$GET" requests)" 0.0009765625), DELETE $(per_req "$M_DELETE_WBYTES" "$(kv "$DELETE" deletes_sent)" 0.0009765625)$( (( TICKETS > 0 )) && echo ", ticket DELETE $(per_req "$M_TDELETE_WBYTES" "$(kv "$TDELETE" deletes_sent)" 0.0009765625)"))"
  echo "  (DELETE phase on device ${DEV:-n/a}: $(per_req "$M_DELETE_FLUSH" "$(kv "$DELETE" deletes_ok)") disk flushes and $(per_req "$M_DELETE_WRITES" "$(kv "$DELETE" deletes_ok)") disk writes per deletion;"
  echo "   dd oflag=dsync costs about 2 flushes per write on ext4; device-wide counters, other processes' I/O included)"
  echo "  (DELETE p50/p99 include the few GET /healthz fillers: warm-up $(kv "$DELETE_WARM" fillers), measured $(kv "$DELETE" fillers))"
  echo
  echo "disk synchronous 4 KiB writes/s (dd oflag=dsync, $DD_COUNT writes): $DISK1 at start, $DISK2 before DELETE"
  echo "GET / floor:                        $GET_RATIO %   (target >= 40 %, p99 $GET_P99_MS ms, target < 20 ms): $(verdict "$(awk -v r="$GET_RATIO" -v p="$GET_P99_MS" 'BEGIN {print (r >= 40 && p < 20)}')")"
  echo "DELETE / disk sync writes per s:    $DELETE_RATIO %   (target >= 100 %): $(verdict "$(awk -v r="$DELETE_RATIO" 'BEGIN {print (r >= 100)}')")"
  if (( TICKETS > 0 )); then
    TICKET_RATIO="$(awk -v a="$TDELETE_RPS" -v b="$DELETE_RPS" 'BEGIN {printf "%.1f", 100 * a / b}')"
    echo "ticket DELETE / conversation DELETE: $TICKET_RATIO %   (target: within 20 %, >= 80 %): $(verdict "$(awk -v r="$TICKET_RATIO" 'BEGIN {print (r >= 80)}')")"
    echo "  (ticket DELETE phase: $(per_req "$M_TDELETE_FLUSH" "$(kv "$TDELETE" deletes_ok)") disk flushes and $(per_req "$M_TDELETE_WRITES" "$(kv "$TDELETE" deletes_ok)") disk writes per deletion; fillers $(kv "$TDELETE" fillers); load average after it $LOAD_TDELETE)"
  fi
  echo "erasure of 1 conversation, $BIG_PARTS parts + $BIG_UPLOADS uploads: $BIG_SECONDS s, status $BIG_STATUS (target < 1 s): $(verdict "$(awk -v s="$BIG_SECONDS" -v c="$BIG_STATUS" 'BEGIN {print (s < 1 && c == 200)}')")"
  echo "  (server CPU $M_BIG_CPU ms, disk flushes $M_BIG_FLUSH, disk writes $M_BIG_WRITES during that request)"
  echo "  (before erasure its statistics said count_conversation_parts=$BIG_PARTS_SEEN; erasure log: ${BIG_LOG_ENTRY:-not found, see $OUT/erasures.txt})"
  echo "  (GET of that conversation before erasure, 500 newest parts rendered: status and seconds $BIG_GET)"
  echo "server peak RSS (VmHWM): $((HWM / 1024)) MiB (after loading: $((HWM_LOAD / 1024)) MiB; RSS at end $((RSS / 1024)) MiB), heap -Xmx256m"
  echo "load: $N conversations, $LOAD_REQUESTS requests in $LOAD_SECONDS s; $TICKET_LOAD_LINE; big conversation in $BIG_LOAD_SECONDS s; data dir $((DB_BYTES / 1048576)) MiB, $BLOBS_LOADED upload files"
  echo "checks: conversations left after DELETE phase $LEFT_AFTER_DELETE (expect 1), upload files left $BLOBS_AFTER_DELETE (expect $BIG_UPLOADS);"
  echo "        after the big erasure: conversations $LEFT_AFTER_BIG (expect 0), upload files $BLOBS_AFTER_BIG (expect 0), erasure log entries $ERASURES (expect $((N + TICKETS + 1)))"
  echo "load average (1/5/15 min): before the run $LOAD_START; after floor $LOAD_FLOOR; after GET $LOAD_GET; after DELETE $LOAD_DELETE"
  echo "  (this benchmark alone keeps about 2 busy; much more means other work shared the machine and the figures are noisy)"
  echo "$WEBHOOKS_LINE"
  [[ -n "$DRAIN_LINE" ]] && echo "  $DRAIN_LINE"
  echo "server log: $STATUS_500 responses with status 5xx, $LOG_PROBLEMS WARN/ERROR lines (see $OUT/parley.log)"
  echo
  echo "commands:"
  cat "$OUT/commands.txt"
} | tee -a "$SUMMARY"
