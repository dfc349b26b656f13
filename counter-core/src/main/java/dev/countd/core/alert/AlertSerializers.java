package dev.countd.core.alert;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.Set;

/** Compact serializers of the rule map and the outbox processor (the counter entry's alert fields: CounterCodec). */
public final class AlertSerializers {

    private AlertSerializers() {
    }

    public static void register(SerializationConfig config) {
        config.getCompactSerializationConfig()
                .addSerializer(new RuleSerializer())
                .addSerializer(new PruneSerializer());
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
