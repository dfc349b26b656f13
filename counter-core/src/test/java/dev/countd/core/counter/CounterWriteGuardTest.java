package dev.countd.core.counter;

import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CounterWriteGuardTest {

    private static final class Refused extends RuntimeException {
        Refused() {
            super("refused", null, false, false);
        }
    }

    @Test
    void refusedWritesChangeNothingWhetherSingleAsyncOrBatched(@TempDir Path dir) {
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2,
                new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 1, 500), Map.of())) {
            CounterService guarded = new CounterService(cluster.instance.getMap(CounterCluster.COUNTERS_MAP),
                    CounterDefaults.STANDARD, true, IdempotencyPolicy.STANDARD, cluster.instance.getPartitionService(), () -> {
                        throw new Refused();
                    });
            CounterId id = new CounterId("default", "guarded");

            assertThatThrownBy(() -> guarded.increment(id, 1)).isInstanceOf(Refused.class);
            assertThatThrownBy(() -> guarded.mutateAsync(id, new CounterOperation.Increment(1))).isInstanceOf(Refused.class);
            assertThatThrownBy(() -> guarded.applyBatch(List.of(new BatchItem(id, new CounterOperation.Increment(1), null))))
                    .isInstanceOf(Refused.class);
            assertThat(guarded.get(id)).isEmpty();
        }
    }
}
