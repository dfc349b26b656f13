package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.counter.IdempotencyPolicy;
import io.dropwizard.util.Duration;

/**
 * {@code idempotency:} how long an Idempotency-Key replays and how many keys a counter remembers
 * (the oldest are forgotten first: a retry after that many other keyed operations on the same
 * counter would be applied again).
 */
public class IdempotencyFactory {

    @JsonProperty
    private Duration keyRetention = Duration.hours(24);
    @JsonProperty
    private int maxKeysPerCounter = 1000;

    public IdempotencyPolicy build() {
        IdempotencyPolicy standard = IdempotencyPolicy.STANDARD;
        return new IdempotencyPolicy(keyRetention.toMilliseconds(), maxKeysPerCounter,
                standard.serverIdTtlMillis(), standard.maxServerIds());
    }
}
