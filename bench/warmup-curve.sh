#!/usr/bin/env bash
# How long countd's JIT takes to settle under the ManyCounters load: one fresh server, wrk spread.lua (10,000
# counters, 1 thread, 32 connections) in back-to-back 30 s windows; per window req/s, the server's CPU per
# request (/proc utime+stime) and the JIT compile time per request (jstat -compiler). Traffic: 127.0.0.1 only.
#   bench/warmup-curve.sh [JAR] [windows=12]      (MODE=write-through, JAVA_OPTS=... as in cpu-per-request.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$root/counter-api/target/counter-api.jar}; N=${2:-12}
KEY=ck_loadtest_LoadTestOnlyNotASecret000000000000000000
SPREAD=${BENCH_REF:-$root/../shared/bench}/spread.lua
D=$(mktemp -d /tmp/countd-curve-XXXX); PORT=$((20000 + RANDOM % 12000)) # below the ephemeral range (32768 up)
COUNTER_BIND_HOST=127.0.0.1 COUNTER_PORT=$PORT COUNTER_ADMIN_PORT=$((PORT+1)) COUNTER_HAZELCAST_PORT=$((PORT+2)) \
COUNTER_CLUSTER_NAME=curve-$PORT COUNTER_DATA_DIR=$D/data COUNTER_PERSISTENCE_MODE=${MODE:-write-behind} \
COUNTER_BOOTSTRAP_API_KEY=$KEY java -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" server > "$D/server.log" 2>&1 & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf $D' EXIT
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/counters?limit=1")" = 200 ] && break
  sleep 0.1
done
curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"rateLimit":{"capacity":100000000,"refillTokens":100000000,"refillPeriod":"PT1S"}}' "http://127.0.0.1:$PORT/api-keys/loadtest"
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
