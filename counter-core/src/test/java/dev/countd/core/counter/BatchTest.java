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
}
