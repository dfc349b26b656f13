package dev.countd.api.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients incrementing counters by 1 through every node in turn, until stopped (and never longer
 * than {@code maxDuration}). Every attempt is classified: acknowledged (200), surely not applied
 * (connection refused), or unknown outcome (the request may have reached a node: reset, timeout,
 * 5xx). A counter's final value must then lie in {@code [acknowledged, acknowledged + unknown]}:
 * below means a lost acknowledged increment, above means an increment counted twice.
 */
final class ClusterLoad implements AutoCloseable {

    private final List<Integer> ports;
    private final List<String> counters;
    private final boolean retryOnConnectionError;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final long deadline;
    private final Duration pace;

    final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
    final Map<String, LongAdder> unknown = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retries = new LongAdder();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /**
     * @param retryOnConnectionError when set, a request that hits a connection error is sent again
     *                               to the next node, and only a request that never got a 200 fails
     */
    ClusterLoad(List<Integer> ports, List<String> counters, int clients, boolean retryOnConnectionError, Duration maxDuration) {
        this(ports, counters, clients, retryOnConnectionError, maxDuration, Duration.ofMillis(1));
    }

    /** @param pace pause between one client's requests (zero: as fast as the nodes answer) */
    ClusterLoad(List<Integer> ports, List<String> counters, int clients, boolean retryOnConnectionError, Duration maxDuration,
                Duration pace) {
        this.pace = pace;
        this.ports = List.copyOf(ports);
        this.counters = List.copyOf(counters);
        this.retryOnConnectionError = retryOnConnectionError;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        for (String counter : counters) {
            acknowledged.put(counter, new LongAdder());
            unknown.put(counter, new LongAdder());
        }
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> run(client), "cluster-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(int client) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long n = client;
        while (running.get() && System.nanoTime() < deadline) {
            String counter = counters.get((int) (n % counters.size()));
            int node = (int) (n++ % ports.size());
            requests.increment();
            int attempts = retryOnConnectionError ? 2 * ports.size() : 1;
            Outcome outcome = Outcome.UNKNOWN;
            for (int attempt = 0; attempt < attempts; attempt++) {
                if (attempt > 0) {
                    retries.increment();
                }
                outcome = send(http, ports.get((node + attempt) % ports.size()), counter);
                switch (outcome) {
                    case ACKNOWLEDGED -> acknowledged.get(counter).increment();
                    case REFUSED -> refused.increment();
                    case CONNECTION_LOST, UNKNOWN -> unknown.get(counter).increment();
                }
                if (outcome != Outcome.REFUSED && outcome != Outcome.CONNECTION_LOST) {
                    break; // acknowledged, or an answer that is not a connection error: never retried
                }
            }
            if (outcome != Outcome.ACKNOWLEDGED) {
                failed.increment();
            }
            // A gentle pace leaves CPU for the nodes' restarts on a small machine.
            if (!pace.isZero()) {
                LockSupport.parkNanos(pace.toNanos());
            }
        }
    }

    private enum Outcome { ACKNOWLEDGED, REFUSED, CONNECTION_LOST, UNKNOWN }

    private Outcome send(HttpClient http, int port, String counter) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/counters/" + counter + "/increment"))
                .header("Authorization", "Bearer " + dev.countd.api.TestApps.ADMIN_KEY)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Outcome.ACKNOWLEDGED;
            }
            failure("HTTP " + response.statusCode() + " " + problemName(response.body()));
            return Outcome.UNKNOWN;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            failure("connection refused");
            return Outcome.REFUSED;
        } catch (java.net.http.HttpTimeoutException e) {
            failure("request timeout");
            return Outcome.UNKNOWN;
        } catch (IOException e) {
            failure("connection lost: " + e.getClass().getSimpleName());
            return Outcome.CONNECTION_LOST;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return Outcome.UNKNOWN;
        }
    }

    private void failure(String kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static String problemName(String body) {
        int type = body.indexOf("/problems/");
        if (type < 0) {
            return body.substring(0, Math.min(60, body.length())).replaceAll("\\s+", " ");
        }
        return body.substring(type + 10, Math.max(type + 10, body.indexOf('"', type)));
    }

    long acknowledgedTotal() {
        return acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long unknownTotal() {
        return unknown.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Blocks until at least {@code count} increments have been acknowledged (bounded by the load's own deadline). */
    void awaitAcknowledged(long count) {
        org.awaitility.Awaitility.await("acknowledged increments >= " + count).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> acknowledgedTotal() >= count);
    }

    /** Waits until the clients reach their deadline. */
    void awaitDone() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Stops the clients and waits for their last requests to finish. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    String report() {
        long total = requests.sum();
        return String.format("requests=%d acknowledged=%d failed=%d (%.3f%%) refused-attempts=%d retries=%d unknown-outcome=%d failures=%s",
                total, acknowledgedTotal(), failed.sum(), total == 0 ? 0.0 : 100.0 * failed.sum() / total, refused.sum(),
                retries.sum(), unknownTotal(), new TreeMap<>(failures));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
