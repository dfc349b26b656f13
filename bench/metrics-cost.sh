#!/usr/bin/env bash
# Increments/s of one local node with the API-side metrics on and off (and the request log off),
# alternating runs to spread machine noise. Builds nothing: run `./mvnw -q -DskipTests package` first.
# Usage: bench/metrics-cost.sh [rounds=2] [threads=8] [warmup=10] [seconds=20]
# Extra server settings through PERSISTENCE (default write-through), e.g. PERSISTENCE=write-behind.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}; THREADS=${2:-8}; WARMUP=${3:-10}; SECONDS_=${4:-20}
PORT=18480; ADMIN=18481
run() { # label, env...
  local label=$1; shift
  local dir; dir=$(mktemp -d)
  env COUNTER_PORT=$PORT COUNTER_ADMIN_PORT=$ADMIN COUNTER_BIND_HOST=127.0.0.1 COUNTER_DATA_DIR="$dir" \
      COUNTER_HAZELCAST_PORT=15701 COUNTER_CLUSTER_NAME="bench-$$" \
      COUNTER_PERSISTENCE_MODE="${PERSISTENCE:-write-through}" "$@" \
      java -Xmx1g -jar counter-api/target/counter-api.jar server >"$dir/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$ADMIN/healthcheck" >/dev/null 2>&1 && break; sleep 0.5; done
  printf '%-28s ' "$label"
  java bench/IncrementLoad.java "$PORT" "$THREADS" "$WARMUP" "$SECONDS_"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
for round in $(seq 1 "$ROUNDS"); do
  run "metrics on,  request log on"  COUNTER_METRICS_ENABLED=true
  run "metrics off, request log on"  COUNTER_METRICS_ENABLED=false
  run "metrics off, request log off" COUNTER_METRICS_ENABLED=false COUNTER_REQUEST_LOG_LEVEL=OFF
  run "metrics on,  request log off" COUNTER_METRICS_ENABLED=true COUNTER_REQUEST_LOG_LEVEL=OFF
done
