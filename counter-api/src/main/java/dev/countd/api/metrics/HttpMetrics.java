package dev.countd.api.metrics;

import dev.countd.api.http.CompletedRequest;
import io.prometheus.client.Histogram;

import java.util.function.Consumer;

/** Feeds {@code http_server_request_duration_seconds{route,method,status}} from each finished request. */
public final class HttpMetrics implements Consumer<CompletedRequest> {

    private final Histogram duration;

    public HttpMetrics(Metrics metrics) {
        this.duration = metrics.httpDuration();
    }

    @Override
    public void accept(CompletedRequest request) {
        duration.labels(request.route(), request.method(), request.statusClass()).observe(request.nanos() / 1e9);
    }
}
