package dev.countd.core.apikey;

import com.hazelcast.map.MapStore;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The durable copy of the {@code api-keys} map (table {@code api_keys}), written through on every
 * change and loaded eagerly at start. Keys are never deleted, only revoked. Thread-safe.
 */
public final class ApiKeyMapStore implements MapStore<String, ApiKey> {

    private static final String COLUMNS = "id, name, namespace, scopes, plan, rate_capacity, rate_refill_tokens, "
            + "rate_refill_period_ms, secret_sha256, created_at, expires_at, revoked_at, last_used_at";

    private final Jdbi jdbi;
    private final String upsertSql;

    public ApiKeyMapStore(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.upsertSql = dialect.upsert("api_keys", "id", COLUMNS.split(", "));
    }

    @Override
    public void store(String id, ApiKey key) {
        jdbi.useHandle(handle -> bind(handle.createUpdate(upsertSql), key).execute());
    }

    @Override
    public void storeAll(Map<String, ApiKey> keys) {
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(upsertSql);
            keys.values().forEach(key -> bind(batch, key).add());
            batch.execute();
        });
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM api_keys WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void deleteAll(Collection<String> ids) {
        ids.forEach(this::delete);
    }

    /**
     * Always null: the map is complete once {@link #loadAllKeys()} has loaded it eagerly, and every
     * key is created through the map, so a miss is an unknown key. Answering it here, not from
     * the database, keeps guessed key ids off the database.
     */
    @Override
    public ApiKey load(String id) {
        return null;
    }

    @Override
    public Map<String, ApiKey> loadAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> read(rs))
                .collect(Collectors.toMap(ApiKey::id, k -> k, (a, b) -> a, HashMap::new)));
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM api_keys").mapTo(String.class).list());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, ApiKey key) {
        RateLimit limit = key.rateLimit();
        return statement.bind("id", key.id())
                .bind("name", key.name())
                .bind("namespace", key.namespace())
                .bind("scopes", key.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(",")))
                .bind("plan", key.plan())
                .bind("rate_capacity", limit == null ? null : limit.capacity())
                .bind("rate_refill_tokens", limit == null ? null : limit.refillTokens())
                .bind("rate_refill_period_ms", limit == null ? null : limit.refillPeriod().toMillis())
                .bind("secret_sha256", key.secretSha256())
                .bind("created_at", millis(key.createdAt()))
                .bind("expires_at", millis(key.expiresAt()))
                .bind("revoked_at", millis(key.revokedAt()))
                .bind("last_used_at", millis(key.lastUsedAt()));
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        String stored = rs.getString("scopes");
        if (stored != null && !stored.isEmpty()) {
            Arrays.stream(stored.split(",")).map(Scope::parse).flatMap(java.util.Optional::stream).forEach(scopes::add);
        }
        long capacity = rs.getLong("rate_capacity");
        RateLimit limit = rs.wasNull() ? null : new RateLimit(capacity, rs.getLong("rate_refill_tokens"),
                Duration.ofMillis(rs.getLong("rate_refill_period_ms")));
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("namespace"), scopes,
                rs.getString("plan"), limit, rs.getString("secret_sha256"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
