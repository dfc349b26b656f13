#!/usr/bin/env bash
# Start-up with stored counters: the time from `java -jar` to the first served request when the embedded database
# already holds COUNT counters (the map loads them all before it serves), and one of them read back. The rows are
# inserted straight into an H2 file the service migrated on a first start; each variant starts on its own copy.
#   bench/startup-stored.sh [JAR] [COUNT=1000000]     VARIANTS="small-cache default-cache" HEAP=2g
# small-cache is the built-in URL's CACHE_SIZE=1024 (1 MB), default-cache H2's own (16 MB). The URL
# is given explicitly, so both run without the write-through journal (write-behind; nothing is written here).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$root/counter-api/target/counter-api.jar}; COUNT=${2:-1000000}
HEAP=${HEAP:-2g}; VARIANTS=${VARIANTS:-small-cache default-cache}
KEY=ck_loadtest_LoadTestOnlyNotASecret000000000000000000
h2=$(find "$HOME/.m2/repository/com/h2database/h2" -name 'h2-2*.jar' | sort | tail -1)
base=$(mktemp -d /tmp/countd-stored-XXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$base"' EXIT

# start DIR URL_SUFFIX LABEL: prints the ms to the first 200 and the stored value of one counter
start() {
  local dir=$1 suffix=$2 label=$3 port=$((20000 + RANDOM % 12000)) t0 t1 body
  t0=$(date +%s%3N)
  COUNTER_BIND_HOST=127.0.0.1 COUNTER_PORT=$port COUNTER_ADMIN_PORT=$((port+1)) COUNTER_HAZELCAST_PORT=$((port+2)) \
  COUNTER_CLUSTER_NAME="stored-$port" COUNTER_DATA_DIR="$dir/data" COUNTER_PERSISTENCE_MODE=write-behind \
  COUNTER_DB_URL="jdbc:h2:file:$dir/countd;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE$suffix" \
  COUNTER_BOOTSTRAP_API_KEY=$KEY java -Xmx"$HEAP" -jar "$JAR" server > "$dir/server.log" 2>&1 & pid=$!
  for _ in $(seq 1 12000); do  # at most 10 minutes
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$port/counters?limit=1")" = 200 ] && break
    kill -0 $pid 2>/dev/null || { echo "$label: the service died; log: $dir/server.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%3N)
  body=$(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$port/counters/c-$((COUNT / 2))")
  echo "$label: first 200 after $((t1 - t0)) ms with $COUNT stored counters; c-$((COUNT / 2)) $(grep -o '"value":[0-9]*' <<<"$body")"
  kill $pid; wait $pid 2>/dev/null || true; pid=""
}

mkdir -p "$base/seed"
start "$base/seed" "" migrate >/dev/null  # Flyway creates the tables
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$base/seed/countd" -user "" -password "" -sql \
  "INSERT INTO counters (namespace, name, format, counter_value, min_value, max_value, initial_value, overflow, version,
     description, labels, created_at, updated_at)
   SELECT 'default', 'c-' || X, 2, X, 0, 9223372036854775807, 0, 'REJECT', 1, '', '{}', 0, 0 FROM SYSTEM_RANGE(1, $COUNT)" >/dev/null
for variant in $VARIANTS; do
  mkdir -p "$base/$variant" && cp "$base/seed/countd.mv.db" "$base/$variant/"
  case $variant in
    small-cache) start "$base/$variant" ";CACHE_SIZE=1024" "$variant" ;;
    default-cache) start "$base/$variant" "" "$variant" ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
done
