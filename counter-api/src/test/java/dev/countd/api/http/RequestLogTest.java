package dev.countd.api.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    RequestLogTest() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Who wrote each line: the key id of its request and the thread that logged it (read when appended). */
    private final Lines lines = new Lines();

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.detachAppender(lines);
    }

    private record Line(String keyId, String thread) {
    }

    /** Unsynchronized, so a writer held inside it does not block a request thread's own line. */
    private static final class Lines extends UnsynchronizedAppenderBase<ILoggingEvent> {
        final Queue<Line> written = new ConcurrentLinkedQueue<>();
        final CountDownLatch writerInside = new CountDownLatch(1);
        volatile CountDownLatch holdWriter = new CountDownLatch(0);

        @Override
        protected void append(ILoggingEvent event) {
            String thread = Thread.currentThread().getName();
            written.add(new Line(event.getMDCPropertyMap().get("keyId"), thread));
            if (thread.equals("countd-request-log")) {
                writerInside.countDown();
                try {
                    holdWriter.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        Map<String, String> threadByKey() {
            return written.stream().collect(Collectors.toMap(Line::keyId, Line::thread));
        }
    }

    private static CompletedRequest request(String keyId) {
        return new CompletedRequest("/counters/{name}/increment", "POST", 200, 1_000_000, keyId);
    }

    /** {@code threads} threads that each accept {@code perThread} lines (keys key-T-I); the pool is shut down. */
    private static ExecutorService produce(RequestLog log, int threads, int perThread, CountDownLatch producing) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                producing.countDown();
                IntStream.range(0, perThread).forEach(i -> log.accept(request("key-" + thread + "-" + i)));
            });
        }
        pool.shutdown();
        return pool;
    }

    private void attachLines() {
        lines.start();
        logger.addAppender(lines);
    }

    /** {@code log}, started, with {@link #lines} attached. */
    private RequestLog started(RequestLog log) {
        attachLines();
        log.start();
        return log;
    }

    @Test
    void whileStartedTheWriterThreadLogsEveryLineOfEveryRequestThread() throws Exception {
        RequestLog log = started(new RequestLog());
        int threads = 4;
        int perThread = 2_500;
        ExecutorService pool = produce(log, threads, perThread, new CountDownLatch(threads));
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        log.stop();

        Map<String, String> threadByKey = lines.threadByKey();
        assertThat(threadByKey).hasSize(threads * perThread);
        assertThat(threadByKey.values()).containsOnly("countd-request-log");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aFullQueueMakesTheRequestThreadLogItsOwnLineAndStopWritesWhatWasQueued() throws Exception {
        lines.holdWriter = new CountDownLatch(1);
        RequestLog log = started(new RequestLog(2));
        try {
            log.accept(request("first"));
            assertThat(lines.writerInside.await(10, TimeUnit.SECONDS)).isTrue(); // the writer is held inside "first"
            log.accept(request("queued-1"));
            log.accept(request("queued-2"));
            log.accept(request("overflow"));

            String me = Thread.currentThread().getName();
            assertThat(lines.threadByKey()).containsOnlyKeys("first", "overflow").containsEntry("overflow", me);
        } finally {
            lines.holdWriter.countDown();
            log.stop();
        }
        assertThat(lines.threadByKey()).containsOnlyKeys("first", "queued-1", "queued-2", "overflow")
                .containsEntry("queued-1", "countd-request-log").containsEntry("queued-2", "countd-request-log");
    }

    @Test
    void linesAcceptedWhileStoppingAreAllWrittenOnce() throws Exception {
        RequestLog log = started(new RequestLog());
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch producing = new CountDownLatch(threads);
        ExecutorService pool = produce(log, threads, perThread, producing);
        assertThat(producing.await(10, TimeUnit.SECONDS)).isTrue();
        log.stop(); // while the producers are (most likely) still accepting
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lines.written).hasSize(threads * perThread);
        assertThat(lines.threadByKey()).hasSize(threads * perThread); // toMap fails on a line written twice
    }

    @Test
    void beforeStartAndAfterStopTheRequestThreadLogsItsOwnLine() throws Exception {
        attachLines();
        RequestLog log = new RequestLog();
        log.accept(request("before"));
        log.start();
        log.stop();
        log.accept(request("after"));

        String me = Thread.currentThread().getName();
        assertThat(lines.threadByKey()).isEqualTo(Map.of("before", me, "after", me));
        assertThat(List.copyOf(lines.written)).hasSize(2);
    }

    @Test
    void logsRouteMethodStatusLatencyAndKeyIdAsMessageAndFields() {
        new RequestLog().accept(new CompletedRequest("/counters/{name}/increment", "POST", 409, 2_500_000, "key-7"));

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getFormattedMessage()).isEqualTo("POST /counters/{name}/increment 409 2.500ms key=key-7");
        assertThat(event.getMDCPropertyMap()).containsEntry("route", "/counters/{name}/increment")
                .containsEntry("status", "409").containsEntry("latencyMs", "2.500").containsEntry("keyId", "key-7");
    }

    @Test
    void leavesNoFieldsBehindInTheThreadsMdc() {
        new RequestLog().accept(new CompletedRequest("/counters", "GET", 200, 1, "-"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void latencyIsWrittenAsMillisecondsWithThreeDecimals() {
        assertThat(RequestLog.millis(0)).isEqualTo("0.000");
        assertThat(RequestLog.millis(999)).isEqualTo("0.000");
        assertThat(RequestLog.millis(1_234_567)).isEqualTo("1.234");
        assertThat(RequestLog.millis(5_050_000)).isEqualTo("5.050");
        assertThat(RequestLog.millis(7_000_000)).isEqualTo("7.000");
        assertThat(RequestLog.millis(12_000_009_000L)).isEqualTo("12000.009");
    }
}
