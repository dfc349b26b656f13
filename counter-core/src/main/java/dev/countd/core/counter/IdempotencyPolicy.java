package dev.countd.core.counter;

/**
 * How long and how many operation ids a counter remembers.
 *
 * @param clientKeyTtlMillis how long an Idempotency-Key replays (24 h by default)
 * @param maxClientKeys      per counter; the oldest are forgotten first
 * @param serverIdTtlMillis  how long a server-generated id is kept (covers a re-execution after failover)
 * @param maxServerIds       per counter
 */
public record IdempotencyPolicy(long clientKeyTtlMillis, int maxClientKeys, long serverIdTtlMillis, int maxServerIds) {

    public static final IdempotencyPolicy STANDARD = new IdempotencyPolicy(24 * 3600_000L, 1000, 60_000L, 64);

    public IdempotencyPolicy {
        if (clientKeyTtlMillis < 1 || maxClientKeys < 1 || serverIdTtlMillis < 1 || maxServerIds < 1) {
            throw new IllegalArgumentException("idempotency limits must be positive");
        }
    }
}
