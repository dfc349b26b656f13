#!/usr/bin/env bash
# The performance figures of docs/benchmarks.md. Traffic goes to 127.0.0.1 only; every run is bounded.
#   bench/benchmarks.sh [all|compare|interleaved|modes|batch|p99|startup|heap|core]    (default: all but heap, core
#   and interleaved); interleaved: countd and the floor side by side in alternating slices (ROUNDS)
#   core: CPU per increment in the core alone (no HTTP), to set beside compare's CPU per request
#   heap of busy counters: REMEMBERED_OPS=64 [COUNTER_FORMAT=1] [BACKUPS=0] bench/benchmarks.sh heap
# Needs: wrk (apt-get install -y wrk), JDK 17, python3, the reference servers of ../shared/bench
# (BENCH_REF=<dir> to use a built copy; built here on first use). The load is compare.sh's.
# Our service runs from counter-api/target/counter-api.jar (built if missing) with: write-behind (unless
# said otherwise), auth on (the fixed load-test bootstrap key), rate limits on (that key's limit raised
# to 100,000,000 tokens/s through PATCH /api-keys), metrics as shipped, embedded H2, fresh data dir.
# modes: MODES="write-behind write-through write-through-direct" (write-through-direct: without the journal).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
REF=${BENCH_REF:-$root/../shared/bench}
[ -d "$REF" ] || REF=/work/shared/bench
KEY=ck_loadtest_LoadTestOnlyNotASecret000000000000000000
JAR=${JAR:-counter-api/target/counter-api.jar}
SECS=${SECS:-10}          # measured seconds per figure
WARMUP=${WARMUP:-120}     # warm-up seconds per server (countd's JIT settles after about 100 s of load here)
# compare goes on warming each server in 15 s slices until its JIT compiler threads used under SETTLED_PCT % of
# one core in the last slice (at most WARMUP_MAX s in all): on a slower machine a fixed warm-up ends while a large
# application is still compiling, which measures the compiler, not the server. WARMUP_MAX=$WARMUP turns it off.
WARMUP_MAX=${WARMUP_MAX:-600}
SETTLED_PCT=${SETTLED_PCT:-3}
CONNS=${CONNS:-32}
HEAP=${HEAP:-1g}
JAVA_OPTS=${JAVA_OPTS:-}
JAVA_REF_OPTS=${JAVA_REF_OPTS:-}
if [ "${1:-default}" != heap ] && [ "${1:-default}" != core ]; then  # heap and core need neither wrk nor the service jar
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
  [ -f "$JAR" ] || ./mvnw -q -B -pl counter-api -am package -DskipTests
fi

port_free() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
svc_pid=""; svc_dir=""; ref_pid=""; PORT=""
stop_service() {
  if [ -n "$ref_pid" ]; then kill "$ref_pid" 2>/dev/null || true; wait "$ref_pid" 2>/dev/null || true; ref_pid=""; fi
  if [ -n "$svc_pid" ]; then kill "$svc_pid" 2>/dev/null || true; wait "$svc_pid" 2>/dev/null || true; svc_pid=""; fi
  if [ -n "$svc_dir" ]; then rm -rf "$svc_dir/data"; fi
}
trap stop_service EXIT

