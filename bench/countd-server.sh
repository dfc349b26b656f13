# Sourced by the bench scripts that measure one countd server (async-profile.sh, cpu-per-request.sh,
# warmup-curve.sh, gc-pauses.sh, young-survivors.sh). start_countd NAME starts $JAR on loopback ports below the ephemeral range (32768 up, so no
# outgoing connection holds them), on a fresh data dir, with MODE (default write-behind) and JAVA_OPTS, and the
# load-test key's limit raised to 100,000,000 tokens/s. It sets pid, PORT and D (the temp dir; the server's log
# is $D/server.log), and stops the server and deletes D when the calling script exits.
# start_reference NAME starts a reference server instead, with the same JAVA_OPTS: ceiling (../shared/bench's bare
# Jetty), floor (its minimal Dropwizard resource), lean-floor (bench/hazelcast-floor, -Dfloor.lean=true) or
# async-floor (bench/hazelcast-floor, -Dfloor.async=internal: the partition thread writes the answer, as countd's); each
# serves POST /counters/{name}/increment and ignores the key. It sets pid and PORT and stops the server at exit.
KEY=ck_loadtest_LoadTestOnlyNotASecret000000000000000000
start_countd() {
  D=$(mktemp -d "/tmp/countd-$1-XXXX"); PORT=$((20000 + RANDOM % 12000))
  COUNTER_BIND_HOST=127.0.0.1 COUNTER_PORT=$PORT COUNTER_ADMIN_PORT=$((PORT+1)) COUNTER_HAZELCAST_PORT=$((PORT+2)) \
  COUNTER_CLUSTER_NAME="$1-$PORT" COUNTER_DATA_DIR="$D/data" COUNTER_PERSISTENCE_MODE="${MODE:-write-behind}" \
  COUNTER_BOOTSTRAP_API_KEY=$KEY java -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" server > "$D/server.log" 2>&1 & pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf $D' EXIT
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/counters?limit=1")" = 200 ] && break
    sleep 0.1
  done
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"rateLimit":{"capacity":100000000,"refillTokens":100000000,"refillPeriod":"PT1S"}}' "http://127.0.0.1:$PORT/api-keys/loadtest"
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# paced_load SECONDS: bench/paced.lua at $RATE req/s over 10,000 counters (32 connections); prints its PACED line
paced_load() {
  RATE=$RATE CONNS=32 wrk -t1 -c32 -d"$1s" --timeout 10s -s "$bench_dir/paced.lua" -H "Authorization: Bearer $KEY" \
    "http://127.0.0.1:$PORT" | grep PACED
}
# warm_for_paced SECONDS: the closed-loop warm-up (spread.lua), then 10 s paced: the paced load touches its own
# counters, so they exist before anything is measured
warm_for_paced() {
  wrk -t1 -c32 -d"$1s" -s "${BENCH_REF:-$bench_dir/../../shared/bench}/spread.lua" -H "Authorization: Bearer $KEY" \
    "http://127.0.0.1:$PORT" >/dev/null
  paced_load 10 >/dev/null
}

# start_reference ceiling|floor|lean-floor|async-floor (see the top of this file)
start_reference() {
  local ref=${BENCH_REF:-$bench_dir/../../shared/bench}
  PORT=$((20000 + RANDOM % 12000))
  case $1 in
    ceiling) [ -f "$ref/jetty-ceiling/target/jetty-ceiling.jar" ] || (cd "$ref/jetty-ceiling" && mvn -q -B -DskipTests package >/dev/null)
      java -Xmx1g ${JAVA_OPTS:-} -jar "$ref/jetty-ceiling/target/jetty-ceiling.jar" "$PORT" 127.0.0.1 >/dev/null 2>&1 & pid=$! ;;
    floor) [ -f "$ref/dropwizard-floor/target/dropwizard-floor.jar" ] || (cd "$ref/dropwizard-floor" && mvn -q -B -DskipTests package >/dev/null)
      (cd "$ref/dropwizard-floor" && exec java -Xmx1g ${JAVA_OPTS:-} -Ddw.server.connector.port="$PORT" \
        -jar target/dropwizard-floor.jar server config.yml) >/dev/null 2>&1 & pid=$! ;;
    lean-floor|async-floor) [ -f "$bench_dir/hazelcast-floor/target/hazelcast-floor.jar" ] \
        || (cd "$bench_dir/.." && ./mvnw -q -B -f bench/hazelcast-floor/pom.xml -DskipTests package >/dev/null)
      local mode=-Dfloor.lean=true; [ "$1" = async-floor ] && mode=-Dfloor.async=internal
      (cd "$bench_dir/hazelcast-floor" && exec java -Xmx1g ${JAVA_OPTS:-} "$mode" -Ddw.server.connector.port="$PORT" \
        -jar target/hazelcast-floor.jar server config.yml) >/dev/null 2>&1 & pid=$! ;;
    *) echo "unknown reference server: $1 (ceiling, floor, lean-floor or async-floor)" >&2; exit 2 ;;
  esac
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$PORT/counters/up/increment" && return 0
    sleep 0.1
  done
  echo "the reference server $1 did not start" >&2; exit 1
}
