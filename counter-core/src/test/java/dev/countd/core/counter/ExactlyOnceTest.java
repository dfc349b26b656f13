package dev.countd.core.counter;

import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExactlyOnceTest {

    @TempDir
    Path dir;

    private final CounterId id = new CounterId("default", "once");

    @Test
    void aProcessorRunTwiceWithTheSameOperationIdChangesTheValueOnce() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            MutationRequest request = new MutationRequest(new CounterOperation.Increment(5), null, true,
                    CounterDefaults.STANDARD, new OperationId(42L, 0, false), IdempotencyPolicy.STANDARD);
            var map = cluster.instance.<String, Counter>getMap(CounterCluster.COUNTERS_MAP);
            MutationResult first = map.executeOnKey(id.key(), new CounterMutationProcessor(request));
            MutationResult second = map.executeOnKey(id.key(), new CounterMutationProcessor(request));

            assertThat(first.replayed()).isFalse();
            assertThat(second.replayed()).isTrue();
            assertThat(second.counter().value()).isEqualTo(5);
            assertThat(second.counter().version()).isEqualTo(first.counter().version());
            assertThat(cluster.counters.get(id).orElseThrow().value()).isEqualTo(5);
        }
    }

    @Test
    void sameKeyWithADifferentRequestIsRefusedAndChangesNothing() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            cluster.counters.mutate(id, new CounterOperation.Increment(1), null, new OperationId(7L, 100L, true));
            MutationResult reused = cluster.counters.mutate(id, new CounterOperation.Increment(2), null, new OperationId(7L, 200L, true));
            assertThat(reused.outcome()).isEqualTo(MutationOutcome.KEY_REUSED);
            assertThat(cluster.counters.get(id).orElseThrow().value()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedKeyedOperationReplaysItsRefusal() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            cluster.counters.increment(id, 1);
            OperationId key = new OperationId(9L, 1L, true);
            MutationResult first = cluster.counters.mutate(id, new CounterOperation.Decrement(2), null, key);
            cluster.counters.increment(id, 10);
            MutationResult replay = cluster.counters.mutate(id, new CounterOperation.Decrement(2), null, key);
            assertThat(first.outcome()).isEqualTo(MutationOutcome.BOUND_EXCEEDED);
            assertThat(replay.outcome()).isEqualTo(MutationOutcome.BOUND_EXCEEDED);
            assertThat(replay.detail()).isEqualTo(first.detail());
            assertThat(replay.replayed()).isTrue();
            assertThat(cluster.counters.get(id).orElseThrow().value()).isEqualTo(11);
        }
    }

    @Test
    void idempotencyKeysReplayAfterARestart() {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        OperationId key = new OperationId(1234L, 99L, true);
        MutationResult first;
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            first = cluster.counters.mutate(id, new CounterOperation.Increment(3), null, key);
        }
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            MutationResult replay = cluster.counters.mutate(id, new CounterOperation.Increment(3), null, key);
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.counter().value()).isEqualTo(first.counter().value());
            assertThat(replay.counter().updatedAt()).isEqualTo(first.counter().updatedAt());
            assertThat(cluster.counters.get(id).orElseThrow().value()).isEqualTo(3);
        }
    }

    @Test
    void theOldestKeysAreForgottenBeyondTheLimitAndExpiredOnesAtOnce() {
        IdempotencyPolicy small = new IdempotencyPolicy(1_000, 3, 1_000, 2);
        List<RecordedOp> ops = List.of();
        for (long i = 1; i <= 5; i++) {
            ops = RecentOps.record(ops, new RecordedOp(i, 0, 10_000 + i, true, MutationOutcome.UPDATED, false, i, i, i, null), 100, small);
        }
        assertThat(ops).extracting(RecordedOp::id).containsExactly(3L, 4L, 5L);
        ops = RecentOps.record(ops, new RecordedOp(9, 0, 20_000, false, MutationOutcome.UPDATED, false, 0, 0, 0, null), 10_004, small);
        // at 10_004, ids 3 and 4 (expiring at 10_003 and 10_004) are gone; 5 is kept
        assertThat(ops).extracting(RecordedOp::id).containsExactly(5L, 9L);
        assertThat(RecentOps.find(ops, 5, 10_004)).isNotNull();
    }
}
