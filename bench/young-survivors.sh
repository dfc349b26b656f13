#!/usr/bin/env bash
# What a young GC pause copies: countd under the paced ManyCounters load, a heap dump of every object (reachable or
# not) taken mid-load, and G1's region log; bench/hprof_survivors.py then counts the objects that sit in the survivor
# regions the last young pause filled (what it copied and what is still in them). Traffic: 127.0.0.1 only, bounded.
#   bench/young-survivors.sh [JAR] [LABEL]        RATE=12000 WARM=40 JAVA_OPTS=... TOP=30
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$root/counter-api/target/counter-api.jar}; LABEL=${2:-countd}
RATE=${RATE:-12000}; WARM=${WARM:-40}
out=/tmp/young-survivors-$LABEL
mkdir -p "$out"
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc,gc+age=trace,gc+region=trace:file=$out/region.log:uptime"
# shellcheck source=countd-server.sh
source "$root/bench/countd-server.sh"
start_countd survivors
cd "$root"
warm_for_paced "$WARM"
paced_load 30 >/dev/null &
load=$!
# countd-server.sh's exit trap stops the server; this one also stops the load and deletes the dump
trap 'kill $load 2>/dev/null || true; rm -f "$out/all.hprof"; kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf $D' EXIT
sleep 20
rm -f "$out/all.hprof"
# the JVM's uptime just before the dump: the log goes on after it, and only pauses before it count
before=$(jcmd "$pid" VM.uptime | tail -1 | awk '{print $1}')
jcmd "$pid" GC.heap_dump -all "$out/all.hprof" >/dev/null
wait $load || true
python3 "$root/bench/hprof_survivors.py" "$out/all.hprof" "$out/region.log" "$before" "${TOP:-30}"
rm -f "$out/all.hprof"