# start_service MODE -> sets PORT, STARTUP_MS; log in $svc_dir/server.log
start_service() {
  svc_dir=$(mktemp -d /tmp/countd-bench-XXXXXX); PORT=$(port_free)
  # write-through-direct: write-through without the journal (every update commits its own database transaction)
  local mode=$1 journal=true
  if [ "$mode" = write-through-direct ]; then mode=write-through; journal=false; fi
  local t0; t0=$(now_ms)
  COUNTER_BIND_HOST=127.0.0.1 COUNTER_PORT=$PORT COUNTER_ADMIN_PORT=$(port_free) COUNTER_HAZELCAST_PORT=$(port_free) \
  COUNTER_CLUSTER_NAME="bench-$PORT" COUNTER_DATA_DIR="$svc_dir/data" COUNTER_PERSISTENCE_MODE="$mode" \
  COUNTER_PERSISTENCE_JOURNAL=$journal \
  COUNTER_BOOTSTRAP_API_KEY=$KEY \
    java -Xmx"$HEAP" $JAVA_OPTS -jar "$JAR" server > "$svc_dir/server.log" 2>&1 & svc_pid=$!
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/counters?limit=1")" = 200 ]; then
      STARTUP_MS=$(( $(now_ms) - t0 ))
      curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d '{"rateLimit":{"capacity":100000000,"refillTokens":100000000,"refillPeriod":"PT1S"}}' \
        "http://127.0.0.1:$PORT/api-keys/loadtest"
      return 0
    fi
    kill -0 "$svc_pid" 2>/dev/null || { echo "service died; log: $svc_dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "service did not start in 120 s; log: $svc_dir/server.log" >&2; exit 1
}

# wrk_row LABEL SCRIPT SECONDS [script args...] -> "| label | req/s | p50 | p99 | errors |"
wrk_row() {
  local label=$1 script=$2 secs=$3; shift 3
  local hdr=(-H "Authorization: Bearer $KEY"); [ "${KEY_HDR:-yes}" = no ] && hdr=()
  wrk -t1 -c"$CONNS" -d"${secs}s" --timeout 10s --latency -s "$script" "${hdr[@]}" "http://127.0.0.1:$PORT" -- "$@" \
    | awk -v l="$label" '/PEERRESULT/ { for (i=2;i<=NF;i++){split($i,a,"="); v[a[1]]=a[2]}
        printf "| %s | %.1f | %.2f | %.2f | %d |\n", l, v["requests"]/(v["duration_us"]/1e6), v["p50_us"]/1000, v["p99_us"]/1000, v["status"]+v["timeout"]+v["connect"] }'
}

