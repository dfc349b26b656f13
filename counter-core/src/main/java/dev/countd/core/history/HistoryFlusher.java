package dev.countd.core.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Moves the recorder's buckets to the database in one batch; on failure puts them back for the next run. */
public final class HistoryFlusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryFlusher.class);

    private final HistoryRecorder recorder;
    private final HistoryStore store;
    /** When the last flush ended with nothing left unwritten (epoch ms); the health check watches it. */
    private volatile long lastCompleteFlush = System.currentTimeMillis();

    public HistoryFlusher(HistoryRecorder recorder, HistoryStore store) {
        this.recorder = recorder;
        this.store = store;
    }

    /** Flushes once; answers the number of counters written. Only one flush runs at a time. */
    public synchronized int flush() {
        List<PendingHistory> drained = recorder.drain();
        if (drained.isEmpty()) {
            lastCompleteFlush = System.currentTimeMillis();
            return 0;
        }
        try {
            store.write(drained);
            lastCompleteFlush = System.currentTimeMillis();
            return drained.size();
        } catch (RuntimeException e) {
            recorder.restore(drained);
            LOG.warn("history flush of {} counters failed; kept in memory for the next attempt: {}", drained.size(),
                    e.getClass().getSimpleName());
            return 0;
        }
    }

    /** How long ago the last flush completed: grows while flushes fail (database down). */
    public java.time.Duration lag() {
        return java.time.Duration.ofMillis(Math.max(0, System.currentTimeMillis() - lastCompleteFlush));
    }

    @Override
    public void run() {
        flush();
    }
}
