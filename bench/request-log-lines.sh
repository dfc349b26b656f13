#!/usr/bin/env bash
# Request-log lines against increments served, for one jar: SECS (30) s of the compare load, then SIGTERM
# (a graceful stop writes every queued line). Traffic: 127.0.0.1 only. Usage: [SECS=60] bench/request-log-lines.sh JAR
JAR=$(realpath "$1")
cd "$(dirname "$0")/.."
source bench/countd-server.sh
start_countd lines
wrk -t1 -c32 -d${SECS:-30}s -s ${BENCH_REF:-../shared/bench}/spread.lua -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT | grep -E 'requests in|Requests/sec'
ops=$(curl -s http://127.0.0.1:$((PORT+1))/prometheus | awk '/^counter_operations_total\{operation="increment"/ {s+=$2} END {printf "%d", s}')
kill $pid; wait $pid 2>/dev/null
lines=$(grep -c 'POST /counters/{name}/increment 200' $D/server.log)
echo "increments served: $ops, request-log lines: $lines"
