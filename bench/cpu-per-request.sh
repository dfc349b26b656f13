#!/usr/bin/env bash
# Req/s, latency and the server's CPU per request (whole process and by thread group) for the ManyCounters
# load of ../shared/bench/spread.lua (10,000 counters, 1 wrk thread, 32 connections). Traffic: 127.0.0.1 only.
#   bench/cpu-per-request.sh JAR LABEL [warm-up s] [measured s]
#   e.g. COUNTER_LEAN_COUNTER_ROUTES=false THREADS=1 bench/cpu-per-request.sh counter-api/target/counter-api.jar jersey 45 20
# CPU comes from utime+stime in /proc (steadier than req/s on a shared machine). MODE=write-through to change mode.
# RATE=N measures at a paced N req/s (bench/paced.lua) instead of saturating the cores: steadier for comparing builds.
JAR=$1; LABEL=$2; WARM=${3:-40}; SECS=${4:-20}
# shellcheck source=countd-server.sh
source "$(dirname "$0")/countd-server.sh"
start_countd cpu
wrk -t1 -c32 -d${WARM}s -s ${BENCH_REF:-$(dirname "$0")/../../shared/bench}/spread.lua -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT >/dev/null
# paced runs touch their own 10,000 counters: create them before the measured window
[ -n "${RATE:-}" ] && RATE=$RATE CONNS=32 wrk -t1 -c32 -d10s -s "$(dirname "$0")/paced.lua" -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT >/dev/null
c0=$(awk '{print $14+$15}' /proc/$pid/stat)
# utime+stime counted after the ")" that ends the thread's name (names such as "C2 CompilerThread0" hold spaces)
snap() { for t in /proc/$pid/task/*; do echo "$(sed 's/^.*) //' $t/stat 2>/dev/null | awk "{print \$12+\$13}") $(cat $t/comm 2>/dev/null | tr " " "_" | sed -E "s/[0-9]+/N/g")"; done; }
snap > $D/t0
if [ -n "${RATE:-}" ]; then # paced: the same request rate for every build compared, so CPU per request does not ride on how saturated the cores are
  out=$(RATE=$RATE CONNS=32 wrk -t1 -c32 -d${SECS}s -s "$(dirname "$0")/paced.lua" -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT)
else
  out=$(wrk -t1 -c32 -d${SECS}s --latency -s ${BENCH_REF:-$(dirname "$0")/../../shared/bench}/spread.lua -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT)
fi
c1=$(awk '{print $14+$15}' /proc/$pid/stat)
snap > $D/t1
req=$(echo "$out" | awk '/PEERRESULT/ {for(i=2;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} print v["requests"], v["p50_us"], v["p99_us"], v["status"]+v["timeout"]+v["connect"]}
  /^PACED/ {for(i=2;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} print v["requests"], v["p50"]*1000, v["p99"]*1000, v["errors"]}')
set -- $req
echo "$LABEL: $(python3 -c "print(f'{$1/$SECS:.0f} req/s, p50 {$2/1000:.2f} ms, p99 {$3/1000:.2f} ms, errors $4, server CPU {($c1-$c0)*10000/$1:.0f} us/request')") load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${THREADS:-}" ] && python3 -c "
import collections
a=collections.Counter();b=collections.Counter()
for f,d in (('$D/t0',a),('$D/t1',b)):
    for l in open(f):
        p=l.split()
        if len(p)==2: d[p[1]]+=int(p[0])
tot=sum(b[k]-a[k] for k in b)
print('  threads (CPU ms per 1000 requests):', ', '.join(f'{k} {(b[k]-a[k])*10*1000/$1:.0f}' for k in sorted(b,key=lambda k:a[k]-b[k])[:8]))
"
exit 0
