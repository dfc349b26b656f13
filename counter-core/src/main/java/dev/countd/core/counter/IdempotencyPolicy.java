package dev.countd.core.counter;

/**
 * How long and how many operation ids a counter remembers.
 *
 * @param clientKeyTtlMillis how long an Idempotency-Key replays (24 h by default)
 * @param maxClientKeys      per counter; the oldest are forgotten first
 * @param serverIdTtlMillis  how long a server-generated id is kept: it must outlast Hazelcast's re-execution after a
 *                           failover, which comes after the dead member's removal (up to its 60 s heartbeat
 *                           timeout when the member vanished without closing its connections), so twice that
 * @param maxServerIds       per counter, of those the member holding it recorded itself; ids inherited from earlier
 *                           owners are kept apart (see {@link RecentOps#record}). This count is the window between
 *                           an operation and its owner's death: a caller on a third member re-executes it when the
 *                           owner died before its answer (or its backup's acknowledgement) arrived, and by then the
 *                           owner may have applied this many later changes, all in the backup's copy.
 */
public record IdempotencyPolicy(long clientKeyTtlMillis, int maxClientKeys, long serverIdTtlMillis, int maxServerIds) {

    public static final IdempotencyPolicy STANDARD = new IdempotencyPolicy(24 * 3600_000L, 1000, 120_000L, 64);

    public IdempotencyPolicy {
        if (clientKeyTtlMillis < 1 || maxClientKeys < 1 || serverIdTtlMillis < 1 || maxServerIds < 1) {
            throw new IllegalArgumentException("idempotency limits must be positive");
        }
    }
}
