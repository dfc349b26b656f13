package dev.countd.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.admin.DashboardFactory;
import dev.countd.api.config.AlertsFactory;
import dev.countd.api.config.ApiKeysFactory;
import dev.countd.api.config.ClusterFactory;
import dev.countd.api.config.CountersFactory;
import dev.countd.api.config.DatabaseFactory;
import dev.countd.api.config.IdempotencyFactory;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.countd.api.config.HealthFactory;
import dev.countd.api.config.MetricsFactory;
import dev.countd.api.config.HistoryFactory;
import dev.countd.api.config.PersistenceFactory;
import dev.countd.api.config.RateLimitsFactory;
import io.dropwizard.core.Configuration;

import java.nio.file.Path;

/** The whole service configuration; every section has defaults that run with no file at all. */
public class CounterConfiguration extends Configuration {

    @JsonProperty
    private String dataDir = "./data";
    @JsonProperty
    private DatabaseFactory database = new DatabaseFactory();
    @JsonProperty
    private PersistenceFactory persistence = new PersistenceFactory();
    @JsonProperty
    private ClusterFactory cluster = new ClusterFactory();
    @JsonProperty
    private CountersFactory counters = new CountersFactory();
    @JsonProperty
    @jakarta.validation.Valid
    private IdempotencyFactory idempotency = new IdempotencyFactory();

    public IdempotencyFactory idempotency() {
        return idempotency;
    }
    @JsonProperty
    private ApiKeysFactory apiKeys = new ApiKeysFactory();
    @JsonProperty
    private RateLimitsFactory rateLimits = new RateLimitsFactory();
    @JsonProperty
    private HealthFactory healthThresholds = new HealthFactory();
    /** Serve plain increments/decrements before Jersey ({@link dev.countd.api.counter.HotCounterRoutes}). */
    @JsonProperty
    private boolean leanCounterRoutes = true;

    public boolean leanCounterRoutes() {
        return leanCounterRoutes;
    }

    public CounterConfiguration() {
        setMetricsFactory(new MetricsFactory());
    }

    /** Dropwizard's {@code metrics:} section, read as ours so it also takes {@code enabled}. */
    @Override
    @JsonProperty("metrics")
    @JsonDeserialize(as = MetricsFactory.class)
    public void setMetricsFactory(io.dropwizard.metrics.common.MetricsFactory factory) {
        super.setMetricsFactory(factory);
    }
    @JsonProperty
    private HistoryFactory history = new HistoryFactory();
    @JsonProperty
    private DashboardFactory dashboard = new DashboardFactory();

    public DashboardFactory dashboard() {
        return dashboard;
    }

    @JsonProperty
    private AlertsFactory alerts = new AlertsFactory();

    public AlertsFactory alerts() {
        return alerts;
    }

    public Path dataDir() {
        return Path.of(dataDir);
    }

    public DatabaseFactory database() {
        return database;
    }

    public PersistenceFactory persistence() {
        return persistence;
    }

    public ClusterFactory cluster() {
        return cluster;
    }

    public CountersFactory counters() {
        return counters;
    }

    public ApiKeysFactory apiKeys() {
        return apiKeys;
    }

    public RateLimitsFactory rateLimits() {
        return rateLimits;
    }

    public MetricsFactory metrics() {
        return getMetricsFactory() instanceof MetricsFactory ours ? ours : new MetricsFactory();
    }

    public HealthFactory healthThresholds() {
        return healthThresholds;
    }

    public HistoryFactory history() {
        return history;
    }
}
