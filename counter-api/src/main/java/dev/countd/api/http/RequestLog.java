package dev.countd.api.http;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One line per API request on the logger {@value #LOGGER}: route template, method, status, latency
 * and key id; never the raw path, query, headers or body (no secrets, no counter names). The same
 * fields go to the MDC so the JSON layout shows them as fields. Silence it with
 * {@code logging.loggers."countd.request": OFF}.
 * <p>
 * While started, a request thread only queues its line; one writer thread hands the queued lines to
 * logback every {@value #CYCLE_MILLIS} ms. Logging on the request thread woke logback's appender thread
 * once per request: about a tenth of the CPU of a single increment (docs/benchmarks.md, session of
 * 2026-11-26 19:47).
 * A line's timestamp is therefore a few milliseconds late (more under load); its latency field is exact. When
 * the queue is full, before start, after stop and if the writer has died, the request thread logs its own line,
 * so none is dropped here.
 */
public final class RequestLog implements Consumer<CompletedRequest>, Managed {

    public static final String LOGGER = "countd.request";
    static final long CYCLE_MILLIS = 2;
    private static final int DEFAULT_CAPACITY = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final int capacity;
    private final Queue<CompletedRequest> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile boolean running;
    private volatile Thread writer;

    public RequestLog() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many lines may wait for the writer before request threads log their own */
    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void accept(CompletedRequest request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        boolean queue = running;
        if (queue && size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            queue = false;
        }
        if (!queue) {
            write(request);
            if (!running) {
                drain(); // lines a writer that died left behind
            }
            return;
        }
        queued.add(request);
        if (!running) { // stopped (or the writer died) after the check above: it may have drained already
            drain();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::writeUntilStopped, "countd-request-log");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops the writer, then writes whatever is still queued. */
    @Override
    public void stop() throws InterruptedException {
        running = false;
        Thread thread = writer;
        try {
            if (thread != null) {
                LockSupport.unpark(thread);
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } finally {
            drain();
        }
    }

    private void writeUntilStopped() {
        try {
            while (running) {
                drain();
                Thread.interrupted(); // an interrupt would make every park return at once
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CYCLE_MILLIS));
            }
        } finally {
            running = false; // also when an Error ends the writer: request threads then log their own lines
        }
        drain();
    }

    private void drain() {
        for (CompletedRequest request = queued.poll(); request != null; request = queued.poll()) {
            size.decrementAndGet();
            try {
                write(request);
            } catch (RuntimeException e) { // logback swallows its appenders' exceptions; a filter's would end here
                System.err.println("countd request log: a line could not be logged (" + e.getClass().getName() + ")");
            }
        }
    }

    private static void write(CompletedRequest request) {
        String latencyMs = millis(request.nanos());
        MDC.put("route", request.route());
        MDC.put("method", request.method());
        MDC.put("status", Integer.toString(request.status()));
        MDC.put("latencyMs", latencyMs);
        MDC.put("keyId", request.keyId());
        try {
            LOG.info("{} {} {} {}ms key={}", request.method(), request.route(), request.status(), latencyMs, request.keyId());
        } finally {
            MDC.remove("route");
            MDC.remove("method");
            MDC.remove("status");
            MDC.remove("latencyMs");
            MDC.remove("keyId");
        }
    }

    /** {@code 1.234}: milliseconds with three decimals (String.format costs more than the rest of the line). */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
