package dev.countd.core.counter;

/**
 * Identity of one mutation for exactly-once: see {@link RecordedOp}.
 *
 * @param clientKey true when derived from a client's Idempotency-Key
 */
public record OperationId(long id, long requestHash, boolean clientKey) {
}
