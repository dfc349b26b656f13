package dev.countd.api.ratelimit;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.core.apikey.RateLimit;
import dev.countd.core.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members give out a share of a bucket from their own copy (see {@link RateLimiter}): one member alone is
 * exact, two members together exceed the limit by at most two shares, and small buckets stay exact.
 */
class LocalShareTest {

    private static final double SHARE = 0.01;
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void twoMembers() throws Exception {
        String cluster = "local-share-" + UUID.randomUUID();
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        first = Hazelcast.newHazelcastInstance(member(cluster, portA, portB));
        second = Hazelcast.newHazelcastInstance(member(cluster, portB, portA));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);
    }

    @AfterAll
    static void stop() {
        second.shutdown();
        first.shutdown();
    }

    @Test
    void theShareIsOnePercentOfCapacityRoundedDown() {
        RateLimiter limiter = limiter(first);
        assertThat(limiter.localTokens(limit(1000))).isEqualTo(10);
        assertThat(limiter.localTokens(limit(20_000))).isEqualTo(200);
        assertThat(limiter.localTokens(limit(99))).isZero();
        assertThat(new RateLimiter(RateLimitCluster.buckets(first, Duration.ofMinutes(1), Duration.ofSeconds(2)), true)
                .localTokens(limit(1000))).as("the exact limiter shares nothing").isZero();
    }

    @Test
    void oneMemberAloneGivesExactlyTheCapacityAndCountsDownTheRemainder() {
        RateLimiter limiter = limiter(first);
        String bucket = "key:alone-" + UUID.randomUUID();
        int allowed = 0;
        for (int i = 0; i < 1200; i++) {
            RateDecision decision = limiter.tryConsume(bucket, "custom", limit(1000));
            if (decision.allowed()) {
                allowed++;
                assertThat(decision.remaining()).isEqualTo(1000 - allowed);
            } else {
                assertThat(decision.retryAfterSeconds()).isPositive();
            }
        }
        assertThat(allowed).isEqualTo(1000);
    }

    @Test
    void twoMembersTogetherExceedTheLimitByAtMostTwoShares() {
        assertThat(allowedTakingInTurns("key:both-" + UUID.randomUUID(), 1000, 700)).isBetween(1000, 1000 + 2 * 10);
    }

    @Test
    void aBucketUnderOneHundredTokensIsExactAcrossMembers() {
        assertThat(allowedTakingInTurns("key:small-" + UUID.randomUUID(), 50, 40)).isEqualTo(50);
    }

    @Test
    void takesBeyondTheShareAreWrittenBackAtOnce() {
        RateLimiter onFirst = limiter(first);
        String bucket = "key:share-" + UUID.randomUUID();
        for (int i = 0; i < 11; i++) {
            assertThat(onFirst.tryConsume(bucket, "custom", limit(1000)).allowed()).isTrue();
        }
        // the first take read the bucket (and wrote back); the next ten are the member's share, still untold
        assertThat(onFirst.availableTokens(bucket, limit(1000))).isEqualTo(1000 - 1);
        // the twelfth would leave eleven untold, more than the share: it writes all of them back
        assertThat(onFirst.tryConsume(bucket, "custom", limit(1000)).allowed()).isTrue();
        assertThat(onFirst.availableTokens(bucket, limit(1000))).isEqualTo(1000 - 12);
    }

    @Test
    void takesUnderTheShareReachTheSharedBucketWithTheFirstTakeAfterTheSyncInterval() {
        Duration interval = Duration.ofMillis(500);
        RateLimiter onFirst = limiter(first, interval);
        String bucket = "key:told-" + UUID.randomUUID();
        assertThat(onFirst.tryConsume(bucket, "custom", limit(1000)).allowed()).isTrue(); // reads (and writes back)
        long firstWriteBack = System.nanoTime();
        int[] taken = {1};
        // each poll takes one more token; the first take later than the interval after the write-back writes all back
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(onFirst.tryConsume(bucket, "custom", limit(1000)).allowed()).isTrue();
            taken[0]++;
            assertThat(onFirst.availableTokens(bucket, limit(1000))).isEqualTo(1000 - taken[0]);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - firstWriteBack)).isGreaterThanOrEqualTo(interval);
    }

    @Test
    void droppingTheCachedProxiesWritesBackWhatTheyTookLocally() {
        RateLimiter onFirst = limiter(first);
        String bucket = "key:dropped-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) { // one write-back, five untold
            assertThat(onFirst.tryConsume(bucket, "custom", limit(1000)).allowed()).isTrue();
        }
        assertThat(onFirst.availableTokens(bucket, limit(1000))).isEqualTo(1000 - 1);
        // fill the proxy cache to its bound with other buckets: the next new one makes it drop every proxy
        for (int i = 0; i < 10_000; i++) {
            onFirst.tryConsume("key:filler-" + i, "custom", new RateLimit(10, 1, Duration.ofHours(1000)));
        }
        assertThat(onFirst.availableTokens(bucket, limit(1000))).isEqualTo(1000 - 6);
    }

    /** Both members take one token in turn, {@code rounds} times each, from one bucket; answers how many were allowed. */
    private static int allowedTakingInTurns(String bucket, long capacity, int rounds) {
        RateLimiter[] members = {limiter(first), limiter(second)};
        int allowed = 0;
        for (int i = 0; i < rounds; i++) {
            for (RateLimiter limiter : members) {
                if (limiter.tryConsume(bucket, "custom", limit(capacity)).allowed()) {
                    allowed++;
                }
            }
        }
        return allowed;
    }

    /** Writes back only when the share is spent (the interval is far longer than any test), so counts are exact. */
    private static RateLimiter limiter(HazelcastInstance member) {
        return limiter(member, Duration.ofMinutes(10));
    }

    private static RateLimiter limiter(HazelcastInstance member, Duration syncInterval) {
        return new RateLimiter(RateLimitCluster.buckets(member, Duration.ofMinutes(1), Duration.ofSeconds(2)), false, SHARE,
                syncInterval);
    }

    /** Refills one token in 1,000 hours: no refill can blur a count, however slow the machine. */
    private static RateLimit limit(long capacity) {
        return new RateLimit(capacity, 1, Duration.ofHours(1000));
    }

    private static Config member(String cluster, int port, int otherPort) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                .addMember("127.0.0.1:" + port).addMember("127.0.0.1:" + otherPort);
        return RateLimitCluster.configure(config, 1);
    }
}
