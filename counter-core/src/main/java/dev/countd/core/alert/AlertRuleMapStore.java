package dev.countd.core.alert;

import com.hazelcast.map.MapStore;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The durable copy of the {@code alert-rules} map (table {@code alert_rules}): written through, loaded eagerly. */
public final class AlertRuleMapStore implements MapStore<String, AlertRule> {

    private static final String COLUMNS = "id, namespace, counter_pattern, threshold, direction, url, hysteresis, enabled, "
            + "disabled_reason, secret, created_at, updated_at, failing_since";

    private final Jdbi jdbi;
    private final String upsertSql;

    public AlertRuleMapStore(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.upsertSql = dialect.upsert("alert_rules", "id", COLUMNS.split(", "));
    }

    @Override
    public void store(String id, AlertRule rule) {
        jdbi.useHandle(h -> bind(h.createUpdate(upsertSql), rule).execute());
    }

    @Override
    public void storeAll(Map<String, AlertRule> rules) {
        jdbi.useTransaction(h -> rules.values().forEach(rule -> bind(h.createUpdate(upsertSql), rule).execute()));
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM alert_rules WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void deleteAll(Collection<String> ids) {
        ids.forEach(this::delete);
    }

    @Override
    public AlertRule load(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_rules WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne().orElse(null));
    }

    @Override
    public Map<String, AlertRule> loadAll(Collection<String> ids) {
        Map<String, AlertRule> loaded = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_rules WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> read(rs)).forEach(r -> loaded.put(r.id(), r)));
        }
        return loaded;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM alert_rules").mapTo(String.class).list());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, AlertRule rule) {
        return statement.bind("id", rule.id())
                .bind("namespace", rule.namespace())
                .bind("counter_pattern", rule.counter())
                .bind("threshold", rule.threshold())
                .bind("direction", rule.direction().name())
                .bind("url", rule.url())
                .bind("hysteresis", rule.hysteresis())
                .bind("enabled", rule.enabled())
                .bind("disabled_reason", rule.disabledReason())
                .bind("secret", rule.secret())
                .bind("created_at", rule.createdAt())
                .bind("updated_at", rule.updatedAt())
                .bind("failing_since", rule.failingSince());
    }

    private static AlertRule read(ResultSet rs) throws SQLException {
        return new AlertRule(rs.getString("id"), rs.getString("namespace"), rs.getString("counter_pattern"),
                rs.getLong("threshold"), AlertDirection.valueOf(rs.getString("direction")), rs.getString("url"),
                rs.getLong("hysteresis"), rs.getBoolean("enabled"), rs.getString("disabled_reason"), rs.getString("secret"),
                rs.getLong("created_at"), rs.getLong("updated_at"), rs.getObject("failing_since", Long.class));
    }
}