# CPU ticks (1/100 s) the JIT compiler threads of a JVM have used so far. Their names hold a space, so utime and
# stime are counted from after the ")" that ends the name (fields 14 and 15 of the whole line).
jit_ticks() {
  local t sum=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) sum=$((sum + $(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}' || echo 0))) ;;
    esac
  done
  echo "$sum"
}

# warm_up PID LABEL -- WRK_ROW_ARGS...: WARMUP s of the load, then 15 s slices until the JIT has settled (see
# SETTLED_PCT) or WARMUP_MAX; appends "LABEL: N s, compiler P % of a core in the last slice" to WARMED
WARMED=""
warm_up() {
  local pid=$1 label=$2; shift 3
  local secs=$WARMUP before after pct="not measured"
  wrk_row warmup "$@" >/dev/null
  while [ "$secs" -lt "$WARMUP_MAX" ]; do
    before=$(jit_ticks "$pid")
    wrk_row warmup "$1" 15 "${@:3}" >/dev/null
    after=$(jit_ticks "$pid"); secs=$((secs + 15))
    pct=$(( (after - before) * 100 / (15 * 100) ))
    [ "$pct" -lt "$SETTLED_PCT" ] && break
  done
  WARMED="$WARMED- $label: warmed ${secs} s; JIT compiler threads ${pct} % of a core in the last 15 s"$'\n'
}

wait_port() { # pid port: until something answers on 127.0.0.1:port (bounded 120 s)
  for _ in $(seq 1 1200); do
    curl -s -o /dev/null "http://127.0.0.1:$2/" && return 0
    kill -0 "$1" 2>/dev/null || { echo "reference server died" >&2; return 1; }
    sleep 0.1
  done
  return 1
}

# The reference servers: same load as compare.sh (spread.lua, 1 wrk thread, no key), started the same
# way but waited for by port (compare.sh's fixed sleeps are too short on a busy machine).
# hazelcast: the engine floor of bench/hazelcast-floor (the minimal resource over an IMap entry processor);
# hazelcast-lean: the same with the POST routes in a plain servlet, as countd's lean path serves them.
# hazelcast-async: the POST routes in a Jetty handler whose completing partition thread writes the answer
# through the member proxy's own invocation, as countd's lean path does since 880a9d7.
reference() { # jetty|dropwizard|hazelcast|hazelcast-lean|hazelcast-async
  local p pid; p=$(port_free)
  if [ "$1" = jetty ]; then
    java -Xmx1g -jar "$REF/jetty-ceiling/target/jetty-ceiling.jar" "$p" 127.0.0.1 >/dev/null 2>&1 & pid=$!
  elif [ "$1" = hazelcast ] || [ "$1" = hazelcast-lean ] || [ "$1" = hazelcast-async ]; then
    local lean=false async=false; [ "$1" = hazelcast-lean ] && lean=true; [ "$1" = hazelcast-async ] && async=internal
    (cd bench/hazelcast-floor && exec java -Xmx1g -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -Dfloor.lean=$lean \
      -Dfloor.async=$async -Ddw.server.connector.port="$p" -jar target/hazelcast-floor.jar server config.yml) >/dev/null 2>&1 & pid=$!
  else
    (cd "$REF/dropwizard-floor" && exec java -Xmx1g -Ddw.server.connector.port="$p" -jar target/dropwizard-floor.jar server config.yml) >/dev/null 2>&1 & pid=$!
  fi
  ref_pid=$pid
  wait_port "$pid" "$p"
  local saved=$PORT; PORT=$p
  KEY_HDR=no warm_up "$pid" "$2" -- "$REF/spread.lua" "$WARMUP" "" "bench-" 10000
  KEY_HDR=no wrk_row "$2" "$REF/spread.lua" "$SECS" "" "bench-" 10000
  PORT=$saved; kill "$pid"; wait "$pid" 2>/dev/null || true; ref_pid=""
}

compare() {
  echo "### ManyCounters single increments vs the reference servers (wrk spread.lua over 10,000 counters, ${WARMUP}s warm-up, ${SECS}s, $CONNS connections)"
  for m in jetty-ceiling dropwizard-floor; do
    [ -f "$REF/$m/target/$m.jar" ] || (cd "$REF/$m" && mvn -q -B -DskipTests package >/dev/null)
  done
  [ -f bench/hazelcast-floor/target/hazelcast-floor.jar ] || ./mvnw -q -B -f bench/hazelcast-floor/pom.xml -DskipTests package >/dev/null
  echo "| server | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|"
  # ORDER=countd-first measures countd before the references (the machine's speed drifts within an hour:
  # a pair of runs in both orders tells the drift from the difference)
  [ "${ORDER:-}" = countd-first ] && compare_countd
  [ "${CEILING:-yes}" = no ] || reference jetty "bare Jetty (ceiling)"
  reference dropwizard "minimal Dropwizard (floor)"
  if [ "${ENGINE_FLOOR:-yes}" != no ]; then
    reference hazelcast "minimal Dropwizard over a Hazelcast IMap entry processor (engine floor)"
    reference hazelcast-lean "the engine floor's routes in a plain servlet (lean engine floor)"
    reference hazelcast-async "the engine floor's routes answered from the partition thread (async engine floor)"
  fi
  [ "${ORDER:-}" = countd-first ] || compare_countd
  echo
  printf '%s' "$WARMED"
}

compare_countd() {
  start_service write-behind
  warm_up "$svc_pid" countd -- "$REF/spread.lua" "$WARMUP" "" "bench-" 10000
  wrk_row "countd (write-behind, auth, rate limit, metrics)" "$REF/spread.lua" "$SECS" "" "bench-" 10000
  stop_service
}

# interleaved: countd and the minimal Dropwizard floor run side by side, both warmed (as compare warms them), then
# ROUNDS rounds of SECS s each, one slice per server, the order alternating (countd first in odd rounds): the
# machine's drift within the hour, which swung compare's sequential runs by a quarter, hits both alike. Prints every
# slice with the server's CPU per request (utime + stime over the slice) and the mean of the per-round ratios.
interleaved() {
  local rounds=${ROUNDS:-6}
  echo "### ManyCounters: countd and the floor side by side (wrk spread.lua over 10,000 counters, $rounds rounds of ${SECS}s each, $CONNS connections)"
  [ -f "$REF/dropwizard-floor/target/dropwizard-floor.jar" ] || (cd "$REF/dropwizard-floor" && mvn -q -B -DskipTests package >/dev/null)
  start_service write-behind
  local cport=$PORT cpid=$svc_pid fport fpid
  fport=$(port_free)
  (cd "$REF/dropwizard-floor" && exec java -Xmx1g $JAVA_REF_OPTS -Ddw.server.connector.port="$fport" -jar target/dropwizard-floor.jar server config.yml) >/dev/null 2>&1 & fpid=$!
  ref_pid=$fpid
  wait_port "$fpid" "$fport"
  PORT=$cport warm_up "$cpid" countd -- "$REF/spread.lua" "$WARMUP" "" "bench-" 10000
  PORT=$fport KEY_HDR=no warm_up "$fpid" "floor" -- "$REF/spread.lua" "$WARMUP" "" "bench-" 10000
  exec 3>&1 # the slices' rows: interleaved_slice runs in $(...), whose stdout is its req/s
  echo "| round | server | req/s | p50 ms | p99 ms | errors | server CPU us per request |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  local r ratios="" c f
  for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) = 1 ]; then
      c=$(interleaved_slice "$r" countd "$cport" "$cpid" yes); f=$(interleaved_slice "$r" floor "$fport" "$fpid" no)
    else
      f=$(interleaved_slice "$r" floor "$fport" "$fpid" no); c=$(interleaved_slice "$r" countd "$cport" "$cpid" yes)
    fi
    ratios="$ratios $(awk -v c="$c" -v f="$f" 'BEGIN { printf "%.3f", (f > 0 ? c / f : 0) }')"
  done
  echo
  echo "countd / floor per round:$ratios"
  echo "$ratios" | awk '{ s = 0; mn = 1e9; mx = 0; for (i = 1; i <= NF; i++) { s += $i; if ($i < mn) mn = $i; if ($i > mx) mx = $i }
    printf "mean %.2fx (rounds %.2fx-%.2fx)\n", s / NF, mn, mx }'
  printf '%s' "$WARMED"
  PORT=$cport
  stop_service
}

