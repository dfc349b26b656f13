package dev.countd.api.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.api.ratelimit.RateLimitCluster;
import dev.countd.api.ratelimit.RateLimiter;
import dev.countd.core.apikey.RateLimit;

import java.time.Duration;
import java.util.UUID;

/**
 * Prints what one rate-limit decision costs on a single embedded member (exact, and with the 1 % local
 * share of {@link RateLimiter}), next to what one
 * local IMap entry-processor round trip costs (the floor of any Hazelcast-backed operation).
 * A benchmark main, not a test: {@code java -cp ... dev.countd.api.bench.LimiterCost [seconds]}.
 */
public final class LimiterCost {

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Config config = new Config().setClusterName("limiter-cost-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(15801).setPortAutoIncrement(true).getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        RateLimitCluster.configure(config, 1);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            RateLimiter exact = new RateLimiter(RateLimitCluster.buckets(member, Duration.ofMinutes(1), Duration.ofSeconds(2)), true);
            RateLimiter shared = new RateLimiter(RateLimitCluster.buckets(member, Duration.ofMinutes(1), Duration.ofSeconds(2)), true,
                    0.01, Duration.ofMillis(50));
            RateLimit generous = new RateLimit(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1));
            IMap<String, Long> plain = member.getMap("plain");
            plain.put("k", 0L);
            for (int round = 0; round < 2; round++) {
                String label = round == 0 ? "warm-up " : "measured";
                double exactMicros = time(seconds, () -> exact.tryConsume("key:exact", "bulk", generous));
                double sharedMicros = time(seconds, () -> shared.tryConsume("key:shared", "bulk", generous));
                double processorMicros = time(seconds, () -> plain.executeOnKey("k", entry -> entry.setValue(entry.getValue() + 1)));
                System.out.printf("%s: rate-limit decision %.1f us/op exact, %.1f us/op with a 1%% local share;"
                        + " plain entry processor %.1f us/op%n", label, exactMicros, sharedMicros, processorMicros);
            }
        } finally {
            member.shutdown();
        }
    }

    private static double time(int seconds, Runnable op) {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        long ops = 0;
        while (System.nanoTime() < end) {
            op.run();
            ops++;
        }
        return (System.nanoTime() - start) / 1000.0 / ops;
    }
}
