package dev.countd.core.counter;

import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CounterChangeListenerTest {

    @TempDir
    Path dir;

    @Test
    void listenerSeesEveryAppliedChangeAndNoRefusedOne() {
        List<CounterChange> changes = new CopyOnWriteArrayList<>();
        CounterChangeListener listener = changes::add;
        try (TestCluster cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, listener))) {
            CounterId id = new CounterId("default", "listened");
            cluster.counters.increment(id, 3);
            cluster.counters.decrement(id, 5); // refused: below min
            cluster.counters.mutate(id, new CounterOperation.Delete(), null);

            assertThat(changes).extracting(CounterChange::operation).containsExactly("increment", "delete");
            assertThat(changes.get(0).before()).isNull();
            assertThat(changes.get(0).after().value()).isEqualTo(3);
            assertThat(changes.get(1).after()).isNull();
        }
    }
}
