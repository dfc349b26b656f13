package dev.countd.api.health;

import com.codahale.metrics.health.HealthCheck;

import java.util.OptionalLong;

/** Unhealthy when more webhook deliveries wait than the threshold (receivers down or too slow). */
public final class WebhookBacklogHealthCheck extends HealthCheck {

    private final OperationalProbes probes;
    private final long maxPending;

    public WebhookBacklogHealthCheck(OperationalProbes probes, long maxPending) {
        this.probes = probes;
        this.maxPending = maxPending;
    }

    @Override
    protected Result check() {
        OptionalLong pending;
        try {
            pending = probes.webhookBacklog();
        } catch (RuntimeException e) {
            return Result.unhealthy("webhook outbox cannot be read");
        }
        if (pending.isEmpty()) {
            return Result.healthy("webhooks not enabled");
        }
        if (pending.getAsLong() > maxPending) {
            return Result.unhealthy(pending.getAsLong() + " webhook deliveries pending (threshold " + maxPending + ")");
        }
        return Result.healthy(pending.getAsLong() + " webhook deliveries pending");
    }
}
