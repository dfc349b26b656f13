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

    /** A stable text of the request's meaning (labels sorted), for idempotency fingerprints. */
    public String fingerprint() {
        return "value=" + value + " min=" + min + " max=" + max + " initial=" + initial + " overflow=" + overflow
                + " description=" + (description == null ? "null" : description.length() + ":" + description)
                + " labels=" + (labels == null ? "null" : new java.util.TreeMap<>(labels));
    }

    public CounterPatch toPatch() {
        return new CounterPatch(value, min, max, initial, overflow, description, labels);
    }
}
