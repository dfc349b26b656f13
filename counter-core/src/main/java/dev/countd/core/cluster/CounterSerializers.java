package dev.countd.core.cluster;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterMutationProcessor;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.MutationRequest;
import dev.countd.core.counter.MutationResult;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.ReplaceCounterProcessor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compact serializers for everything the counter map stores or sends between members. Explicit
 * serializers (not reflection) keep the wire format stable, fast and versioned: new fields are
 * added with a {@link FieldKind#NOT_AVAILABLE} check so older entries still read.
 */
public final class CounterSerializers {

    private CounterSerializers() {
    }

    public static void register(SerializationConfig config) {
        config.getCompactSerializationConfig()
                .addSerializer(new CounterSerializer())
                .addSerializer(new MutationProcessorSerializer())
                .addSerializer(new ReplaceProcessorSerializer())
                .addSerializer(new MutationResultSerializer())
                .addSerializer(new StoreCurrentSerializer());
    }

    static final class CounterSerializer implements CompactSerializer<Counter> {
        @Override
        public Counter read(CompactReader in) {
            return new Counter(in.readString("namespace"), in.readString("name"), in.readInt64("value"),
                    in.readInt64("min"), in.readInt64("max"), in.readInt64("initial"),
                    OverflowPolicy.values()[in.readInt8("overflow")], in.readInt64("version"),
                    in.readString("description"), readLabels(in), in.readInt64("createdAt"), in.readInt64("updatedAt"));
        }

        @Override
        public void write(CompactWriter out, Counter c) {
            out.writeInt8("format", (byte) Counter.FORMAT);
            out.writeString("namespace", c.namespace());
            out.writeString("name", c.name());
            out.writeInt64("value", c.value());
            out.writeInt64("min", c.min());
            out.writeInt64("max", c.max());
            out.writeInt64("initial", c.initial());
            out.writeInt8("overflow", (byte) c.overflow().ordinal());
            out.writeInt64("version", c.version());
            out.writeString("description", c.description());
            writeLabels(out, c.labels());
            out.writeInt64("createdAt", c.createdAt());
            out.writeInt64("updatedAt", c.updatedAt());
        }

        @Override
        public String getTypeName() {
            return "countd.Counter";
        }

        @Override
        public Class<Counter> getCompactClass() {
            return Counter.class;
        }
    }

    static final class MutationProcessorSerializer implements CompactSerializer<CounterMutationProcessor> {
        @Override
        public CounterMutationProcessor read(CompactReader in) {
            String kind = in.readString("kind");
            long amount = in.readInt64("amount");
            CounterOperation operation = switch (kind) {
                case "increment" -> new CounterOperation.Increment(amount);
                case "decrement" -> new CounterOperation.Decrement(amount);
                case "reset" -> new CounterOperation.Reset();
                case "delete" -> new CounterOperation.Delete();
                case "upsert" -> new CounterOperation.Upsert(readPatch(in));
                default -> throw new IllegalStateException("unknown counter operation " + kind);
            };
            CounterDefaults defaults = new CounterDefaults(in.readInt64("defaultMin"), in.readInt64("defaultMax"),
                    in.readInt64("defaultInitial"), OverflowPolicy.values()[in.readInt8("defaultOverflow")]);
            return new CounterMutationProcessor(new MutationRequest(operation, in.readNullableInt64("expectedVersion"),
                    in.readBoolean("autoCreate"), defaults));
        }

        @Override
        public void write(CompactWriter out, CounterMutationProcessor processor) {
            MutationRequest request = processor.request();
            CounterOperation operation = request.operation();
            out.writeString("kind", operation.kind());
            long amount = 0;
            if (operation instanceof CounterOperation.Increment inc) {
                amount = inc.by();
            } else if (operation instanceof CounterOperation.Decrement dec) {
                amount = dec.by();
            }
            out.writeInt64("amount", amount);
            writePatch(out, operation instanceof CounterOperation.Upsert upsert ? upsert.patch() : null);
            out.writeNullableInt64("expectedVersion", request.expectedVersion());
            out.writeBoolean("autoCreate", request.autoCreate());
            CounterDefaults defaults = request.defaults();
            out.writeInt64("defaultMin", defaults.min());
            out.writeInt64("defaultMax", defaults.max());
            out.writeInt64("defaultInitial", defaults.initial());
            out.writeInt8("defaultOverflow", (byte) defaults.overflow().ordinal());
        }

        @Override
        public String getTypeName() {
            return "countd.CounterMutation";
        }

        @Override
        public Class<CounterMutationProcessor> getCompactClass() {
            return CounterMutationProcessor.class;
        }
    }

    static final class ReplaceProcessorSerializer implements CompactSerializer<ReplaceCounterProcessor> {
        @Override
        public ReplaceCounterProcessor read(CompactReader in) {
            return new ReplaceCounterProcessor(in.readCompact("state"));
        }

        @Override
        public void write(CompactWriter out, ReplaceCounterProcessor processor) {
            out.writeCompact("state", processor.state());
        }

        @Override
        public String getTypeName() {
            return "countd.ReplaceCounter";
        }

        @Override
        public Class<ReplaceCounterProcessor> getCompactClass() {
            return ReplaceCounterProcessor.class;
        }
    }

    static final class MutationResultSerializer implements CompactSerializer<MutationResult> {
        @Override
        public MutationResult read(CompactReader in) {
            return new MutationResult(MutationOutcome.valueOf(in.readString("outcome")), in.readCompact("counter"),
                    in.readBoolean("clamped"), in.readString("detail"));
        }

        @Override
        public void write(CompactWriter out, MutationResult result) {
            out.writeString("outcome", result.outcome().name());
            out.writeCompact("counter", result.counter());
            out.writeBoolean("clamped", result.clamped());
            out.writeString("detail", result.detail());
        }

        @Override
        public String getTypeName() {
            return "countd.MutationResult";
        }

        @Override
        public Class<MutationResult> getCompactClass() {
            return MutationResult.class;
        }
    }

    static final class StoreCurrentSerializer implements CompactSerializer<StoreCurrentCounterProcessor> {
        @Override
        public StoreCurrentCounterProcessor read(CompactReader in) {
            return new StoreCurrentCounterProcessor();
        }

        @Override
        public void write(CompactWriter out, StoreCurrentCounterProcessor processor) {
            out.writeBoolean("storeCurrent", true);
        }

        @Override
        public String getTypeName() {
            return "countd.StoreCurrentCounter";
        }

        @Override
        public Class<StoreCurrentCounterProcessor> getCompactClass() {
            return StoreCurrentCounterProcessor.class;
        }
    }

    private static void writePatch(CompactWriter out, CounterPatch patch) {
        out.writeBoolean("hasPatch", patch != null);
        out.writeNullableInt64("patchValue", patch == null ? null : patch.value());
        out.writeNullableInt64("patchMin", patch == null ? null : patch.min());
        out.writeNullableInt64("patchMax", patch == null ? null : patch.max());
        out.writeNullableInt64("patchInitial", patch == null ? null : patch.initial());
        out.writeString("patchOverflow", patch == null || patch.overflow() == null ? null : patch.overflow().name());
        out.writeString("patchDescription", patch == null ? null : patch.description());
        boolean hasLabels = patch != null && patch.labels() != null;
        out.writeBoolean("patchHasLabels", hasLabels);
        writeLabels(out, hasLabels ? patch.labels() : Map.of());
    }

    private static CounterPatch readPatch(CompactReader in) {
        String overflow = in.readString("patchOverflow");
        return new CounterPatch(in.readNullableInt64("patchValue"), in.readNullableInt64("patchMin"),
                in.readNullableInt64("patchMax"), in.readNullableInt64("patchInitial"),
                overflow == null ? null : OverflowPolicy.valueOf(overflow), in.readString("patchDescription"),
                in.readBoolean("patchHasLabels") ? readLabels(in) : null);
    }

    private static void writeLabels(CompactWriter out, Map<String, String> labels) {
        String[] keys = new String[labels.size()];
        String[] values = new String[labels.size()];
        int i = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            keys[i] = label.getKey();
            values[i++] = label.getValue();
        }
        out.writeArrayOfString("labelKeys", keys);
        out.writeArrayOfString("labelValues", values);
    }

    private static Map<String, String> readLabels(CompactReader in) {
        String[] keys = in.readArrayOfString("labelKeys");
        String[] values = in.readArrayOfString("labelValues");
        if (keys == null || keys.length == 0) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            labels.put(keys[i], values[i]);
        }
        return labels;
    }
}
