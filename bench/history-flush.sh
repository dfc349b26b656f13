#!/usr/bin/env bash
# Increments/s with history off vs on: bench/history-flush.sh [write-through|write-behind] [seconds] [threads] [counters]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -pl counter-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "counter-core/target/classes:counter-core/target/test-classes:$(cat counter-core/target/bench.classpath)" \
  dev.countd.core.history.HistoryFlushBench "$@"
