package dev.countd.core.counter;

/**
 * Everything the entry processor needs to decide, shipped to the partition owner.
 *
 * @param expectedVersion the If-Match version, or null
 * @param autoCreate      whether an increment or decrement of an unknown counter creates it
 * @param defaults        bounds for counters created by this request
 * @param operationId     for exactly-once (null: not remembered)
 */
public record MutationRequest(CounterOperation operation, Long expectedVersion, boolean autoCreate,
                              CounterDefaults defaults, OperationId operationId, IdempotencyPolicy idempotency) {
    public MutationRequest {
        if (operation == null || defaults == null) {
            throw new IllegalArgumentException("operation and defaults are required");
        }
        if (idempotency == null) {
            idempotency = IdempotencyPolicy.STANDARD;
        }
    }

    public MutationRequest(CounterOperation operation, Long expectedVersion, boolean autoCreate, CounterDefaults defaults) {
        this(operation, expectedVersion, autoCreate, defaults, null, IdempotencyPolicy.STANDARD);
    }
}
