package dev.countd.core.history;

import static dev.countd.core.history.Changes.change;
import static dev.countd.core.history.Changes.deletion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countd.core.counter.CounterId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The recorder's tallies: counted in place, drained whole, dropped when idle, put back after a failed flush. */
class HistoryRecorderTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_040_000L; // a minute's start
    private static final CounterId ID = new CounterId("default", "tallied");

    @Test
    void changesDuringDrainsAreCountedExactlyOnce() throws Exception {
        HistoryRecorder recorder = new HistoryRecorder();
        int writers = 4;
        int changesPerWriter = 20_000;
        List<PendingHistory> drained = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> drainer = pool.submit(() -> {
                while (writing.get()) {
                    drained.addAll(recorder.drain());
                }
            });
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                CounterId own = new CounterId("default", "writer-" + w);
                running.add(pool.submit(() -> {
                    // each writer's counter changes in order, as on its partition thread; every change adds 1
                    for (int i = 0; i < changesPerWriter; i++) {
                        recorder.onChange(change(own, (long) i, i + 1, i + 1, T0 + i * 10L));
                    }
                }));
            }
            for (Future<?> writer : running) {
                writer.get(1, TimeUnit.MINUTES);
            }
            writing.set(false);
            drainer.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        drained.addAll(recorder.drain());

        Map<CounterId, long[]> totals = new HashMap<>();
        for (PendingHistory counter : drained) {
            for (HistoryBucket bucket : counter.minutes()) {
                long[] sums = totals.computeIfAbsent(counter.id(), id -> new long[2]);
                sums[0] += bucket.ops();
                sums[1] += bucket.increments();
            }
        }
        assertThat(totals).hasSize(writers);
        totals.values().forEach(sums -> assertThat(sums).containsExactly(changesPerWriter, changesPerWriter));
        assertThat(recorder.drain()).isEmpty();
    }

    @Test
    void aBusyCounterKeepsOneBucketPerMinuteWithTheNewestValue() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(change(ID, null, 5, 1, T0 + 1_000));
        recorder.onChange(change(ID, 5L, 3, 2, T0 + 2_000));
        recorder.onChange(change(ID, 3L, 10, 3, T0 + MINUTE + 5_000));
        // the clock stepped back: a change dated in the first minute still goes to the first minute
        recorder.onChange(change(ID, 10L, 11, 4, T0 + 3_000));

        PendingHistory pending = recorder.pending(ID).orElseThrow();

        assertThat(pending.sortedMinutes()).containsExactly(
                new HistoryBucket(T0, 11, 6, 2, 3, 4, T0 + 3_000),
                new HistoryBucket(T0 + MINUTE, 10, 7, 0, 1, 3, T0 + MINUTE + 5_000));
    }

    @Test
    void anOlderVersionDoesNotOverwriteTheNewerValue() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(change(ID, 1L, 4, 7, T0 + 2_000));
        // reported late (another member's order): counted, but its value is older
        recorder.onChange(change(ID, 0L, 1, 6, T0 + 3_000));

        HistoryBucket bucket = recorder.pending(ID).orElseThrow().minutes().get(0);

        assertThat(bucket.value()).isEqualTo(4);
        assertThat(bucket.version()).isEqualTo(7);
        assertThat(bucket.ops()).isEqualTo(2);
        assertThat(bucket.increments()).isEqualTo(4);
    }

    @Test
    void anIdleCounterIsForgottenAtTheFirstEmptyDrain() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(change(ID, null, 2, 1, T0 + 1_000));

        assertThat(recorder.drain()).hasSize(1);
        assertThat(recorder.pending(ID)).isEmpty();
        assertThat(recorder.drain()).isEmpty();

        recorder.onChange(change(ID, 2L, 3, 2, T0 + 2_000));
        assertThat(recorder.drain()).singleElement()
                .satisfies(counter -> assertThat(counter.minutes()).singleElement()
                        .satisfies(bucket -> assertThat(bucket.ops()).isEqualTo(1)));
    }

    @Test
    void aFailedFlushIsPutBackAheadOfNewerChanges() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(change(ID, null, 2, 1, T0 + 1_000));
        List<PendingHistory> failed = recorder.drain();
        recorder.onChange(change(ID, 2L, 9, 2, T0 + 2_000));

        recorder.restore(failed);

        PendingHistory pending = recorder.pending(ID).orElseThrow();
        assertThat(pending.deleted()).isFalse();
        assertThat(pending.minutes()).containsExactly(new HistoryBucket(T0, 9, 9, 0, 2, 2, T0 + 2_000));
    }

    @Test
    void aFailedFlushOfAnIdleCounterIsPutBackWhole() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(deletion(ID, 4, 3, T0 + 1_000));
        recorder.onChange(change(ID, null, 1, 1, T0 + 2_000));
        List<PendingHistory> failed = recorder.drain();
        assertThat(recorder.drain()).isEmpty(); // the counter is idle: its tally is dropped

        recorder.restore(failed);

        assertThat(recorder.pending(ID)).contains(failed.get(0));
    }

    @Test
    void aDeletionSinceAFailedFlushWins() {
        HistoryRecorder recorder = new HistoryRecorder();
        recorder.onChange(change(ID, null, 2, 1, T0 + 1_000));
        List<PendingHistory> failed = recorder.drain();
        recorder.onChange(deletion(ID, 2, 1, T0 + 2_000));

        recorder.restore(failed);

        PendingHistory pending = recorder.pending(ID).orElseThrow();
        assertThat(pending.deleted()).isTrue();
        assertThat(pending.minutes()).isEmpty();
    }
}
