package dev.countd.core.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    /**
     * Transactions that committed, in order. A transaction holding "first" or "second" runs until its latch opens;
     * one holding "bad" is refused (and, with {@code downAfterRefusal}, the database then goes away); one holding
     * "error" throws an Error.
     */
    private final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstTransactionMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstTransactionStarted = new CountDownLatch(1);
    private final CountDownLatch secondTransactionMayFinish = new CountDownLatch(1);
    private final CountDownLatch secondTransactionStarted = new CountDownLatch(1);
    private volatile boolean downAfterRefusal;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile boolean databaseDown;
    private final GroupCommit<String> groupCommit = new GroupCommit<>(this::transaction,
            failure -> "row refused".equals(failure.getMessage()));

    private void transaction(List<String> rows) {
        transactions.incrementAndGet();
        if (rows.contains("first")) {
            firstTransactionStarted.countDown();
            awaitQuietly(firstTransactionMayFinish);
        }
        if (rows.contains("second")) {
            secondTransactionStarted.countDown();
            awaitQuietly(secondTransactionMayFinish);
        }
        if (rows.contains("error")) {
            throw new Error("simulated");
        }
        if (databaseDown) {
            throw new IllegalStateException("database unreachable");
        }
        if (rows.contains("bad")) {
            databaseDown = downAfterRefusal && rows.size() == 1;
            throw new IllegalStateException("row refused");
        }
        committed.add(List.copyOf(rows));
    }

    @AfterEach
    void release() {
        firstTransactionMayFinish.countDown();
        secondTransactionMayFinish.countDown();
    }

    @Test
    void writersThatArriveDuringACommitShareTheNextTransactionAndWaitForIt() {
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("a", "b", "c");
        Writer a = queued.get(0);
        Writer b = queued.get(1);
        Writer c = queued.get(2);

        assertThat(first.done).isNotDone();
        assertThat(a.done).isNotDone();
        assertThat(committed).isEmpty();

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, a, b, c);
        assertThat(List.of(first, a, b, c)).allMatch(w -> w.sawItsRowCommitted);
        assertThat(committed).hasSize(2);
        assertThat(committed.get(0)).containsExactly("first");
        assertThat(committed.get(1)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aWriterWaitsForItsOwnGroupNotJustTheOneBeforeIt() {
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("second", "a");
        firstTransactionMayFinish.countDown();
        awaitQuietly(secondTransactionStarted);
        allReturnNormally(first);

        assertThat(queued.get(1).done).as("its group (with second) has not committed").isNotDone();
        secondTransactionMayFinish.countDown();
        allReturnNormally(queued.get(0), queued.get(1));
        assertThat(committed).containsExactly(List.of("first"), List.of("second", "a"));
    }

    @Test
    void anErrorInTheTransactionFailsEveryWriterOfTheGroupAndCommitsNothing() {
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("error", "x");
        firstTransactionMayFinish.countDown();
        allReturnNormally(first);
        for (Writer w : queued) {
            await().atMost(Duration.ofSeconds(10)).until(w.done::isDone);
            assertThat(w.done.handle((ok, e) -> e).join()).isInstanceOf(GroupCommit.SharedTransactionFailed.class)
                    .hasCauseInstanceOf(Error.class);
        }
        assertThat(committed).containsExactly(List.of("first"));
    }

    @Test
    void aLoneWriterGetsTheErrorItself() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> groupCommit.write("error")))
                .isExactlyInstanceOf(Error.class).hasMessage("simulated");
        groupCommit.write("after");
        assertThat(committed).containsExactly(List.of("after"));
    }

    @Test
    void writingRowsAloneStopsOnceTheDatabaseItselfFails() {
        downAfterRefusal = true;
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("bad", "x", "y");
        firstTransactionMayFinish.countDown();
        allReturnNormally(first);
        for (Writer w : queued) {
            await().atMost(Duration.ofSeconds(10)).until(w.done::isDone);
        }

        assertThat(queued.get(0).done.handle((ok, e) -> e.getMessage()).join()).isEqualTo("row refused");
        assertThat(queued.get(1).done.handle((ok, e) -> e.getMessage()).join()).isEqualTo("database unreachable");
        assertThat(queued.get(2).done.handle((ok, e) -> e).join()).isInstanceOf(GroupCommit.SharedTransactionFailed.class)
                .hasRootCauseMessage("database unreachable");
        assertThat(transactions).as("first, the group, bad alone, x alone; y is not tried").hasValue(4);
    }

    @Test
    void aRefusedRowFailsOnlyItsOwnWriter() {
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("good", "bad", "also-good");
        Writer good = queued.get(0);
        Writer bad = queued.get(1);
        Writer alsoGood = queued.get(2);

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, good, alsoGood);
        await().atMost(Duration.ofSeconds(10)).until(bad.done::isDone);
        assertThat(bad.done).isCompletedExceptionally();
        assertThat(bad.done.handle((ok, e) -> e.getMessage()).join()).isEqualTo("row refused");
        // the shared transaction was refused; each good row then committed alone, in the order they queued
        assertThat(committed).containsExactly(List.of("first"), List.of("good"), List.of("also-good"));
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeGroupAtOnceWithoutRetryingEachRow() {
        Writer first = startFirstAndHoldItsCommit();
        List<Writer> queued = startQueued("a", "b");
        Writer a = queued.get(0);
        Writer b = queued.get(1);
        databaseDown = true;

        firstTransactionMayFinish.countDown();
        for (Writer w : List.of(first, a, b)) {
            await().atMost(Duration.ofSeconds(10)).until(w.done::isDone);
            assertThat(w.done).isCompletedExceptionally();
        }
        Throwable shared = a.done.handle((ok, e) -> e).join();
        assertThat(shared).isInstanceOf(GroupCommit.SharedTransactionFailed.class)
                .hasRootCauseMessage("database unreachable");
        assertThat(b.done.handle((ok, e) -> e).join()).isNotSameAs(shared).hasRootCauseMessage("database unreachable");
        assertThat(transactions).as("first's transaction and the shared one, no row alone").hasValue(2);
        assertThat(committed).isEmpty();
    }

    @Test
    void aLoneWriterCommitsAtOnceAndSeesItsOwnFailure() {
        groupCommit.write("alone");
        assertThat(committed).containsExactly(List.of("alone"));
        Writer bad = start("bad");
        await().atMost(Duration.ofSeconds(10)).until(bad.done::isDone);
        assertThat(bad.done).isCompletedExceptionally();
    }

    @Test
    void anInterruptedWriterStillWaitsForItsCommitAndKeepsTheInterrupt() {
        Writer first = startFirstAndHoldItsCommit();
        Writer interrupted = startQueued("interrupted").get(0);
        interrupted.thread.interrupt();

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, interrupted);
        assertThat(interrupted.interruptedAfterwards).isTrue();
        assertThat(committed).containsExactly(List.of("first"), List.of("interrupted"));
    }

    @Test
    void manyConcurrentWritersEachCommitExactlyOnce() {
        java.util.Set<String> visible = java.util.concurrent.ConcurrentHashMap.newKeySet();
        GroupCommit<String> plain = new GroupCommit<>(rows -> {
            committed.add(List.copyOf(rows));
            visible.addAll(rows);
        }, failure -> false);
        java.util.concurrent.atomic.LongAdder returnedEarly = new java.util.concurrent.atomic.LongAdder();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String prefix = "t" + t + "-";
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    plain.write(prefix + i);
                    if (!visible.contains(prefix + i)) {
                        returnedEarly.increment();
                    }
                }
            }, runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        List<String> rows = committed.stream().flatMap(List::stream).toList();
        assertThat(rows).hasSize(8 * 500).doesNotHaveDuplicates();
        assertThat(returnedEarly.sum()).as("writes that returned before their row committed").isZero();
    }

    private Writer start(String row) {
        Writer writer = new Writer(row);
        writer.thread.start();
        return writer;
    }

    /** Starts the writer of "first", whose transaction runs until the test lets it finish. */
    private Writer startFirstAndHoldItsCommit() {
        Writer first = start("first");
        awaitQuietly(firstTransactionStarted);
        return first;
    }

    /**
     * Starts writers one after another, each once the one before waits on the monitor (queued behind the running
     * transaction), so they queue in the order given.
     */
    private List<Writer> startQueued(String... rows) {
        List<Writer> queued = new ArrayList<>();
        for (String row : rows) {
            Writer w = start(row);
            await().atMost(Duration.ofSeconds(10)).until(() -> w.thread.getState() == Thread.State.WAITING);
            queued.add(w);
        }
        return queued;
    }

    private static void allReturnNormally(Writer... all) {
        for (Writer w : all) {
            assertThat(w.done.orTimeout(10, TimeUnit.SECONDS).join()).isNull();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final class Writer {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Thread thread;
        volatile boolean interruptedAfterwards;
        volatile boolean sawItsRowCommitted;

        Writer(String row) {
            thread = new Thread(() -> {
                try {
                    groupCommit.write(row);
                    interruptedAfterwards = Thread.currentThread().isInterrupted();
                    synchronized (committed) { // a synchronized list is iterated under its own lock
                        sawItsRowCommitted = committed.stream().anyMatch(t -> t.contains(row));
                    }
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, "writer-" + row);
        }
    }
}
