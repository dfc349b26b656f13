#!/usr/bin/env bash
# How long countd's JIT takes to settle under the ManyCounters load: one fresh server, wrk spread.lua (10,000
# counters, 1 thread, 32 connections) in back-to-back 30 s windows; per window req/s, the server's CPU per
# request (/proc utime+stime) and the JIT compile time per request (jstat -compiler). Traffic: 127.0.0.1 only.
#   bench/warmup-curve.sh [JAR] [windows=12]      (MODE=write-through, JAVA_OPTS=... as in cpu-per-request.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$root/counter-api/target/counter-api.jar}; N=${2:-12}
SPREAD=${BENCH_REF:-$root/../shared/bench}/spread.lua
# shellcheck source=countd-server.sh
source "$root/bench/countd-server.sh"
start_countd curve
cpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
jit() { jstat -compiler "$pid" | tail -1 | awk '{print $4, $1}'; } # compile seconds, methods compiled
echo "| load so far | req/s | server CPU us/request | JIT us/request | methods compiled |"
echo "|---:|---:|---:|---:|---:|"
for w in $(seq 1 "$N"); do
  c0=$(cpu); read -r t0 m0 < <(jit)
  r=$(wrk -t1 -c32 -d30s -s "$SPREAD" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT" \
      | awk '/PEERRESULT/ {for(i=2;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} print v["requests"]}')
  c1=$(cpu); read -r t1 m1 < <(jit)
  python3 -c "print(f'| {$w*30} s | {$r/30:.0f} | {($c1-$c0)*10000/$r:.0f} | {($t1-$t0)*1e6/$r:.0f} | {$m1-$m0} |')"
done
