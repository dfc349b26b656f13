package dev.countd.api.health;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook feature does not exist yet: a fake backlog stands in for its outbox. */
class WebhookBacklogHealthCheckTest {

    private final OperationalProbes probes = new OperationalProbes();
    private final WebhookBacklogHealthCheck check = new WebhookBacklogHealthCheck(probes, 100);

    @Test
    void isHealthyWhileWebhooksAreNotPluggedIn() {
        assertThat(check.execute().isHealthy()).isTrue();
        assertThat(check.execute().getMessage()).isEqualTo("webhooks not enabled");
    }

    @Test
    void turnsUnhealthyWhenTheBacklogPassesTheThresholdAndHealthyWhenItDrains() {
        AtomicLong pending = new AtomicLong(100);
        probes.webhookBacklog(pending::get);
        assertThat(check.execute().isHealthy()).isTrue();

        pending.set(101);
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).isEqualTo("101 webhook deliveries pending (threshold 100)");

        pending.set(3);
        assertThat(check.execute().isHealthy()).isTrue();
    }

    @Test
    void isUnhealthyWhenTheOutboxCannotBeRead() {
        probes.webhookBacklog(() -> {
            throw new IllegalStateException("outbox table gone");
        });
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).isEqualTo("webhook outbox cannot be read");
    }
}
