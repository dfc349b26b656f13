#!/usr/bin/env bash
# Run one Gatling simulation against a fresh local countd and print where the HTML report is.
#   counter-loadtest/run.sh SIMULATION [-Dname=value ...]
#   SIMULATION: HotCounter | ManyCounters | MixedReadWrite | Batch | RateLimited | Alerts
#   e.g. counter-loadtest/run.sh ManyCounters -Dusers=32 -Dduration=30
# Builds counter-api/target/counter-api.jar if it is missing. The simulation itself starts the server
# (embedded H2, write-behind unless -Dpersistence=write-through, 127.0.0.1 on free ports, the fixed load-test bootstrap key, a fresh data
# directory) and stops it afterwards. To run against a server you started yourself, leave this script
# and pass -DbaseUrl=... -DapiKey=... to `./mvnw -pl counter-loadtest test-compile gatling:test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sim=${1:?usage: counter-loadtest/run.sh SIMULATION [-Dname=value ...]}
shift
jar=counter-api/target/counter-api.jar
if [ ! -f "$jar" ]; then
  echo "building $jar ..."
  ./mvnw -q -B -pl counter-api -am package -DskipTests
fi
rc=0
./mvnw -B -q -pl counter-loadtest test-compile gatling:test \
  -Dgatling.simulation="dev.countd.loadtest.$sim" -Dcountd.launchJar="$root/$jar" "$@" || rc=$?
report=$(ls -dt counter-loadtest/target/gatling/*/ 2>/dev/null | head -1)
if [ -n "$report" ] && [ -f "${report}index.html" ]; then
  echo "HTML report: $root/${report}index.html"
fi
[ "$rc" -eq 0 ] && echo "$sim passed" || echo "$sim FAILED (exit $rc)" >&2
exit "$rc"
