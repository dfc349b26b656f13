#!/usr/bin/env bash
# One-day 1m history query over counters x days of minutes: bench/history-query.sh h2|postgres [counters] [days]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -pl counter-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "counter-core/target/classes:counter-core/target/test-classes:$(cat counter-core/target/bench.classpath)" \
  dev.countd.core.history.HistoryQueryBench "$@"
