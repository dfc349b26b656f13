package dev.countd.api.metrics;

import com.hazelcast.core.Hazelcast;
import dev.countd.api.CounterApplication;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.TestApps;
import dev.countd.core.testing.FreePorts;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        String cluster = "metrics-" + UUID.randomUUID();
        int port1 = FreePorts.next();
        first = member(cluster, port1, "127.0.0.1:" + port1);
        first.before();
        // The port actually bound (another process may have taken the free one meanwhile).
        int bound = Hazelcast.getAllHazelcastInstances().stream()
                .filter(instance -> instance.getConfig().getClusterName().equals(cluster))
                .mapToInt(instance -> instance.getCluster().getLocalMember().getAddress().getPort())
                .findFirst().orElseThrow();
        second = member(cluster, FreePorts.next(), "127.0.0.1:" + bound);
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
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(Scrapes.scrape(first.getAdminPort()).value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(2.0);
            assertThat(Scrapes.scrape(second.getAdminPort()).value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(2.0);
        });
    }

    @Test
    void theOldestMemberCountsThePartitionMigrationsOfTheJoin() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Exposition scrape = Scrapes.scrape(first.getAdminPort());
            // Not "no failed migrations": on a busy machine the master can send a migration before the joining
            // member has finished starting; Hazelcast counts it as failed and retries it (seen in a full build here).
            assertThat(scrape.value(Metrics.HAZELCAST_MIGRATIONS, Map.of("result", "completed"))).isPositive();
        });
    }

    /**
     * Like {@code TestApps.app} but with a shared cluster name: overriding a key TestApps already sets
     * would leave a stale {@code dw.cluster.name} system property behind (ConfigOverride restores
     * the value it replaced).
     */
    private static DropwizardAppExtension<CounterConfiguration> member(String cluster, int port, String members) {
        return new DropwizardAppExtension<>(CounterApplication.class, "classpath:countd-defaults.yml",
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDir", TestApps.freshDataDir().toString()),
                ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("cluster.name", cluster),
                ConfigOverride.config("cluster.port", Integer.toString(port)),
                ConfigOverride.config("cluster.members", members));
    }
}
