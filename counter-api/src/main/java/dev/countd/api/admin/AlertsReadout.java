package dev.countd.api.admin;

import dev.countd.admin.alert.AlertsSource;
import dev.countd.api.alert.BlockedTargetException;
import dev.countd.api.alert.WebhookTargets;
import dev.countd.core.alert.AlertDirection;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.alert.AlertRegistry;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.DeliveryAttempt;
import dev.countd.core.counter.CounterId;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The dashboard's alert pages over the alert registry and event store. The dashboard is an operator
 * tool, so it sees every namespace's rules; a rule it creates belongs to the namespace named in the
 * form. Creation applies the checks of {@code POST /alerts}: namespace, counter name or glob,
 * direction and the SSRF guard of {@link WebhookTargets}.
 */
public final class AlertsReadout implements AlertsSource {

    static final int MAX_DELIVERIES = 200;
    private static final String NO_RULE = "there is no alert rule with this id";

    private final AlertRegistry registry;
    private final AlertEventStore events;
    private final WebhookTargets targets;

    public AlertsReadout(AlertRegistry registry, AlertEventStore events, WebhookTargets targets) {
        this.registry = registry;
        this.events = events;
        this.targets = targets;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public List<Rule> rules() {
        return registry.listAll().stream().map(AlertsReadout::rule).toList();
    }

    @Override
    public CreatedRule create(NewRule rule) {
        if (!CounterId.isValidNamespace(rule.namespace())) {
            throw new IllegalArgumentException("namespace must be 1-63 characters of lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        AlertRegistry.invalidPattern(rule.counter()).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        AlertDirection direction = direction(rule.direction());
        String url;
        try {
            url = targets.check(rule.url()).toString();
        } catch (BlockedTargetException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        AlertRule created = registry.create(rule.namespace(), rule.counter(), rule.threshold(), direction, url, 0, true);
        return new CreatedRule(rule(created), created.secret());
    }

    @Override
    public void setEnabled(String ruleId, boolean enabled) {
        long now = registry.now();
        registry.update(ruleId, rule -> rule.enabled() == enabled ? rule
                        : rule.withEnabled(enabled, "disabled from the dashboard", now))
                .orElseThrow(() -> new IllegalArgumentException(NO_RULE));
    }

    @Override
    public void delete(String ruleId) {
        AlertRule rule = registry.find(ruleId).orElseThrow(() -> new IllegalArgumentException(NO_RULE));
        if (!registry.delete(rule.namespace(), ruleId)) {
            throw new IllegalArgumentException(NO_RULE);
        }
        events.cancelPendingOf(ruleId, "the alert rule was deleted");
    }

    @Override
    public List<Delivery> deliveries(String ruleId, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_DELIVERIES));
        return events.ofRule(ruleId, max).stream().map(this::delivery).toList();
    }

    @Override
    public void redeliver(String deliveryId) {
        dev.countd.core.alert.Delivery delivery = events.find(deliveryId)
                .orElseThrow(() -> new IllegalArgumentException("there is no delivery with this id"));
        AlertRule rule = registry.find(delivery.event().ruleId())
                .orElseThrow(() -> new IllegalArgumentException("the rule of this delivery was deleted"));
        if (!rule.enabled()) {
            throw new IllegalArgumentException("enable the rule before redelivering its events");
        }
        if (!events.redeliver(rule.id(), deliveryId, registry.now())) {
            throw new IllegalArgumentException("there is no delivery with this id");
        }
    }

    @Override
    public List<Event> recentEvents(int limit) {
        return events.recent(Math.max(1, Math.min(limit, MAX_DELIVERIES))).stream()
                .map(d -> new Event(d.id(), Instant.ofEpochMilli(d.event().occurredAt()), d.namespace(), d.counter(),
                        d.event().threshold(), d.event().direction(), d.event().previousValue(), d.event().value()))
                .toList();
    }

    @Override
    public OptionalLong webhookBacklog() {
        return OptionalLong.of(events.pendingCount());
    }

    private Delivery delivery(dev.countd.core.alert.Delivery d) {
        List<DeliveryAttempt> attempts = events.attempts(d.id());
        DeliveryAttempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        return new Delivery(d.id(), d.id(),
                Instant.ofEpochMilli(last == null ? d.event().occurredAt() : last.attemptedAt()), d.attempts(),
                d.lastStatus(), last == null ? null : last.latencyMillis(), d.lastError(),
                d.status().toLowerCase(Locale.ROOT));
    }

    private static Rule rule(AlertRule r) {
        return new Rule(r.id(), r.namespace(), r.counter(), r.threshold(), r.direction().name(), r.url(), r.enabled(),
                Instant.ofEpochMilli(r.createdAt()));
    }

    private static AlertDirection direction(String text) {
        if (text == null || text.isBlank()) {
            return AlertDirection.UP;
        }
        try {
            return AlertDirection.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be UP, DOWN or BOTH");
        }
    }
}
