package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.counter.IdempotencyPolicy;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;

/**
 * {@code idempotency:} how long an Idempotency-Key replays and how many keys a counter remembers
 * (the oldest are forgotten first: a retry after that many other keyed operations on the same
 * counter would be applied again), and how many server-generated ids of its own a counter keeps.
 */
public class IdempotencyFactory {

    @JsonProperty
    private Duration keyRetention = Duration.hours(24);
    @JsonProperty
    @Min(1)
    private int maxKeysPerCounter = 1000;
    /**
     * Server ids a counter keeps of those its owner recorded (ids inherited at a takeover are kept apart). An
     * owner that applies this many further changes of a counter while the answer to an earlier operation is
     * still on its way to a caller on a third member, and then dies, leaves the re-execution nothing to
     * recognise; every id also costs every change of a busy counter (docs/benchmarks.md measures 16 against
     * 64). Travels with each request: set it the same on every member.
     */
    @JsonProperty
    @Min(1)
    private int serverIdsPerCounter = IdempotencyPolicy.STANDARD.maxServerIds();

    public IdempotencyPolicy build() {
        IdempotencyPolicy standard = IdempotencyPolicy.STANDARD;
        return new IdempotencyPolicy(keyRetention.toMilliseconds(), maxKeysPerCounter,
                standard.serverIdTtlMillis(), serverIdsPerCounter);
    }
}
