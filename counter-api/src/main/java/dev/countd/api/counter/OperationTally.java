package dev.countd.api.counter;

import dev.countd.api.metrics.OperationRecorder;

import java.util.HashMap;
import java.util.Map;

/** Counts a batch's operations per (kind, result), so the metric is updated once per pair, not per operation. */
final class OperationTally {

    private final Map<String, long[]> counts = new HashMap<>();

    void add(String kind, String result) {
        counts.computeIfAbsent(kind + '\u0000' + result, k -> new long[1])[0]++;
    }

    void recordInto(OperationRecorder recorder) {
        counts.forEach((pair, count) -> {
            int split = pair.indexOf('\u0000');
            recorder.record(pair.substring(0, split), pair.substring(split + 1), count[0]);
        });
    }
}
