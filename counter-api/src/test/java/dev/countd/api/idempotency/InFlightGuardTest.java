package dev.countd.api.idempotency;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.api.problem.ProblemException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightGuardTest {

    static HazelcastInstance hazelcast;

    @BeforeAll
    static void member() {
        Config config = new Config().setClusterName("inflight-" + UUID.randomUUID());
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        hazelcast = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stop() {
        hazelcast.shutdown();
    }

    @Test
    void aSecondRequestWithTheKeyWhileTheFirstRunsIs409AndFreeAfterwards() {
        InFlightGuard guard = new InFlightGuard(hazelcast.getMap(InFlightGuard.MAP));
        try (InFlightGuard.Token first = guard.enter("default", "key-1")) {
            assertThatThrownBy(() -> guard.enter("default", "key-1"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(409);
                        assertThat(e.problem().name()).isEqualTo("idempotency-key-in-flight");
                    });
            guard.enter("other-tenant", "key-1").close();
        }
        guard.enter("default", "key-1").close();
    }
}
