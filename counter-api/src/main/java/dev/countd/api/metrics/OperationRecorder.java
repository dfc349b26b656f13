package dev.countd.api.metrics;

import dev.countd.api.problem.JsonBodyException;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.counter.CounterValidationException;
import dev.countd.core.counter.MutationResult;
import io.prometheus.client.Counter;

/**
 * Records {@code counter_operations_total{operation,result}} for each counter API call. Results:
 * {@code ok}, {@code clamped}, {@code not_found}, {@code bound_exceeded}, {@code invalid},
 * {@code conflict}, {@code precondition_failed}, {@code error}. Thread-safe.
 */
public interface OperationRecorder {

    /** Records nothing: {@code metrics.enabled: false}. */
    OperationRecorder DISABLED = new OperationRecorder() {
        @Override
        public void record(String operation, String result) {
        }
    };

    void record(String operation, String result);

    /** Records {@code times} operations with one outcome (batches count their operations in one call per outcome). */
    default void record(String operation, String result, long times) {
        for (long i = 0; i < times; i++) {
            record(operation, result);
        }
    }

    default void record(String operation, MutationResult result) {
        record(operation, resultOf(result));
    }

    /** The request failed before or while mutating; bad input is {@code invalid}, anything else {@code error}. */
    default void failed(String operation, RuntimeException failure) {
        record(operation, isBadInput(failure) ? "invalid" : "error");
    }

    static OperationRecorder prometheus(Metrics metrics) {
        Counter operations = metrics.counterOperations();
        return new OperationRecorder() {
            @Override
            public void record(String operation, String result) {
                operations.labels(operation, result).inc();
            }

            @Override
            public void record(String operation, String result, long times) {
                operations.labels(operation, result).inc(times);
            }
        };
    }

    static String resultOf(MutationResult result) {
        if (result.replayed()) {
            return "replayed";
        }
        return switch (result.outcome()) {
            case UPDATED, CREATED, DELETED -> result.clamped() ? "clamped" : "ok";
            case KEY_REUSED -> "idempotency_key_reused";
            case NOT_FOUND -> "not_found";
            case BOUND_EXCEEDED -> "bound_exceeded";
            case INVALID_VALUE -> "invalid";
            case BOUNDS_CONFLICT -> "conflict";
            case VERSION_MISMATCH -> "precondition_failed";
        };
    }

    private static boolean isBadInput(RuntimeException failure) {
        return failure instanceof CounterValidationException || failure instanceof JsonBodyException
                || failure instanceof ProblemException problem && problem.problem().status() < 500;
    }
}
