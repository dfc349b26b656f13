package dev.countd.api.counter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.api.CounterApplication;
import dev.countd.core.counter.OverflowPolicy;
import io.dropwizard.jackson.Jackson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lean routes' hand-built counter JSON is byte for byte what the API's mapper writes, or it leaves the counter to the mapper. */
class CounterJsonBytesProperties {

    private static final ObjectMapper MAPPER = apiMapper();
    private static final long LAST_MILLI = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    @Property(tries = 3000)
    void theBytesAreTheMappersOrNone(@ForAll("counters") CounterJson counter) throws Exception {
        byte[] built = CounterJsonBytes.of(counter);
        if (built == null) {
            assertThat(needsTheMapper(counter)).as("left to the mapper only for surrogates and far instants").isTrue();
            return;
        }
        assertThat(needsTheMapper(counter)).isFalse();
        assertThat(new String(built, StandardCharsets.UTF_8)).isEqualTo(MAPPER.writeValueAsString(counter));
        assertThat(built).isEqualTo(MAPPER.writeValueAsBytes(counter));
    }

    @Example
    void aTypicalAnswer() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "checkout \"eu\"");
        labels.put("note", "tab\there, newline\nthere, bell\u0007, é, €");
        CounterJson counter = new CounterJson("shop", "page-views", 42, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 7,
                "", labels, Instant.parse("2026-11-27T23:59:59Z"), Instant.parse("2026-11-28T00:00:00.120Z"), true);
        byte[] built = CounterJsonBytes.of(counter);
        assertThat(built).isNotNull();
        assertThat(new String(built, StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(counter))
                .contains("\"createdAt\":\"2026-11-27T23:59:59Z\"", "\"updatedAt\":\"2026-11-28T00:00:00.120Z\"",
                        "\"clamped\":true", "tab\\there", "bell\\u0007");
    }

    @Example
    void surrogatesAndFarInstantsGoToTheMapper() {
        CounterJson emoji = new CounterJson("shop", "likes", 1, 0, 10, 0, OverflowPolicy.CLAMP, 1, "\uD83D\uDC4D",
                Map.of(), Instant.EPOCH, Instant.EPOCH, null);
        CounterJson beforeEpoch = new CounterJson("shop", "likes", 1, 0, 10, 0, OverflowPolicy.CLAMP, 1, "",
                Map.of(), Instant.ofEpochMilli(-1), Instant.EPOCH, null);
        assertThat(CounterJsonBytes.of(emoji)).isNull();
        assertThat(CounterJsonBytes.of(beforeEpoch)).isNull();
    }

    @Example
    void mostSamplesAreBuiltByHand() {
        long built = counters().sampleStream().limit(2000).filter(c -> CounterJsonBytes.of(c) != null).count();
        assertThat(built).isBetween(300L, 1990L); // both kinds of sample occur, by a wide margin
    }

    @Provide
    Arbitrary<CounterJson> counters() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-_.:").ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(20), // every char, surrogates and controls included
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars("\"\\/\u2028\u20ac\uFFFF").ofMaxLength(20));
        Arbitrary<Long> numbers = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        Arbitrary<Instant> instants = Arbitraries.oneOf(
                Arbitraries.longs().between(0, LAST_MILLI).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L).map(Instant::ofEpochSecond),
                Arbitraries.of(Instant.EPOCH, Instant.ofEpochMilli(LAST_MILLI), Instant.ofEpochMilli(LAST_MILLI + 1),
                        Instant.ofEpochMilli(-1), Instant.parse("2000-02-29T12:00:00.001Z"),
                        Instant.parse("2100-03-01T00:00:00Z"), Instant.ofEpochSecond(1, 500)));
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(text, text.injectNull(0.05)).ofMaxSize(4).map(HashMap::new);
        return Builders.withBuilder(Draft::new)
                .use(text.injectNull(0.05)).in(Draft::namespace)
                .use(text.injectNull(0.05)).in(Draft::name)
                .use(numbers).in(Draft::value)
                .use(numbers).in(Draft::min)
                .use(numbers).in(Draft::max)
                .use(numbers).in(Draft::initial)
                .use(Arbitraries.of(OverflowPolicy.class).injectNull(0.05)).in(Draft::overflow)
                .use(numbers).in(Draft::version)
                .use(text.injectNull(0.05)).in(Draft::description)
                .use(labels.injectNull(0.05)).in(Draft::labels)
                .use(instants.injectNull(0.05)).in(Draft::createdAt)
                .use(instants.injectNull(0.05)).in(Draft::updatedAt)
                .use(Arbitraries.of(true, false).injectNull(0.5)).in(Draft::clamped)
                .build(Draft::counter);
    }

    private static boolean needsTheMapper(CounterJson c) {
        StringBuilder strings = new StringBuilder();
        strings.append(c.namespace()).append(c.name()).append(c.description());
        if (c.labels() != null) {
            c.labels().forEach((k, v) -> strings.append(k).append(v));
        }
        boolean surrogate = strings.chars().anyMatch(ch -> Character.isSurrogate((char) ch));
        return surrogate || far(c.createdAt()) || far(c.updatedAt());
    }

    private static boolean far(Instant t) {
        return t != null && (t.isBefore(Instant.EPOCH) || t.toEpochMilli() > LAST_MILLI || t.getNano() % 1_000_000 != 0);
    }

    private static ObjectMapper apiMapper() {
        ObjectMapper mapper = Jackson.newObjectMapper();
        CounterApplication.configureJson(mapper);
        return mapper;
    }

    private static final class Draft {
        String namespace;
        String name;
        long value;
        long min;
        long max;
        long initial;
        OverflowPolicy overflow;
        long version;
        String description;
        Map<String, String> labels;
        Instant createdAt;
        Instant updatedAt;
        Boolean clamped;

        Draft namespace(String v) {
            namespace = v;
            return this;
        }

        Draft name(String v) {
            name = v;
            return this;
        }

        Draft value(long v) {
            value = v;
            return this;
        }

        Draft min(long v) {
            min = v;
            return this;
        }

        Draft max(long v) {
            max = v;
            return this;
        }

        Draft initial(long v) {
            initial = v;
            return this;
        }

        Draft overflow(OverflowPolicy v) {
            overflow = v;
            return this;
        }

        Draft version(long v) {
            version = v;
            return this;
        }

        Draft description(String v) {
            description = v;
            return this;
        }

        Draft labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        Draft createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        Draft updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        Draft clamped(Boolean v) {
            clamped = v;
            return this;
        }

        CounterJson counter() {
            return new CounterJson(namespace, name, value, min, max, initial, overflow, version, description, labels,
                    createdAt, updatedAt, clamped);
        }
    }
}
