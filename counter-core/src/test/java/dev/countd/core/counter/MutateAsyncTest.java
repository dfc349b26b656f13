package dev.countd.core.counter;

import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CounterService#mutateAsync}: the same decisions as {@link CounterService#mutate}, answered without a waiting thread. */
class MutateAsyncTest {

    @TempDir
    Path dir;

    @Test
    void decidesAsTheSynchronousCallDoesAndTellsTheListeners() throws Exception {
        List<CounterChange> changes = new CopyOnWriteArrayList<>();
        CounterChangeListener listener = changes::add;
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, listener))) {
            CounterId id = new CounterId("default", "async");

            MutationResult created = cluster.counters.mutateAsync(id, new CounterOperation.Increment(3))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            MutationResult refused = cluster.counters.mutateAsync(id, new CounterOperation.Decrement(5))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(created.outcome()).isEqualTo(MutationOutcome.CREATED);
            assertThat(created.counter().value()).isEqualTo(3);
            assertThat(created.counter().version()).isEqualTo(1);
            assertThat(refused.outcome()).isEqualTo(MutationOutcome.BOUND_EXCEEDED);
            assertThat(cluster.counters.get(id)).get().extracting(Counter::value).isEqualTo(3L);
            // the listener is the member's (the processor finds it through the instance it is given)
            assertThat(changes).extracting(CounterChange::operation).containsExactly("increment");
        }
    }

    @Test
    void concurrentStepsAreAllCountedAndAnsweredOnHazelcastsThreads() throws Exception {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            int counters = 20;
            int stepsEach = 200;
            Set<String> answeringThreads = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<MutationResult>> answers = new ArrayList<>();
            for (int step = 0; step < stepsEach; step++) {
                for (int c = 0; c < counters; c++) {
                    Thread caller = Thread.currentThread();
                    answers.add(cluster.counters.mutateAsync(new CounterId("default", "async-" + c), new CounterOperation.Increment(1))
                            .whenComplete((result, failure) -> {
                                if (Thread.currentThread() != caller) {
                                    answeringThreads.add(Thread.currentThread().getName());
                                }
                            }).toCompletableFuture());
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.join().changedState()).isTrue());
            for (int c = 0; c < counters; c++) {
                assertThat(cluster.counters.get(new CounterId("default", "async-" + c))).get()
                        .extracting(Counter::value).isEqualTo((long) stepsEach);
            }
            // answered where the invocation completed, never handed to the common pool or a new thread per call
            assertThat(answeringThreads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("hz."));
        }
    }
}
