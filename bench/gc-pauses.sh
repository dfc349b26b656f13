#!/usr/bin/env bash
# p99 at a paced rate, and the GC pauses that fall in the measured window: the number, their mean and longest, and
# (G1) the bytes each young pause copied. ManyCounters load on 127.0.0.1 only; every run is bounded in time.
#   bench/gc-pauses.sh [JAR] LABEL        RATE=16000 (what paced.lua is asked for) WARM=60 SECS=20 JAVA_OPTS=...
#   e.g. JAVA_OPTS=-XX:+UseZGC bench/gc-pauses.sh counter-api/target/counter-api.jar zgc
#   SERVER=ceiling|floor|lean-floor|async-floor: a reference server under the same load instead (bench/countd-server.sh)
# "allocated per request" (G1): the heap's growth between young pauses in the window, over the paced rate achieved
# (none with fewer than two young pauses in the window).
# The GC log (with the age table and heap sizes of each pause) stays in /tmp/gc-pauses-LABEL.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$root/counter-api/target/counter-api.jar}; LABEL=${2:-countd}
RATE=${RATE:-16000}; WARM=${WARM:-60}; SECS=${SECS:-20}
log=/tmp/gc-pauses-$LABEL.log
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc,gc+phases=debug,gc+age=trace,gc+heap=debug:file=$log:uptime"
# shellcheck source=countd-server.sh
source "$root/bench/countd-server.sh"
if [ "${SERVER:-countd}" = countd ]; then start_countd gc; else start_reference "$SERVER"; fi
cd "$root"
warm_for_paced "$WARM"
from=$(jcmd "$pid" VM.uptime | tail -1 | awk '{print $1}')
paced=$(paced_load "$SECS")
echo "$paced" | sed "s/^/$LABEL: /"
reqs=$(echo "$paced" | sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+).*/\1 \2/' | awk '{ printf "%.0f", $1 / $2 }')
# the log's lines start with the JVM's uptime, "[123.456s]": only pauses after the window opened count
awk -v from="$from" -v reqs="$reqs" '{ t = $1; gsub(/[][s]/, "", t) }
  t + 0 > from && /Pause/ && /ms$/ && !/Try Complete/ {  # ZGC logs a sub-phase of Mark End as a pause too
  ms = $NF + 0; n++; sum += ms; if (ms > max) max = ms }
  # G1: what was allocated between two young pauses in the window is the heap before the second less the heap after
  # the first (MiB); an interval with any other pause in it (remark, cleanup, full) is left out, as it freed more
  /Pause/ && !/Pause Young/ && t + 0 > from { seen = 0 }
  t + 0 > from && /Pause Young/ && match($0, /[0-9]+M->[0-9]+M/) {
    split(substr($0, RSTART, RLENGTH - 1), h, "M->")
    if (seen) { allocated += h[1] - after; span += t - last_t }
    after = h[2]; last_t = t; seen = 1 }
  t + 0 > from && /Copied Bytes/ { split($0, b, "Sum:"); copies++; copied += b[2] }
  END { printf "  pauses in the window: %d, mean %.2f ms, longest %.2f ms", n, n ? sum / n : 0, max
        if (copies) printf "; copied per young pause %.1f MB", copied / copies / 1e6
        if (span > 0 && reqs > 0) printf "; allocated %.1f KiB per request (%.0f MiB/s)", allocated * 1024 / span / reqs, allocated / span
        print "" }' "$log"
