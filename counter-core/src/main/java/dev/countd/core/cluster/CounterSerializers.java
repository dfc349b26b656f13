package dev.countd.core.cluster;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.countd.core.alert.AlertSerializers;
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
import dev.countd.core.counter.OperationId;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.RecordedOp;
import dev.countd.core.counter.ReplaceCounterProcessor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
                .addSerializer(new MutationRequestSerializer())
                .addSerializer(new BatchProcessorSerializer())
                .addSerializer(new ReplaceManyProcessorSerializer())
                .addSerializer(new dev.countd.core.counter.BatchResultsSerializer())
                .addSerializer(new ReplaceProcessorSerializer())
                .addSerializer(new MutationResultSerializer())
                .addSerializer(new StoreCurrentSerializer());
        dev.countd.core.apikey.ApiKeySerializers.register(config);
        dev.countd.core.alert.AlertSerializers.register(config);
    }

    static final class CounterSerializer implements CompactSerializer<Counter> {
        @Override
        public Counter read(CompactReader in) {
            return new Counter(in.readString("namespace"), in.readString("name"), in.readInt64("value"),
                    in.readInt64("min"), in.readInt64("max"), in.readInt64("initial"),
                    OverflowPolicy.values()[in.readInt8("overflow")], in.readInt64("version"),
                    in.readString("description"), readLabels(in), in.readInt64("createdAt"), in.readInt64("updatedAt"),
                    in.getFieldKind("opIds") == FieldKind.NOT_AVAILABLE ? List.of() : readRecentOps(in),
                    AlertSerializers.readDisarmed(in), AlertSerializers.readOutbox(in));
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
            writeRecentOps(out, c.recentOps());
            AlertSerializers.writeCounterFields(out, c.alertDisarmed(), c.outbox());
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
            return new CounterMutationProcessor(in.readCompact("request"));
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
            return new BatchMutationProcessor(byKey);
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
        @Override
        public ReplaceCountersProcessor read(CompactReader in) {
            String[] keys = in.readArrayOfString("keys");
            Counter[] states = in.readArrayOfCompact("states", Counter.class);
            Map<String, Counter> byKey = new java.util.HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                byKey.put(keys[i], states[i]);
            }
            return new ReplaceCountersProcessor(byKey);
        }

        @Override
        public void write(CompactWriter out, ReplaceCountersProcessor processor) {
            String[] keys = processor.states().keySet().toArray(String[]::new);
            Counter[] states = new Counter[keys.length];
            for (int i = 0; i < keys.length; i++) {
                states[i] = processor.states().get(keys[i]);
            }
            out.writeArrayOfString("keys", keys);
            out.writeArrayOfCompact("states", states);
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
                    in.readBoolean("clamped"), in.readString("detail"), in.readBoolean("replayed"));
        }

        @Override
        public void write(CompactWriter out, MutationResult result) {
            out.writeString("outcome", result.outcome().name());
            out.writeCompact("counter", result.counter());
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

    /** Remembered operations as parallel primitive arrays: cheap to read on every update. */
    private static void writeRecentOps(CompactWriter out, List<RecordedOp> ops) {
        if (ops.isEmpty()) {
            // null costs only the field offset: most counters remember nothing, and memory per counter counts
            for (String field : new String[] {"opIds", "opHashes", "opExpires", "opValues", "opVersions", "opUpdated"}) {
                out.writeArrayOfInt64(field, null);
            }
            out.writeArrayOfInt32("opFlags", null);
            out.writeArrayOfString("opDetails", null);
            return;
        }
        int n = ops.size();
        long[] ids = new long[n];
        long[] hashes = new long[n];
        long[] expires = new long[n];
        long[] values = new long[n];
        long[] versions = new long[n];
        long[] updated = new long[n];
        int[] flags = new int[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            RecordedOp op = ops.get(i);
            ids[i] = op.id();
            hashes[i] = op.requestHash();
            expires[i] = op.expiresAt();
            values[i] = op.value();
            versions[i] = op.version();
            updated[i] = op.updatedAt();
            flags[i] = op.outcome().ordinal() | (op.clamped() ? 0x100 : 0) | (op.clientKey() ? 0x200 : 0);
            details[i] = op.detail();
        }
        out.writeArrayOfInt64("opIds", ids);
        out.writeArrayOfInt64("opHashes", hashes);
        out.writeArrayOfInt64("opExpires", expires);
        out.writeArrayOfInt64("opValues", values);
        out.writeArrayOfInt64("opVersions", versions);
        out.writeArrayOfInt64("opUpdated", updated);
        out.writeArrayOfInt32("opFlags", flags);
        out.writeArrayOfString("opDetails", details);
    }

    private static List<RecordedOp> readRecentOps(CompactReader in) {
        long[] ids = in.readArrayOfInt64("opIds");
        if (ids == null || ids.length == 0) {
            return List.of();
        }
        long[] hashes = in.readArrayOfInt64("opHashes");
        long[] expires = in.readArrayOfInt64("opExpires");
        long[] values = in.readArrayOfInt64("opValues");
        long[] versions = in.readArrayOfInt64("opVersions");
        long[] updated = in.readArrayOfInt64("opUpdated");
        int[] flags = in.readArrayOfInt32("opFlags");
        String[] details = in.readArrayOfString("opDetails");
        MutationOutcome[] outcomes = MutationOutcome.values();
        List<RecordedOp> ops = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            ops.add(new RecordedOp(ids[i], hashes[i], expires[i], (flags[i] & 0x200) != 0, outcomes[flags[i] & 0xff],
                    (flags[i] & 0x100) != 0, values[i], versions[i], updated[i], details[i]));
        }
        return ops;
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
