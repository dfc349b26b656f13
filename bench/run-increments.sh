#!/usr/bin/env bash
# Measures increments/s against a locally started jar, with the rate limiter on (a generous plan)
# and off. Usage: bench/run-increments.sh [threads] [seconds] [write-through|write-behind]   (build first: ./mvnw -B -o package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${1:-16}
SECONDS_MEASURED=${2:-20}
PERSISTENCE=${3:-write-through}
JAR=counter-api/target/counter-api.jar
KEY=ck_benchadmin_BenchSecretBenchSecretBenchSecretBenchSecret12

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  local label=$1 enabled=$2
  local data; data=$(mktemp -d)
  COUNTER_DATA_DIR=$data COUNTER_PORT=18080 COUNTER_ADMIN_PORT=18081 COUNTER_BIND_HOST=127.0.0.1 \
  COUNTER_HAZELCAST_PORT=15701 COUNTER_CLUSTER_NAME=bench-$$ COUNTER_BOOTSTRAP_API_KEY=$KEY \
  COUNTER_RATE_LIMITS_ENABLED=$enabled COUNTER_RATE_LIMIT_DEFAULT_PLAN=bulk COUNTER_PERSISTENCE_MODE=$PERSISTENCE \
    java -jar "$JAR" server > "$data/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null http://127.0.0.1:18081/healthcheck && break
    sleep 0.5
  done
  local before after out all
  before=$(cpu_ticks "$pid")
  out=$(java bench/KeyedIncrementLoad.java 18080 "$KEY" "$THREADS" 5 "$SECONDS_MEASURED" 64)
  after=$(cpu_ticks "$pid")
  all=$(sed 's/.*all=//' <<<"$out")
  # Server CPU per request (user+sys over the whole run, warm-up included): robust to a busy machine.
  echo "$label: $out server-cpu-us/request=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / all ))"
  kill "$pid"; wait "$pid" || true
  rm -rf "$data"
}

for round in 1 2 3; do
  run "round $round, $PERSISTENCE, rate limit off" false
  run "round $round, $PERSISTENCE, rate limit on (plan bulk: 20000 burst, 20000/s)" true
done