# interleaved_slice ROUND LABEL PORT PID KEY(yes|no): the table row goes to fd 3 (interleaved's stdout), req/s to stdout
interleaved_slice() {
  local cpu0 row rps; cpu0=$(cpu_ticks "$4")
  row=$(PORT=$3 KEY_HDR=$5 wrk_row "$2" "$REF/spread.lua" "$SECS" "" "bench-" 10000)
  rps=$(echo "$row" | awk -F'|' '{ print $3 + 0 }')
  echo "$row" | awk -F'|' -v r="$1" -v cpu="$(( $(cpu_ticks "$4") - cpu0 ))" -v secs="$SECS" \
    '{ n = $3 * secs; printf "| %s |%s|%s|%s|%s|%s| %.0f |\n", r, $2, $3, $4, $5, $6, (n > 0 ? cpu * 10000 / n : 0) }' >&3
  echo "$rps"
}

modes() {
  echo "### Persistence modes (wrk spread over 10,000 counters, ${WARMUP}s warm-up, ${SECS}s, $CONNS connections)"
  echo "| mode | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|"
  for mode in ${MODES:-write-behind write-through write-through-direct}; do
    start_service "$mode"
    warm_up "$svc_pid" "$mode" -- "$REF/spread.lua" "$WARMUP" "" "bench-" 10000
    wrk_row "$mode" "$REF/spread.lua" "$SECS" "" "bench-" 10000
    stop_service
  done
  echo
  printf '%s' "$WARMED"; WARMED=""
}

