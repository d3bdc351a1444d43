#!/usr/bin/env bash
# Search benchmarks: POST /conversations/search over N synthetic conversations (issue 4), or, with
# --contacts, POST /contacts/search and the company list and scroll (issue 15), or, with --tickets,
# POST /tickets/search (issue 16).
#
#   bench/search.sh [N] [--contacts [--companies M] | --tickets] [--postgres] [--reload]
#                   [--duration SECONDS] [--priority]
#
# N defaults to 100000: conversations, contacts (with --contacts; M companies, default 10000) or
# tickets (with --tickets). The data is made by dev.parley.bench.SearchBenchLoader,
# ContactSearchBenchLoader or TicketSearchBenchLoader (test sources), which write straight through
# parley's store and repositories, a thousand rows per transaction; it is kept in bench/.data/ and
# reused by later runs with the same N and store (--reload makes it again). Then a parley (the
# shaded jar) serves it, and wrk (Debian package "wrk") runs each query for --duration seconds
# (default 20) after a 5 s warm-up of its own, with 2 threads and 2 connections; a first round of
# every query (10 s each) warms the server up before any is measured. Conversations:
#   q1  state = open AND admin_assignee_id = <random admin>
#   q2  source.body = <random word among words of 7 frequencies>
#   q3  created_at in a 30-day range, 50 per page, paging with starting_after to the end, again
# Contacts and companies (--contacts):
#   c1  email = <one of 1,000 emails that exist>
#   c2  role = user AND last_seen_at in a 30-day range, 50 per page, all pages, again
#   c3  tag_id = <random tag> AND role = user, first page of 50
#   k1  POST /companies/list?page=<random page>&per_page=60 (newest first)
#   k2  GET /companies/scroll, following scroll_param to the end, again
# Tickets (--tickets):
#   t1  state = <random state category> AND ticket_type_id = <random type>, first page (20)
#   t2  created_at in a 30-day range, 50 per page, all pages via starting_after, again
#   t3  admin_assignee_id = <random admin> AND open = true, first page (20)
# It prints requests/s, the 50th and 99th percentile latency of each, and the CPU time the server
# spent per request (from /proc: less disturbed than latency by other work on the machine, which the
# load averages printed before and after show). --priority runs the server and wrk at nice -10
# (root only), so that other work on a shared machine disturbs the latencies less. Needs a JDK 17,
# Maven,
# wrk, and for --postgres a PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; the load is
# followed by VACUUM ANALYZE, as autovacuum would do soon after (without the VACUUM the visibility
# map is empty: no index-only scans, and c3's count took 52 ms instead of 33); the server CPU figure then leaves out
# PostgreSQL's own processes).
set -euo pipefail
cd "$(dirname "$0")/.."

N=100000
KIND=conversations
COMPANIES=10000
STORE=sqlite
RELOAD=0
DURATION=20
NICE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) STORE=postgresql ;;
    --contacts) KIND=contacts ;;
    --tickets) KIND=tickets ;;
    --companies) COMPANIES="$2"; shift ;;
    --reload) RELOAD=1 ;;
    --priority) NICE=(nice -n -10) ;;
    --duration) DURATION="$2"; shift ;;
    *) N="$1" ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

TOKEN=bench-search-token
case $KIND in
  conversations)
    DIR="bench/.data/search-$STORE-$N"; PGDB="parley_bench_search_$N"
    LOADER=(SearchBenchLoader --conversations "$N"); QUERIES="q1 q2 q3" ;;
  contacts)
    DIR="bench/.data/contacts-$STORE-$N-$COMPANIES"; PGDB="parley_bench_contacts_${N}_$COMPANIES"
    LOADER=(ContactSearchBenchLoader --contacts "$N" --companies "$COMPANIES"); QUERIES="c1 c2 c3 k1 k2" ;;
  tickets)
    DIR="bench/.data/tickets-$STORE-$N"; PGDB="parley_bench_tickets_$N"
    LOADER=(TicketSearchBenchLoader --tickets "$N"); QUERIES="t1 t2 t3" ;;
esac
PGURL="jdbc:postgresql://127.0.0.1:5432/$PGDB"

