#!/usr/bin/env python3
"""Two async-profiler CPU profiles (collapsed stacks, 1 ms interval) of the same load, set side by side in
microseconds of CPU per request, by part of the work: countd against the lean engine floor, or two builds.
A sample is 1 ms of CPU, so a part's cost per request is its samples x 1000 / the requests served while
profiling (bench/async-profile.sh prints them: "N requests in ...").

usage: python3 bench/profile_parts.py A.collapsed A_REQUESTS B.collapsed B_REQUESTS
"""
import collections
import sys

# first match wins; each entry: (part, substrings that must all be in the stack)
PARTS = [
    ("JIT compiler", ["CompileBroker"]),
    ("GC threads", ["start_thread", "G1"]),
    ("GC threads", ["GangWorker"]),
    ("write-behind store", ["StoreWorker"]),
    ("history flush", ["HistoryFlusher"]),
    ("request log threads", ["AsyncAppender"]),
    ("request log threads", ["RequestLog.writeUntilStopped"]),
    ("partition thread: answer and wake caller", ["OperationThread", "sendResponse"]),
    ("partition thread: wait for work", ["OperationThread", "OperationQueueImpl.take"]),
    ("partition thread: entry processor", ["OperationThread", "CounterMutationProcessor"]),
    ("partition thread: entry processor", ["OperationThread", "LeanCounterServlet"]),
    ("partition thread: entry processor", ["OperationThread", "CounterResource$Add"]),
    ("partition thread: other", ["OperationThread"]),
    ("request: executeOnKey wait", ["executeOnKey", "park"]),
    ("request: executeOnKey other", ["executeOnKey"]),
    ("request: auth", ["ApiKeyAuthFilter.check"]),
    ("request: rate limit", ["RateLimitFilter.charge"]),
    ("request: response syscall", ["HotCounterRoutes.write", "writev"]),
    ("request: response syscall", ["LeanCounterServlet.write", "writev"]),
    ("request: response build and write", ["HotCounterRoutes.write"]),
    ("request: response build and write", ["LeanCounterServlet.write"]),
    ("request: lean route other", ["HotCounterRoutes.doFilter"]),
    ("request: lean route other", ["LeanCounterServlet"]),
    ("jetty: parse", ["HttpParser"]),
    ("jetty: selector", ["ManagedSelector"]),
    ("jetty: other", ["QueuedThreadPool"]),
]


def parts(path, requests):
    cost = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        count = int(count)
        total += count
        part = next((name for name, needles in PARTS if all(n in stack for n in needles)), "other")
        cost[part] += count * 1000 / requests
    return cost, total * 1000 / requests


def main():
    a, total_a = parts(sys.argv[1], float(sys.argv[2]))
    b, total_b = parts(sys.argv[3], float(sys.argv[4]))
    print(f"{'part (us of CPU per request)':44s} {'A':>7s} {'B':>7s} {'A-B':>7s}")
    for name in sorted(set(a) | set(b), key=lambda k: b.get(k, 0) - a.get(k, 0)):
        print(f"{name:44s} {a.get(name, 0):7.1f} {b.get(name, 0):7.1f} {a.get(name, 0) - b.get(name, 0):7.1f}")
    print(f"{'total':44s} {total_a:7.1f} {total_b:7.1f} {total_a - total_b:7.1f}")


if __name__ == "__main__":
    main()
