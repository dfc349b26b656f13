package dev.countd.core.storage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import dev.countd.core.alert.AlertEvent;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.storage.CounterJournal.Entry;
import dev.countd.core.storage.CounterJournal.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Write-through for the embedded database of a lone member: an update is acknowledged once its new state is
 * appended to the {@link CounterJournal} (one small write), and the database is brought up to date from memory in
 * batches. H2 rewrites a 16 KB B-tree leaf for every changed row of a commit, so committing each update costs far
 * more than appending it; a batch commits each leaf once however many of its rows changed.
 *
 * <p>Guarantees: an acknowledged change is in the journal (it survives {@code kill -9}); the journal's segments
 * are deleted only after database commits holding every change in them, oldest first; at start, before the map
 * loads, whatever the journal holds is written to the database. Loads see the newest state, journaled or stored.
 * Only one member may journal into a database (a member that joins others, or a database given by URL, stores
 * directly), so a partition never moves away from the journal that holds its changes.
 *
 * <p>Thread-safe: appends, rotation and the in-memory overlay share one lock; one flusher thread writes batches.
 */
public final class JournaledCounterStore implements MapStore<String, Counter>, MapLoaderLifecycleSupport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledCounterStore.class);
    /** Where states the database refuses go (not a segment name: never replayed). */
    static final String REFUSED_FILE = "refused.journal";

    /** Deletes one flushed segment; a test can make it fail. */
    @FunctionalInterface
    interface SegmentDeleter {
        void delete(Path segment) throws IOException;
    }

    private final CounterMapStore database;
    private final Path directory;
    private final Duration flushInterval;
    private final int batchSize;
    private final CounterMapStore.StoreTimer appendTimer;
    private final LongSupplier clock;
    private final SegmentDeleter deleter;
    private final Object lock = new Object();
    /** Newest journaled state per key since the last rotation. */
    private Map<String, State> pending = new HashMap<>();
    /** Journaled before the last rotation and not yet known to be in the database. */
    private Map<String, State> flushing = new HashMap<>();
    /** Segments whose every record is in {@code flushing} or the database, oldest first: deleted after a flush. */
    private final List<Path> rotated = new ArrayList<>();
    private CounterJournal journal;
    private ScheduledExecutorService flusher;
    /** When the last flush that left nothing behind started (see {@link #flushLag}). */
    private volatile long caughtUpAt;

    /**
     * @param database    writes the batches (give it a timer that does not time them: no update waits for a flush)
     * @param batchSize   counters per database transaction
     * @param appendTimer times each append, the write an update waits for
     */
    public JournaledCounterStore(CounterMapStore database, Path directory, Duration flushInterval, int batchSize,
                                 CounterMapStore.StoreTimer appendTimer) {
        this(database, directory, flushInterval, batchSize, appendTimer, System::currentTimeMillis,
                Files::deleteIfExists);
    }

    /** @param clock epoch milliseconds, for the flush lag */
    JournaledCounterStore(CounterMapStore database, Path directory, Duration flushInterval, int batchSize,
                          CounterMapStore.StoreTimer appendTimer, LongSupplier clock, SegmentDeleter deleter) {
        this.database = database;
        this.directory = directory;
        this.flushInterval = flushInterval;
        this.batchSize = batchSize;
        this.appendTimer = appendTimer;
        this.clock = clock;
        this.deleter = deleter;
        this.caughtUpAt = clock.getAsLong();
    }

    /** Hazelcast calls this when the map is created, before it loads: the journal is replayed first. */
    @Override
    public void init(HazelcastInstance hazelcastInstance, Properties properties, String mapName) {
        open();
    }

    @Override
    public void destroy() {
        close();
    }

    /** Writes what the journal holds to the database, starts a new segment and the flusher. Idempotent. */
    public void open() {
        synchronized (lock) {
            if (journal != null) {
                return;
            }
            // whatever an earlier open held in memory is in the segments that the replay reads now
            pending = new HashMap<>();
            flushing = new HashMap<>();
            rotated.clear();
            CounterJournal.Contents contents = CounterJournal.read(directory);
            if (contents.tornRecords() > 0) {
                // a write cut short by a crash: its update was never acknowledged
                LOG.warn("counter journal: ignored {} torn record(s) at the end of a segment", contents.tornRecords());
            }
            if (!contents.latest().isEmpty()) {
                writeToDatabase(contents.latest().values());
                LOG.info("counter journal: replayed {} counter(s) from {} segment(s)", contents.latest().size(),
                        contents.segments().size());
            }
            List<Path> leftOver = deleteInOrder(contents.segments());
            journal = CounterJournal.open(directory, contents.nextSegment());
            // segments not deleted now go first in the next flush's deletions: older ones never outlive newer ones
            rotated.addAll(leftOver);
            flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "counter-journal-flusher");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, flushInterval.toMillis());
            flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the flusher and writes everything journaled to the database (what fails stays in the journal). */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (lock) {
            stopping = flusher;
            flusher = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("counter journal: the flusher did not stop in 30 s; the journal keeps its changes");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        flushQuietly();
        synchronized (lock) {
            if (journal != null) {
                journal.close();
                journal = null;
            }
        }
    }

    @Override
    public void store(String key, Counter counter) {
        appendTimer.time(() -> append(List.of(new Entry(key, counter))));
    }

    @Override
    public void storeAll(Map<String, Counter> counters) {
        List<Entry> entries = new ArrayList<>(counters.size());
        counters.forEach((key, counter) -> entries.add(new Entry(key, counter)));
        appendTimer.time(() -> append(entries));
    }

    @Override
    public void delete(String key) {
        append(List.of(new Entry(key, null)));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        List<Entry> entries = new ArrayList<>(keys.size());
        keys.forEach(key -> entries.add(new Entry(key, null)));
        append(entries);
    }

    private void append(List<Entry> entries) {
        for (Entry entry : entries) {
            String refusal = entry.deletion() ? null : CounterMapStore.refusal(entry.counter());
            if (refusal != null) {
                // the direct path would fail this update when the database refuses the row; so does this one, first
                throw new StoreUnavailableException("the counter's new state does not fit its database row: " + refusal,
                        null);
            }
        }
        synchronized (lock) {
            if (journal == null) {
                throw new StoreUnavailableException("the counter journal is closed (the member is stopping)", null);
            }
            journal.append(entries); // throws if the write fails: then nothing was acknowledged or changed
            for (Entry entry : entries) {
                State state = State.of(entry);
                pending.merge(entry.key(), state, State::then);
            }
        }
    }

    @Override
    public Counter load(String key) {
        Entry journaled;
        synchronized (lock) {
            journaled = newest(key);
        }
        if (journaled != null) {
            return journaled.counter();
        }
        return database.load(key);
    }

    @Override
    public Map<String, Counter> loadAll(Collection<String> keys) {
        Map<String, Counter> loaded = new HashMap<>();
        List<String> fromDatabase = new ArrayList<>();
        synchronized (lock) {
            for (String key : keys) {
                Entry journaled = newest(key);
                if (journaled == null) {
                    fromDatabase.add(key);
                } else if (!journaled.deletion()) {
                    loaded.put(key, journaled.counter());
                }
            }
        }
        if (!fromDatabase.isEmpty()) {
            loaded.putAll(database.loadAll(fromDatabase));
        }
        return loaded;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        Map<String, State> overlay;
        synchronized (lock) {
            overlay = new HashMap<>(flushing);
            overlay.putAll(pending);
        }
        Set<String> keys = new LinkedHashSet<>();
        database.loadAllKeys().forEach(keys::add);
        overlay.forEach((key, state) -> {
            if (state.newest().deletion()) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Rows journaled and not yet known to be in the database. */
    public int backlog() {
        synchronized (lock) {
            Set<String> keys = new HashSet<>(flushing.keySet());
            keys.addAll(pending.keySet());
            return keys.size();
        }
    }

    /**
     * How long since the journal was last caught up: every change before then in the database and every segment
     * holding only such changes deleted. Zero when nothing waits. It grows while the database fails, and also while
     * a flushed segment cannot be deleted (the journal would grow without bound and replay ever longer).
     */
    public Duration flushLag() {
        synchronized (lock) {
            if (pending.isEmpty() && flushing.isEmpty() && rotated.isEmpty()) {
                return Duration.ZERO;
            }
        }
        return Duration.ofMillis(Math.max(0, clock.getAsLong() - caughtUpAt));
    }

    /** Writes everything journaled so far to the database; package-private so tests need not wait for the timer. */
    void flush() {
        long started = clock.getAsLong();
        Map<String, State> batch;
        List<Path> covered;
        synchronized (lock) {
            if (journal == null) {
                return;
            }
            if (!pending.isEmpty()) {
                // newer states replace what an earlier, failed flush left behind (keeping its unstored events);
                // an empty pending means nothing was appended since the last rotation: no segment to close
                pending.forEach((key, state) -> flushing.merge(key, state, State::then));
                pending = new HashMap<>();
                rotated.addAll(journal.rotate());
            }
            batch = flushing;
            covered = List.copyOf(rotated);
        }
        if (!batch.isEmpty()) {
            writeToDatabase(batch.values());
            synchronized (lock) {
                flushing = new HashMap<>();
            }
        }
        List<Path> remaining = deleteInOrder(covered);
        synchronized (lock) {
            rotated.removeAll(covered);
            rotated.addAll(0, remaining);
        }
        if (remaining.isEmpty()) {
            caughtUpAt = started;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (Throwable e) { // an Error too: a scheduled task that throws is never run again
            // the changes stay journaled and in the overlay; the next flush retries them with anything newer
            LOG.warn("counter journal: writing {} change(s) to the database failed, retrying: {}", backlog(),
                    e.getClass().getName());
        }
    }

    /** In transactions of {@code batchSize}; a batch the database refuses for its data is written row by row. */
    private void writeToDatabase(Collection<State> states) {
        List<State> all = new ArrayList<>(states);
        for (int from = 0; from < all.size(); from += batchSize) {
            List<State> chunk = all.subList(from, Math.min(all.size(), from + batchSize));
            try {
                writeInOneTransaction(chunk);
            } catch (RuntimeException e) {
                if (!CounterMapStore.rowRefused(e)) {
                    throw e;
                }
                for (State state : chunk) {
                    writeAloneOrSetAside(state);
                }
            }
        }
    }

    /**
     * One state alone; if the database refuses it, its row (or deletion) and its events are tried apart, so a
     * refused event does not cost the row and a refused row does not cost its events. What is still refused is
     * set aside.
     */
    private void writeAloneOrSetAside(State state) {
        try {
            writeInOneTransaction(List.of(state));
            return;
        } catch (RuntimeException e) {
            if (!CounterMapStore.rowRefused(e)) {
                throw e;
            }
        }
        Entry newest = state.newest();
        List<AlertEvent> events = new ArrayList<>(state.earlierEvents());
        if (!newest.deletion()) {
            events.addAll(newest.counter().outbox());
        }
        RuntimeException refused = null;
        try {
            if (newest.deletion()) {
                database.writeJournaled(List.of(), List.of(newest.key()), Map.of());
            } else {
                Counter row = Counter.identified(newest.key(), newest.counter());
                database.writeJournaled(List.of(row.withAlertState(row.alertDisarmed(), List.of())), List.of(), Map.of());
            }
        } catch (RuntimeException e) {
            if (!CounterMapStore.rowRefused(e)) {
                throw e;
            }
            refused = e;
        }
        if (!events.isEmpty()) {
            try {
                database.writeJournaled(List.of(), List.of(), Map.of(CounterId.fromKey(newest.key()), events));
            } catch (RuntimeException e) {
                if (!CounterMapStore.rowRefused(e)) {
                    throw e;
                }
                refused = e;
            }
        }
        if (refused != null) {
            setAside(state, refused);
        }
    }

    private void writeInOneTransaction(List<State> states) {
        List<Counter> rows = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        Map<CounterId, List<AlertEvent>> eventsOfDeleted = new LinkedHashMap<>();
        for (State state : states) {
            Entry newest = state.newest();
            if (newest.deletion()) {
                deletions.add(newest.key());
                if (!state.earlierEvents().isEmpty()) {
                    eventsOfDeleted.put(CounterId.fromKey(newest.key()), state.earlierEvents());
                }
            } else {
                rows.add(withEarlierEvents(Counter.identified(newest.key(), newest.counter()), state.earlierEvents()));
            }
        }
        database.writeJournaled(rows, deletions, eventsOfDeleted);
    }

    private static Counter withEarlierEvents(Counter counter, List<AlertEvent> earlier) {
        if (earlier.isEmpty()) {
            return counter;
        }
        List<AlertEvent> events = new ArrayList<>(earlier);
        events.addAll(counter.outbox());
        return counter.withAlertState(counter.alertDisarmed(), events);
    }

    /**
     * A state the database refuses although {@link CounterMapStore#refusal} let it through (a constraint this
     * release does not know): kept in {@value #REFUSED_FILE} for the operator, so that one row cannot stop every
     * other change, and start-up, for good. The member keeps serving the state until it restarts.
     */
    private void setAside(State state, RuntimeException refusal) {
        // the whole state, with the events of earlier states: the operator gets everything the database refused
        Entry newest = state.newest();
        List<Entry> entries = new ArrayList<>();
        if (newest.deletion() && !state.earlierEvents().isEmpty()) {
            entries.add(new Entry(newest.key(), new Counter(null, null, 0, 0, 0, 0, OverflowPolicy.REJECT, 0, "",
                    Map.of(), 0, 0, List.of(), List.of(), state.earlierEvents())));
        }
        entries.add(newest.deletion() ? newest
                : new Entry(newest.key(), withEarlierEvents(newest.counter(), state.earlierEvents())));
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(REFUSED_FILE), CounterJournal.encode(entries), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StoreUnavailableException("could not set aside a counter state the database refused", e);
        }
        LOG.error("counter journal: the database refused a counter's state ({}); it is kept in {} and not in the "
                + "database", refusal.getClass().getName(), directory.resolve(REFUSED_FILE));
    }

    /**
     * Deletes oldest first and stops at the first failure, so the segments left are always the newest ones: replaying
     * them cannot put an older state over a newer one already in the database. Returns the segments not deleted.
     */
    private List<Path> deleteInOrder(List<Path> segments) {
        for (int i = 0; i < segments.size(); i++) {
            try {
                deleter.delete(segments.get(i));
            } catch (IOException e) {
                LOG.warn("counter journal: could not delete a flushed segment; it is retried after the next flush: {}",
                        e.getClass().getName());
                return new ArrayList<>(segments.subList(i, segments.size()));
            }
        }
        return new ArrayList<>();
    }

    private Entry newest(String key) {
        State state = pending.get(key);
        if (state == null) {
            state = flushing.get(key);
        }
        return state == null ? null : state.newest();
    }
}
