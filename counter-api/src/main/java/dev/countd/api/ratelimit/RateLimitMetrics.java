package dev.countd.api.ratelimit;

import com.codahale.metrics.MetricRegistry;

/** Rejections per policy in Dropwizard metrics ({@code ratelimit.rejections.<plan>}), bridged to Prometheus by the metrics feature. */
public final class RateLimitMetrics {

    private final MetricRegistry registry;

    public RateLimitMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    public void rejected(String policy) {
        registry.counter(MetricRegistry.name("ratelimit", "rejections", policy)).inc();
    }

    public void authFailure() {
        registry.counter("auth.failures").inc();
    }
}
