package dev.countd.api.metrics;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two members in one cluster: the size gauge and the partition migrations on the oldest member. */
class ClusterMetricsTest {

    private static DropwizardAppExtension<CounterConfiguration> first;
    private static DropwizardAppExtension<CounterConfiguration> second;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        int port1 = freePort();
        int port2 = freePort();
        String cluster = "metrics-" + UUID.randomUUID();
        String members = "127.0.0.1:" + port1 + ",127.0.0.1:" + port2;
        first = member(cluster, port1, members);
        first.before();
        second = member(cluster, port2, members);
        second.before();
    }

    @AfterAll
    static void stopMembers() {
        if (second != null) {
            second.after();
        }
        if (first != null) {
            first.after();
        }
    }

    @Test
    void bothMembersReportTheClusterSize() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Scrapes.scrape(first.getAdminPort()).value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(2.0);
            assertThat(Scrapes.scrape(second.getAdminPort()).value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(2.0);
        });
    }

    @Test
    void theOldestMemberCountsThePartitionMigrationsOfTheJoin() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Exposition scrape = Scrapes.scrape(first.getAdminPort());
            assertThat(scrape.value(Metrics.HAZELCAST_MIGRATIONS, Map.of("result", "completed"))).isPositive();
            assertThat(scrape.value(Metrics.HAZELCAST_MIGRATIONS, Map.of("result", "failed"))).isNull();
        });
    }

    private static DropwizardAppExtension<CounterConfiguration> member(String cluster, int port, String members) {
        return TestApps.app(ConfigOverride.config("cluster.name", cluster),
                ConfigOverride.config("cluster.port", Integer.toString(port)),
                ConfigOverride.config("cluster.members", members));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
