package dev.countd.core.counter;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.countd.core.cluster.CounterCodec;

/** Compact form of {@link BatchResults}: parallel arrays, one entry per operation, plus the snapshots. */
public final class BatchResultsSerializer implements CompactSerializer<BatchResults> {

    private final int counterFormat;

    /** @param counterFormat the {@link CounterCodec} version the snapshots are written in */
    public BatchResultsSerializer(int counterFormat) {
        this.counterFormat = counterFormat;
    }

    @Override
    public BatchResults read(CompactReader in) {
        return new BatchResults(CounterCodec.fromBytesAll(in.readArrayOfInt8("snapshots"), in.readInt32("snapshotCount")),
                in.readArrayOfInt8("outcomes"), in.readArrayOfInt8("flags"), in.readArrayOfInt64("values"),
                in.readArrayOfInt64("versions"), in.readArrayOfInt64("updatedAts"), in.readArrayOfInt32("snapshotOf"),
                in.readArrayOfString("details"));
    }

    @Override
    public void write(CompactWriter out, BatchResults results) {
        // Counters travel in CounterCodec's message form (with namespace and name), as in every other message.
        out.writeArrayOfInt8("snapshots", CounterCodec.toBytes(results.snapshots(), counterFormat));
        out.writeInt32("snapshotCount", results.snapshots().size());
        out.writeArrayOfInt8("outcomes", results.outcomes());
        out.writeArrayOfInt8("flags", results.flags());
        out.writeArrayOfInt64("values", results.values());
        out.writeArrayOfInt64("versions", results.versions());
        out.writeArrayOfInt64("updatedAts", results.updatedAts());
        out.writeArrayOfInt32("snapshotOf", results.snapshotOf());
        out.writeArrayOfString("details", results.details());
    }

    @Override
    public String getTypeName() {
        return "countd.BatchResults3";
    }

    @Override
    public Class<BatchResults> getCompactClass() {
        return BatchResults.class;
    }
}
