/**
 * Prometheus metrics: our own {@link io.prometheus.client.CollectorRegistry} (never the static
 * default), every metric name the service exports ({@link dev.countd.api.metrics.Metrics}), the
 * recorders the edges call, and the {@code GET /prometheus} servlet on the admin port.
 */
package dev.countd.api.metrics;
