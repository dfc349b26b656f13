package dev.countd.core.alert;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Compact serializers of the rule map and the outbox processor, and the counter entry's alert fields. */
public final class AlertSerializers {

    private AlertSerializers() {
    }

    public static void register(SerializationConfig config) {
        config.getCompactSerializationConfig()
                .addSerializer(new RuleSerializer())
                .addSerializer(new PruneSerializer());
    }

    /** Writes the counter entry's alert fields (parallel arrays). */
    public static void writeCounterFields(CompactWriter out, List<String> disarmed, List<AlertEvent> outbox) {
        out.writeArrayOfString("alertDisarmed", disarmed.toArray(String[]::new));
        int n = outbox.size();
        String[] ids = new String[n];
        String[] rules = new String[n];
        String[] directions = new String[n];
        long[] thresholds = new long[n];
        long[] previous = new long[n];
        long[] values = new long[n];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            AlertEvent e = outbox.get(i);
            ids[i] = e.id();
            rules[i] = e.ruleId();
            directions[i] = e.direction();
            thresholds[i] = e.threshold();
            previous[i] = e.previousValue();
            values[i] = e.value();
            at[i] = e.occurredAt();
        }
        out.writeArrayOfString("outboxIds", ids);
        out.writeArrayOfString("outboxRules", rules);
        out.writeArrayOfString("outboxDirections", directions);
        out.writeArrayOfInt64("outboxThresholds", thresholds);
        out.writeArrayOfInt64("outboxPrevious", previous);
        out.writeArrayOfInt64("outboxValues", values);
        out.writeArrayOfInt64("outboxAt", at);
    }

    public static List<String> readDisarmed(CompactReader in) {
        if (in.getFieldKind("alertDisarmed") == FieldKind.NOT_AVAILABLE) {
            return List.of();
        }
        String[] keys = in.readArrayOfString("alertDisarmed");
        return keys == null ? List.of() : List.of(keys);
    }

    public static List<AlertEvent> readOutbox(CompactReader in) {
        if (in.getFieldKind("outboxIds") == FieldKind.NOT_AVAILABLE) {
            return List.of();
        }
        String[] ids = in.readArrayOfString("outboxIds");
        if (ids == null || ids.length == 0) {
            return List.of();
        }
        String[] rules = in.readArrayOfString("outboxRules");
        String[] directions = in.readArrayOfString("outboxDirections");
        long[] thresholds = in.readArrayOfInt64("outboxThresholds");
        long[] previous = in.readArrayOfInt64("outboxPrevious");
        long[] values = in.readArrayOfInt64("outboxValues");
        long[] at = in.readArrayOfInt64("outboxAt");
        List<AlertEvent> events = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            events.add(new AlertEvent(ids[i], rules[i], thresholds[i], directions[i], previous[i], values[i], at[i]));
        }
        return events;
    }

    static final class RuleSerializer implements CompactSerializer<AlertRule> {
        @Override
        public AlertRule read(CompactReader in) {
            return new AlertRule(in.readString("id"), in.readString("namespace"), in.readString("counter"),
                    in.readInt64("threshold"), AlertDirection.valueOf(in.readString("direction")), in.readString("url"),
                    in.readInt64("hysteresis"), in.readBoolean("enabled"), in.readString("disabledReason"),
                    in.readString("secret"), in.readInt64("createdAt"), in.readInt64("updatedAt"),
                    in.readNullableInt64("failingSince"));
        }

        @Override
        public void write(CompactWriter out, AlertRule rule) {
            out.writeString("id", rule.id());
            out.writeString("namespace", rule.namespace());
            out.writeString("counter", rule.counter());
            out.writeInt64("threshold", rule.threshold());
            out.writeString("direction", rule.direction().name());
            out.writeString("url", rule.url());
            out.writeInt64("hysteresis", rule.hysteresis());
            out.writeBoolean("enabled", rule.enabled());
            out.writeString("disabledReason", rule.disabledReason());
            out.writeString("secret", rule.secret());
            out.writeInt64("createdAt", rule.createdAt());
            out.writeInt64("updatedAt", rule.updatedAt());
            out.writeNullableInt64("failingSince", rule.failingSince());
        }

        @Override
        public String getTypeName() {
            return "countd.AlertRule";
        }

        @Override
        public Class<AlertRule> getCompactClass() {
            return AlertRule.class;
        }
    }

    static final class PruneSerializer implements CompactSerializer<PruneOutboxProcessor> {
        @Override
        public PruneOutboxProcessor read(CompactReader in) {
            return new PruneOutboxProcessor(Set.of(in.readArrayOfString("eventIds")));
        }

        @Override
        public void write(CompactWriter out, PruneOutboxProcessor processor) {
            out.writeArrayOfString("eventIds", processor.eventIds().toArray(String[]::new));
        }

        @Override
        public String getTypeName() {
            return "countd.PruneOutbox";
        }

        @Override
        public Class<PruneOutboxProcessor> getCompactClass() {
            return PruneOutboxProcessor.class;
        }
    }
}
