package dev.countd.core.storage;

import dev.countd.core.alert.AlertEvent;
import dev.countd.core.cluster.CounterCodec;
import dev.countd.core.counter.Counter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The counters' write-ahead journal: numbered segment files of length-prefixed, checksummed records, each the
 * whole new state of one counter (or its deletion). Appending a record is one {@code write} to the file; like H2
 * with {@code WRITE_DELAY=0}, it reaches the operating system before the update is acknowledged (it survives
 * {@code kill -9}, not a power cut). Not thread-safe: {@link JournaledCounterStore} serialises every call.
 */
final class CounterJournal implements AutoCloseable {

    /** One record: the state {@code counter} of {@code key}, or its deletion ({@code counter} null). */
    record Entry(String key, Counter counter) {
        boolean deletion() {
            return counter == null;
        }
    }

    /**
     * The newest entry of a key, and the outbox events of its earlier entries that the newest no longer holds. An
     * entry's outbox may drop an event the database has not seen yet (the detector trims old and surplus events),
     * so a batch that writes only the newest state inserts these as well.
     */
    record State(Entry newest, List<AlertEvent> earlierEvents) {

        static State of(Entry entry) {
            return new State(entry, List.of());
        }

        /** This key's state after {@code next}, carrying the events that {@code next} dropped. */
        State then(State next) {
            List<AlertEvent> dropped = newest.deletion() ? List.of() : newest.counter().outbox();
            if (earlierEvents.isEmpty() && dropped.isEmpty()) {
                return next;
            }
            Set<String> held = new HashSet<>();
            if (!next.newest.deletion()) {
                next.newest.counter().outbox().forEach(e -> held.add(e.id()));
            }
            next.earlierEvents.forEach(e -> held.add(e.id()));
            List<AlertEvent> carried = new ArrayList<>(next.earlierEvents);
            for (List<AlertEvent> events : List.of(earlierEvents, dropped)) {
                for (AlertEvent e : events) {
                    if (held.add(e.id())) {
                        carried.add(e);
                    }
                }
            }
            return new State(next.newest, List.copyOf(carried));
        }
    }