batch() {
  # Two workload shapes x two response forms; one server, one long warm-up, then each figure after a
  # short warm-up of its own. BATCH_SHAPES="distinct hot", BATCH_PREFER="full minimal".
  local ops=${BATCH_OPS:-1000} conns=${BATCH_CONNS:-8}
  echo "### Batch route (wrk, $ops increments per batch, $conns connections, ${SECS}s each after ${WARMUP}s warm-up)"
  echo "| shape | response | batches/s | increments/s | p50 ms | p99 ms | errors | load average (1 min) | server CPU us/increment |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  start_service write-behind
  CONNS=$conns wrk_row warmup bench/batch.lua "$WARMUP" "$ops" 1000 "batch-" distinct full >/dev/null
  CONNS=$conns wrk_row warmup bench/batch.lua "$WARMUP" "$ops" 10 "hot-" hot minimal >/dev/null
  local shape prefer n prefix
  for shape in ${BATCH_SHAPES:-distinct hot}; do
    if [ "$shape" = hot ]; then n=10; prefix="hot-"; else n=1000; prefix="batch-"; fi
    for prefer in ${BATCH_PREFER:-full minimal}; do
      CONNS=$conns wrk_row warmup bench/batch.lua "${BATCH_SWITCH_WARMUP:-10}" "$ops" "$n" "$prefix" "$shape" "$prefer" >/dev/null
      local load cpu0 row; load=$(cut -d' ' -f1 /proc/loadavg); cpu0=$(cpu_ticks "$svc_pid")
      row=$(CONNS=$conns wrk_row "$shape ($ops ops over $n counters)" bench/batch.lua "$SECS" "$ops" "$n" "$prefix" "$shape" "$prefer")
      # CPU time the server spent per increment: unlike increments/s, it hardly depends on how much of
      # the machine other jobs take (utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms)
      echo "$row" | awk -F'|' -v ops="$ops" -v pr="$prefer" -v la="$load" -v secs="$SECS" -v cpu="$(( $(cpu_ticks "$svc_pid") - cpu0 ))" \
        '{ inc = $3 * ops * secs; printf "|%s| %s | %.1f | %.0f |%s|%s|%s| %s | %.2f |\n", $2, pr, $3, $3*ops, $4, $5, $6, la, (inc > 0 ? cpu * 10000 / inc : 0) }'
    done
  done
  stop_service
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

p99() {
  # Peak: closed-loop wrk (32 connections, spread.lua) after the warm-up. Then half that rate, paced by
  # bench/paced.lua (a light generator: wrk takes far less CPU than Gatling on the same two cores),
  # (its achieved rate is printed beside the figures). P99_GATLING=yes adds Gatling's ManyCounters in the
  # open model at the same rate: Gatling's own CPU then competes with the server for the same two cores
  # (one new virtual user per request), and at this rate its latencies are mostly the generator's.
  local secs=${P99_SECS:-30}
  echo "### p99 at half the peak rate (${WARMUP}s warm-up; peak from wrk closed loop; ${secs}s at half of it)"
  start_service write-behind
  wrk_row warmup "$REF/spread.lua" "$WARMUP" "" "bench-" 10000 >/dev/null
  local peak; peak=$(wrk_row peak "$REF/spread.lua" "$SECS" "" "bench-" 10000 | awk -F'|' '{print int($3)}')
  [ "${peak:-0}" -ge 2 ] || { echo "no peak measured (wrk answered nothing?)" >&2; stop_service; return 1; }
  local half=$(( peak / 2 )) rate achieved probes=""
  # the pause of paced.lua does not count response times, and how much of each cycle they take depends on
  # the rate: 10 s probes scale the asked rate until one achieves half the peak within 3 % (at most 3 probes)
  rate=$half
  for _ in 1 2 3; do
    achieved=$(paced_run "$rate" 10 | sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+).*/\1 \2/' | awk '{print int($1/$2)}')
    probes="$probes${probes:+, }$rate gave $achieved"
    [ "$achieved" -gt 0 ] || break
    local next=$(( rate * half / achieved ))
    [ $(( (achieved - half) * 100 / half )) -ge -3 ] && [ $(( (achieved - half) * 100 / half )) -le 3 ] && break
    rate=$next
  done
  echo "peak (wrk, $CONNS connections): $peak req/s; paced at $half req/s (asking $rate; probes: $probes)"
  local out; out=$(paced_run "$rate" "$secs")
  echo "$out" | awk -v h="$half" '{ split($2,r,"="); split($3,s,"="); printf "paced wrk: %.0f req/s (%.0f%% of peak) %s %s %s %s %s %s\n", r[2]/s[2], 50*r[2]/s[2]/h, $4, $5, $6, $7, $8, $9 }'
  if [ "${P99_GATLING:-no}" = yes ]; then
    echo "Gatling open model at $half req/s (generator on the same cores):"
    ./mvnw -B -q -pl counter-loadtest test-compile gatling:test -Dgatling.simulation=dev.countd.loadtest.ManyCounters \
      -DbaseUrl="http://127.0.0.1:$PORT" -DapiKey="$KEY" -Drate="$half" -Dduration="$secs" -Dp99Ms=10 \
      2>&1 | grep -E "request count|mean throughput|50th percentile|99th percentile|consistency|Global:|FAILED" || true
  fi
  stop_service
}

paced_run() { # rate seconds -> the PACED line of bench/paced.lua
  RATE=$1 CONNS=$CONNS wrk -t1 -c"$CONNS" -d"$2s" --timeout 10s -s bench/paced.lua -H "Authorization: Bearer $KEY" \
    "http://127.0.0.1:$PORT" | grep PACED
}

# reference_startup dropwizard|hazelcast -> the ms from launch to the reference's first 200 on an increment
reference_startup() {
  local p pid t0; p=$(port_free); t0=$(now_ms)
  if [ "$1" = hazelcast ]; then
    (cd bench/hazelcast-floor && exec java -Xmx1g $JAVA_REF_OPTS -Ddw.server.connector.port="$p" -jar target/hazelcast-floor.jar server config.yml) >/dev/null 2>&1 & pid=$!
  else
    (cd "$REF/dropwizard-floor" && exec java -Xmx1g $JAVA_REF_OPTS -Ddw.server.connector.port="$p" -jar target/dropwizard-floor.jar server config.yml) >/dev/null 2>&1 & pid=$!
  fi
  ref_pid=$pid
  for _ in $(seq 1 2400); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$p/counters/start/increment")" = 200 ]; then
      echo $(( $(now_ms) - t0 )); break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "reference server died" >&2; break; }
    sleep 0.05
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; ref_pid=""
}

