#!/bin/sh
# Trains an AppCDS archive for countd (used by docker/Dockerfile; works on any machine with a JDK 17 and sh).
# It runs the jar's ClassArchiveTraining once with -XX:ArchiveClassesAtExit, the same training `package` runs for
# target/counter-api.jsa: countd starts in that JVM on a throwaway data dir and key (embedded H2, one member on
# the first free port from 5701, loopback only, HTTP ports the kernel picks, COUNTER_* variables ignored), gets one
# request of each common kind (key
# check, lean and Jersey increments, reads, a batch, errors, the dashboard's login page, health and metrics), and
# stops; the JVM writes the archive as it exits. Last it starts the jar with -Xshare:on, which refuses to start
# unless the archive can be used with this java, these JVM flags (JAVA_TOOL_OPTIONS included) and this jar path. A
# JVM started later with -XX:SharedArchiveFile=ARCHIVE maps those classes instead of loading, verifying and linking
# them again (start-up about a third shorter, see docs/benchmarks.md). A JVM that cannot use the archive (another
# JDK build, the jar rebuilt, a heap over 32 GB) starts without it, often silently: check with -Xshare:on or
# -Xlog:cds.
#   docker/cds-train.sh /abs/path/counter-api.jar /abs/path/countd.jsa
# JAVA=... picks the java binary.
set -eu
jar=${1:?usage: cds-train.sh JAR ARCHIVE}
archive=${2:?usage: cds-train.sh JAR ARCHIVE}
java=${JAVA:-java}
case $jar in
  /*) ;;
  *) echo "cds-train: give the jar's absolute path: the archive records it" >&2
     exit 2 ;;
esac
[ -f "$jar" ] || { echo "cds-train: no jar at $jar" >&2; exit 2; }

# The check at the end runs on built-in defaults only: settings of the calling environment (a disabled dashboard, a
# database URL) would change what it reads.
for variable in $(env | sed -n 's/^\(COUNTER_[A-Za-z0-9_]*\)=.*/\1/p'); do
  unset "$variable"
done

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# dash runs no EXIT trap when a signal ends it: turn the signals into exits, so the training's data dir (under
# $dir, its java.io.tmpdir) goes too
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# The small heap keeps compressed oops on whatever machine builds the image (a heap over 32 GB turns them off, and
# an archive written without them is not used by a JVM that has them); heap size itself does not bind the archive.
# The training prints its own failure and the server's last lines.
rm -f "$archive"
"$java" -Xmx512m -Xlog:'cds*=error' -Djava.io.tmpdir="$dir" -XX:ArchiveClassesAtExit="$archive" -cp "$jar" \
    dev.countd.api.startup.ClassArchiveTraining "$dir/training.log" \
  || { echo "cds-train: the training start failed" >&2; exit 1; }
[ -s "$archive" ] || { echo "cds-train: the JVM wrote no archive at $archive" >&2; exit 1; }

# The archive must be usable with this java, these flags and this jar path; -Xshare:on refuses to start otherwise.
"$java" -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" check > "$dir/check.log" 2>&1 || {
  echo "cds-train: a JVM with this environment's flags cannot use the archive (compressed oops off?):" >&2
  tail -n 20 "$dir/check.log" >&2
  exit 1
}
echo "cds-train: wrote $archive ($(wc -c < "$archive") bytes) for $jar"
