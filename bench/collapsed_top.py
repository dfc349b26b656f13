#!/usr/bin/env python3
"""Summarise an async-profiler collapsed-stack file: samples by thread root, top frames by self and by
inclusive share, and the share of named parts of the request path.

usage: python3 bench/collapsed_top.py profile.collapsed [N=30] [SUBSTRING: only stacks containing it]
"""
import collections
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
needle = sys.argv[3] if len(sys.argv) > 3 else None
PARTS = ["HotCounterRoutes.doFilter", "ApiKeyRegistry.authenticate", "RateLimiter.tryConsume",
         "MapProxyImpl.executeOnKey", "CounterMutationProcessor", "CounterMapStore.storeAll", "HistoryStore.write",
         "RequestLog", "AsyncAppender", "Unsafe.park", "Unsafe.unpark", "G1", "CompileBroker"]
self_counts, inclusive, roots, parts = (collections.Counter() for _ in range(4))
total = 0
for line in open(path):
    stack, _, count = line.rstrip().rpartition(" ")
    count = int(count)
    frames = stack.split(";")
    if needle and not any(needle in f for f in frames):
        continue
    total += count
    self_counts[frames[-1]] += count
    for frame in set(frames):
        inclusive[frame] += count
    roots[frames[0][:40]] += count
    for part in PARTS:
        if part in stack:
            parts[part] += count
if total == 0:
    sys.exit("no samples")
print(f"{total} samples")
for title, counter, k in (("by thread root", roots, 8), ("self", self_counts, n), ("inclusive", inclusive, n),
                          ("parts of the request path (inclusive)", parts, len(PARTS))):
    print(title + ":")
    for name, c in counter.most_common(k):
        print(f"  {c * 100 / total:5.1f}%  {name}")
