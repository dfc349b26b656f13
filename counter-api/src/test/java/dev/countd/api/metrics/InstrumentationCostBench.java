package dev.countd.api.metrics;

import dev.countd.api.http.CompletedRequest;

import java.util.Locale;

/**
 * Prints the CPU cost per request of the API-side instrumentation (latency histogram observation
 * plus one operation count), on one thread, without HTTP around it. Not a test: run with
 * {@code java -cp <test classpath> dev.countd.api.metrics.InstrumentationCostBench [seconds=3] [rounds=5]}.
 */
public final class InstrumentationCostBench {

    private InstrumentationCostBench() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Metrics metrics = new Metrics();
        HttpMetrics http = new HttpMetrics(metrics);
        OperationRecorder operations = OperationRecorder.prometheus(metrics);
        String[] routes = {"/counters/{name}/increment", "/counters/{name}/decrement", "/counters/{name}"};
        long sink = 0;
        for (int round = 0; round <= rounds; round++) {
            long calls = 0;
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1000; i++) {
                    CompletedRequest request = new CompletedRequest(routes[i % 3], "POST", 200, 250_000 + i, "-");
                    http.accept(request);
                    operations.record("increment", "ok");
                    sink += request.status();
                }
                calls += 1000;
            }
            double nanosPerRequest = (System.nanoTime() - start) / (double) calls;
            System.out.printf(Locale.ROOT, "%s round %d: %.0f ns per request (%d requests)%n",
                    round == 0 ? "warm-up" : "measured", round, nanosPerRequest, calls);
        }
        if (sink == 42) {
            System.out.println("unreachable");
        }
    }
}
