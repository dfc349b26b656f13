package dev.countd.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Group commit: rows written by concurrent callers go to the database together, in one transaction.
 * A caller queues its row; if no write is running it becomes the leader and writes every row queued
 * so far, otherwise it waits for the leader. Every caller returns only once the transaction holding its
 * own row has committed, so the durability of each write is that of writing it alone. What it saves is
 * a commit (with {@code WRITE_DELAY=0}, a chunk written to H2's file; on PostgreSQL a WAL flush and a
 * round trip) per row when callers overlap, which is when the database is the bottleneck.
 *
 * <p>If the database refuses a batch's data, its rows are written one by one, so a row the database refuses
 * fails only its own caller; any other failure (the database unreachable) fails the whole batch at once. Waiting is not interruptible: a queued row may already be in the leader's transaction, and
 * a caller must not report a failure for a row that then commits. Thread-safe.
 *
 * @param <T> the row type
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> writeInOneTransaction;
    private final Predicate<RuntimeException> rowRefused;
    private final Object monitor = new Object();
    private List<Queued<T>> queued = new ArrayList<>();
    private boolean writing;

    /**
     * @param writeInOneTransaction writes all the rows or none of them (throws on failure)
     * @param rowRefused whether a failure is the database refusing a row's data (so the others may succeed
     *     alone) rather than the database being unreachable (so writing them one by one would only wait longer)
     */
    GroupCommit(Consumer<List<T>> writeInOneTransaction, Predicate<RuntimeException> rowRefused) {
        this.writeInOneTransaction = writeInOneTransaction;
        this.rowRefused = rowRefused;
    }

    /** Writes the row, usually with others; returns when it has committed, or throws why it did not. */
    void write(T row) {
        Queued<T> mine = new Queued<>(row);
        List<Queued<T>> batch;
        boolean interrupted = false;
        synchronized (monitor) {
            queued.add(mine);
            while (writing && !mine.finished) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!mine.finished) {
                writing = true;
                batch = queued;
                queued = new ArrayList<>();
            } else {
                batch = List.of();
            }
        }
        try {
            if (!batch.isEmpty()) {
                lead(batch);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.committed) {
            return;
        }
        if (mine.failure instanceof Error error) {
            throw error;
        }
        if (mine.failure instanceof RuntimeException failure) {
            throw failure;
        }
        throw new IllegalStateException("a row finished neither committed nor failed", mine.failure);
    }

    private void lead(List<Queued<T>> batch) {
        try {
            writeBatch(batch);
        } catch (Throwable t) {
            // the leader left abruptly: a row without an outcome was not committed, and its caller must hear so
            for (Queued<T> q : batch) {
                if (!q.committed && q.failure == null) {
                    q.failure = new SharedTransactionFailed(t);
                }
            }
            throw t;
        } finally {
            synchronized (monitor) {
                writing = false;
                for (Queued<T> q : batch) {
                    q.finished = true;
                }
                monitor.notifyAll();
            }
        }
    }

    private void writeBatch(List<Queued<T>> batch) {
        List<T> rows = new ArrayList<>(batch.size());
        for (Queued<T> q : batch) {
            rows.add(q.row);
        }
        try {
            writeInOneTransaction.accept(rows);
            batch.forEach(q -> q.committed = true);
            return;
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
                return;
            }
            if (e instanceof Error || !rowRefused.test((RuntimeException) e)) {
                // each caller throws its own instance: callers' frameworks may amend what they throw
                batch.forEach(q -> q.failure = new SharedTransactionFailed(e));
                return;
            }
        }
        // a refused row rolled the group back: write each row alone, until the database itself fails
        Throwable unavailable = null;
        for (Queued<T> q : batch) {
            if (unavailable != null) {
                q.failure = new SharedTransactionFailed(unavailable);
                continue;
            }
            try {
                writeInOneTransaction.accept(List.of(q.row));
                q.committed = true;
            } catch (RuntimeException e) {
                q.failure = e;
                if (!rowRefused.test(e)) {
                    unavailable = e; // the rest would each wait out the same failure in turn
                }
            } catch (Error e) {
                q.failure = e;
                unavailable = e;
            }
        }
    }

    /**
     * One caller's row: it ends committed or with a failure. The leader sets those before it sets
     * {@code finished} under the monitor, where the caller reads them.
     */
    private static final class Queued<T> {
        private final T row;
        private boolean finished;
        private boolean committed;
        private Throwable failure;

        private Queued(T row) {
            this.row = row;
        }
    }

    /** The transaction that held the caller's row failed; the cause says why. */
    static final class SharedTransactionFailed extends RuntimeException {
        SharedTransactionFailed(Throwable cause) {
            super("the transaction holding this row failed", cause);
        }
    }
}
