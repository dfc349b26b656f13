#!/usr/bin/env python3
"""Summarise a JFR recording's CPU samples: top frames by self time and by inclusive time.

usage: python3 bench/jfr_top.py recording.jfr [N=20] [FILTER=substring for the inclusive list]
(runs `jfr print --events jdk.ExecutionSample`; JDK 17's jfr has no summary of stacks)
"""
import collections
import re
import subprocess
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
needle = sys.argv[3] if len(sys.argv) > 3 else ""
text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                      capture_output=True, text=True, check=True).stdout
self_counts, inclusive, groups = collections.Counter(), collections.Counter(), collections.Counter()
GROUPS = ["org.eclipse.jetty", "org.glassfish.jersey", "com.hazelcast", "io.github.bucket4j", "org.h2", "org.jdbi",
          "com.fasterxml.jackson", "ch.qos.logback", "io.dropwizard", "dev.countd", "java.util.zip", "jdk.jfr"]
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = [f for f in re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)]
    if not frames:
        continue
    self_counts[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
    for group in GROUPS:
        if any(frame.startswith(group) for frame in frames):
            groups[group] += 1
total = sum(self_counts.values())
print(f"{total} samples")
print("inclusive time by library (a sample counts once per library on its stack):")
for group, count in groups.most_common():
    print(f"  {100 * count / total:5.1f}%  {group}")
print("self time:")
for frame, count in self_counts.most_common(n):
    print(f"  {100 * count / total:5.1f}%  {frame}")
print("inclusive time" + (f" (frames containing '{needle}')" if needle else "") + ":")
shown = 0
for frame, count in inclusive.most_common():
    if needle in frame:
        print(f"  {100 * count / total:5.1f}%  {frame}")
        shown += 1
        if shown == n:
            break
