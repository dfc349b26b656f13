package dev.countd.core.counter;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.query.impl.QueryableEntry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the keys of one listing page without an index. Every member runs it over its own entries and
 * reads only their keys (values stay serialized); each keeps just the first {@code size} keys in order that
 * start with {@code from} and sort after {@code after}, so the caller merges at most {@code size} keys per
 * member. Cost: one pass over all keys of the cluster per page, and no memory per counter (the sorted index
 * this replaces cost about 300 bytes per counter).
 * <p>
 * Keys are {@code namespace/name}, so within one namespace their order is the names' order.
 * Not thread-safe: Hazelcast gives each scanning thread its own copy and combines them.
 */
public final class NamePage implements Aggregator<Map.Entry<String, Counter>, List<String>> {

    /** A serialized String: partition hash, type id, UTF-8 length (4 bytes each), then the UTF-8 bytes. */
    private static final int KEY_OFFSET = 12;

    private final String from;
    private final String after;
    private final int size;
    private final TreeSet<String> found = new TreeSet<>();
    /** UTF-8 of {@code from}, {@code after} and the last key found, for comparing serialized keys in place. */
    private byte[] fromUtf8;
    private byte[] afterUtf8;
    private byte[] lastUtf8;

    /**
     * @param from  the keys' required start: {@code namespace/} plus the name prefix
     * @param after keys must sort after this one (the cursor's key), or null
     * @param size  how many keys to keep: the page size plus one, to know whether there is a next page
     */
    public NamePage(String from, String after, int size) {
        this.from = from;
        this.after = after;
        this.size = size;
    }

    /** For the serializer: a copy that already found {@code keys}. */
    public NamePage(String from, String after, int size, List<String> keys) {
        this(from, after, size);
        keys.forEach(this::offer);
    }

    public String from() {
        return from;
    }

    public String after() {
        return after;
    }

    public int size() {
        return size;
    }

    public List<String> found() {
        return new ArrayList<>(found);
    }

    @Override
    public void accumulate(Map.Entry<String, Counter> entry) {
        // Most keys of a large map are rejected: decide on the serialized key where Hazelcast offers it, so the
        // scan does not build a String per counter. Keys are ASCII (names and namespaces are), so byte order is
        // String order.
        if (entry instanceof QueryableEntry<?, ?> queryable) {
            Data data = queryable.getKeyDataIfPresent();
            if (data != null && data.getType() == SerializationConstants.CONSTANT_TYPE_STRING && !wanted(data.toByteArray())) {
                return;
            }
        }
        offer(entry.getKey());
    }

    /** False when the serialized String key (header, int length, UTF-8) certainly does not belong to the page. */
    private boolean wanted(byte[] data) {
        if (fromUtf8 == null) {
            fromUtf8 = from.getBytes(StandardCharsets.UTF_8);
            afterUtf8 = after == null ? null : after.getBytes(StandardCharsets.UTF_8);
        }
        int length = data.length - KEY_OFFSET;
        if (length < fromUtf8.length || Arrays.compare(data, KEY_OFFSET, KEY_OFFSET + fromUtf8.length, fromUtf8, 0,
                fromUtf8.length) != 0) {
            return false;
        }
        if (afterUtf8 != null && Arrays.compareUnsigned(data, KEY_OFFSET, data.length, afterUtf8, 0, afterUtf8.length) <= 0) {
            return false;
        }
        if (found.size() >= size) {
            if (lastUtf8 == null) {
                lastUtf8 = found.last().getBytes(StandardCharsets.UTF_8);
            }
            return Arrays.compareUnsigned(data, KEY_OFFSET, data.length, lastUtf8, 0, lastUtf8.length) < 0;
        }
        return true;
    }

    @Override
    public void combine(Aggregator aggregator) {
        ((NamePage) aggregator).found.forEach(this::offer);
    }

    @Override
    public List<String> aggregate() {
        return new ArrayList<>(found);
    }

    private void offer(String key) {
        if (!key.startsWith(from) || (after != null && key.compareTo(after) <= 0)) {
            return;
        }
        if (found.size() >= size) {
            if (key.compareTo(found.last()) >= 0) {
                return;
            }
            found.pollLast();
        }
        found.add(key);
        lastUtf8 = null;
    }
}
