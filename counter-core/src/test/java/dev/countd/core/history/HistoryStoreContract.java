package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.countd.core.history.Changes.change;
import static dev.countd.core.history.Changes.deletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** History behaviour every supported database must show; subclasses bring the database. */
abstract class HistoryStoreContract {

    static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    static final CounterId ID = new CounterId("default", "orders");

    HistoryStore store;
    HistoryRecorder recorder;
    HistoryFlusher flusher;
    HistoryService history;

    abstract Jdbi jdbi();

    abstract SqlDialect dialect();

    @BeforeEach
    void wire() {
        store = new HistoryStore(jdbi(), dialect());
        recorder = new HistoryRecorder();
        flusher = new HistoryFlusher(recorder, store);
        history = new HistoryService(store, recorder);
    }

    @Test
    void flushedMinutesAnswerEndValueSumsAndOps() {
        recorder.onChange(change(ID, null, 5, 1, T0 + 10_000));
        recorder.onChange(change(ID, 5L, 3, 2, T0 + 20_000));
        recorder.onChange(change(ID, 3L, 10, 3, T0 + MINUTE + 5_000));
        flusher.flush();

        List<HistoryBucket> points = history.query(ID, HistoryStep.MINUTE, T0, T0 + 5 * MINUTE, false).points();

        assertThat(points).extracting(HistoryBucket::start).containsExactly(T0, T0 + MINUTE);
        assertThat(points.get(0)).extracting(HistoryBucket::value, HistoryBucket::increments, HistoryBucket::decrements,
                HistoryBucket::ops).containsExactly(3L, 5L, 2L, 2L);
        assertThat(points.get(1)).extracting(HistoryBucket::value, HistoryBucket::increments, HistoryBucket::decrements,
                HistoryBucket::ops).containsExactly(10L, 7L, 0L, 1L);
    }

    @Test
    void twoMembersFlushingOneMinuteAddUpAndKeepTheNewestValue() {
        HistoryRecorder otherMember = new HistoryRecorder();
        recorder.onChange(change(ID, 0L, 4, 1, T0 + 1_000));
        otherMember.onChange(change(ID, 4L, 9, 2, T0 + 2_000));
        new HistoryFlusher(otherMember, store).flush();
        flusher.flush(); // the older change arrives last

        HistoryBucket minute = history.query(ID, HistoryStep.MINUTE, T0, T0 + MINUTE, false).points().get(0);

        assertThat(minute).extracting(HistoryBucket::value, HistoryBucket::increments, HistoryBucket::ops, HistoryBucket::version)
                .containsExactly(9L, 9L, 2L, 2L);
    }

    @Test
    void aFlushOverSeveralChunksAddsToStoredMinutesAndStoresNewOnes() {
        int counters = 600; // more than two chunks of rows (ChunkedBatch.ROWS)
        for (int i = 0; i < counters; i += 2) { // every other counter has its first minute stored already
            recorder.onChange(change(new CounterId("default", "c" + i), null, 1, 1, T0 + 1_000));
        }
        flusher.flush();
        for (int i = 0; i < counters; i++) { // stored minute plus the next one, or a new counter's first minute
            CounterId id = new CounterId("default", "c" + i);
            boolean stored = i % 2 == 0;
            recorder.onChange(change(id, stored ? 1L : null, 3, stored ? 2 : 1, T0 + 2_000));
            if (stored) {
                recorder.onChange(change(id, 3L, 4, 3, T0 + MINUTE + 1_000));
            }
        }
        flusher.flush();

        for (int i = 0; i < counters; i++) {
            List<HistoryBucket> points = history.query(new CounterId("default", "c" + i), HistoryStep.MINUTE, T0,
                    T0 + 2 * MINUTE, false).points();
            if (i % 2 == 0) {
                assertThat(points).as("c" + i).extracting(HistoryBucket::start, HistoryBucket::value,
                        HistoryBucket::increments, HistoryBucket::ops, HistoryBucket::version)
                        .containsExactly(tuple(T0, 3L, 3L, 2L, 2L),
                                tuple(T0 + MINUTE, 4L, 1L, 1L, 3L));
            } else {
                assertThat(points).as("c" + i).extracting(HistoryBucket::start, HistoryBucket::value,
                        HistoryBucket::increments, HistoryBucket::ops, HistoryBucket::version)
                        .containsExactly(tuple(T0, 3L, 3L, 1L, 1L));
            }
        }
    }

