package dev.countd.api.health;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.api.cluster.HazelcastHealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real standalone member. */
class HazelcastHealthCheckTest {

    private final HazelcastInstance member = Hazelcast.newHazelcastInstance(standalone());
    private final HazelcastHealthCheck check = new HazelcastHealthCheck(member);

    @AfterEach
    void stop() {
        member.getLifecycleService().terminate();
    }

    @Test
    void isHealthyForARunningSafeMember() {
        assertThat(check.execute().isHealthy()).isTrue();
        assertThat(check.execute().getMessage()).isEqualTo("cluster of 1 member(s), safe");
    }

    @Test
    void turnsUnhealthyWhileTheClusterRefusesWritesAndHealthyWhenActiveAgain() {
        member.getCluster().changeClusterState(ClusterState.PASSIVE);
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).isEqualTo("cluster state is PASSIVE: counter writes are refused");

        member.getCluster().changeClusterState(ClusterState.ACTIVE);
        assertThat(check.execute().isHealthy()).isTrue();
    }

    @Test
    void turnsUnhealthyWhenTheMemberStops() {
        member.shutdown();
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).isEqualTo("Hazelcast member is not running");
    }

    private static Config standalone() {
        Config config = new Config().setClusterName("health-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        return config;
    }
}
