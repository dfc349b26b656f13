#!/bin/sh
# Trains an AppCDS archive for countd (used by docker/Dockerfile; works on any machine with a JDK 17 and curl).
# It starts the jar once with -XX:ArchiveClassesAtExit on a throwaway data dir (embedded H2, loopback only),
# sends the requests of a typical day (key check, lean and Jersey increments, reads, a batch, an error, the
# dashboard's login page, health and metrics), then stops it with SIGTERM; the JVM writes the archive as it
# exits. A JVM started later with -XX:SharedArchiveFile=ARCHIVE, the same JDK build and the same jar path maps
# those classes instead of loading, verifying and linking them again (start-up about 40 % shorter, see
# docs/benchmarks.md). A JVM that cannot use the archive says so in a warning and starts without it.
#   docker/cds-train.sh /abs/path/counter-api.jar /abs/path/countd.jsa
# JAVA=... picks the java binary; the ports are CDS_TRAIN_PORT (default 18080), CDS_TRAIN_ADMIN_PORT and
# CDS_TRAIN_HAZELCAST_PORT (default the next two).
set -eu
jar=${1:?usage: cds-train.sh JAR ARCHIVE}
archive=${2:?usage: cds-train.sh JAR ARCHIVE}
java=${JAVA:-java}
port=${CDS_TRAIN_PORT:-18080}
admin_port=${CDS_TRAIN_ADMIN_PORT:-$((port + 1))}
hazelcast_port=${CDS_TRAIN_HAZELCAST_PORT:-$((port + 2))}
case $jar in
  /*) ;;
  *) echo "cds-train: give the jar's absolute path: the archive records it, and a JVM launching the jar by any other path ignores the archive" >&2
     exit 2 ;;
esac
[ -f "$jar" ] || { echo "cds-train: no jar at $jar" >&2; exit 2; }

dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "cds-train: $1; the server's last lines:" >&2
  tail -n 40 "$dir/log" >&2 || true
  exit 1
}

# A key and a password that exist only in this throwaway data dir, which is deleted at the end. The small heap
# keeps compressed oops on whatever machine builds the image (a heap over 32 GB turns them off, and an archive
# written without them is ignored by every JVM that has them); heap size itself does not bind the archive.
key=ck_cdstrain_TrainingOnlyKeyNotASecret0000000000000000
rm -f "$archive"
env COUNTER_BIND_HOST=127.0.0.1 COUNTER_ADMIN_BIND_HOST=127.0.0.1 COUNTER_PORT="$port" \
    COUNTER_ADMIN_PORT="$admin_port" COUNTER_HAZELCAST_PORT="$hazelcast_port" COUNTER_HAZELCAST_BIND=127.0.0.1 \
    COUNTER_CLUSTER_NAME="cds-train-$port" COUNTER_CLUSTER_MEMBERS= COUNTER_CLUSTER_MULTICAST=false \
    COUNTER_DATA_DIR="$dir/data" COUNTER_DB_URL= COUNTER_BOOTSTRAP_API_KEY="$key" \
    COUNTER_ADMIN_PASSWORD=cds-training-only-password COUNTER_DRAIN_DELAY=0s \
    "$java" -Xmx512m -XX:ArchiveClassesAtExit="$archive" -jar "$jar" server > "$dir/log" 2>&1 &
pid=$!

api="http://127.0.0.1:$port"
auth="Authorization: Bearer $key"
status() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }
tries=0
until [ "$(status -H "$auth" "$api/counters?limit=1")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || fail "the server exited before it answered"
  tries=$((tries + 1))
  [ "$tries" -le 1800 ] || fail "no answer within 180 s"
  sleep 0.1
done

# Each kind of request once or a few times: the classes of every path a real start serves get archived.
expect() {
  want=$1; shift
  got=$(status "$@")
  [ "$got" = "$want" ] || fail "expected $want, got $got for: $*"
}
for i in 1 2 3; do
  expect 200 -X POST -H "$auth" "$api/counters/cds-train/increment"
  expect 200 -X POST -H "$auth" "$api/counters/cds-train/decrement?by=1"
done
expect 200 -X POST -H "$auth" -H 'Idempotency-Key: cds-train-1' -H 'Content-Type: application/json' \
  -d '{"by": 2}' "$api/counters/cds-train/increment"
expect 200 -H "$auth" "$api/counters/cds-train"
expect 200 -H "$auth" "$api/counters?prefix=cds-"
expect 200 -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d '{"operations": [{"op": "increment", "name": "cds-train-b", "by": 1}]}' "$api/counters/_batch"
expect 404 -H "$auth" "$api/counters/cds-train-missing"
expect 401 "$api/counters/cds-train"
expect 200 "$api/admin/login"
expect 200 "http://127.0.0.1:$admin_port/healthcheck"
expect 200 "http://127.0.0.1:$admin_port/prometheus"

kill -TERM "$pid"
wait "$pid" || true # 143 after SIGTERM: a normal stop
pid=
[ -s "$archive" ] || fail "the JVM wrote no archive at $archive"
echo "cds-train: wrote $archive ($(wc -c < "$archive") bytes) for $jar"
