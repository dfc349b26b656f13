#!/usr/bin/env bash
# CPU (or allocation) profile of countd under the ManyCounters wrk load, with async-profiler from Maven
# Central (tools.profiler:async-profiler, native library inside the jar; fetched by Maven on first use).
# Unlike JFR it sees the kernel and the JVM's own threads (futex waits, context switches, GC, JIT), and it
# costs less: JFR's profile settings cut this service's throughput about 4x here. Traffic: 127.0.0.1 only.
#   bench/async-profile.sh OUT.collapsed [warm-up s=90] [profiled s=20]      (EVENT=alloc for allocations)
#   python3 bench/collapsed_top.py OUT.collapsed 30 [substring]
# SERVER=lean-floor|async-floor|floor|ceiling profiles a reference server (bench/countd-server.sh) under the same load;
#   python3 bench/profile_parts.py COUNTD.collapsed REQUESTS FLOOR.collapsed REQUESTS   sets the two side by side
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
OUT=$1; WARM=${2:-90}; SECS=${3:-20}; EVENT=${EVENT:-cpu}
INTERVAL=${INTERVAL:-$([ "$EVENT" = alloc ] && echo 512k || echo 1ms)}
JAR=${JAR:-$root/counter-api/target/counter-api.jar}
AP_VERSION=4.1
lib=$root/target/async-profiler-$AP_VERSION/linux-x64/libasyncProfiler.so
if [ ! -f "$lib" ]; then
  jar=$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar
  [ -f "$jar" ] || (cd "$root" && ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:$AP_VERSION -Dtransitive=false)
  mkdir -p "$(dirname "$(dirname "$lib")")" && (cd "$(dirname "$(dirname "$lib")")" && unzip -q -o "$jar" 'linux-x64/*')
fi
# shellcheck source=countd-server.sh
source "$root/bench/countd-server.sh"
if [ "${SERVER:-countd}" = countd ]; then start_countd profile; else start_reference "$SERVER"; fi
spread=${BENCH_REF:-$root/../shared/bench}/spread.lua
wrk -t1 -c32 -d"${WARM}s" -s "$spread" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT" >/dev/null
# jcmd parses key=value pairs itself: the agent's options go in as one quoted argument
jcmd $pid JVMTI.agent_load "$lib" "\"start,event=$EVENT,interval=$INTERVAL\"" >/dev/null
wrk -t1 -c32 -d"${SECS}s" -s "$spread" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT" | grep -E "requests in|Requests/sec"
# allocations: count bytes (total), not samples; a sample stands for a whole TLAB, and busy threads get larger ones
dump=collapsed; [ "$EVENT" = alloc ] && dump=collapsed,total
jcmd $pid JVMTI.agent_load "$lib" "\"stop,file=$(realpath -m "$OUT"),$dump\"" >/dev/null
echo "profile: $OUT (python3 bench/collapsed_top.py $OUT)"
