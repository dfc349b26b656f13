package dev.countd.core.apikey;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Compact serializers for the key map's value and its change processor; registered by {@code CounterCluster}. */
public final class ApiKeySerializers {

    private ApiKeySerializers() {
    }

    public static void register(SerializationConfig config) {
        config.getCompactSerializationConfig()
                .addSerializer(new ApiKeySerializer())
                .addSerializer(new ApiKeyChangeSerializer());
    }

    static final class ApiKeySerializer implements CompactSerializer<ApiKey> {
        @Override
        public ApiKey read(CompactReader in) {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String scope : in.readArrayOfString("scopes")) {
                Scope.parse(scope).ifPresent(scopes::add);
            }
            return new ApiKey(in.readString("id"), in.readString("name"), in.readString("namespace"), scopes,
                    in.readString("plan"), readLimit(in), in.readString("secretSha256"), instant(in, "createdAt"),
                    instant(in, "expiresAt"), instant(in, "revokedAt"), instant(in, "lastUsedAt"));
        }

        @Override
        public void write(CompactWriter out, ApiKey key) {
            out.writeString("id", key.id());
            out.writeString("name", key.name());
            out.writeString("namespace", key.namespace());
            out.writeArrayOfString("scopes", key.scopes().stream().map(Scope::value).sorted().toArray(String[]::new));
            out.writeString("plan", key.plan());
            writeLimit(out, key.rateLimit());
            out.writeString("secretSha256", key.secretSha256());
            out.writeNullableInt64("createdAt", millis(key.createdAt()));
            out.writeNullableInt64("expiresAt", millis(key.expiresAt()));
            out.writeNullableInt64("revokedAt", millis(key.revokedAt()));
            out.writeNullableInt64("lastUsedAt", millis(key.lastUsedAt()));
        }

        @Override
        public String getTypeName() {
            return "countd.ApiKey";
        }

        @Override
        public Class<ApiKey> getCompactClass() {
            return ApiKey.class;
        }
    }

    static final class ApiKeyChangeSerializer implements CompactSerializer<ApiKeyChange> {
        @Override
        public ApiKeyChange read(CompactReader in) {
            return new ApiKeyChange(instant(in, "revokeAt"), in.readString("name"), in.readBoolean("changeLimit"),
                    in.readString("plan"), readLimit(in), instant(in, "lastUsedAt"));
        }

        @Override
        public void write(CompactWriter out, ApiKeyChange change) {
            out.writeNullableInt64("revokeAt", millis(change.revokeAt()));
            out.writeString("name", change.name());
            out.writeBoolean("changeLimit", change.changeLimit());
            out.writeString("plan", change.plan());
            writeLimit(out, change.rateLimit());
            out.writeNullableInt64("lastUsedAt", millis(change.lastUsedAt()));
        }

        @Override
        public String getTypeName() {
            return "countd.ApiKeyChange";
        }

        @Override
        public Class<ApiKeyChange> getCompactClass() {
            return ApiKeyChange.class;
        }
    }

    private static void writeLimit(CompactWriter out, RateLimit limit) {
        out.writeNullableInt64("rateCapacity", limit == null ? null : limit.capacity());
        out.writeNullableInt64("rateRefillTokens", limit == null ? null : limit.refillTokens());
        out.writeNullableInt64("rateRefillPeriodMs", limit == null ? null : limit.refillPeriod().toMillis());
    }

    private static RateLimit readLimit(CompactReader in) {
        Long capacity = in.readNullableInt64("rateCapacity");
        return capacity == null ? null : new RateLimit(capacity, in.readNullableInt64("rateRefillTokens"),
                Duration.ofMillis(in.readNullableInt64("rateRefillPeriodMs")));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(CompactReader in, String field) {
        Long value = in.readNullableInt64(field);
        return value == null ? null : Instant.ofEpochMilli(value);
    }
}