    @Test
    void unflushedChangesAreAnsweredOnceBeforeAndAfterTheFlush() {
        recorder.onChange(change(ID, null, 2, 1, T0 + 1_000));
        flusher.flush();
        recorder.onChange(change(ID, 2L, 7, 2, T0 + 2_000));

        HistoryBucket beforeFlush = history.query(ID, HistoryStep.MINUTE, T0, T0 + MINUTE, false).points().get(0);
        flusher.flush();
        HistoryBucket afterFlush = history.query(ID, HistoryStep.MINUTE, T0, T0 + MINUTE, false).points().get(0);

        assertThat(beforeFlush).isEqualTo(afterFlush);
        assertThat(afterFlush).extracting(HistoryBucket::value, HistoryBucket::increments, HistoryBucket::ops)
                .containsExactly(7L, 7L, 2L);
    }

    @Test
    void deletingACounterDeletesItsHistoryAtEveryResolution() {
        recorder.onChange(change(ID, null, 5, 1, T0 + 1_000));
        flusher.flush();
        new HistoryRollup(store, HistorySettings.DEFAULTS).rollUp(T0 + 2 * DAY);
        assertThat(store.read(HistoryStep.DAY, ID, T0, T0 + DAY)).hasSize(1);

        recorder.onChange(deletion(ID, 5, 1, T0 + 2 * DAY));
        flusher.flush();

        for (HistoryStep step : HistoryStep.values()) {
            assertThat(store.read(step, ID, 0, Long.MAX_VALUE)).as(step.label()).isEmpty();
        }
    }

