package dev.countd.core.cluster;

import dev.countd.core.alert.AlertEvent;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.RecordedOp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory counter format keeps every field exactly, with and without the identity. */
class CounterCodecProperties {

    @Property(tries = 500)
    void everyFieldRoundTripsInTheMessageForm(@ForAll("counters") Counter counter) {
        assertThat(CounterCodec.fromBytes(CounterCodec.toBytes(counter, CounterCodec.VERSION))).isEqualTo(counter);
    }

    @Property(tries = 500)
    void theStoredFormDropsOnlyTheIdentity(@ForAll("counters") Counter counter) throws IOException {
        Counter stored = CounterCodec.read(new DataInputStream(new ByteArrayInputStream(stored(counter))));
        assertThat(stored.namespace()).isNull();
        assertThat(stored.name()).isNull();
        assertThat(Counter.identified(counter.id(), stored)).isEqualTo(counter);
    }

    @Property(tries = 100)
    void severalCountersAndNullsKeepTheirOrder(@ForAll("counters") Counter a, @ForAll("counters") Counter b) {
        List<Counter> counters = Arrays.asList(a, null, b);
        assertThat(CounterCodec.fromBytesAll(CounterCodec.toBytes(counters, CounterCodec.VERSION), 3)).isEqualTo(counters);
    }

    @Example
    void aDefaultCounterTakesElevenBytes() throws IOException {
        Counter counter = Counter.create(new CounterId("default", "counter-0000001"), CounterDefaults.STANDARD,
                1_795_000_000_000L);
        assertThat(stored(counter)).hasSize(11);
    }

    /** A counter with a server id and a client key remembered, and its map value as version 1 (commit 0fb8073) wrote it. */
    private static final Counter REMEMBERING = new Counter("default", "page-views", 1042, 0, Long.MAX_VALUE, 0,
            OverflowPolicy.REJECT, 17, "", Map.of(), 1_795_000_000_000L, 1_795_000_060_000L, List.of(
            new RecordedOp(0x1234_5678_9abc_def0L, 0, 1_795_000_119_000L, false, MutationOutcome.UPDATED, false,
                    1041, 16, 1_795_000_059_000L, null),
            new RecordedOp(-42L, 77L, 1_795_086_460_000L, true, MutationOutcome.BOUND_EXCEEDED, true,
                    1042, 17, 1_795_000_060_000L, "clamped at max")));
    private static final byte[] REMEMBERING_V1 = HexFormat.of().parseHex("018001a4102280f8b2e5bd68c0a90702123456789a"
            + "bcdef00000000000000000b0bbc1e5bd6800a21020f091bae5bd6800ffffffffffffffd6000000000000004dc091edb7be688406a4"
            + "1022c0a1bae5bd680f636c616d706564206174206d6178");

    /** {@link #REMEMBERING}'s map value as version 2 (commit 12da9a3) wrote it. */
    private static final byte[] REMEMBERING_V2 = HexFormat.of().parseHex("028001a4102280f8b2e5bd68c0a9070200123456789a"
            + "bcdef00202d00fc0a907e403ffffffffffffffd6000000000000004d00000080f0b2520f636c616d706564206174206d6178");

    private static final Map<Integer, byte[]> EARLIER_RELEASES = Map.of(1, REMEMBERING_V1, 2, REMEMBERING_V2);

    @Example
    void valuesWrittenByEarlierReleasesAreStillRead() throws IOException {
        for (Map.Entry<Integer, byte[]> written : EARLIER_RELEASES.entrySet()) {
            Counter read = CounterCodec.read(new DataInputStream(new ByteArrayInputStream(written.getValue())));
            assertThat(Counter.identified(REMEMBERING.id(), read)).as("version %d", written.getKey()).isEqualTo(REMEMBERING);
        }
    }

    @Example
    void earlierVersionsAreWrittenByteForByteAsTheirReleasesWroteThem() throws IOException {
        for (Map.Entry<Integer, byte[]> written : EARLIER_RELEASES.entrySet()) {
            assertThat(stored(REMEMBERING, written.getKey())).as("version %d", written.getKey()).isEqualTo(written.getValue());
        }
    }

    @Property(tries = 300)
    void everyFieldButWhoRecordedAServerIdRoundTripsInVersionsOneAndTwo(@ForAll("counters") Counter counter)
            throws IOException {
        for (int version : new int[] {1, 2}) {
            Counter stored = CounterCodec.read(new DataInputStream(new ByteArrayInputStream(stored(counter, version))));
            assertThat(Counter.identified(counter.id(), stored)).isEqualTo(withoutMembers(counter));
            assertThat(CounterCodec.fromBytes(CounterCodec.toBytes(counter, version))).isEqualTo(withoutMembers(counter));
        }
    }

