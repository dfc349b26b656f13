package dev.countd.api.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void findsTheSelectedMetricsAndSkipsFunctionsLabelsAndRanges() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, route) (rate(http_server_request_duration_seconds_bucket{status=~\"4xx|5xx\"}[$__rate_interval])))"))
                .containsExactly("http_server_request_duration_seconds_bucket");
        assertThat(PromQl.metricNames("sum(webhook_outbox_pending) / max(hazelcast_cluster_members) > 1e3"))
                .containsExactly("webhook_outbox_pending", "hazelcast_cluster_members");
    }
}