    @Test
    void aCounterRecreatedBeforeTheFlushKeepsOnlyItsNewHistory() {
        recorder.onChange(change(ID, null, 5, 1, T0 + 1_000));
        flusher.flush();
        recorder.onChange(deletion(ID, 5, 1, T0 + 2_000));
        recorder.onChange(change(ID, null, 1, 1, T0 + 3_000));

        List<HistoryBucket> unflushed = history.query(ID, HistoryStep.MINUTE, T0, T0 + MINUTE, false).points();
        flusher.flush();
        List<HistoryBucket> flushed = history.query(ID, HistoryStep.MINUTE, T0, T0 + MINUTE, false).points();

        assertThat(unflushed).isEqualTo(flushed);
        assertThat(flushed).singleElement().extracting(HistoryBucket::value, HistoryBucket::increments, HistoryBucket::ops)
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void rollupsMatchTheMinuteDataAndRerunningChangesNothing() {
        recordRandomWalk(ID, 3 * DAY, 5_000);
        HistoryRollup rollup = new HistoryRollup(store, HistorySettings.DEFAULTS);
        rollup.rollUp(T0 + 4 * DAY);
        List<HistoryBucket> minutes = store.read(HistoryStep.MINUTE, ID, T0, T0 + 3 * DAY);
        List<HistoryBucket> hours = store.read(HistoryStep.HOUR, ID, T0, T0 + 3 * DAY);
        List<HistoryBucket> days = store.read(HistoryStep.DAY, ID, T0, T0 + 3 * DAY);

        assertThat(hours).isEqualTo(aggregate(minutes, HOUR));
        assertThat(days).isEqualTo(aggregate(minutes, DAY));
        assertThat(days).hasSize(3);
        rollup.rollUp(T0 + 4 * DAY);
        assertThat(store.read(HistoryStep.HOUR, ID, T0, T0 + 3 * DAY)).isEqualTo(hours);
        assertThat(store.read(HistoryStep.DAY, ID, T0, T0 + 3 * DAY)).isEqualTo(days);
    }

    @Test
    void coarseQueriesAnswerTheSameBeforeAndAfterTheRollup() {
        recordRandomWalk(ID, 2 * DAY, 3_000);
        List<HistoryBucket> hoursBefore = history.query(ID, HistoryStep.HOUR, T0, T0 + 2 * DAY, false).points();
        List<HistoryBucket> daysBefore = history.query(ID, HistoryStep.DAY, T0, T0 + 2 * DAY, false).points();

        new HistoryRollup(store, HistorySettings.DEFAULTS).rollUp(T0 + DAY + 5 * HOUR);

        assertThat(store.rolledUntil(HistoryStep.HOUR)).isEqualTo(T0 + DAY + 4 * HOUR);
        assertThat(history.query(ID, HistoryStep.HOUR, T0, T0 + 2 * DAY, false).points()).isEqualTo(hoursBefore);
        assertThat(history.query(ID, HistoryStep.DAY, T0, T0 + 2 * DAY, false).points()).isEqualTo(daysBefore);
    }

    @Test
    void pruningDropsMinutesPastRetentionOnlyOnceTheyAreRolledUp() {
        recordRandomWalk(ID, 3 * DAY, 2_000);
        HistorySettings oneDayOfMinutes = new HistorySettings(true, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofDays(1), Duration.ofDays(90), null);
        HistoryRollup rollup = new HistoryRollup(store, oneDayOfMinutes);
        long now = T0 + 3 * DAY;
        List<HistoryBucket> daysBefore = history.query(ID, HistoryStep.DAY, T0, now, false).points();

        assertThat(rollup.prune(now)).as("nothing is rolled up yet").isZero();
        rollup.rollUp(now);
        assertThat(rollup.prune(now)).isPositive();

        assertThat(store.read(HistoryStep.MINUTE, ID, T0, now - DAY)).isEmpty();
        assertThat(store.read(HistoryStep.MINUTE, ID, now - DAY, now)).isNotEmpty();
        assertThat(history.query(ID, HistoryStep.DAY, T0, now, false).points()).isEqualTo(daysBefore);
    }

    @Test
    void fillPreviousRepeatsTheLastKnownValueInQuietBuckets() {
        recorder.onChange(change(ID, null, 5, 1, T0 + 1_000));
        recorder.onChange(change(ID, 5L, 8, 2, T0 + 3 * MINUTE));
        flusher.flush();

        List<HistoryBucket> points = history.query(ID, HistoryStep.MINUTE, T0 + MINUTE, T0 + 5 * MINUTE, true).points();

        assertThat(points).extracting(HistoryBucket::start)
                .containsExactly(T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE);
        assertThat(points).extracting(HistoryBucket::value).containsExactly(5L, 5L, 8L, 8L);
        assertThat(points).extracting(HistoryBucket::ops).containsExactly(0L, 0L, 1L, 0L);
    }

    @Test
    void everyStepKeepsTheInvariantFromCreation() {
        long last = recordRandomWalk(ID, 2 * DAY, 4_000);
        new HistoryRollup(store, HistorySettings.DEFAULTS).rollUp(T0 + DAY + 7 * HOUR);

        for (HistoryStep step : HistoryStep.values()) {
            List<HistoryBucket> points = history.query(ID, step, T0, T0 + 2 * DAY, false).points();
            long net = points.stream().mapToLong(p -> p.increments() - p.decrements()).sum();
            assertThat(net).as(step.label()).isEqualTo(last);
            assertThat(points.get(points.size() - 1).value()).as(step.label()).isEqualTo(last);
        }
    }

    /** Random sets, increments and decrements over {@code span} from T0, flushed; answers the last value. */
    long recordRandomWalk(CounterId id, long span, int changes) {
        Random random = new Random(42);
        long value = 0;
        long version = 0;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            times.add(T0 + (long) (random.nextDouble() * span));
        }
        times.sort(null);
        for (long at : times) {
            long next = random.nextInt(10) == 0 ? random.nextInt(1000) - 500 : value + random.nextInt(21) - 10;
            version++;
            recorder.onChange(change(id, version == 1 ? null : value, next, version, at));
            value = next;
            if (version % 997 == 0) {
                flusher.flush();
            }
        }
        flusher.flush();
        return value;
    }

    static List<HistoryBucket> aggregate(List<HistoryBucket> finer, long width) {
        Map<Long, HistoryBucket> coarse = new TreeMap<>();
        for (HistoryBucket bucket : finer) {
            long start = Math.floorDiv(bucket.start(), width) * width;
            coarse.merge(start, bucket.at(start), HistoryBucket::merge);
        }
        return new ArrayList<>(coarse.values());
    }
}
