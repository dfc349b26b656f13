package dev.countd.core.counter;

/** One operation of a batch. {@code operationId} may be null (the service then generates one). */
public record BatchItem(CounterId id, CounterOperation operation, OperationId operationId) {
}
