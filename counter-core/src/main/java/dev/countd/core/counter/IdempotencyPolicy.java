package dev.countd.core.counter;

/**
 * How long and how many operation ids a counter remembers.
 *
 * @param clientKeyTtlMillis how long an Idempotency-Key replays (24 h by default)
 * @param maxClientKeys      per counter; the oldest are forgotten first
 * @param serverIdTtlMillis  how long a server-generated id is kept (covers a re-execution after failover)
 * @param maxServerIds       per counter, of those the member holding it recorded itself. Ids inherited from a
 *                           member that owned the counter before are kept for their whole time to live (see
 *                           {@link RecentOps#record}): they are what Hazelcast's re-execution after a failover
 *                           looks for. Its own ids would only matter to a re-execution reaching the member that
 *                           applied it, which Hazelcast does not do (it re-invokes after the target's death), so a
 *                           small number is a margin, not a window.
 */
public record IdempotencyPolicy(long clientKeyTtlMillis, int maxClientKeys, long serverIdTtlMillis, int maxServerIds) {

    public static final IdempotencyPolicy STANDARD = new IdempotencyPolicy(24 * 3600_000L, 1000, 60_000L, 16);

    public IdempotencyPolicy {
        if (clientKeyTtlMillis < 1 || maxClientKeys < 1 || serverIdTtlMillis < 1 || maxServerIds < 1) {
            throw new IllegalArgumentException("idempotency limits must be positive");
        }
    }
}
