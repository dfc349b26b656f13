package dev.countd.core.cluster;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.countd.core.counter.BatchMutationProcessor;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.ReplaceCountersProcessor;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterMutationProcessor;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.IdempotencyPolicy;
import dev.countd.core.counter.MutationRequest;
import dev.countd.core.counter.MutationResult;
import dev.countd.core.counter.NamePage;
import dev.countd.core.counter.OperationId;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.ReplaceCounterProcessor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializers for everything the counter map stores or sends between members, registered in one place.
 * Explicit serializers (not reflection) keep the formats stable, fast and versioned. The map's values use
 * {@link CounterCodec} (smallest heap); messages are Compact, carrying a counter as {@link CounterCodec} bytes
 * with its namespace and name. Compact messages evolve by adding fields (readers check
 * {@link FieldKind#NOT_AVAILABLE}).
 */
public final class CounterSerializers {

    private CounterSerializers() {
    }

    /** @param counterFormat the {@link CounterCodec} version this member writes (it reads every version it knows) */
    public static void register(SerializationConfig config, int counterFormat) {
        CounterCodec.requireWritable(counterFormat);
        config.addSerializerConfig(new SerializerConfig().setTypeClass(Counter.class)
                .setImplementation(new StoredCounterSerializer(counterFormat)));
        config.getCompactSerializationConfig()
                .addSerializer(new MutationProcessorSerializer())
                .addSerializer(new NamePageSerializer())
                .addSerializer(new MutationRequestSerializer())
                .addSerializer(new BatchProcessorSerializer())
                .addSerializer(new ReplaceManyProcessorSerializer(counterFormat))
                .addSerializer(new dev.countd.core.counter.BatchResultsSerializer(counterFormat))
                .addSerializer(new ReplaceProcessorSerializer(counterFormat))
                .addSerializer(new MutationResultSerializer(counterFormat))
                .addSerializer(new StoreCurrentSerializer());
        dev.countd.core.apikey.ApiKeySerializers.register(config);
        dev.countd.core.alert.AlertSerializers.register(config);
    }

    /**
     * The IMap value: {@link CounterCodec}'s binary form without namespace and name (the key holds them). Not
     * Compact: Compact adds a schema id and field offsets to every value, which at a million counters is
     * megabytes of heap.
     */
    static final class StoredCounterSerializer implements StreamSerializer<Counter> {
        /** Hazelcast type id of the stored form; the rate limiter's serializers start at 10,000. */
        static final int TYPE_ID = 100;

        private final int counterFormat;

        StoredCounterSerializer(int counterFormat) {
            this.counterFormat = counterFormat;
        }

        @Override
        public void write(ObjectDataOutput out, Counter counter) throws IOException {
            CounterCodec.write(out, counter, false, counterFormat);
        }

        @Override
        public Counter read(ObjectDataInput in) throws IOException {
            return CounterCodec.read(in);
        }

        @Override
        public int getTypeId() {
            return TYPE_ID;
        }
    }

    static final class NamePageSerializer implements CompactSerializer<NamePage> {
        @Override
        public NamePage read(CompactReader in) {
            return new NamePage(in.readString("from"), in.readString("after"), in.readInt32("size"),
                    List.of(in.readArrayOfString("found")));
        }

        @Override
        public void write(CompactWriter out, NamePage page) {
            out.writeString("from", page.from());
            out.writeString("after", page.after());
            out.writeInt32("size", page.size());
            out.writeArrayOfString("found", page.found().toArray(String[]::new));
        }

        @Override
        public String getTypeName() {
            return "countd.NamePage";
        }

        @Override
        public Class<NamePage> getCompactClass() {
            return NamePage.class;
        }
    }

    static final class MutationProcessorSerializer implements CompactSerializer<CounterMutationProcessor> {
        @Override
        public CounterMutationProcessor read(CompactReader in) {
            return CounterMutationProcessor.received(in.readCompact("request"));
        }

        @Override
        public void write(CompactWriter out, CounterMutationProcessor processor) {
            out.writeCompact("request", processor.request());
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

    static final class BatchProcessorSerializer implements CompactSerializer<BatchMutationProcessor> {
        @Override
        public BatchMutationProcessor read(CompactReader in) {
            String[] keys = in.readArrayOfString("keys");
            int[] counts = in.readArrayOfInt32("counts");
            MutationRequest[] requests = in.readArrayOfCompact("requests", MutationRequest.class);
            Map<String, List<MutationRequest>> byKey = new java.util.HashMap<>();
            int next = 0;
            for (int i = 0; i < keys.length; i++) {
                byKey.put(keys[i], List.of(java.util.Arrays.copyOfRange(requests, next, next + counts[i])));
                next += counts[i];
            }
            return BatchMutationProcessor.received(byKey);
        }

        @Override
        public void write(CompactWriter out, BatchMutationProcessor processor) {
            Map<String, List<MutationRequest>> byKey = processor.requestsByKey();
            String[] keys = new String[byKey.size()];
            int[] counts = new int[byKey.size()];
            List<MutationRequest> all = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, List<MutationRequest>> e : byKey.entrySet()) {
                keys[i] = e.getKey();
                counts[i++] = e.getValue().size();
                all.addAll(e.getValue());
            }
            out.writeArrayOfString("keys", keys);
            out.writeArrayOfInt32("counts", counts);
            out.writeArrayOfCompact("requests", all.toArray(MutationRequest[]::new));
        }

        @Override
        public String getTypeName() {
            return "countd.BatchMutation";
        }

        @Override
        public Class<BatchMutationProcessor> getCompactClass() {
            return BatchMutationProcessor.class;
        }
    }

    static final class ReplaceManyProcessorSerializer implements CompactSerializer<ReplaceCountersProcessor> {
        private final int counterFormat;

        ReplaceManyProcessorSerializer(int counterFormat) {
            this.counterFormat = counterFormat;
        }

        @Override
        public ReplaceCountersProcessor read(CompactReader in) {
            String[] keys = in.readArrayOfString("keys");
            List<Counter> states = CounterCodec.fromBytesAll(in.readArrayOfInt8("states"), keys.length);
            Map<String, Counter> byKey = new java.util.HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                byKey.put(keys[i], states.get(i));
            }
            return new ReplaceCountersProcessor(byKey);
        }

        @Override
        public void write(CompactWriter out, ReplaceCountersProcessor processor) {
            String[] keys = processor.states().keySet().toArray(String[]::new);
            List<Counter> states = new ArrayList<>(keys.length);
            for (String key : keys) {
                states.add(processor.states().get(key));
            }
            out.writeArrayOfString("keys", keys);
            out.writeArrayOfInt8("states", CounterCodec.toBytes(states, counterFormat));
        }

        @Override
        public String getTypeName() {
            return "countd.ReplaceCounters";
        }

        @Override
        public Class<ReplaceCountersProcessor> getCompactClass() {
            return ReplaceCountersProcessor.class;
        }
    }

    static final class MutationRequestSerializer implements CompactSerializer<MutationRequest> {
        @Override
        public MutationRequest read(CompactReader in) {
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
            Long opId = in.readNullableInt64("opId");
            OperationId operationId = opId == null ? null
                    : new OperationId(opId, in.readInt64("opRequestHash"), in.readBoolean("opClientKey"));
            IdempotencyPolicy policy = new IdempotencyPolicy(in.readInt64("clientKeyTtl"), in.readInt32("maxClientKeys"),
                    in.readInt64("serverIdTtl"), in.readInt32("maxServerIds"));
            return new MutationRequest(operation, in.readNullableInt64("expectedVersion"),
                    in.readBoolean("autoCreate"), defaults, operationId, policy);
        }

        @Override
        public void write(CompactWriter out, MutationRequest request) {
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
            OperationId operationId = request.operationId();
            out.writeNullableInt64("opId", operationId == null ? null : operationId.id());
            out.writeInt64("opRequestHash", operationId == null ? 0 : operationId.requestHash());
            out.writeBoolean("opClientKey", operationId != null && operationId.clientKey());
            IdempotencyPolicy policy = request.idempotency();
            out.writeInt64("clientKeyTtl", policy.clientKeyTtlMillis());
            out.writeInt32("maxClientKeys", policy.maxClientKeys());
            out.writeInt64("serverIdTtl", policy.serverIdTtlMillis());
            out.writeInt32("maxServerIds", policy.maxServerIds());
        }

        @Override
        public String getTypeName() {
            return "countd.MutationRequest";
        }

        @Override
        public Class<MutationRequest> getCompactClass() {
            return MutationRequest.class;
        }
    }

    static final class ReplaceProcessorSerializer implements CompactSerializer<ReplaceCounterProcessor> {
        private final int counterFormat;

        ReplaceProcessorSerializer(int counterFormat) {
            this.counterFormat = counterFormat;
        }

        @Override
        public ReplaceCounterProcessor read(CompactReader in) {
            return new ReplaceCounterProcessor(CounterCodec.fromBytes(in.readArrayOfInt8("state")));
        }

        @Override
        public void write(CompactWriter out, ReplaceCounterProcessor processor) {
            out.writeArrayOfInt8("state", CounterCodec.toBytes(processor.state(), counterFormat));
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
        private final int counterFormat;

        MutationResultSerializer(int counterFormat) {
            this.counterFormat = counterFormat;
        }

        @Override
        public MutationResult read(CompactReader in) {
            return new MutationResult(MutationOutcome.valueOf(in.readString("outcome")), CounterCodec.fromBytes(in.readArrayOfInt8("counter")),
                    in.readBoolean("clamped"), in.readString("detail"), in.readBoolean("replayed"));
        }

        @Override
        public void write(CompactWriter out, MutationResult result) {
            out.writeString("outcome", result.outcome().name());
            out.writeArrayOfInt8("counter", CounterCodec.toBytes(result.counter(), counterFormat));
            out.writeBoolean("clamped", result.clamped());
            out.writeString("detail", result.detail());
            out.writeBoolean("replayed", result.replayed());
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