if [ ! -f target/parley.jar ] || [ ! -d target/test-classes/dev/parley/bench ] || [ -n "$(find src -newer target/parley.jar -name '*.java' | head -1)" ]; then
  echo "building parley..."
  mvn -B -q -o package -DskipTests -Dspotless.skip=true >/dev/null 2>&1 || mvn -B -q package -DskipTests
fi

if [ "$RELOAD" = 1 ] || [ ! -f "$DIR/meta" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  LOAD=(--data-dir "$DIR/data")
  if [ "$STORE" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PGDB" >/dev/null
    LOAD=(--database-url "$PGURL" --database-user postgres)
  fi
  echo "loading $N $KIND into $STORE..."
  java -Xmx2g -cp target/parley.jar:target/test-classes "dev.parley.bench.${LOADER[0]}" \
    "${LOAD[@]}" "${LOADER[@]:1}" --token "$TOKEN" --meta "$DIR/meta.tmp"
  mv "$DIR/meta.tmp" "$DIR/meta"
  if [ "$STORE" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -d "$PGDB" -qc "VACUUM ANALYZE" >/dev/null
  fi
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# wrk exceeds Intercom's default rate limit: off here (--rate-limit-per-minute 0)
SERVE=(serve --host 127.0.0.1 --port "$PORT" --data-dir "$DIR/data" --rate-limit-per-minute 0)
[ "$STORE" = postgresql ] && SERVE+=(--database-url "$PGURL" --database-user postgres)
${NICE[@]+"${NICE[@]}"} java -Xmx1g -jar target/parley.jar "${SERVE[@]}" >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

echo
echo "parley search, $N $KIND, $STORE, $(nproc) cores; wrk -t2 -c2, ${DURATION}s per query${NICE[@]+, at nice -10}"
echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
grep '^#' "$DIR/meta" | sed 's/^# /  /'
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK=$(getconf CLK_TCK)
# A first round of every query (10 s each, not measured) before the measured rounds: the JIT then
# has compiled the request path they share (HTTP, JSON, rendering) before the first measurement, so
# that the first query's figure is not its warm-up's (t1 measured first after 5 s of its own
# warm-up: 27 ms of server CPU per request; the same code once warm: 12 to 15 ms; on PostgreSQL
# t1 fell from 10 to 4.3 ms once every query had run 10 s).
for q in $QUERIES; do
  ${NICE[@]+"${NICE[@]}"} wrk -t2 -c2 -d10s -s bench/search.lua "http://127.0.0.1:$PORT" -- "$q" "$DIR/meta" >/dev/null
done
printf '\n%-4s %-66s %9s %9s %9s %12s\n' query description "req/s" p50 p99 "server CPU/req" 
for q in $QUERIES; do
  case $q in
    q1) desc="state = open AND admin_assignee_id = <admin>" ;;
    q2) desc="source.body = <word>" ;;
    q3) desc="created_at 30-day range, 50/page, all pages via starting_after" ;;
    c1) desc="contacts: email = <email>" ;;
    c2) desc="contacts: role = user AND last_seen_at 30-day range, 50/page, all" ;;
    c3) desc="contacts: tag_id = <tag> AND role = user, 50/page" ;;
    k1) desc="POST /companies/list?page=<random>&per_page=60" ;;
    k2) desc="GET /companies/scroll, all steps via scroll_param" ;;
    t1) desc="tickets: state = <category> AND ticket_type_id = <type>" ;;
    t2) desc="tickets: created_at 30-day range, 50/page, all pages" ;;
    t3) desc="tickets: admin_assignee_id = <admin> AND open = true" ;;
  esac
  ${NICE[@]+"${NICE[@]}"} wrk -t2 -c2 -d5s -s bench/search.lua "http://127.0.0.1:$PORT" -- "$q" "$DIR/meta" >/dev/null
  before=$(cpu_ticks)
  out=$(${NICE[@]+"${NICE[@]}"} wrk -t2 -c2 -d"${DURATION}s" --latency -s bench/search.lua "http://127.0.0.1:$PORT" -- "$q" "$DIR/meta")
  after=$(cpu_ticks)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu=$(awk -v t=$((after - before)) -v hz="$TICK" -v n="$requests" 'BEGIN {printf "%.2fms", t * 1000 / hz / n}')
  printf '%-4s %-66s %9s %9s %9s %12s\n' "$q" "$desc" "$rps" "$p50" "$p99" "$cpu"
done
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
