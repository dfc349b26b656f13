package dev.countd.api.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Delivery figures: attempts by result (success, failure, gone, gave_up, cancelled), forwarded to a sink
 * (the application feeds {@code webhook_deliveries_total{result}}), and the number of pending events
 * (refreshed by the dispatcher every few seconds, read cheaply by {@code webhook_outbox_pending} and the
 * backlog health check). Thread-safe.
 */
public final class WebhookMetrics {

    private final Map<String, LongAdder> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final Consumer<String> sink;

    public WebhookMetrics(Consumer<String> sink) {
        this.sink = sink;
    }

    public void delivery(String result) {
        deliveries.computeIfAbsent(result, r -> new LongAdder()).increment();
        sink.accept(result);
    }

    public long deliveries(String result) {
        LongAdder count = deliveries.get(result);
        return count == null ? 0 : count.sum();
    }

    public void pending(long count) {
        pending.set(count);
    }

    public long pending() {
        return pending.get();
    }
}
