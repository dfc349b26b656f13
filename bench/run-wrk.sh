#!/usr/bin/env bash
# Increments/s with wrk against a locally started jar, rate limiter off and on (generous plan),
# alternating, each on a fresh server with a warm-up (WARMUP, default 10 s; use 45 on a busy machine).
# Usage: [WARMUP=seconds] bench/run-wrk.sh [connections] [seconds] [write-through|write-behind] [rounds]
# Needs wrk (apt-get install -y wrk) and the jar (./mvnw -B -o package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-16}
SECONDS_MEASURED=${2:-20}
PERSISTENCE=${3:-write-through}
ROUNDS=${4:-2}
JAR=counter-api/target/counter-api.jar
export COUNTER_KEY=ck_benchadmin_BenchSecretBenchSecretBenchSecretBenchSecret12

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  local label=$1 enabled=$2
  local data; data=$(mktemp -d)
  COUNTER_DATA_DIR=$data COUNTER_PORT=18080 COUNTER_ADMIN_PORT=18081 COUNTER_BIND_HOST=127.0.0.1 \
  COUNTER_HAZELCAST_PORT=15701 COUNTER_CLUSTER_NAME=bench-$$ COUNTER_BOOTSTRAP_API_KEY=$COUNTER_KEY \
  COUNTER_RATE_LIMITS_ENABLED=$enabled COUNTER_RATE_LIMIT_DEFAULT_PLAN=bulk COUNTER_PERSISTENCE_MODE=$PERSISTENCE \
    java -jar "$JAR" server > "$data/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null http://127.0.0.1:18081/healthcheck && break
    sleep 0.5
  done
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-10}s" -s bench/increment.lua http://127.0.0.1:18080 > /dev/null
  local before; before=$(cpu_ticks "$pid")
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" -s bench/increment.lua http://127.0.0.1:18080)
  local after; after=$(cpu_ticks "$pid")
  local requests; requests=$(grep -oE '^ *[0-9]+ requests' <<<"$out" | grep -oE '[0-9]+')
  # Server CPU (user+sys) per request over the measured run: less sensitive to a busy machine than req/s.
  echo "$label: $(grep 'Requests/sec' <<<"$out" | tr -s ' ') | $(grep -E 'Non-2xx|Latency' <<<"$out" | tr -s ' ' | paste -sd' ') | server CPU $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) us/request"
  kill "$pid"; wait "$pid" || true
  rm -rf "$data"
}

for round in $(seq 1 "$ROUNDS"); do
  run "round $round, $PERSISTENCE, rate limit off" false
  run "round $round, $PERSISTENCE, rate limit on (plan bulk)" true
done
