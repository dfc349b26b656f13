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
import java.util.stream.LongStream;

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
            // what another member's call, and Hazelcast's re-sending of it, look like on the owner
            MutationResult first = map.executeOnKey(id.key(), CounterMutationProcessor.received(request));
            MutationResult second = map.executeOnKey(id.key(), CounterMutationProcessor.received(request));

            assertThat(first.replayed()).isFalse();
            assertThat(second.replayed()).isTrue();
            assertThat(second.counter().value()).isEqualTo(5);
            assertThat(second.counter().version()).isEqualTo(first.counter().version());
            assertThat(cluster.counters.get(id).orElseThrow().value()).isEqualTo(5);
        }
    }

    @Test
    void aCallerOnTheOwnerLeavesNoServerIdBehindButItsIdIsStillLookedUpAndClientKeysAreKept() {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, Map.of())) {
            var map = cluster.instance.<String, Counter>getMap(CounterCluster.COUNTERS_MAP);
            MutationRequest fromElsewhere = increment(1, new OperationId(7L, 0, false));
            map.executeOnKey(id.key(), CounterMutationProcessor.received(fromElsewhere));
            assertThat(map.get(id.key()).recentOps()).extracting(RecordedOp::id).containsExactly(7L);

            // Hazelcast runs the local caller's own object, on a member that has never had others: nothing can send it again
            MutationResult local = map.executeOnKey(id.key(), new CounterMutationProcessor(increment(1, new OperationId(8L, 0, false))));
            assertThat(local.replayed()).isFalse();
            assertThat(map.get(id.key()).recentOps()).extracting(RecordedOp::id).containsExactly(7L);

            // the re-sent call of a dead owner runs locally when its caller has become the owner: still found
            MutationResult resent = map.executeOnKey(id.key(), new CounterMutationProcessor(fromElsewhere));
            assertThat(resent.replayed()).isTrue();
            assertThat(resent.counter().value()).isEqualTo(1);

            MutationResult keyed = map.executeOnKey(id.key(), new CounterMutationProcessor(increment(1, new OperationId(9L, 99L, true))));
            assertThat(keyed.replayed()).isFalse();
            assertThat(map.get(id.key()).recentOps()).extracting(RecordedOp::id).containsExactly(7L, 9L);
            assertThat(map.get(id.key()).value()).isEqualTo(3);
        }
    }

    private static MutationRequest increment(long by, OperationId operationId) {
        return new MutationRequest(new CounterOperation.Increment(by), null, true, CounterDefaults.STANDARD,
                operationId, IdempotencyPolicy.STANDARD);
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

    private static RecordedOp serverId(long id, int member) {
        return new RecordedOp(id, 0, 60_000, false, MutationOutcome.UPDATED, false, id, id, 0, null, member);
    }

    @Test
    void serverIdsAnotherMemberRecordedAreNotPushedOutByThisMembersOwn() {
        IdempotencyPolicy small = new IdempotencyPolicy(1_000, 3, 60_000, 2);
        List<RecordedOp> ops = List.of();
        for (long i = 1; i <= 3; i++) {
            ops = RecentOps.record(ops, serverId(i, 7), 100, small); // the dead owner kept its last two
        }
        for (long i = 10; i <= 15; i++) {
            ops = RecentOps.record(ops, serverId(i, 8), 200, small); // the new owner, busy
        }
        assertThat(ops).extracting(RecordedOp::id).containsExactly(2L, 3L, 14L, 15L);
    }

    @Test
    void serverIdsOfAnUnknownMemberShareTheOwnLimitSoFormatTwoKeepsWhatItAlwaysKept() {
        IdempotencyPolicy small = new IdempotencyPolicy(1_000, 3, 60_000, 2);
        List<RecordedOp> ops = List.of();
        for (long i = 1; i <= 20; i++) { // a member writing format 2: every id it reads back has lost its member
            ops = RecentOps.record(ops, serverId(i, 8), 100, small).stream().map(op -> serverId(op.id(), MemberTag.UNKNOWN)).toList();
        }
        assertThat(ops).extracting(RecordedOp::id).containsExactly(19L, 20L);
        ops = RecentOps.record(List.of(serverId(1, 7), serverId(2, 8)), serverId(3, MemberTag.UNKNOWN), 100, small);
        assertThat(ops).as("a recorder that is not known shares one limit with everyone").extracting(RecordedOp::id)
                .containsExactly(2L, 3L);
    }

    @Test
    void aClientKeyNeverPushesOutServerIdsAndInheritedIdsStillExpire() {
        IdempotencyPolicy small = new IdempotencyPolicy(1_000, 1, 60_000, 2);
        List<RecordedOp> inherited = List.of(serverId(1, 7), serverId(2, 7), serverId(3, 7));
        RecordedOp key = new RecordedOp(50, 1, 60_000, true, MutationOutcome.UPDATED, false, 0, 0, 0, null);
        assertThat(RecentOps.record(inherited, key, 100, small)).extracting(RecordedOp::id).containsExactly(1L, 2L, 3L, 50L);

        RecordedOp expiring = new RecordedOp(4, 0, 500, false, MutationOutcome.UPDATED, false, 4, 4, 0, null, 7);
        List<RecordedOp> ops = RecentOps.record(List.of(serverId(1, 7), expiring), serverId(9, 8), 500, small);
        assertThat(ops).as("an inherited id past its time to live is dropped").extracting(RecordedOp::id)
                .containsExactly(1L, 9L);
    }

    @Test
    void inheritedServerIdsAreBoundedWhenAPartitionMovesOftenWithinTheirLifetime() {
        IdempotencyPolicy small = new IdempotencyPolicy(1_000, 3, 60_000, 2);
        int bound = RecentOps.INHERITED_LIMIT_FACTOR * small.maxServerIds();
        List<RecordedOp> ops = List.of();
        long id = 0;
        for (int member = 1; member <= 20; member++) { // twenty owners in turn, two ids each
            for (int i = 0; i < 2; i++) {
                ops = RecentOps.record(ops, serverId(++id, member), 100, small);
            }
        }
        long newest = id;
        assertThat(ops).as("the newest inherited ids and the last owner's own").extracting(RecordedOp::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(newest - bound - 1, newest).boxed().toList());
    }

    @Test
    void aClientKeyRecordsNoMember() {
        RecordedOp key = new RecordedOp(5, 1, 60_000, true, MutationOutcome.UPDATED, false, 0, 0, 0, null, 1234);
        assertThat(key.recordedBy()).isEqualTo(MemberTag.UNKNOWN);
    }
}