    /** What {@link #read} found: the state per key, in the order of last changes, and the segments it came from. */
    record Contents(Map<String, State> latest, List<Path> segments, long nextSegment, int tornRecords) {
    }

    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{12})\\.journal");
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    /** A record longer than this is not one we wrote: a torn or foreign tail. */
    private static final int MAX_RECORD = 16 << 20;

    private final Path directory;
    private long segmentNumber;
    private Path segment;
    private FileChannel channel;
    private long goodEnd;
    private final List<Path> closed = new ArrayList<>();

    private CounterJournal(Path directory, long segmentNumber) {
        this.directory = directory;
        this.segmentNumber = segmentNumber;
    }

    /** A journal that appends to a new segment numbered {@code firstSegment}. */
    static CounterJournal open(Path directory, long firstSegment) {
        CounterJournal journal = new CounterJournal(directory, firstSegment);
        journal.openSegment();
        return journal;
    }

    /** Appends the records in one write; on failure none of them counts (a partial write is cut off). */
    void append(List<Entry> entries) {
        ByteBuffer records = ByteBuffer.wrap(encode(entries));
        if (channel == null) {
            openSegment(); // the last failure could not cut its partial write off: that segment ends there
        }
        try {
            while (records.hasRemaining()) {
                channel.write(records);
            }
            goodEnd = channel.position();
        } catch (IOException e) {
            cutOffPartialWrite();
            throw new StoreUnavailableException("could not append to the counter journal", e);
        }
    }

    /**
     * Closes the segment being appended to and starts the next; returns every segment closed since the last
     * rotation, oldest first (usually one: more when a failed write had to abandon a segment).
     */
    List<Path> rotate() {
        if (channel != null) {
            closeChannel();
            closed.add(segment);
            segmentNumber++;
        }
        openSegment();
        List<Path> rotated = List.copyOf(closed);
        closed.clear();
        return rotated;
    }

    @Override
    public void close() {
        closeChannel();
    }

    /** Every segment in {@code directory}, oldest first; a torn record ends its segment (it was never acknowledged). */
    static Contents read(Path directory) {
        try {
            Files.createDirectories(directory);
            List<Path> segments;
            try (Stream<Path> files = Files.list(directory)) {
                segments = files.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches()).sorted().toList();
            }
            Map<String, State> latest = new LinkedHashMap<>();
            int torn = 0;
            for (Path file : segments) {
                try {
                    torn += readSegment(Files.readAllBytes(file), latest);
                } catch (IOException | RuntimeException e) {
                    // a whole record (its checksum holds) that does not decode: written by a newer release, or a bug
                    throw new IllegalStateException("counter journal segment " + file + " holds a record this "
                            + "version cannot read; start the release that wrote it to replay it", e);
                }
            }
            long next = segments.isEmpty() ? 1 : number(segments.get(segments.size() - 1)) + 1;
            return new Contents(latest, segments, next, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the counter journal in " + directory, e);
        }
    }

    /** The records of one file (a segment, or the refused file), as {@link #read} folds them; a torn tail ends it. */
    static Map<String, State> parse(byte[] bytes) throws IOException {
        Map<String, State> latest = new LinkedHashMap<>();
        readSegment(bytes, latest);
        return latest;
    }

    private static int readSegment(byte[] bytes, Map<String, State> latest) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.remaining() >= 8) {
            int length = in.getInt();
            int checksum = in.getInt();
            if (length <= 0 || length > MAX_RECORD || length > in.remaining()) {
                return 1;
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, in.position(), length);
            if ((int) crc.getValue() != checksum) {
                return 1;
            }
            Entry entry = decode(new DataInputStream(new ByteArrayInputStream(bytes, in.position(), length)));
            State before = latest.remove(entry.key()); // keeps the order of last changes
            latest.put(entry.key(), before == null ? State.of(entry) : before.then(State.of(entry)));
            in.position(in.position() + length);
        }
        return in.hasRemaining() ? 1 : 0;
    }

    static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(entries.size() * 128);
        ByteArrayOutputStream one = new ByteArrayOutputStream(128);
        try {
            DataOutputStream out = new DataOutputStream(one);
            DataOutputStream header = new DataOutputStream(all);
            for (Entry entry : entries) {
                one.reset();
                out.writeByte(entry.deletion() ? DELETE : PUT);
                out.writeUTF(entry.key());
                if (!entry.deletion()) {
                    // the newest format: a journal is replayed by this member only, never sent to older ones
                    CounterCodec.write(out, entry.counter(), false, CounterCodec.VERSION);
                }
                out.flush();
                CRC32C crc = new CRC32C();
                crc.update(one.toByteArray());
                header.writeInt(one.size());
                header.writeInt((int) crc.getValue());
                one.writeTo(all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory streams do not fail", e);
        }
        return all.toByteArray();
    }

    private static Entry decode(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        String key = in.readUTF();
        if (kind == DELETE) {
            return new Entry(key, null);
        }
        if (kind != PUT) {
            throw new IOException("unknown journal record kind " + kind);
        }
        return new Entry(key, Counter.identified(key, CounterCodec.read(in)));
    }

    private void openSegment() {
        segment = directory.resolve(String.format("segment-%012d.journal", segmentNumber));
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            goodEnd = 0;
        } catch (IOException e) {
            channel = null;
            throw new StoreUnavailableException("could not open a counter journal segment", e);
        }
    }

    private void cutOffPartialWrite() {
        try {
            channel.truncate(goodEnd);
            channel.position(goodEnd);
        } catch (IOException e) {
            // the segment may end in a torn record, which replay reads as its end: later records go to a new one
            closeChannel();
            closed.add(segment);
            segmentNumber++;
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // everything appended was written by write(); closing releases the descriptor only
        }
        channel = null;
    }

    private static long number(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a journal segment: " + segment);
        }
        return Long.parseLong(m.group(1));
    }
}
