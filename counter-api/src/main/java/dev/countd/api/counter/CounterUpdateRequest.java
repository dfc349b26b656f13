package dev.countd.api.counter;

import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.OverflowPolicy;

import java.util.Map;

/** Body of {@code PUT /counters/{name}}: any subset of the settable fields. */
public record CounterUpdateRequest(
        Long value,
        Long min,
        Long max,
        Long initial,
        OverflowPolicy overflow,
        String description,
        Map<String, String> labels) {

    public CounterPatch toPatch() {
        return new CounterPatch(value, min, max, initial, overflow, description, labels);
    }
}
