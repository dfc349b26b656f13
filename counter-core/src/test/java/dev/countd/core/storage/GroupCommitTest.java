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

    /** Transactions that committed, in order; a transaction holding "bad" is refused. */
    private final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstTransactionMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstTransactionStarted = new CountDownLatch(1);
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
        if (databaseDown) {
            throw new IllegalStateException("database unreachable");
        }
        if (rows.contains("bad")) {
            throw new IllegalStateException("row refused");
        }
        committed.add(List.copyOf(rows));
    }

    @AfterEach
    void release() {
        firstTransactionMayFinish.countDown();
    }

    @Test
    void writersThatArriveDuringACommitShareTheNextTransactionAndWaitForIt() {
        Writer first = start("first");
        awaitQuietly(firstTransactionStarted);
        Writer a = start("a");
        Writer b = start("b");
        Writer c = start("c");
        awaitQueued(a, b, c);

        assertThat(first.done).isNotDone();
        assertThat(a.done).isNotDone();
        assertThat(committed).isEmpty();

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, a, b, c);
        assertThat(committed).hasSize(2);
        assertThat(committed.get(0)).containsExactly("first");
        assertThat(committed.get(1)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aRefusedRowFailsOnlyItsOwnWriter() {
        Writer first = start("first");
        awaitQuietly(firstTransactionStarted);
        Writer good = start("good");
        Writer bad = start("bad");
        Writer alsoGood = start("also-good");
        awaitQueued(good, bad, alsoGood);

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, good, alsoGood);
        await().atMost(Duration.ofSeconds(10)).until(bad.done::isDone);
        assertThat(bad.done).isCompletedExceptionally();
        assertThat(bad.done.handle((ok, e) -> e.getMessage()).join()).isEqualTo("row refused");
        // the shared transaction was refused; each good row then committed alone
        assertThat(committed).containsExactly(List.of("first"), List.of("good"), List.of("also-good"));
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeGroupAtOnceWithoutRetryingEachRow() {
        Writer first = start("first");
        awaitQuietly(firstTransactionStarted);
        Writer a = start("a");
        Writer b = start("b");
        awaitQueued(a, b);
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
        Writer first = start("first");
        awaitQuietly(firstTransactionStarted);
        Writer interrupted = start("interrupted");
        awaitQueued(interrupted);
        interrupted.thread.interrupt();

        firstTransactionMayFinish.countDown();
        allReturnNormally(first, interrupted);
        assertThat(interrupted.interruptedAfterwards).isTrue();
        assertThat(committed).containsExactly(List.of("first"), List.of("interrupted"));
    }

    @Test
    void manyConcurrentWritersEachCommitExactlyOnce() {
        GroupCommit<String> plain = new GroupCommit<>(rows -> committed.add(List.copyOf(rows)), failure -> false);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String prefix = "t" + t + "-";
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    plain.write(prefix + i);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        List<String> rows = committed.stream().flatMap(List::stream).toList();
        assertThat(rows).hasSize(8 * 500).doesNotHaveDuplicates();
    }

    private Writer start(String row) {
        Writer writer = new Writer(row);
        writer.thread.start();
        return writer;
    }

    /** A writer waiting on the monitor (queued behind the running transaction) parks in WAITING. */
    private static void awaitQueued(Writer... queued) {
        for (Writer w : queued) {
            await().atMost(Duration.ofSeconds(10)).until(() -> w.thread.getState() == Thread.State.WAITING);
        }
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

        Writer(String row) {
            thread = new Thread(() -> {
                try {
                    groupCommit.write(row);
                    interruptedAfterwards = Thread.currentThread().isInterrupted();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, "writer-" + row);
        }
    }
}