# Each run starts countd (bare, and with the class archive that `package` trains beside the jar, as the README's
# start command uses it; -Xshare:on, so an archive the JVM cannot use fails loudly instead of timing a bare start)
# and the two floors one after the other (interleaved, so drift hits all alike; the two countd starts swap places
# every run): the floor is Dropwizard's own start-up, the engine floor adds one Hazelcast member. JAVA_OPTS reaches
# countd only (an AppCDS archive is trained for one jar); JAVA_REF_OPTS the floors. STARTUP_RUNS (default 3). A JAR
# built with -Dcds.skip=true has no archive: its column shows "-".
startup() {
  echo "### Start-up to the first served request (launch of java -jar to the first 200; countd: an authenticated read)"
  [ -f "$REF/dropwizard-floor/target/dropwizard-floor.jar" ] || (cd "$REF/dropwizard-floor" && mvn -q -B -DskipTests package >/dev/null)
  [ -f bench/hazelcast-floor/target/hazelcast-floor.jar ] || ./mvnw -q -B -f bench/hazelcast-floor/pom.xml -DskipTests package >/dev/null
  local archive="${JAR%.jar}.jsa" plain_opts=$JAVA_OPTS
  echo "| run | countd ms | countd with the build's class archive ms | minimal Dropwizard (floor) ms | Dropwizard + one Hazelcast member (engine floor) ms |"
  echo "|---|---:|---:|---:|---:|"
  for i in $(seq 1 "${STARTUP_RUNS:-3}"); do
    local countd archived="-" first
    for first in bare archived; do
      if [ $((i % 2)) = 0 ]; then [ "$first" = bare ] && first=archived || first=bare; fi
      if [ "$first" = bare ]; then
        start_service write-behind; countd=$STARTUP_MS; stop_service
      elif [ -f "$archive" ]; then
        JAVA_OPTS="$plain_opts -Xshare:on -XX:SharedArchiveFile=$archive"
        start_service write-behind; archived=$STARTUP_MS; stop_service
        JAVA_OPTS=$plain_opts
      fi
    done
    echo "| $i | $countd | $archived | $(reference_startup dropwizard) | $(reference_startup hazelcast) |"
  done
}

