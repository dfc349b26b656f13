package dev.countd.core.storage;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One statement over any number of rows, sent to the database every {@link #ROWS} rows. Jdbi holds every bound
 * argument of a batch until it runs (about a kilobyte per row of ours), so one batch of all the rows of a history
 * flush or a write-behind run would keep megabytes alive for the garbage collector to copy, and grow with the number
 * of counters; chunks keep that bounded. The caller's transaction spans every chunk: the rows still commit together.
 * Asked to ({@link #trackingUnmatched}), it also tells which rows the statement changed nothing for. Not thread-safe
 * (one per handle and statement).
 */
public final class ChunkedBatch<T> {

    /** Large enough that a chunk costs the database one round of work, small enough to stay out of the old generation. */
    public static final int ROWS = 256;

    private final Handle handle;
    private final String sql;
    private final BiConsumer<PreparedBatch, T> binder;
    private final boolean trackUnmatched;
    private final List<T> chunk = new ArrayList<>();
    private final List<T> unmatched = new ArrayList<>();
    private PreparedBatch open;
    private int rows;

    /** @param binder binds one row's arguments (by name) onto the batch */
    public ChunkedBatch(Handle handle, String sql, BiConsumer<PreparedBatch, T> binder) {
        this(handle, sql, binder, false);
    }

    private ChunkedBatch(Handle handle, String sql, BiConsumer<PreparedBatch, T> binder, boolean trackUnmatched) {
        this.handle = handle;
        this.sql = sql;
        this.binder = binder;
        this.trackUnmatched = trackUnmatched;
    }

    /** One that keeps the rows whose statement changed no row, for {@link #unmatched()}. */
    public static <T> ChunkedBatch<T> trackingUnmatched(Handle handle, String sql, BiConsumer<PreparedBatch, T> binder) {
        return new ChunkedBatch<>(handle, sql, binder, true);
    }

    public void add(T row) {
        if (open == null) {
            open = handle.prepareBatch(sql);
        }
        try {
            binder.accept(open, row);
            open.add();
        } catch (RuntimeException e) {
            discardOpen();
            throw e;
        }
        if (trackUnmatched) {
            chunk.add(row);
        }
        rows++;
        if (open.size() >= ROWS) {
            executeOpen();
        }
    }

    /**
     * After {@link #finish()}, of one made by {@link #trackingUnmatched}: the rows whose statement changed no row (an update that found nothing to update), in
     * the order added. A driver that does not report a row's count ({@link Statement#SUCCESS_NO_INFO}) lists it too.
     */
    public List<T> unmatched() {
        return unmatched;
    }

    /** Sends what is left; answers the rows added in all. */
    public int finish() {
        executeOpen();
        return rows;
    }

    private void discardOpen() {
        try (PreparedBatch batch = open) {
            open = null;
            chunk.clear();
        }
    }

    private void executeOpen() {
        if (open == null) {
            return;
        }
        try (PreparedBatch batch = open) {
            open = null;
            int[] counts = batch.execute();
            for (int i = 0; i < chunk.size(); i++) {
                if (i >= counts.length || counts[i] == 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                    unmatched.add(chunk.get(i));
                }
            }
        } finally {
            chunk.clear();
        }
    }
}
