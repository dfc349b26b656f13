package dev.countd.admin.alert;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Threshold alerts as the dashboard manages them. The application implements it over the alert
 * store when alerts run on the node; otherwise {@link #DISABLED} makes the pages say so.
 * Methods that change something throw {@link IllegalArgumentException} with a readable message
 * for requests that cannot succeed.
 */
public interface AlertsSource {

    AlertsSource DISABLED = new Disabled();

    boolean enabled();

    List<Rule> rules();

    /** Creates a rule; answers it with its signing secret (shown once). */
    CreatedRule create(NewRule rule);

    void setEnabled(String ruleId, boolean enabled);

    void delete(String ruleId);

    /** The newest deliveries of one rule's events, newest first. */
    List<Delivery> deliveries(String ruleId, int limit);

    void redeliver(String deliveryId);

    /** The newest threshold crossings, newest first. */
    List<Event> recentEvents(int limit);

    /** Webhook deliveries waiting in the outbox; empty when unknown. */
    OptionalLong webhookBacklog();

    record Rule(String id, String namespace, String counter, long threshold, String direction, String url,
                boolean enabled, Instant createdAt) {
    }

    record NewRule(String namespace, String counter, long threshold, String direction, String url) {
    }

    record CreatedRule(Rule rule, String secret) {
    }

    /** @param status HTTP status of the attempt, null when no answer arrived; @param state e.g. delivered, retrying, failed */
    record Delivery(String id, String eventId, Instant attemptedAt, int attempt, Integer status, Long latencyMillis,
                    String error, String state) {
    }

    record Event(String id, Instant occurredAt, String namespace, String counter, long threshold, String direction,
                 long previousValue, long value) {
    }

    /** Alerts do not run on this node. */
    final class Disabled implements AlertsSource {
        private Disabled() {
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public List<Rule> rules() {
            return List.of();
        }

        @Override
        public CreatedRule create(NewRule rule) {
            throw new IllegalArgumentException("alerts are not enabled on this node");
        }

        @Override
        public void setEnabled(String ruleId, boolean enabled) {
            throw new IllegalArgumentException("alerts are not enabled on this node");
        }

        @Override
        public void delete(String ruleId) {
            throw new IllegalArgumentException("alerts are not enabled on this node");
        }

        @Override
        public List<Delivery> deliveries(String ruleId, int limit) {
            return List.of();
        }

        @Override
        public void redeliver(String deliveryId) {
            throw new IllegalArgumentException("alerts are not enabled on this node");
        }

        @Override
        public List<Event> recentEvents(int limit) {
            return List.of();
        }

        @Override
        public OptionalLong webhookBacklog() {
            return OptionalLong.empty();
        }
    }
}
