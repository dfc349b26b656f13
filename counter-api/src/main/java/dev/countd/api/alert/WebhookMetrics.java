package dev.countd.api.alert;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery figures in Dropwizard's registry, for the Prometheus bridge: {@code webhook.deliveries.<result>}
 * counters (result: success, failure, gone, gave_up, cancelled) and the {@code webhook.outbox.pending} gauge
 * (events waiting for delivery, refreshed by the dispatcher).
 */
public final class WebhookMetrics {

    public static final String DELIVERIES = "webhook.deliveries";
    public static final String PENDING = "webhook.outbox.pending";

    private final MetricRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    public WebhookMetrics(MetricRegistry registry) {
        this.registry = registry;
        registry.gauge(PENDING, () -> (Gauge<Long>) pending::get);
    }

    public void delivery(String result) {
        Counter counter = registry.counter(DELIVERIES + "." + result);
        counter.inc();
    }

    public long deliveries(String result) {
        return registry.counter(DELIVERIES + "." + result).getCount();
    }

    public void pending(long count) {
        pending.set(count);
    }

    public long pending() {
        return pending.get();
    }
}