    @Example
    void versionThreeKeepsWhichMemberRecordedEachServerId() throws IOException {
        Counter inherited = withMembers(REMEMBERING, 0x0BAD_CAFE, 0x7777_0001);
        Counter read = CounterCodec.read(new DataInputStream(new ByteArrayInputStream(stored(inherited))));
        assertThat(Counter.identified(REMEMBERING.id(), read).recentOps()).extracting(RecordedOp::recordedBy)
                .as("the client key records no member").containsExactly(0x0BAD_CAFE, 0);
        assertThat(stored(inherited)).as("one member tag for the counter: 4 bytes").hasSize(stored(REMEMBERING).length + 4);
    }

    @Example
    void aVersionThisMemberCannotWriteIsRefused() {
        assertThatThrownBy(() -> stored(REMEMBERING, CounterCodec.VERSION + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter format must be");
    }

    @Example
    void aBusyCountersServerIdsTakeAtMostEighteenBytesEachOnAverage() throws IOException {
        long now = 1_795_000_060_000L;
        List<RecordedOp> ops = new ArrayList<>();
        for (int i = 0; i < 64; i++) { // a busy counter: one increment every 900 ms for the last minute
            long at = now - (63 - i) * 900L;
            ops.add(new RecordedOp(0x5DEECE66DL * (i + 1), 0, at + 60_000, false, MutationOutcome.UPDATED, false,
                    1_000_000 + i, 500 + i, at, null));
        }
        Counter busy = new Counter("default", "page-views", 1_000_063, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 563,
                "", Map.of(), now - 3_600_000, now, ops);
        Counter idle = new Counter("default", "page-views", 1_000_063, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 563,
                "", Map.of(), now - 3_600_000, now);
        int listOverhead = 2; // the flags varint grows by a byte, plus the list's count
        assertThat((stored(busy).length - stored(idle).length - listOverhead) / 64.0).isLessThanOrEqualTo(18);

        Counter recorded = withOps(busy, ops.stream().map(op -> withMember(op, 42)).toList());
        List<RecordedOp> halfInherited = new ArrayList<>(recorded.recentOps());
        for (int i = 0; i < 32; i++) {
            halfInherited.set(i, withMember(halfInherited.get(i), 41));
        }
        assertThat(stored(recorded).length - stored(busy).length).as("who recorded them, once").isEqualTo(4);
        assertThat(stored(withOps(busy, halfInherited)).length - stored(recorded).length)
                .as("an id another member recorded names it, and its bits take a second byte").isEqualTo(32 * 5);
    }

    @Example
    void aNewerFormatIsRefusedRatherThanMisread() throws IOException {
        byte[] bytes = stored(Counter.create(new CounterId("default", "x"), CounterDefaults.STANDARD, 1));
        bytes[0] = (byte) (CounterCodec.VERSION + 1);
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format " + (CounterCodec.VERSION + 1));
    }

    @Example
    void anUnknownFlagIsRefused() {
        byte[] withUnknownFlag = {(byte) CounterCodec.VERSION, (byte) 0x80, 0x10, 0, 0, 0, 0}; // flags varint: bit 11
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(withUnknownFlag))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no flags");
    }

    @Example
    void versionTwoRefusesWhatOnlyVersionThreeWrites() throws IOException {
        byte[] memberFlag = stored(REMEMBERING, 2);
        memberFlag[2] |= 0x08; // flags varint, second byte: bit 10 (MEMBER)
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(memberFlag))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no flags");
        byte[] opBit = stored(REMEMBERING, 2);
        int firstOpBits = 1 + 2 + 2 + 1 + 6 + 3 + 1; // version, flags, value, version, createdAt, updatedAt delta, count
        assertThat(opBit[firstOpBits]).as("the server id's bits: outcome UPDATED (0) only").isEqualTo((byte) 0);
        opBit[firstOpBits] = (byte) 0x80; // bits varint 0x200: bit 9 (OTHER_MEMBER)
        opBit = insert(opBit, firstOpBits + 1, (byte) 0x04);
        byte[] refused = opBit;
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(refused))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed remembered operation");
    }

    @Example
    void aMemberTagWithoutRememberedOperationsIsRefused() throws IOException {
        byte[] bytes = stored(Counter.create(new CounterId("default", "x"), CounterDefaults.STANDARD, 1));
        byte[] tagged = {bytes[0], (byte) 0x80, 0x08}; // flags varint: bit 10 (MEMBER) alone
        byte[] withTag = new byte[bytes.length + 1];
        System.arraycopy(tagged, 0, withTag, 0, 3);
        System.arraycopy(bytes, 2, withTag, 3, bytes.length - 2);
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(withTag))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("member tag without remembered operations");
    }

    @Example
    void versionThreeRefusesAMemberTagOfZeroAndAClientKeyNamingAMember() throws IOException {
        byte[] zeroTag = stored(withMembers(REMEMBERING, 0x0BAD_CAFE));
        int tagAt = 1 + 2 + 2 + 1 + 6 + 3 + 1; // version, flags, value, version, createdAt, updatedAt delta, count
        assertThat(java.nio.ByteBuffer.wrap(zeroTag, tagAt, 4).getInt()).isEqualTo(0x0BAD_CAFE);
        Arrays.fill(zeroTag, tagAt, tagAt + 4, (byte) 0);
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(zeroTag))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("member tag of 0");

        byte[] keyNamingMember = stored(withOps(REMEMBERING, List.of(REMEMBERING.recentOps().get(1))));
        int bitsAt = tagAt; // no member tag: the only remembered operation is a client key
        assertThat(keyNamingMember[bitsAt] & 0x80).as("its bits take two bytes (hash, detail)").isNotZero();
        keyNamingMember[bitsAt + 1] |= 0x04; // bit 9 (OTHER_MEMBER)
        assertThatThrownBy(() -> CounterCodec.read(new DataInputStream(new ByteArrayInputStream(keyNamingMember))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed remembered operation");
    }

    private static byte[] insert(byte[] bytes, int at, byte b) {
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, at);
        longer[at] = b;
        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
        return longer;
    }

    private static RecordedOp withMember(RecordedOp op, int member) {
        return new RecordedOp(op.id(), op.requestHash(), op.expiresAt(), op.clientKey(), op.outcome(), op.clamped(),
                op.value(), op.version(), op.updatedAt(), op.detail(), member);
    }

    /** {@code counter} with its remembered operations recorded by {@code members} in turn. */
    private static Counter withMembers(Counter counter, int... members) {
        List<RecordedOp> ops = new ArrayList<>();
        for (int i = 0; i < counter.recentOps().size(); i++) {
            ops.add(withMember(counter.recentOps().get(i), members[i % members.length]));
        }
        return withOps(counter, ops);
    }

    private static Counter withOps(Counter c, List<RecordedOp> ops) {
        return new Counter(c.namespace(), c.name(), c.value(), c.min(), c.max(), c.initial(), c.overflow(), c.version(),
                c.description(), c.labels(), c.createdAt(), c.updatedAt(), ops, c.alertDisarmed(), c.outbox());
    }

    private static Counter withoutMembers(Counter counter) {
        return withMembers(counter, 0);
    }

    private static byte[] stored(Counter counter) throws IOException {
        return stored(counter, CounterCodec.VERSION);
    }

    private static byte[] stored(Counter counter, int version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CounterCodec.write(new DataOutputStream(bytes), counter, false, version);
        return bytes.toByteArray();
    }

    @Provide
    Arbitrary<Counter> counters() {
        Arbitrary<Long> anyLong = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_795_000_000_000L));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz019.:-").ofMinLength(1).ofMaxLength(30)
                .map(s -> "n" + s);
        Arbitrary<long[]> opNumbers = anyLong.array(long[].class).ofSize(6); // id, hash, expiresAt, value, version, updatedAt
        Arbitrary<Integer> members = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, 2, -1));
        Arbitrary<RecordedOp> ops = Combinators.combine(opNumbers, Arbitraries.of(MutationOutcome.class),
                Arbitraries.of(true, false), Arbitraries.of(true, false), text.injectNull(0.3), members)
                .as((n, outcome, clientKey, clamped, detail, member) ->
                        new RecordedOp(n[0], n[1], n[2], clientKey, outcome, clamped, n[3], n[4], n[5], detail, member));
        Arbitrary<AlertEvent> events = Combinators.combine(text, text, anyLong, Arbitraries.of("UP", "DOWN"), anyLong, anyLong,
                anyLong).as(AlertEvent::new);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(text, text).ofMaxSize(4);
        Arbitrary<long[]> numbers = anyLong.array(long[].class).ofSize(7);
        return Combinators.combine(names, numbers, Arbitraries.of(OverflowPolicy.class), text, labels,
                ops.list().ofMaxSize(3), text.list().ofMaxSize(3), events.list().ofMaxSize(2))
                .as((name, n, overflow, description, labelMap, recent, disarmed, outbox) -> new Counter("ns-1", name,
                        n[0], n[1], n[2], n[3], overflow, n[4], description, labelMap, n[5], n[6], recent, disarmed, outbox));
    }
}
