import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop increment load against a countd node on 127.0.0.1 (never another host), bounded in time.
 * Usage: java bench/IncrementLoad.java PORT [threads=8] [warmupSeconds=10] [seconds=20] [counters=100]
 * Prints: increments/s, errors, and the client-side mean latency.
 */
public class IncrementLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int counters = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < counters; i++) {
            requests.add(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/counters/bench-" + i + "/increment"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        run(client, requests, threads, warmup);
        Result result = run(client, requests, threads, seconds);
        System.out.printf("threads=%d seconds=%d increments/s=%.0f errors=%d mean_latency_ms=%.3f%n", threads, seconds,
                result.ok / (double) seconds, result.errors, result.nanos / 1e6 / Math.max(1, result.ok + result.errors));
    }

    record Result(long ok, long errors, long nanos) {
    }

    private static Result run(HttpClient client, List<HttpRequest> requests, int threads, int seconds) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder nanos = new LongAdder();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(requests.get(i++ % requests.size()),
                                HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 200 ? ok : errors).increment();
                    } catch (Exception e) {
                        errors.increment();
                    }
                    nanos.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new Result(ok.sum(), errors.sum(), nanos.sum());
    }
}
