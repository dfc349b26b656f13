package dev.countd.core.counter;

import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paged listing by key scan (no index): order, prefix, cursor, limits, namespaces. */
class CounterListingTest {

    @TempDir
    static Path dir;
    static TestCluster cluster;
    static CounterService service;
    /** 1,000 names in random partitions: pages must merge partitions in name order. */
    static final List<String> NAMES = IntStream.range(0, 1000).mapToObj(i -> "c-" + Integer.toString(i * 7919 % 1000, 36))
            .sorted().toList();

    @BeforeAll
    static void fill() {
        cluster = new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 1, 500), Map.of());
        service = cluster.counters;
        List<BatchItem> items = new ArrayList<>();
        NAMES.forEach(name -> items.add(new BatchItem(new CounterId("ab", name), new CounterOperation.Increment(1), null)));
        service.applyBatch(items);
        service.increment(new CounterId("ab-c", "c-0"), 1); // a namespace whose keys share the start "ab"
        service.increment(new CounterId("a", "b-c"), 1);     // key "a/b-c" sorts before "ab/..."
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void pagesWalkEveryNameOnceInOrderWithItsState() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            CounterPage page = service.list("ab", "", 64, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(64);
            page.items().forEach(c -> {
                assertThat(c.namespace()).isEqualTo("ab");
                assertThat(c.value()).isEqualTo(1);
            });
            page.items().forEach(c -> seen.add(c.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).isEqualTo(NAMES);
    }

    @Test
    void aPrefixKeepsOnlyItsNamesAndAFullLastPageHasNoCursor() {
        List<String> expected = NAMES.stream().filter(n -> n.startsWith("c-1")).toList();
        CounterPage all = service.list("ab", "c-1", 1000, null);
        assertThat(all.items()).extracting(Counter::name).isEqualTo(expected);
        assertThat(all.nextCursor()).isNull();

        CounterPage exact = service.list("ab", "c-1", expected.size(), null);
        assertThat(exact.items()).hasSize(expected.size());
        assertThat(exact.nextCursor()).isNull();

        CounterPage first = service.list("ab", "c-1", 3, null);
        CounterPage second = service.list("ab", "c-1", 3, first.nextCursor());
        assertThat(second.items()).extracting(Counter::name).isEqualTo(expected.subList(3, 6));
    }

    @Test
    void namespacesNeverMix() {
        assertThat(service.list("ab-c", "", 10, null).items()).extracting(Counter::name).containsExactly("c-0");
        assertThat(service.list("a", "", 10, null).items()).extracting(Counter::name).containsExactly("b-c");
        assertThat(service.list("nobody", "", 10, null).items()).isEmpty();
    }

    @Test
    void aDeletedCounterLeavesTheListing() {
        CounterId gone = new CounterId("ab-c", "gone");
        service.increment(gone, 1);
        assertThat(service.list("ab-c", "g", 10, null).items()).extracting(Counter::name).containsExactly("gone");
        service.mutate(gone, new CounterOperation.Delete(), null);
        assertThat(service.list("ab-c", "g", 10, null).items()).isEmpty();
    }

    @Test
    void limitsAndCursorsAreChecked() {
        assertThatThrownBy(() -> service.list("ab", "", 0, null)).isInstanceOf(CounterValidationException.class);
        assertThatThrownBy(() -> service.list("ab", "", CounterService.MAX_PAGE_SIZE + 1, null))
                .isInstanceOf(CounterValidationException.class);
        assertThatThrownBy(() -> service.list("ab", "", 10, "not a cursor!")).isInstanceOf(CounterValidationException.class);
        assertThatThrownBy(() -> service.list("ab", "a/b", 10, null)).isInstanceOf(CounterValidationException.class);
    }

    @Test
    void mapValuesDoNotRepeatTheirKeyButReadersGetIt() {
        CounterId id = new CounterId("ab", NAMES.get(0));
        Counter raw = cluster.instance.<String, Counter>getMap(CounterCluster.COUNTERS_MAP).get(id.key());
        assertThat(raw.namespace()).isNull();
        assertThat(service.get(id).orElseThrow().id()).isEqualTo(id);
    }
}