# the test classpath of counter-core (for the benchmark mains under its src/test)
core_classpath() {
  # Maven's own output goes to stderr: only the classpath may reach the caller's $(...)
  if ./mvnw -q -B -o -pl counter-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >&2; then
    echo "counter-core/target/test-classes:counter-core/target/classes:$(cat counter-core/target/bench-cp.txt)"
  else
    # offline without the dependency plugin's own dependencies: take the test classpath the compiler used
    ./mvnw -B -o -X -pl counter-core test-compile 2>/dev/null | grep "(f) testPath = " | sed 's/.*testPath = \[//; s/\]$//; s/, /:/g'
  fi
}

core() {
  echo "### One increment in the core alone (CounterService.mutate, no HTTP; 32 callers, 10,000 counters, ${WARMUP}s warm-up, ${CORE_SECS:-20}s)"
  local cp; cp=$(core_classpath)
  java -Xmx"$HEAP" $JAVA_OPTS -Dhazelcast.logging.type=none -Dmode="${CORE_MODE:-WRITE_BEHIND}" -cp "$cp" \
    dev.countd.core.bench.IncrementCost 32 10000 "$WARMUP" "${CORE_SECS:-20}" 2>&1 | grep INCREMENT_COST
}

heap() {
  echo "### Heap per counter (1,000,000 counters, real CounterCluster.config, MapStore that keeps nothing)"
  local cp; cp=$(core_classpath)
  for b in ${BACKUPS:-0 1}; do
    java -Xmx6g -Dhazelcast.logging.type=none -DrememberedOps=${REMEMBERED_OPS:-0} ${COUNTER_FORMAT:+-DcounterFormat=$COUNTER_FORMAT} \
      -cp "$cp" dev.countd.core.bench.HeapPerCounter "${COUNTERS:-1000000}" "$b" 2>&1 \
      | grep -E "^(members|heap used|HEAP_PER|serialized|LIST)"
    # the engine's own floor in the same run: the same keys and map settings, a Long value, no MapStore
    [ "${ENGINE_FLOOR:-yes}" = no ] || java -Xmx6g -Dhazelcast.logging.type=none -DengineFloor=true \
      -cp "$cp" dev.countd.core.bench.HeapPerCounter "${COUNTERS:-1000000}" "$b" 2>&1 \
      | grep -E "^(members|heap used|HEAP_ENGINE_FLOOR)"
  done
}

what=${1:-default}
case $what in
  default) compare; modes; batch; p99; startup ;;
  all) compare; modes; batch; p99; startup; heap ;;
  compare|interleaved|modes|batch|p99|startup|heap|core) "$what" ;;
  *) echo "usage: $0 [all|compare|interleaved|modes|batch|p99|startup|heap|core]" >&2; exit 2 ;;
esac
