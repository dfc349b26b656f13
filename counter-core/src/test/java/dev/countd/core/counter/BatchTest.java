package dev.countd.core.counter;

import dev.countd.core.cluster.CounterCluster;
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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTest {

    @TempDir
    Path dir;

    private static CounterId id(String name) {
        return new CounterId("default", name);
    }

    private CounterService service(TestCluster cluster) {
        return new CounterService(cluster.instance.getMap(CounterCluster.COUNTERS_MAP), CounterDefaults.STANDARD, true,
                IdempotencyPolicy.STANDARD, cluster.instance.getPartitionService(), CounterWriteGuard.OPEN);
    }

    @Test
    void mixedResultsComeBackInRequestOrder() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            CounterService counters = service(cluster);
            counters.mutate(id("b.capped"), new CounterOperation.Upsert(new CounterPatch(9L, null, 10L, null, null, null, null)), null);
            List<MutationResult> results = counters.applyBatch(List.of(
                    new BatchItem(id("b.one"), new CounterOperation.Increment(2), null),
                    new BatchItem(id("b.capped"), new CounterOperation.Increment(5), null),
                    new BatchItem(id("b.one"), new CounterOperation.Increment(3), null),
                    new BatchItem(id("b.missing"), new CounterOperation.Reset(), null),
                    new BatchItem(id("b.capped"), new CounterOperation.Increment(1), null)));
            assertThat(results).extracting(MutationResult::outcome).containsExactly(MutationOutcome.CREATED,
                    MutationOutcome.BOUND_EXCEEDED, MutationOutcome.UPDATED, MutationOutcome.NOT_FOUND, MutationOutcome.UPDATED);
            assertThat(results.get(2).counter().value()).isEqualTo(5);
            assertThat(results.get(4).counter().value()).isEqualTo(10);
            assertThat(counters.get(id("b.one")).orElseThrow().value()).isEqualTo(5);
        }
    }

    @Test
    void aBatchSpreadOverManyPartitionsAppliesEveryOperationOnce() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            CounterService counters = service(cluster);
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                items.add(new BatchItem(id("spread." + (i % 250)), new CounterOperation.Increment(1), null));
            }
            List<MutationResult> results = counters.applyBatch(items);
            assertThat(results).hasSize(1000).allMatch(r -> r.counter() != null);
            for (int c = 0; c < 250; c++) {
                assertThat(counters.get(id("spread." + c)).orElseThrow().value()).isEqualTo(4);
            }
        }
    }

    @Test
    void aRepeatedBatchWithTheSameKeysReplaysEveryOperation() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            CounterService counters = service(cluster);
            List<BatchItem> items = List.of(
                    new BatchItem(id("r.a"), new CounterOperation.Increment(2), new OperationId(1, 5, true)),
                    new BatchItem(id("r.a"), new CounterOperation.Increment(3), new OperationId(2, 5, true)),
                    new BatchItem(id("r.b"), new CounterOperation.Increment(1), new OperationId(3, 5, true)));
            List<MutationResult> first = counters.applyBatch(items);
            List<MutationResult> second = counters.applyBatch(items);
            assertThat(second).extracting(MutationResult::replayed).containsOnly(true);
            assertThat(second).extracting(MutationResult::outcome).isEqualTo(first.stream().map(MutationResult::outcome).toList());
            assertThat(counters.get(id("r.a")).orElseThrow().value()).isEqualTo(5);
        }
    }

    @Test
    void moreThanAThousandOperationsAreRefused() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                items.add(new BatchItem(id("x"), new CounterOperation.Increment(1), null));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service(cluster).applyBatch(items))
                    .isInstanceOf(CounterValidationException.class).hasMessageContaining("at most 1000");
        }
    }

    @Test
    void aBatchOfAThousandCountersAnswersEachInItsPlace() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            CounterService counters = service(cluster);
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < CounterService.MAX_BATCH_SIZE; i++) { // several blocks of counters in flight at once
                CounterOperation operation = i % 7 == 0 ? new CounterOperation.Reset() : new CounterOperation.Increment(i);
                items.add(new BatchItem(id("wide." + i), operation, null));
            }
            List<MutationResult> results = counters.applyBatch(items);

            for (int i = 0; i < items.size(); i++) {
                MutationResult result = results.get(i);
                if (i % 7 == 0) { // a reset of a counter that does not exist
                    assertThat(result.outcome()).as("operation %d", i).isEqualTo(MutationOutcome.NOT_FOUND);
                    assertThat(counters.get(id("wide." + i))).isEmpty();
                } else {
                    assertThat(result.outcome()).as("operation %d", i).isEqualTo(MutationOutcome.CREATED);
                    assertThat(result.counter().name()).isEqualTo("wide." + i);
                    assertThat(result.counter().value()).isEqualTo(i);
                    assertThat(counters.get(id("wide." + i)).orElseThrow().value()).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void aCounterThatFailsEndsTheBatchAfterItsBlockHasRun() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, failingOn(Map.of("f.broken", "listener failed on purpose"))))) {
            CounterService counters = service(cluster);
            int broken = CounterService.BATCH_WINDOW + 22; // in the second block
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 3 * CounterService.BATCH_WINDOW; i++) {
                items.add(new BatchItem(id(i == broken ? "f.broken" : "f." + i), new CounterOperation.Increment(1), null));
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> counters.applyBatch(items))
                    .isInstanceOf(IllegalStateException.class).hasMessage("listener failed on purpose");

            // the failed counter's step was not applied; its block's others were, once; no later block was sent
            assertThat(counters.get(id("f.broken"))).isEmpty();
            for (int i = 0; i < 3 * CounterService.BATCH_WINDOW; i++) {
                if (i != broken) {
                    long expected = i < 2 * CounterService.BATCH_WINDOW ? 1 : 0;
                    assertThat(counters.get(id("f." + i)).map(Counter::value).orElse(0L)).as("counter f.%d", i).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theFirstFailureInRequestOrderIsTheOneThrown() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, failingOn(Map.of("f.first", "first", "f.second", "second"))))) {
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String name = i == 20 ? "f.first" : i == 40 ? "f.second" : "f." + i;
                items.add(new BatchItem(id(name), new CounterOperation.Increment(1), null));
            }
            for (int attempt = 0; attempt < 5; attempt++) { // whichever of the two ends first
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> service(cluster).applyBatch(items))
                        .isInstanceOf(IllegalStateException.class).hasMessage("first");
            }
        }
    }

    @Test
    void aKeyedBatchRetriedAfterAFailureAppliesNothingTwice() {
        AtomicBoolean failing = new AtomicBoolean(true);
        CounterChangeListener failsWhileSwitchedOn = change -> {
            if (failing.get() && change.id().name().equals("k.broken")) {
                throw new IllegalStateException("listener failed on purpose");
            }
        };
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, failsWhileSwitchedOn))) {
            CounterService counters = service(cluster);
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                items.add(new BatchItem(id(i == 25 ? "k.broken" : "k." + i), new CounterOperation.Increment(1),
                        new OperationId(i + 1, 99, true)));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> counters.applyBatch(items))
                    .isInstanceOf(IllegalStateException.class);

            failing.set(false);
            List<MutationResult> retried = counters.applyBatch(items);

            for (int i = 0; i < 50; i++) {
                MutationResult result = retried.get(i);
                assertThat(result.counter().value()).as("operation %d", i).isEqualTo(1);
                assertThat(result.replayed()).as("operation %d replayed", i).isEqualTo(i != 25);
            }
            assertThat(counters.get(id("k.broken")).orElseThrow().value()).isEqualTo(1);
            assertThat(counters.get(id("k.0")).orElseThrow().value()).isEqualTo(1);
        }
    }

    /** A change listener that fails, with the given message, on every change of the named counters. */
    private static CounterChangeListener failingOn(Map<String, String> messageByName) {
        return change -> {
            String message = messageByName.get(change.id().name());
            if (message != null) {
                throw new IllegalStateException(message);
            }
        };
    }
}
