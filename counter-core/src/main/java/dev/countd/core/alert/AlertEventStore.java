package dev.countd.core.alert;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code alert_events} and {@code alert_attempts} tables: the durable outbox and the delivery log.
 * Events arrive through {@link #insertOutbox} inside the counter store's transaction; every later change is
 * a conditional update, so members sharing one database never deliver the same attempt twice at once.
 * Thread-safe (stateless apart from the Jdbi handle factory).
 */
public final class AlertEventStore {

    private static final String COLUMNS = "id, rule_id, namespace, counter_name, threshold, direction, previous_value, "
            + "counter_value, occurred_at, status, attempts, window_start, next_attempt_at, delivered_at, last_status, last_error";
    private static final String INSERT = "INSERT INTO alert_events (id, rule_id, namespace, counter_name, threshold, "
            + "direction, previous_value, counter_value, occurred_at, status, in_entry, attempts, window_start, next_attempt_at) "
            + "SELECT :id, :rule, :namespace, :counter, :threshold, :direction, :previous, :value, :at, 'PENDING', TRUE, 0, "
            + ":at, :at WHERE NOT EXISTS (SELECT 1 FROM alert_events WHERE id = :id)";
    private static final int ERROR_LENGTH = 500;

    private final Jdbi jdbi;

    public AlertEventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the counter's outbox events not yet in the table; call inside the transaction that stores the counter. */
    public static void insertOutbox(Handle handle, Counter counter) {
        insertEvents(handle, counter.id(), counter.outbox());
    }

    /** Inserts events of the counter {@code id} not yet in the table (also of a counter deleted since). */
    public static void insertEvents(Handle handle, CounterId id, List<AlertEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (AlertEvent e : events) {
            batch.bind("id", e.id()).bind("rule", e.ruleId()).bind("namespace", id.namespace())
                    .bind("counter", id.name()).bind("threshold", e.threshold()).bind("direction", e.direction())
                    .bind("previous", e.previousValue()).bind("value", e.value()).bind("at", e.occurredAt()).add();
        }
        batch.execute();
    }

    /** Events still sitting in their counter entry's outbox (to prune there). */
    public List<Delivery> inEntries(int limit) {
        return select("WHERE in_entry = TRUE ORDER BY occurred_at", limit, null);
    }

    public void markPruned(Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE alert_events SET in_entry = FALSE WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids)).execute());
        }
    }

    /** Pending events whose next attempt is due and that no live claim holds. */
    public List<Delivery> due(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_events WHERE status = 'PENDING' "
                        + "AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now) "
                        + "ORDER BY next_attempt_at")
                .bind("now", now).setMaxRows(limit).map((rs, ctx) -> read(rs)).list());
    }

    /** Takes the next attempt of a due event for {@code member} until {@code until}; false if another took it. */
    public boolean claim(String id, String member, long until, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE alert_events SET claimed_by = :member, claimed_until = :until "
                        + "WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now "
                        + "AND (claimed_until IS NULL OR claimed_until < :now)")
                .bind("member", member).bind("until", until).bind("id", id).bind("now", now).execute()) == 1;
    }

    /**
     * Frees claims held by members no longer in the cluster (a crashed member's attempts would otherwise wait for
     * the claim to expire). All members sharing the database must be one cluster.
     */
    public int releaseClaimsExcept(Collection<String> liveMembers) {
        if (liveMembers.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(h -> h.createUpdate("UPDATE alert_events SET claimed_by = NULL, claimed_until = NULL "
                        + "WHERE status = 'PENDING' AND claimed_by IS NOT NULL AND claimed_by NOT IN (<live>)")
                .bindList("live", List.copyOf(liveMembers)).execute());
    }

    /** Records an attempt and the event's new state in one transaction. */
    public void recordAttempt(String id, DeliveryAttempt attempt, String status, long nextAttemptAt) {
        String error = truncate(attempt.error());
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO alert_attempts (event_id, attempted_at, status_code, latency_ms, error) "
                            + "VALUES (:id, :at, :code, :latency, :error)")
                    .bind("id", id).bind("at", attempt.attemptedAt()).bind("code", attempt.statusCode())
                    .bind("latency", attempt.latencyMillis()).bind("error", error).execute();
            h.createUpdate("UPDATE alert_events SET status = :status, attempts = attempts + 1, next_attempt_at = :next, "
                            + "last_status = :code, last_error = :error, claimed_by = NULL, claimed_until = NULL, "
                            + "delivered_at = :delivered WHERE id = :id")
                    .bind("status", status).bind("next", nextAttemptAt).bind("code", attempt.statusCode())
                    .bind("error", error).bind("id", id)
                    .bind("delivered", Delivery.DELIVERED.equals(status) ? Long.valueOf(attempt.attemptedAt()) : null)
                    .execute();
        });
    }

    /** Ends an event without an attempt (its rule was deleted or disabled). */
    public void cancel(String id, String reason) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE alert_events SET status = 'CANCELLED', last_error = :reason, "
                + "claimed_by = NULL, claimed_until = NULL WHERE id = :id").bind("reason", truncate(reason)).bind("id", id).execute());
    }

    /** Gives up every pending event of a rule (the rule was disabled or deleted). */
    public void cancelPendingOf(String ruleId, String reason) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE alert_events SET status = 'CANCELLED', last_error = :reason "
                + "WHERE rule_id = :rule AND status = 'PENDING'").bind("reason", truncate(reason)).bind("rule", ruleId).execute());
    }

    /** Queues an event again (same id) with a fresh retry window; false when the rule has no such event. */
    public boolean redeliver(String ruleId, String id, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE alert_events SET status = 'PENDING', next_attempt_at = :now, "
                        + "window_start = :now, claimed_by = NULL, claimed_until = NULL WHERE id = :id AND rule_id = :rule")
                .bind("now", now).bind("id", id).bind("rule", ruleId).execute()) == 1;
    }

    public List<Delivery> ofRule(String ruleId, int limit) {
        return select("WHERE rule_id = :rule ORDER BY occurred_at DESC", limit, ruleId);
    }

    /** The newest events of every rule, newest first: for the operator dashboard. */
    public List<Delivery> recent(int limit) {
        return select("ORDER BY occurred_at DESC", limit, null);
    }

    /** An event by its id alone, whatever its rule. */
    public Optional<Delivery> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_events WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    public Optional<Delivery> find(String ruleId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_events WHERE id = :id AND rule_id = :rule")
                .bind("id", id).bind("rule", ruleId).map((rs, ctx) -> read(rs)).findOne());
    }

    public List<DeliveryAttempt> attempts(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT attempted_at, status_code, latency_ms, error FROM alert_attempts "
                        + "WHERE event_id = :id ORDER BY attempted_at")
                .bind("id", id)
                .map((rs, ctx) -> new DeliveryAttempt(rs.getLong(1), (Integer) rs.getObject(2, Integer.class), rs.getLong(3),
                        rs.getString(4)))
                .list());
    }

    public long pendingCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_events WHERE status = 'PENDING'")
                .mapTo(Long.class).one());
    }

    private List<Delivery> select(String where, int limit, String ruleId) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM alert_events " + where).setMaxRows(limit);
            if (ruleId != null) {
                query.bind("rule", ruleId);
            }
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    private static Delivery read(ResultSet rs) throws SQLException {
        AlertEvent event = new AlertEvent(rs.getString("id"), rs.getString("rule_id"), rs.getLong("threshold"),
                rs.getString("direction"), rs.getLong("previous_value"), rs.getLong("counter_value"), rs.getLong("occurred_at"));
        return new Delivery(event, rs.getString("namespace"), rs.getString("counter_name"), rs.getString("status"),
                rs.getInt("attempts"), rs.getLong("window_start"), rs.getLong("next_attempt_at"),
                rs.getObject("delivered_at", Long.class), rs.getObject("last_status", Integer.class), rs.getString("last_error"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH);
    }
}
