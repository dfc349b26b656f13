#!/bin/sh
# Trains an AppCDS archive for countd (used by docker/Dockerfile; works on any machine with a JDK 17 and curl).
# It starts the jar once with -XX:ArchiveClassesAtExit on a throwaway data dir (embedded H2, one member,
# loopback only), sends one request of each common kind (key check, lean and Jersey increments, reads, a batch,
# errors, the dashboard's login page, health and metrics), then stops it with SIGTERM; the JVM writes the
# archive as it exits. Last it starts the jar with -Xshare:on, which refuses to start unless the archive can be
# used with this java, these JVM flags (JAVA_TOOL_OPTIONS included) and this jar path. A JVM started later with
# -XX:SharedArchiveFile=ARCHIVE maps those classes instead of loading, verifying and linking them again (start-up
# about a third shorter, see docs/benchmarks.md). A JVM that cannot use the archive (another JDK build, the jar
# moved or rebuilt, another GC than at training, a heap over 32 GB) starts without it, often silently: check with
# -Xshare:on or -Xlog:cds.
#   docker/cds-train.sh /abs/path/counter-api.jar /abs/path/countd.jsa
# JAVA=... picks the java binary; the ports are CDS_TRAIN_PORT (default 18080), CDS_TRAIN_ADMIN_PORT and
# CDS_TRAIN_HAZELCAST_PORT (default the next two); CDS_TRAIN_TIMEOUT bounds the start and the stop (s, default 300).
set -eu
jar=${1:?usage: cds-train.sh JAR ARCHIVE}
archive=${2:?usage: cds-train.sh JAR ARCHIVE}
java=${JAVA:-java}
port=${CDS_TRAIN_PORT:-18080}
admin_port=${CDS_TRAIN_ADMIN_PORT:-$((port + 1))}
hazelcast_port=${CDS_TRAIN_HAZELCAST_PORT:-$((port + 2))}
timeout=${CDS_TRAIN_TIMEOUT:-300}
case $jar in
  /*) ;;
  *) echo "cds-train: give the jar's absolute path: the archive records it, and a later start must name the same file" >&2
     exit 2 ;;
esac
[ -f "$jar" ] || { echo "cds-train: no jar at $jar" >&2; exit 2; }
command -v curl > /dev/null || { echo "cds-train: needs curl" >&2; exit 2; }

# The training runs on built-in defaults only: settings of the calling environment (a disabled dashboard, a
# minimum cluster size, a database URL) would change what is trained or stop it.
for variable in $(env | sed -n 's/^\(COUNTER_[A-Za-z0-9_]*\)=.*/\1/p'); do
  unset "$variable"
done

dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
# dash runs no EXIT trap when a signal ends it: turn the signals into exits, so the JVM and the data dir go too
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
fail() {
  echo "cds-train: $1; the server's last lines:" >&2
  tail -n 40 "$dir/log" >&2 || true
  exit 1
}

# A key and a password that exist only in this throwaway data dir, which is deleted at the end. The small heap
# keeps compressed oops on whatever machine builds the image (a heap over 32 GB turns them off, and an archive
# written without them is not used by a JVM that has them); heap size itself does not bind the archive.
key=ck_cdstrain_TrainingOnlyKeyNotASecret0000000000000000
rm -f "$archive"
env COUNTER_BIND_HOST=127.0.0.1 COUNTER_ADMIN_BIND_HOST=127.0.0.1 COUNTER_PORT="$port" \
    COUNTER_ADMIN_PORT="$admin_port" COUNTER_HAZELCAST_PORT="$hazelcast_port" COUNTER_HAZELCAST_BIND=127.0.0.1 \
    COUNTER_CLUSTER_NAME="cds-train-$port" COUNTER_DATA_DIR="$dir/data" COUNTER_BOOTSTRAP_API_KEY="$key" \
    COUNTER_ADMIN_PASSWORD=cds-training-only-password COUNTER_DRAIN_DELAY=0s \
    "$java" -Xmx512m -XX:ArchiveClassesAtExit="$archive" -jar "$jar" server > "$dir/log" 2>&1 &
pid=$!

api="http://127.0.0.1:$port"
auth="Authorization: Bearer $key"
status() { curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$@" || true; }
tries=0
until [ "$(status -H "$auth" "$api/counters?limit=1")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || fail "the server exited before it answered"
  tries=$((tries + 1))
  [ "$tries" -le $((timeout * 10)) ] || fail "no answer within $timeout s"
  sleep 0.1
done

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
tries=0
while kill -0 "$pid" 2>/dev/null; do # a stop that hangs must not hang the image build
  tries=$((tries + 1))
  [ "$tries" -le $((timeout * 10)) ] || fail "the server did not stop within $timeout s of SIGTERM"
  sleep 0.1
done
wait "$pid" || true # 143 after SIGTERM: a normal stop
pid=
[ -s "$archive" ] || fail "the JVM wrote no archive at $archive"

# The archive must be usable with this java, these flags and this jar path; -Xshare:on refuses to start otherwise.
"$java" -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" check > "$dir/log" 2>&1 \
  || fail "a JVM with this environment's flags cannot use the archive (compressed oops off?)"
echo "cds-train: wrote $archive ($(wc -c < "$archive") bytes) for $jar"
