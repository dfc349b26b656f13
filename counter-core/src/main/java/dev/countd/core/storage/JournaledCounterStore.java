package dev.countd.core.storage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import dev.countd.core.counter.Counter;
import dev.countd.core.storage.CounterJournal.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
 * are deleted only after a database commit holding every change in them; at start, before the map loads, whatever
 * the journal holds is written to the database. Loads see the newest state, journaled or stored. Only one member
 * may journal into a database (a member that joins others, or shares the database, stores directly), so a
 * partition never moves away from the journal that holds its changes.
 *
 * <p>Thread-safe: appends, rotation and the in-memory overlay share one lock; one flusher thread writes batches.
 */
public final class JournaledCounterStore implements MapStore<String, Counter>, MapLoaderLifecycleSupport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledCounterStore.class);

    private final CounterMapStore database;
    private final Path directory;
    private final Duration flushInterval;
    private final CounterMapStore.StoreTimer appendTimer;
    private final Object lock = new Object();
    /** Newest journaled state per key since the last rotation. */
    private Map<String, Entry> pending = new HashMap<>();
    /** Journaled before the last rotation and not yet known to be in the database. */
    private Map<String, Entry> flushing = new HashMap<>();
    /** Segments whose every record is in {@code flushing}, oldest first: deleted once it commits. */
    private final List<Path> rotated = new ArrayList<>();
    private CounterJournal journal;
    private ScheduledExecutorService flusher;
    private final LongSupplier clock;
    private volatile long lastFlushedAt;
    private long lastFlushStarted;

    /**
     * @param database    writes the batches (give it a timer that does not time them: no update waits for a flush)
     * @param appendTimer times each append, the write an update waits for
     */
    public JournaledCounterStore(CounterMapStore database, Path directory, Duration flushInterval,
                                 CounterMapStore.StoreTimer appendTimer) {
        this(database, directory, flushInterval, appendTimer, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds, for the flush lag */
    JournaledCounterStore(CounterMapStore database, Path directory, Duration flushInterval,
                          CounterMapStore.StoreTimer appendTimer, LongSupplier clock) {
        this.database = database;
        this.directory = directory;
        this.flushInterval = flushInterval;
        this.appendTimer = appendTimer;
        this.clock = clock;
        this.lastFlushedAt = clock.getAsLong();
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
            deleteInOrder(new ArrayList<>(contents.segments()));
            journal = CounterJournal.open(directory, contents.nextSegment());
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
        synchronized (lock) {
            if (journal == null) {
                throw new StoreUnavailableException("the counter journal is closed (the member is stopping)", null);
            }
            journal.append(entries); // throws if the write fails: then nothing was acknowledged or changed
            for (Entry entry : entries) {
                pending.put(entry.key(), entry);
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
        Map<String, Entry> overlay;
        synchronized (lock) {
            overlay = new HashMap<>(flushing);
            overlay.putAll(pending);
        }
        Set<String> keys = new LinkedHashSet<>();
        database.loadAllKeys().forEach(keys::add);
        overlay.forEach((key, entry) -> {
            if (entry.deletion()) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Rows journaled and not yet known to be in the database (a gauge: it grows while the database fails). */
    public int backlog() {
        synchronized (lock) {
            Set<String> keys = new HashSet<>(flushing.keySet());
            keys.addAll(pending.keySet());
            return keys.size();
        }
    }

    /** How long the oldest change not yet in the database has waited at most (zero when none waits). */
    public Duration flushLag() {
        synchronized (lock) {
            if (pending.isEmpty() && flushing.isEmpty()) {
                return Duration.ZERO;
            }
        }
        return Duration.ofMillis(Math.max(0, clock.getAsLong() - lastFlushedAt));
    }

    /** Writes everything journaled so far to the database; package-private so tests need not wait for the timer. */
    void flush() {
        Map<String, Entry> batch;
        List<Path> covered;
        synchronized (lock) {
            if (journal == null) {
                return;
            }
            if (pending.isEmpty() && flushing.isEmpty()) {
                lastFlushedAt = clock.getAsLong();
                return;
            }
            long started = clock.getAsLong();
            // newer states replace what an earlier, failed flush left behind
            flushing.putAll(pending);
            pending = new HashMap<>();
            rotated.addAll(journal.rotate());
            batch = flushing;
            covered = List.copyOf(rotated);
            lastFlushStarted = started;
        }
        writeToDatabase(batch.values());
        synchronized (lock) {
            flushing = new HashMap<>();
            rotated.removeAll(covered);
            lastFlushedAt = lastFlushStarted;
        }
        List<Path> remaining = deleteInOrder(new ArrayList<>(covered));
        if (!remaining.isEmpty()) {
            synchronized (lock) {
                rotated.addAll(0, remaining);
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the changes stay journaled and in the overlay; the next flush retries them with anything newer
            LOG.warn("counter journal: writing {} change(s) to the database failed, retrying: {}", backlog(),
                    e.getClass().getName());
        }
    }

    private void writeToDatabase(Collection<Entry> entries) {
        Map<String, Counter> stores = new HashMap<>();
        List<String> deletions = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.deletion()) {
                deletions.add(entry.key());
            } else {
                stores.put(entry.key(), entry.counter());
            }
        }
        if (!deletions.isEmpty()) {
            database.deleteAll(deletions);
        }
        if (!stores.isEmpty()) {
            database.storeAll(stores);
        }
    }

    /**
     * Deletes oldest first and stops at the first failure, so the segments left are always the newest ones: replaying
     * them cannot put an older state over a newer one already in the database. Returns the segments not deleted.
     */
    private static List<Path> deleteInOrder(List<Path> segments) {
        while (!segments.isEmpty()) {
            try {
                Files.deleteIfExists(segments.get(0));
            } catch (IOException e) {
                LOG.warn("counter journal: could not delete a flushed segment; it is retried after the next flush: {}",
                        e.getClass().getName());
                return segments;
            }
            segments.remove(0);
        }
        return segments;
    }

    private Entry newest(String key) {
        Entry entry = pending.get(key);
        return entry != null ? entry : flushing.get(key);
    }
}
