package dev.countd.api.counter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.OverflowPolicy;

import java.time.Instant;
import java.util.Map;

/** A counter as the API shows it. {@code clamped} appears only on increment and decrement answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CounterJson(
        String namespace,
        String name,
        long value,
        long min,
        long max,
        long initial,
        OverflowPolicy overflow,
        long version,
        String description,
        Map<String, String> labels,
        Instant createdAt,
        Instant updatedAt,
        Boolean clamped) {

    public static CounterJson of(Counter counter) {
        return of(counter, null);
    }

    public static CounterJson of(Counter counter, Boolean clamped) {
        return new CounterJson(counter.namespace(), counter.name(), counter.value(), counter.min(), counter.max(),
                counter.initial(), counter.overflow(), counter.version(), counter.description(), counter.labels(),
                Instant.ofEpochMilli(counter.createdAt()), Instant.ofEpochMilli(counter.updatedAt()), clamped);
    }
}
