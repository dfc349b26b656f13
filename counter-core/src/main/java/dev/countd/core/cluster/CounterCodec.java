package dev.countd.core.cluster;

import dev.countd.core.alert.AlertEvent;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.MemberTag;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.RecordedOp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory binary form of a {@link Counter}: what every IMap entry holds, so its size is most
 * of the heap a counter costs. Layout (version 3):
 * <pre>
 * byte    format version (3; versions 1 and 2 are still read)
 * varint  flags: which optional parts follow (bit set = present / not the default)
 * [ID]    namespace, name          only in messages; map values never repeat their key
 * zigzag  value
 * [MIN] zigzag min (default 0)   [MAX] zigzag max (default Long.MAX_VALUE)   [INITIAL] zigzag initial (default 0)
 * zigzag  version, createdAt, updatedAt - createdAt
 * [DESCRIPTION] string   [LABELS] count, (key, value)...   [RECENT_OPS] count, [MEMBER] int member, op...
 * [DISARMED] count, string...   [OUTBOX] count, event...
 * </pre>
 * Overflow {@code CLAMP} is a flag bit (REJECT is the default). Strings are a varint of (UTF-8 length + 1),
 * 0 meaning null, then the bytes. A default counter takes 11 bytes.
 * <p>
 * A remembered operation (versions 2 and 3) is written relative to the counter that holds it, because a busy
 * counter carries many of them and every change re-encodes them all:
 * <pre>
 * varint  bits: outcome ordinal (low 5 bits), client key, clamped, [HASH], [DETAIL], [OTHER_MEMBER] (version 3)
 * long    id (8 bytes: random, a varint would be longer)
 * [HASH]  long request hash (server-generated ids have none)
 * zigzag  counter value - op value, counter version - op version, counter updatedAt - op updatedAt
 * zigzag  op expiresAt - op updatedAt (its time to live)
 * [DETAIL] string
 * [OTHER_MEMBER] int: the member that recorded this server id, when it is not the section's {@code member}
 * </pre>
 * A server operation id of a single increment then takes 15-17 bytes instead of version 1's 34 (which wrote every
 * field in full); larger amounts and older entries need a few bytes more. Version 3 adds who recorded each
 * server id ({@link RecordedOp#recordedBy()}): once per counter (the newest server id's member, 4 bytes), and
 * 5 more bytes only on ids another member recorded (those inherited at a takeover). Versions 1 and 2 drop it;
 * their ids read back as recorded by an unknown member.
 * <p>
 * Compatibility rules: a reader accepts every version it knows and refuses a newer one (loudly, never
 * guessing). Any change to the layout, including a new flag bit, is a new version that readers of the old one
 * cannot read; so every member of a cluster must write a version every member reads (see docs/architecture.md).
 * The database row has its own format ({@link Counter#FORMAT}) and does not depend on this one.
 */
public final class CounterCodec {

    public static final int VERSION = 3;

    private static final int ID = 1;
    private static final int MIN = 1 << 1;
    private static final int MAX = 1 << 2;
    private static final int INITIAL = 1 << 3;
    private static final int CLAMP = 1 << 4;
    private static final int DESCRIPTION = 1 << 5;
    private static final int LABELS = 1 << 6;
    private static final int RECENT_OPS = 1 << 7;
    private static final int DISARMED = 1 << 8;
    private static final int OUTBOX = 1 << 9;
    private static final int MEMBER = 1 << 10;
    private static final int KNOWN_V2 = (OUTBOX << 1) - 1;
    private static final int KNOWN_V3 = (MEMBER << 1) - 1;

    private static final int V1_OP_CLIENT_KEY = 1 << 8;
    private static final int V1_OP_CLAMPED = 1 << 9;
    private static final int OP_OUTCOME = (1 << 5) - 1;
    private static final int OP_CLIENT_KEY = 1 << 5;
    private static final int OP_CLAMPED = 1 << 6;
    private static final int OP_HASH = 1 << 7;
    private static final int OP_DETAIL = 1 << 8;
    private static final int OP_OTHER_MEMBER = 1 << 9;
    private static final MutationOutcome[] OUTCOMES = MutationOutcome.values();

    static {
        if (OUTCOMES.length > OP_OUTCOME + 1) { // a 33rd outcome would spill into the flag bits of version 2
            throw new ExceptionInInitializerError("MutationOutcome has outgrown CounterCodec's 5 bits");
        }
    }

    private CounterCodec() {
    }

    /**
     * Every caller names the version (no default), so a new path cannot forget the member's configured format.
     *
     * @param withId  write namespace and name too (a counter travelling in a message, not a map value)
     * @param version the layout to write: {@link #VERSION}, or an older one while members that read only that
     *                are still in the cluster (the first step of a rolling upgrade, see docs/architecture.md)
     */
    public static void write(DataOutput out, Counter c, boolean withId, int version) throws IOException {
        requireWritable(version);
        int member = version >= 3 ? newestServerIdMember(c.recentOps()) : MemberTag.UNKNOWN;
        int flags = (withId && c.namespace() != null ? ID : 0)
                | (c.min() != 0 ? MIN : 0)
                | (c.max() != Long.MAX_VALUE ? MAX : 0)
                | (c.initial() != 0 ? INITIAL : 0)
                | (c.overflow() == OverflowPolicy.CLAMP ? CLAMP : 0)
                | (c.description().isEmpty() ? 0 : DESCRIPTION)
                | (c.labels().isEmpty() ? 0 : LABELS)
                | (c.recentOps().isEmpty() ? 0 : RECENT_OPS)
                | (c.alertDisarmed().isEmpty() ? 0 : DISARMED)
                | (c.outbox().isEmpty() ? 0 : OUTBOX)
                | (member != MemberTag.UNKNOWN ? MEMBER : 0);
        out.writeByte(version);
        writeVarLong(out, flags);
        if ((flags & ID) != 0) {
            writeString(out, c.namespace());
            writeString(out, c.name());
        }
        writeSigned(out, c.value());
        if ((flags & MIN) != 0) {
            writeSigned(out, c.min());
        }
        if ((flags & MAX) != 0) {
            writeSigned(out, c.max());
        }
        if ((flags & INITIAL) != 0) {
            writeSigned(out, c.initial());
        }
        writeSigned(out, c.version());
        writeSigned(out, c.createdAt());
        writeSigned(out, c.updatedAt() - c.createdAt()); // wraps for absurd values, and unwraps exactly on read
        if ((flags & DESCRIPTION) != 0) {
            writeString(out, c.description());
        }
        if ((flags & LABELS) != 0) {
            writeVarLong(out, c.labels().size());
            for (Map.Entry<String, String> label : c.labels().entrySet()) {
                writeString(out, label.getKey());
                writeString(out, label.getValue());
            }
        }
        if ((flags & RECENT_OPS) != 0) {
            writeVarLong(out, c.recentOps().size());
            if ((flags & MEMBER) != 0) {
                out.writeInt(member);
            }
            for (RecordedOp op : c.recentOps()) {
                if (version == 1) {
                    writeOpV1(out, op);
                } else {
                    writeOp(out, op, c, version, member);
                }
            }
        }
        if ((flags & DISARMED) != 0) {
            writeVarLong(out, c.alertDisarmed().size());
            for (String key : c.alertDisarmed()) {
                writeString(out, key);
            }
        }
        if ((flags & OUTBOX) != 0) {
            writeVarLong(out, c.outbox().size());
            for (AlertEvent e : c.outbox()) {
                writeString(out, e.id());
                writeString(out, e.ruleId());
                writeSigned(out, e.threshold());
                writeString(out, e.direction());
                writeSigned(out, e.previousValue());
                writeSigned(out, e.value());
                writeSigned(out, e.occurredAt());
            }
        }
    }

    /** @return the counter; namespace and name are null when they were not written (a map value) */
    public static Counter read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < 1 || version > VERSION) {
            throw new IllegalStateException("counter stored in format " + version + "; this member reads formats 1 to "
                    + VERSION + " only (every member must write a format all members read: see cluster.counterFormat)");
        }
        long flags = readVarLong(in);
        long unknown = flags & ~(version >= 3 ? KNOWN_V3 : KNOWN_V2);
        if (unknown != 0) {
            throw new IllegalStateException("counter format " + version + " has no flags " + Long.toBinaryString(unknown));
        }
        if ((flags & MEMBER) != 0 && (flags & RECENT_OPS) == 0) {
            throw new IllegalStateException("malformed stored counter: a member tag without remembered operations");
        }
        String namespace = null;
        String name = null;
        if ((flags & ID) != 0) {
            namespace = readString(in);
            name = readString(in);
        }
        long value = readSigned(in);
        long min = (flags & MIN) != 0 ? readSigned(in) : 0;
        long max = (flags & MAX) != 0 ? readSigned(in) : Long.MAX_VALUE;
        long initial = (flags & INITIAL) != 0 ? readSigned(in) : 0;
        long counterVersion = readSigned(in);
        long createdAt = readSigned(in);
        long updatedAt = createdAt + readSigned(in);
        String description = (flags & DESCRIPTION) != 0 ? readString(in) : "";
        Map<String, String> labels = Map.of();
        if ((flags & LABELS) != 0) {
            int n = readCount(in);
            labels = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                labels.put(readString(in), readString(in));
            }
        }
        List<RecordedOp> ops = List.of();
        if ((flags & RECENT_OPS) != 0) {
            int n = readCount(in);
            int member = (flags & MEMBER) != 0 ? in.readInt() : MemberTag.UNKNOWN;
            if ((flags & MEMBER) != 0 && member == MemberTag.UNKNOWN) {
                throw new IllegalStateException("malformed stored counter: a member tag of 0");
            }
            ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(version == 1 ? readOpV1(in) : readOp(in, version, value, counterVersion, updatedAt, member));
            }
        }
        List<String> disarmed = List.of();
        if ((flags & DISARMED) != 0) {
            int n = readCount(in);
            disarmed = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                disarmed.add(readString(in));
            }
        }
        List<AlertEvent> outbox = List.of();
        if ((flags & OUTBOX) != 0) {
            int n = readCount(in);
            outbox = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                outbox.add(new AlertEvent(readString(in), readString(in), readSigned(in), readString(in),
                        readSigned(in), readSigned(in), readSigned(in)));
            }
        }
        return new Counter(namespace, name, value, min, max, initial,
                (flags & CLAMP) != 0 ? OverflowPolicy.CLAMP : OverflowPolicy.REJECT, counterVersion, description, labels,
                createdAt, updatedAt, ops, disarmed, outbox);
    }

    /** The member that recorded the newest server id: the one most ids are written relative to. */
    private static int newestServerIdMember(List<RecordedOp> ops) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            if (!ops.get(i).clientKey()) {
                return ops.get(i).recordedBy();
            }
        }
        return MemberTag.UNKNOWN;
    }

    private static void writeOp(DataOutput out, RecordedOp op, Counter holder, int version, int member) throws IOException {
        boolean hashed = op.requestHash() != 0;
        boolean otherMember = version >= 3 && !op.clientKey() && op.recordedBy() != member;
        writeVarLong(out, op.outcome().ordinal() | (op.clientKey() ? OP_CLIENT_KEY : 0) | (op.clamped() ? OP_CLAMPED : 0)
                | (hashed ? OP_HASH : 0) | (op.detail() != null ? OP_DETAIL : 0) | (otherMember ? OP_OTHER_MEMBER : 0));
        out.writeLong(op.id());
        if (hashed) {
            out.writeLong(op.requestHash());
        }
        // Differences wrap for absurd values and unwrap exactly on read (two's complement).
        writeSigned(out, holder.value() - op.value());
        writeSigned(out, holder.version() - op.version());
        writeSigned(out, holder.updatedAt() - op.updatedAt());
        writeSigned(out, op.expiresAt() - op.updatedAt());
        if (op.detail() != null) {
            writeString(out, op.detail());
        }
        if (otherMember) {
            out.writeInt(op.recordedBy());
        }
    }

    private static RecordedOp readOp(DataInput in, int format, long value, long version, long updatedAt, int member)
            throws IOException {
        long bits = readVarLong(in);
        long knownBits = ((format >= 3 ? OP_OTHER_MEMBER : OP_DETAIL) << 1) - 1L;
        if ((bits & ~knownBits) != 0 || (bits & OP_OUTCOME) >= OUTCOMES.length
                || ((bits & OP_OTHER_MEMBER) != 0 && (bits & OP_CLIENT_KEY) != 0)) {
            throw new IllegalStateException("malformed remembered operation in a stored counter");
        }
        long id = in.readLong();
        long hash = (bits & OP_HASH) != 0 ? in.readLong() : 0;
        long opValue = value - readSigned(in);
        long opVersion = version - readSigned(in);
        long opUpdatedAt = updatedAt - readSigned(in);
        long expiresAt = opUpdatedAt + readSigned(in);
        String detail = (bits & OP_DETAIL) != 0 ? readString(in) : null;
        int recordedBy = (bits & OP_OTHER_MEMBER) != 0 ? in.readInt() : member;
        return new RecordedOp(id, hash, expiresAt, (bits & OP_CLIENT_KEY) != 0, OUTCOMES[(int) (bits & OP_OUTCOME)],
                (bits & OP_CLAMPED) != 0, opValue, opVersion, opUpdatedAt, detail, recordedBy);
    }

    /** Version 1: every field in full (id, hash, expiresAt, bits, value, version, updatedAt, detail). */
    private static void writeOpV1(DataOutput out, RecordedOp op) throws IOException {
        out.writeLong(op.id());
        out.writeLong(op.requestHash());
        writeSigned(out, op.expiresAt());
        writeVarLong(out, op.outcome().ordinal() | (op.clientKey() ? V1_OP_CLIENT_KEY : 0) | (op.clamped() ? V1_OP_CLAMPED : 0));
        writeSigned(out, op.value());
        writeSigned(out, op.version());
        writeSigned(out, op.updatedAt());
        writeString(out, op.detail());
    }

    private static RecordedOp readOpV1(DataInput in) throws IOException {
        long id = in.readLong();
        long hash = in.readLong();
        long expires = readSigned(in);
        int bits = (int) readVarLong(in);
        return new RecordedOp(id, hash, expires, (bits & V1_OP_CLIENT_KEY) != 0, OUTCOMES[bits & 0xff],
                (bits & V1_OP_CLAMPED) != 0, readSigned(in), readSigned(in), readSigned(in), readString(in));
    }

    /** {@code version} when this member can write it (it reads every version it writes); else IllegalArgumentException. */
    public static int requireWritable(int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("counter format must be 1 to " + VERSION + ", not " + version);
        }
        return version;
    }

    /** The message form (with namespace and name) as bytes, for Compact messages that carry a counter; null stays null. */
    public static byte[] toBytes(Counter counter, int version) {
        return counter == null ? null : toBytes(List.of(counter), version);
    }

    public static Counter fromBytes(byte[] bytes) {
        return bytes == null ? null : fromBytesAll(bytes, 1).get(0);
    }

    /** Several counters (null elements allowed) in one array, in order. */
    public static byte[] toBytes(List<Counter> counters, int version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * counters.size());
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            for (Counter counter : counters) {
                out.writeBoolean(counter != null);
                if (counter != null) {
                    write(out, counter, true, version);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream never fails
        }
        return bytes.toByteArray();
    }

    public static List<Counter> fromBytesAll(byte[] bytes, int count) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        List<Counter> counters = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                counters.add(in.readBoolean() ? read(in) : null);
            }
        } catch (IOException e) {
            throw new IllegalStateException("truncated counter message", e);
        }
        return counters;
    }

    private static void writeSigned(DataOutput out, long v) throws IOException {
        writeVarLong(out, (v << 1) ^ (v >> 63));
    }

    private static long readSigned(DataInput in) throws IOException {
        long raw = readVarLong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInput in) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint in a stored counter");
    }

    private static int readCount(DataInput in) throws IOException {
        long n = readVarLong(in);
        if (n < 0 || n > 1_000_000) {
            throw new IllegalStateException("malformed count " + n + " in a stored counter");
        }
        return (int) n;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length + 1L);
        out.write(utf8);
    }

    private static String readString(DataInput in) throws IOException {
        int n = readCount(in);
        if (n == 0) {
            return null;
        }
        byte[] utf8 = new byte[n - 1];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
