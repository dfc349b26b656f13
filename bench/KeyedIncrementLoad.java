import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: N threads each POST /counters/bench.<i % counters>/increment as fast as answers
 * come back, for a warm-up and then a measured period, and print increments/s. Only 127.0.0.1.
 *
 * java bench/KeyedIncrementLoad.java <port> <apiKey or -> <threads> <warmupSeconds> <seconds> <counters>
 */
public class KeyedIncrementLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String key = args[1];
        int threads = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int counters = Integer.parseInt(args[5]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        LongAdder ok = new LongAdder();
        LongAdder limited = new LongAdder();
        LongAdder other = new LongAdder();
        LongAdder all = new LongAdder();
        long[] window = new long[2];
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                HttpRequest.Builder base = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/counters/bench." + (id % counters) + "/increment"))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
                if (!key.equals("-")) {
                    base.header("Authorization", "Bearer " + key);
                }
                HttpRequest request = base.build();
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    all.increment();
                    if (System.nanoTime() < measureFrom) {
                        continue;
                    }
                    (status == 200 ? ok : status == 429 ? limited : other).increment();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("threads=%d seconds=%d increments/s=%.0f ok=%d 429=%d other=%d all=%d%n", threads, seconds,
                ok.sum() / (double) seconds, ok.sum(), limited.sum(), other.sum(), all.sum());
    }
}
