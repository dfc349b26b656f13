package dev.countd.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The increments the server acknowledged with 200, per counter, as Gatling saw them. After a run
 * {@link #verify} reads every counter of the run back through the API and fails the run when any
 * value differs from its tally (a lost or doubled update).
 */
final class Tally {

    private final ConcurrentHashMap<String, LongAdder> acknowledged = new ConcurrentHashMap<>();

    void add(String counter, long amount) {
        acknowledged.computeIfAbsent(counter, name -> new LongAdder()).add(amount);
    }

    long total() {
        return acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Throws {@link AssertionError} naming the first differences when the server disagrees. */
    void verify(Api api, String prefix) {
        Map<String, Long> server = api.values(prefix);
        Map<String, String> differences = new TreeMap<>();
        acknowledged.forEach((name, count) -> {
            long actual = server.getOrDefault(name, 0L);
            if (actual != count.sum()) {
                differences.put(name, "acknowledged " + count.sum() + ", server has " + actual);
            }
        });
        server.forEach((name, value) -> {
            if (!acknowledged.containsKey(name) && value != 0) {
                differences.put(name, "acknowledged 0, server has " + value);
            }
        });
        long serverTotal = server.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("consistency: %d counters, %d acknowledged increments, server total %d, %d differences%n",
                server.size(), total(), serverTotal, differences.size());
        if (!differences.isEmpty()) {
            StringBuilder message = new StringBuilder("consistency check FAILED: " + differences.size()
                    + " counters differ from the increments Gatling saw acknowledged");
            differences.entrySet().stream().limit(10)
                    .forEach(e -> message.append("\n  ").append(e.getKey()).append(": ").append(e.getValue()));
            throw new AssertionError(message.toString());
        }
    }
}
