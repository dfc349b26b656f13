package dev.countd.core.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Moves the recorder's buckets to the database in one batch; on failure puts them back for the next run. */
public final class HistoryFlusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryFlusher.class);

    private final HistoryRecorder recorder;
    private final HistoryStore store;

    public HistoryFlusher(HistoryRecorder recorder, HistoryStore store) {
        this.recorder = recorder;
        this.store = store;
    }

    /** Flushes once; answers the number of counters written. Only one flush runs at a time. */
    public synchronized int flush() {
        List<PendingHistory> drained = recorder.drain();
        if (drained.isEmpty()) {
            return 0;
        }
        try {
            store.write(drained);
            return drained.size();
        } catch (RuntimeException e) {
            recorder.restore(drained);
            LOG.warn("history flush of {} counters failed; kept in memory for the next attempt: {}", drained.size(),
                    e.getClass().getSimpleName());
            return 0;
        }
    }

    @Override
    public void run() {
        flush();
    }
}
