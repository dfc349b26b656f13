package dev.countd.core.alert;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCodec;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.LoopbackCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two members over one database: requests racing through both members cross a threshold once, and the
 * event is on the backup replica too, so the owner's crash loses nothing.
 */
class TwoMemberDetectionTest {

    @TempDir
    Path dir;
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    @Test
    void racingThroughBothMembersCrossesOnceAndTheEventSurvivesTheOwnersCrash() throws Exception {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        List<AlertRuleIndex> indexes = new ArrayList<>();
        for (ClusterSettings settings : LoopbackCluster.settings("alerts", 2, CounterCodec.VERSION)) {
            Config config = CounterCluster.config(settings,
                    PersistenceSettings.WRITE_THROUGH, new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE));
            AlertRuleIndex index = new AlertRuleIndex();
            AlertCluster.configure(config, new AlertRuleMapStore(jdbi, SqlDialect.H2), 1, index);
            HazelcastInstance member = CounterCluster.start(config);
            members.add(member);
            indexes.add(index.follow(member.getMap(AlertCluster.RULES_MAP)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> members.get(0).getCluster().getMembers().size() == 2);
        AlertRegistry registry = new AlertRegistry(members.get(0).getMap(AlertCluster.RULES_MAP), indexes.get(0), Clock.systemUTC());
        AlertRule rule = registry.create("tenant", "race.*", 100, AlertDirection.UP, "https://hooks.example.com/x", 0, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> indexes.get(1).find(rule.id()).isPresent());

        CounterId id = new CounterId("tenant", "race.both");
        List<CounterService> services = members.stream().map(m -> new CounterService(
                m.<String, Counter>getMap(CounterCluster.COUNTERS_MAP), CounterDefaults.STANDARD, true)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            CounterService service = services.get(t % 2);
            done.add(pool.submit(() -> {
                go.await();
                int applied = 0;
                for (int i = 0; i < 32; i++) {
                    applied += service.increment(id, 1).outcome() == MutationOutcome.UPDATED ? 1 : 0;
                }
                return applied;
            }));
        }
        go.countDown();
        int applied = 0;
        for (Future<Integer> f : done) {
            applied += f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(applied + 1).as("the first increment creates").isEqualTo(256);

        List<Delivery> events = new AlertEventStore(jdbi).ofRule(rule.id(), 10);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).event().previousValue()).isEqualTo(99);
        assertThat(events.get(0).event().value()).isEqualTo(100);

        HazelcastInstance owner = members.get(0).getPartitionService().getPartition(id.key()).getOwner().getUuid()
                .equals(members.get(0).getCluster().getLocalMember().getUuid()) ? members.get(0) : members.get(1);
        HazelcastInstance survivor = owner == members.get(0) ? members.get(1) : members.get(0);
        owner.getLifecycleService().terminate();
        members.remove(owner);

        Counter after = survivor.<String, Counter>getMap(CounterCluster.COUNTERS_MAP).get(id.key());
        assertThat(after.value()).isEqualTo(256);
        assertThat(after.outbox()).extracting(AlertEvent::id).containsExactly(events.get(0).id());
    }
}
