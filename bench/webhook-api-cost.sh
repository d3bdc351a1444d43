#!/usr/bin/env bash
# The cost of webhooks to the API (issue 14, "Benchmark"): see bench/README.md, "Webhooks".
#
#   bench/webhook-api-cost.sh [N]     N conversations (default 2000), as bench/run.sh
#
# Runs bench/run.sh twice, one after the other on the same machine: with no webhook subscription,
# then with BENCH_WEBHOOK_SUBSCRIPTIONS=10 (10 subscriptions on every topic, to a local receiver
# that answers at once). Prints GET /conversations/{id} and DELETE /conversations/{id} of both
# side by side: requests per second, p99, and the server's CPU per request, which is the figure
# to compare (requests per second move with the machine's load). Every other bench/run.sh knob
# applies to both runs.
set -euo pipefail
N="${1:-2000}"
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
declare -A SUMMARY
for subs in 0 10; do
  echo "=== bench/run.sh $N with $subs webhook subscriptions ===" >&2
  BENCH_WEBHOOK_SUBSCRIPTIONS="$subs" "$BENCH_DIR/run.sh" "$N" >"/tmp/parley-webhook-api-cost-$subs.txt"
  SUMMARY[$subs]="$(ls -td "$BENCH_DIR"/out/*-n"$N" | head -1)/summary.txt"
done
row() { # summary measurement-prefix -> "req/s p99 cpu"
  grep -m1 "^$2" "$1" | awk '{n = NF; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) {v[++k] = $i}} END {print v[1], v[3], v[4]}'
}
printf '%-34s %12s %12s %14s %14s %12s %12s\n' "measurement (N=$N)" "req/s, 0" "req/s, 10" "CPU us, 0" "CPU us, 10" "p99 ms, 0" "p99 ms, 10"
for m in "parley GET /conversations/{id}" "parley DELETE /conversations/{id}"; do
  read -r r0 p0 c0 <<<"$(row "${SUMMARY[0]}" "$m")"
  read -r r1 p1 c1 <<<"$(row "${SUMMARY[10]}" "$m")"
  printf '%-34s %12s %12s %14s %14s %12s %12s\n' "${m#parley }" "$r0" "$r1" "$c0" "$c1" "$p0" "$p1"
  awk -v a="$c0" -v b="$c1" -v m="${m#parley }" 'BEGIN {printf "  %s: CPU per request with 10 subscriptions is %.1f %% of none (target: within 10 %%)\n", m, 100 * b / a}'
done
# the bytes the server wrote per request (WAL, checkpoints): a figure other work on the machine
# does not move, unlike CPU time
written() { grep -m1 "server KiB written per request" "$1" | grep -o " $2 [0-9.]*" | head -1 | awk '{print $2}'; }
for m in GET DELETE; do
  w0="$(written "${SUMMARY[0]}" "$m")"; w1="$(written "${SUMMARY[10]}" "$m")"
  awk -v a="$w0" -v b="$w1" -v m="$m" 'BEGIN {printf "  %s: server KiB written per request %s with none, %s with 10 subscriptions (%.1f %%)\n", m, a, b, (a > 0 ? 100 * b / a : 0)}'
done
# where each run's CPU went, by thread (bench/run.sh): the store's writer sets a DELETE phase's pace
for subs in 0 10; do
  grep -h "CPU us/req by thread" "${SUMMARY[$subs]}" | sed "s/^  (/  $subs subscriptions, /; s/)\$//"
done
grep -h "^webhook subscriptions" "${SUMMARY[0]}" "${SUMMARY[10]}"
echo "summaries: ${SUMMARY[0]} ${SUMMARY[10]}"
