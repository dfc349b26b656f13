package dev.countd.core.counter;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CounterMutationProcessorTest {

    private static final CounterId ID = new CounterId("default", "page-views");

    @Test
    void theEntryGetsTheStateWithoutTheIdentityItsKeyCarries() {
        Map.Entry<String, Counter> entry = new AbstractMap.SimpleEntry<>(ID.key(), null);

        MutationResult created = increment(entry, 2);
        MutationResult next = increment(entry, 3);

        assertThat(entry.getValue().namespace()).isNull();
        assertThat(entry.getValue().name()).isNull();
        assertThat(entry.getValue().value()).isEqualTo(5);
        assertThat(entry.getValue().version()).isEqualTo(next.counter().version());
        assertThat(created.counter().id()).isEqualTo(ID);
        assertThat(next.counter().id()).isEqualTo(ID);
        assertThat(next.counter().value()).isEqualTo(5);
    }

    @Test
    void aBatchLeavesItsEntriesWithoutIdentityToo() {
        Map.Entry<String, Counter> entry = new AbstractMap.SimpleEntry<>(ID.key(), null);
        increment(entry, 4);

        new BatchMutationProcessor(Map.of(ID.key(), List.of(request(6)))).process(entry);

        assertThat(entry.getValue().namespace()).isNull();
        assertThat(entry.getValue().name()).isNull();
        assertThat(entry.getValue().value()).isEqualTo(10);
    }

    @Test
    void theBackupGetsTheSameStateWithoutIdentity() {
        Map.Entry<String, Counter> entry = new AbstractMap.SimpleEntry<>(ID.key(), null);
        CounterMutationProcessor processor = new CounterMutationProcessor(request(7));
        processor.process(entry);

        Counter backup = ((ReplaceCounterProcessor) processor.getBackupProcessor()).state();

        assertThat(backup).isEqualTo(entry.getValue());
        assertThat(backup.name()).isNull();
    }

    @Test
    void aBatchThatDeletesACounterRemovesTheEntryOnOwnerAndBackup() {
        Map.Entry<String, Counter> entry = new AbstractMap.SimpleEntry<>(ID.key(), null);
        increment(entry, 4);
        MutationRequest delete = new MutationRequest(new CounterOperation.Delete(), null, false, CounterDefaults.STANDARD);
        BatchMutationProcessor batch = new BatchMutationProcessor(Map.of(ID.key(), List.of(request(1), delete)));

        batch.process(entry);

        assertThat(entry.getValue()).isNull();
        assertThat(((ReplaceCountersProcessor) batch.getBackupProcessor()).states()).containsEntry(ID.key(), null);
    }

    private static MutationResult increment(Map.Entry<String, Counter> entry, long by) {
        return new CounterMutationProcessor(request(by)).process(entry);
    }

    private static MutationRequest request(long by) {
        return new MutationRequest(new CounterOperation.Increment(by), null, true, CounterDefaults.STANDARD);
    }
}
