package dev.countd.api.startup;

import java.util.OptionalInt;

/**
 * Gives the JVM's common fork-join pool at least two threads. With fewer (on one or two cores it
 * gets cores - 1), both {@code CompletableFuture}'s async methods and Hazelcast's async callbacks
 * (its {@code ConcurrencyUtil} default executor) start a new thread for every task instead. On this
 * service's 2-core machines that was a thread per partition at each eager map load: about a second
 * of every start. Must run before anything touches {@code ForkJoinPool}, so first in {@code main}.
 */
public final class CommonPoolParallelism {

    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MINIMUM = 2;

    private CommonPoolParallelism() {
    }

    /** Sets the property when the pool would otherwise get fewer than {@link #MINIMUM} threads. */
    public static void atLeastTwo() {
        toSet(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())
                .ifPresent(parallelism -> System.setProperty(PROPERTY, Integer.toString(parallelism)));
    }

    /** The parallelism to set, if any: never over an operator's own setting. */
    static OptionalInt toSet(String configured, int processors) {
        if (configured != null || processors - 1 >= MINIMUM) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(MINIMUM);
    }
}
