package dev.countd.core.counter;

/**
 * Everything the entry processor needs to decide, shipped to the partition owner.
 *
 * @param expectedVersion the If-Match version, or null
 * @param autoCreate      whether an increment or decrement of an unknown counter creates it
 * @param defaults        bounds for counters created by this request
 */
public record MutationRequest(CounterOperation operation, Long expectedVersion, boolean autoCreate,
                              CounterDefaults defaults) {
    public MutationRequest {
        if (operation == null || defaults == null) {
            throw new IllegalArgumentException("operation and defaults are required");
        }
    }
}
