package dev.countd.api.metrics;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.hotspot.DefaultExports;

import java.util.List;

/**
 * Every metric countd exports, in one registry of its own. Dashboards and alerts depend on these
 * names; change one only with the dashboard in {@code docker/grafana}. Labels stay bounded: never a
 * counter name, key or tenant.
 *
 * <ul>
 * <li>{@value #COUNTER_OPERATIONS}{operation, result}: counter API calls by kind and outcome</li>
 * <li>{@value #HTTP_DURATION} (histogram){route, method, status}: route is the JAX-RS template,
 *     status the class ({@code 2xx}..{@code 5xx})</li>
 * <li>{@value #RATELIMIT_REJECTIONS}{plan}, {@value #AUTH_FAILURES}, {@value #WEBHOOK_DELIVERIES}{result}:
 *     fed by the rate-limit, API-key and webhook features (zero until they record)</li>
 * <li>{@value #WEBHOOK_OUTBOX_PENDING}, {@value #HISTORY_FLUSH_LAG}, {@value #JOURNAL_FLUSH_LAG}: gauges read from
 *     {@link dev.countd.api.health.OperationalProbes} at scrape time</li>
 * <li>{@value #HAZELCAST_MEMBERS}, {@value #HAZELCAST_MIGRATIONS}{result}: the cluster</li>
 * <li>{@value #MAPSTORE_DURATION} (histogram), {@value #MAPSTORE_ERRORS}: database writes of the MapStore</li>
 * <li>{@code jvm_*}, {@code process_*}: hotspot exports; Dropwizard's own metrics bridged under
 *     their sanitised names (its {@code jvm.*} set is left out: hotspot covers it)</li>
 * </ul>
 * Thread-safe.
 */
public final class Metrics {

    public static final String COUNTER_OPERATIONS = "counter_operations_total";
    public static final String HTTP_DURATION = "http_server_request_duration_seconds";
    public static final String RATELIMIT_REJECTIONS = "ratelimit_rejections_total";
    public static final String AUTH_FAILURES = "auth_failures_total";
    public static final String WEBHOOK_DELIVERIES = "webhook_deliveries_total";
    public static final String WEBHOOK_OUTBOX_PENDING = "webhook_outbox_pending";
    public static final String HISTORY_FLUSH_LAG = "history_flush_lag_seconds";
    public static final String JOURNAL_FLUSH_LAG = "counter_journal_flush_lag_seconds";
    public static final String HAZELCAST_MEMBERS = "hazelcast_cluster_members";
    public static final String HAZELCAST_MIGRATIONS = "hazelcast_partition_migrations_total";
    public static final String MAPSTORE_DURATION = "mapstore_store_duration_seconds";
    public static final String MAPSTORE_ERRORS = "mapstore_store_errors_total";
    public static final String MAPSTORE_TRANSACTION_ROWS = "mapstore_transaction_rows";

    /** The names above, for tests and docs. */
    public static final List<String> NAMES = List.of(COUNTER_OPERATIONS, HTTP_DURATION, RATELIMIT_REJECTIONS,
            AUTH_FAILURES, WEBHOOK_DELIVERIES, WEBHOOK_OUTBOX_PENDING, HISTORY_FLUSH_LAG, JOURNAL_FLUSH_LAG, HAZELCAST_MEMBERS,
            HAZELCAST_MIGRATIONS, MAPSTORE_DURATION, MAPSTORE_ERRORS, MAPSTORE_TRANSACTION_ROWS);

    /** Seconds; from half a millisecond (an in-memory increment) to ten seconds (a stuck database). */
    static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** Rows; one (an update alone) to a full write-behind batch. */
    static final double[] ROW_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 5000};

    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final Counter counterOperations;
    private final Histogram httpDuration;
    private final Counter ratelimitRejections;
    private final Counter authFailures;
    private final Counter webhookDeliveries;
    private final Counter migrations;
    private final Histogram mapStoreDuration;
    private final Counter mapStoreErrors;
    private final Histogram mapStoreTransactionRows;

    public Metrics() {
        counterOperations = Counter.build(COUNTER_OPERATIONS, "Counter API operations by kind and result.")
                .labelNames("operation", "result").register(registry);
        httpDuration = Histogram.build(HTTP_DURATION, "HTTP request latency by route template, method and status class.")
                .labelNames("route", "method", "status").buckets(LATENCY_BUCKETS).register(registry);
        ratelimitRejections = Counter.build(RATELIMIT_REJECTIONS, "Requests refused with 429, by rate-limit plan.")
                .labelNames("plan").register(registry);
        authFailures = Counter.build(AUTH_FAILURES, "Requests refused for a missing, unknown or revoked API key.")
                .register(registry);
        webhookDeliveries = Counter.build(WEBHOOK_DELIVERIES, "Webhook delivery attempts by result.")
                .labelNames("result").register(registry);
        migrations = Counter.build(HAZELCAST_MIGRATIONS, "Partition replica migrations seen by this member, by result.")
                .labelNames("result").register(registry);
        mapStoreDuration = Histogram.build(MAPSTORE_DURATION, "Time to write counters to the database (store and storeAll).")
                .buckets(LATENCY_BUCKETS).register(registry);
        mapStoreErrors = Counter.build(MAPSTORE_ERRORS, "MapStore writes that failed.").register(registry);
        mapStoreTransactionRows = Histogram.build(MAPSTORE_TRANSACTION_ROWS,
                        "Counter rows per committed database transaction (write-through groups, write-behind batches).")
                .buckets(ROW_BUCKETS).register(registry);
    }

    /** Adds the JVM (hotspot) exports and Dropwizard's metrics, without its {@code jvm.*} duplicates. */
    public Metrics withJvmAndDropwizard(MetricRegistry dropwizard) {
        DefaultExports.register(registry);
        MetricFilter notJvm = (name, metric) -> !name.startsWith("jvm.");
        registry.register(new DropwizardExports(dropwizard, notJvm));
        return this;
    }

    public CollectorRegistry registry() {
        return registry;
    }

    public Counter counterOperations() {
        return counterOperations;
    }

    public Histogram httpDuration() {
        return httpDuration;
    }

    /** Rate-limit feature: {@code ratelimitRejections().labels(plan).inc()}. */
    public Counter ratelimitRejections() {
        return ratelimitRejections;
    }

    /** API-key feature: {@code authFailures().inc()}. */
    public Counter authFailures() {
        return authFailures;
    }

    /** Webhook feature: {@code webhookDeliveries().labels("ok"|"failed"|...).inc()}. */
    public Counter webhookDeliveries() {
        return webhookDeliveries;
    }

    public Counter migrations() {
        return migrations;
    }

    public Histogram mapStoreDuration() {
        return mapStoreDuration;
    }

    public Counter mapStoreErrors() {
        return mapStoreErrors;
    }

    public Histogram mapStoreTransactionRows() {
        return mapStoreTransactionRows;
    }
}
