package dev.countd.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.config.Config;
import dev.countd.admin.AdminBundle;
import dev.countd.admin.auth.AdminSessions;
import dev.countd.admin.auth.AdminUserStore;
import dev.countd.admin.auth.AdminUsers;
import dev.countd.admin.counter.HistorySource;
import dev.countd.admin.overview.OperationRate;
import dev.countd.api.admin.ClusterOverview;
import dev.countd.api.startup.CommonPoolParallelism;
import dev.countd.api.admin.AlertsReadout;
import dev.countd.api.admin.DashboardLoginHealthCheck;
import dev.countd.api.admin.DashboardLoginThrottle;
import dev.countd.api.admin.HistoryChartSource;
import dev.countd.api.admin.RateLimitReadout;
import dev.countd.api.alert.AlertResource;
import dev.countd.api.alert.DeliverySettings;
import dev.countd.api.alert.WebhookDispatcher;
import dev.countd.api.alert.WebhookMetrics;
import dev.countd.api.alert.WebhookSender;
import dev.countd.api.alert.WebhookTargets;
import dev.countd.api.apikey.ApiKeyBootstrap;
import dev.countd.api.apikey.ApiKeyResource;
import dev.countd.api.apikey.LastUsedFlusher;
import dev.countd.api.auth.ApiAuthFeature;
import dev.countd.api.auth.ApiKeyAuthFilter;
import dev.countd.api.auth.ClientAddress;
import dev.countd.api.cluster.HazelcastHealthCheck;
import dev.countd.api.cluster.InitialLoadCheck;
import dev.countd.api.cluster.HazelcastLifecycle;
import dev.countd.api.cluster.JournalLifecycle;
import dev.countd.api.cluster.SchemaBeforeMaps;
import dev.countd.api.cluster.ShutdownDrain;
import dev.countd.api.config.DatabaseFactory;
import dev.countd.api.config.DefaultConfigurationSourceProvider;
import dev.countd.api.counter.BatchResource;
import dev.countd.api.counter.CounterResource;
import dev.countd.api.counter.HotCounterRoutes;
import dev.countd.api.idempotency.InFlightGuard;
import dev.countd.api.health.FlushLagHealthCheck;
import dev.countd.api.health.OperationalProbes;
import dev.countd.api.health.WebhookBacklogHealthCheck;
import dev.countd.api.history.HistoryLifecycle;
import dev.countd.api.history.HistoryResource;
import dev.countd.api.http.BodySizeLimitFilter;
import dev.countd.api.http.UnreadBodyFilter;
import dev.countd.api.http.CompletedRequest;
import dev.countd.api.http.RequestEvents;
import dev.countd.api.http.RequestLog;
import dev.countd.api.metrics.HazelcastMetrics;
import dev.countd.api.metrics.HttpMetrics;
import dev.countd.api.metrics.MapStoreMetrics;
import dev.countd.api.metrics.Metrics;
import dev.countd.api.metrics.OperationRecorder;
import dev.countd.api.metrics.ProbeGauges;
import dev.countd.api.metrics.PrometheusServlet;
import dev.countd.api.problem.ClusterMinorityExceptionMapper;
import dev.countd.api.problem.CounterValidationExceptionMapper;
import dev.countd.api.problem.JsonBodyExceptionMapper;
import dev.countd.api.problem.JsonProblemMapper;
import dev.countd.api.problem.ProblemExceptionMapper;
import dev.countd.api.problem.UnexpectedExceptionMapper;
import dev.countd.api.problem.WebApplicationExceptionMapper;
import dev.countd.api.ratelimit.AuthFailureLimiter;
import dev.countd.api.ratelimit.RateLimitCluster;
import dev.countd.api.ratelimit.RateLimitFilter;
import dev.countd.api.ratelimit.RateLimitMetrics;
import dev.countd.api.ratelimit.RateLimiter;
import dev.countd.api.ratelimit.RatePlans;
import dev.countd.core.alert.AlertCluster;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.alert.AlertRegistry;
import dev.countd.core.alert.AlertRuleIndex;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.AlertRuleMapStore;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.ApiKeyCluster;
import dev.countd.core.apikey.ApiKeyMapStore;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.ApiKeyToken;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.CompositeCounterChangeListener;
import dev.countd.core.cluster.SplitBrainWriteGuard;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterChangeListener;
import dev.countd.core.counter.CounterService;
import dev.countd.core.history.HistoryFlusher;
import dev.countd.core.history.HistoryJobs;
import dev.countd.core.history.HistoryRecorder;
import dev.countd.core.history.HistoryRollup;
import dev.countd.core.history.HistoryService;
import dev.countd.core.history.HistorySettings;
import dev.countd.core.history.HistoryStore;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.JournaledCounterStore;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SchemaMigrations;
import dev.countd.core.storage.SqlDialect;
import com.hazelcast.map.MapStore;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;

/** The counter service. Everything is wired here, by hand, in start-up order. */
public class CounterApplication extends Application<CounterConfiguration> {

    public static void main(String[] args) throws Exception {
        CommonPoolParallelism.atLeastTwo();
        new CounterApplication().run(withBuiltInConfig(args));
    }

    /** {@code server} or {@code check} without a file runs on the built-in defaults (and COUNTER_* variables). */
    static String[] withBuiltInConfig(String[] args) {
        if (args.length == 1 && (args[0].equals("server") || args[0].equals("check"))) {
            return new String[] {args[0], DefaultConfigurationSourceProvider.BUILT_IN};
        }
        return args;
    }

    @Override
    public String getName() {
        return "countd";
    }

    @Override
    public void initialize(Bootstrap<CounterConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new DefaultConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    }

    /** Strict JSON: unknown fields, floats for integers and quoted numbers are errors, not guesses. */
    public static void configureJson(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.coercionConfigDefaults()
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        if (mapper instanceof JsonMapper) {
            mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        }
    }

    @Override
    public void run(CounterConfiguration config, Environment environment) throws Exception {
        // After the configuration is parsed (it shares this mapper and needs its lenient coercions).
        configureJson(environment.getObjectMapper());
        Metrics metrics = new Metrics().withJvmAndDropwizard(environment.metrics());
        environment.admin().addServlet("prometheus", new PrometheusServlet(metrics.registry())).addMapping("/prometheus");
        OperationalProbes probes = new OperationalProbes();
        metrics.registry().register(new ProbeGauges(probes));
        environment.healthChecks().register("webhook-backlog",
                new WebhookBacklogHealthCheck(probes, config.healthThresholds().webhookBacklogMax()));
        environment.healthChecks().register("history-flush", new FlushLagHealthCheck("history",
                probes::historyFlushLag, config.healthThresholds().historyFlushMaxLag()));
        environment.healthChecks().register("journal-flush", new FlushLagHealthCheck("counter journal",
                probes::journalFlushLag, config.healthThresholds().journalFlushMaxLag()));

        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);

        DataSourceFactory dataSourceFactory = config.database().dataSourceFactory(dataDir);
        SqlDialect dialect = config.database().dialect(dataDir);
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        ClusterSettings cluster = config.cluster().build();
        // Overlaps the member's start when it joins nobody; the maps are created after it (see the class).
        SchemaBeforeMaps schema = SchemaBeforeMaps.begin(cluster, () -> SchemaMigrations.migrate(dataSource));
        Jdbi jdbi = DatabaseFactory.jdbi(environment, dataSourceFactory, dataSource);

        PersistenceSettings persistence = config.persistence().build(config.database().inProcess());
        // The journal is this member's own: only where no other member can own its counters or share its database.
        boolean journaled = config.persistence().journal() && persistence.mode() == PersistenceMode.WRITE_THROUGH
                && config.database().builtInEmbedded() && !cluster.joinsOthers();
        // Checked before anything starts: a malformed bootstrap key refuses start-up, saying why.
        Optional<ApiKeyToken> bootstrapKey = config.apiKeys().bootstrapToken();
        RatePlans plans = new RatePlans(config.rateLimits().plans(), config.rateLimits().defaultPlan());
        MapStoreMetrics storeMetrics = new MapStoreMetrics(metrics);
        JournaledCounterStore journal = null;
        MapStore<String, Counter> counterStore = new CounterMapStore(jdbi, dialect, storeMetrics);
        if (journaled) {
            persistence = persistence.withJournal();
            // an update waits for its append (timed); the batches only count their rows
            journal = new JournaledCounterStore(new CounterMapStore(jdbi, dialect, storeMetrics.rowsOnly()),
                    dataDir.resolve("journal"), config.persistence().journalFlushInterval(), persistence.writeBatchSize(),
                    storeMetrics);
            counterStore = journal;
        }
        // Change listeners run on the partition owner inside every applied change (history, ...).
        List<CounterChangeListener> changeListeners = new ArrayList<>();
        HistorySettings historySettings = config.history().build();
        HistoryRecorder historyRecorder = new HistoryRecorder();
        if (historySettings.enabled()) {
            changeListeners.add(historyRecorder);
        }
        OperationRate operationRate = new OperationRate(AdminBundle.SAMPLES_KEPT);
        changeListeners.add(operationRate);
        Config hazelcastConfig = CounterCluster.config(cluster, persistence, counterStore);
        AdminSessions.configure(hazelcastConfig, config.dashboard().sessionIdle(), cluster.backupCount());
        hazelcastConfig.getUserContext().put(CounterChangeListener.USER_CONTEXT_KEY, CompositeCounterChangeListener.of(changeListeners));
        ApiKeyCluster.configure(hazelcastConfig, new ApiKeyMapStore(jdbi, dialect), cluster.backupCount());
        RateLimitCluster.configure(hazelcastConfig, cluster.backupCount());
        AlertRuleIndex alertRules = new AlertRuleIndex();
        AlertCluster.configure(hazelcastConfig, new AlertRuleMapStore(jdbi, dialect), cluster.backupCount(), alertRules);
        HazelcastInstance hazelcast = CounterCluster.start(hazelcastConfig);
        schema.awaitBeforeMaps(hazelcast::shutdown);
        if (journal != null) {
            // Replayed before the map loads, and a failure stops start-up here (Hazelcast would only log it).
            try {
                journal.open();
            } catch (RuntimeException e) {
                hazelcast.shutdown();
                throw e;
            }
            // Managed before Hazelcast, so stopped after it: the last changes are written before the pool closes.
            environment.lifecycle().manage(new JournalLifecycle(journal));
            probes.journalFlushLag(journal::flushLag);
        }
        InitialLoadCheck loaded = InitialLoadCheck.of(cluster, jdbi, hazelcast);
        IMap<String, Counter> counterMap = loaded.requireComplete("counters", hazelcast.getMap(CounterCluster.COUNTERS_MAP));
        environment.lifecycle().manage(new HazelcastLifecycle(hazelcast, counterMap));
        environment.healthChecks().register("hazelcast", new HazelcastHealthCheck(hazelcast));
        ShutdownDrain drain = new ShutdownDrain(config.cluster().drainDelay());
        environment.lifecycle().addEventListener(drain);
        environment.healthChecks().register("draining", drain.healthCheck());
        environment.servlets().addFilter("drain", drain.connectionCloser())
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");

        HazelcastMetrics.register(metrics, hazelcast);

        CounterService counters = new CounterService(counterMap, config.counters().defaults(), config.counters().autoCreate(),
                config.idempotency().build(), hazelcast.getPartitionService(), SplitBrainWriteGuard.of(hazelcast, cluster));
        InFlightGuard inFlight = new InFlightGuard(hazelcast.getMap(InFlightGuard.MAP));

        Clock clock = Clock.systemUTC();
        ApiKeyRegistry apiKeys = new ApiKeyRegistry(
                loaded.requireComplete("api_keys", hazelcast.<String, ApiKey>getMap(ApiKeyCluster.API_KEYS_MAP)), clock);
        ApiKeyBootstrap.run(apiKeys, bootstrapKey, System.out);
        environment.lifecycle().manage(new LastUsedFlusher(apiKeys,
                environment.lifecycle().scheduledExecutorService("api-key-last-used").threads(1).build(),
                config.apiKeys().lastUsedFlushInterval()));
        RateLimitMetrics rateLimitMetrics = new RateLimitMetrics(environment.metrics());
        RateLimitFilter rateLimitFilter = null;
        AuthFailureLimiter authFailures = null;
        RateLimiter limiter = null;
        if (config.rateLimits().enabled()) {
            limiter = new RateLimiter(RateLimitCluster.buckets(hazelcast, config.rateLimits().idleBucketKeep(),
                    config.rateLimits().requestTimeout()), config.rateLimits().failOpen(),
                    config.rateLimits().localShare(), config.rateLimits().localSyncInterval());
            rateLimitFilter = new RateLimitFilter(limiter, plans, rateLimitMetrics);
            // per-address budgets are small and must be exact whatever localShare says; their own limiter also
            // keeps many client addresses from crowding the per-key proxies out of the cache
            authFailures = new AuthFailureLimiter(new RateLimiter(RateLimitCluster.buckets(hazelcast,
                    config.rateLimits().idleBucketKeep(), config.rateLimits().requestTimeout()), config.rateLimits().failOpen()),
                    config.rateLimits().authFailuresPerIp());
        }

        HistoryService history = null;
        if (historySettings.enabled()) {
            HistoryStore historyStore = new HistoryStore(jdbi, dialect);
            history = new HistoryService(historyStore, historyRecorder);
            // Rollups run on the oldest member only; every member flushes its own buckets.
            HistoryFlusher flusher = new HistoryFlusher(historyRecorder, historyStore);
            probes.historyFlushLag(flusher::lag);
            environment.lifecycle().manage(new HistoryLifecycle(new HistoryJobs(flusher,
                    new HistoryRollup(historyStore, historySettings), historySettings,
                    () -> hazelcast.getCluster().getMembers().iterator().next().localMember())));
        }

        var jersey = environment.jersey();
        List<Consumer<CompletedRequest>> requestSinks = new ArrayList<>();
        RequestLog requestLog = new RequestLog();
        environment.lifecycle().manage(requestLog);
        requestSinks.add(requestLog);
        if (config.metrics().enabled()) {
            requestSinks.add(new HttpMetrics(metrics));
        }
        jersey.register(new RequestEvents(requestSinks));
        OperationRecorder operations = config.metrics().enabled()
                ? OperationRecorder.prometheus(metrics) : OperationRecorder.DISABLED;
        jersey.register(new BodySizeLimitFilter(BodySizeLimitFilter.DEFAULT_LIMIT));
        jersey.register(new UnreadBodyFilter());
        jersey.register(new ProblemExceptionMapper());
        jersey.register(new CounterValidationExceptionMapper());
        jersey.register(new ClusterMinorityExceptionMapper());
        jersey.register(new JsonProblemMapper());
        jersey.register(new JsonBodyExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());
        environment.servlets().addFilter("client-address", new ClientAddress())
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");
        ApiKeyAuthFilter authentication = new ApiKeyAuthFilter(apiKeys, authFailures, rateLimitMetrics);
        jersey.register(new ApiAuthFeature(authentication, rateLimitFilter));
        jersey.register(new CounterResource(counters, environment.getObjectMapper(), inFlight, operations));
        if (config.leanCounterRoutes() && "/*".equals(jersey.getUrlPattern())) {
            // A Jetty handler in the application's context, before its servlets: plain increments skip the servlet
            // filters' and Jersey's per-request work, and no thread waits for the counter.
            environment.getApplicationContext().insertHandler(new HotCounterRoutes(authentication, rateLimitFilter,
                    counters, operations, requestSinks, environment.getObjectMapper(),
                    environment.metrics().meter(HotCounterRoutes.SERVED_METER), drain::draining,
                    config.getServerFactory() instanceof AbstractServerFactory server ? server.getMaxThreads() : 1024));
        }
        RateLimitFilter batchLimiter = rateLimitFilter;
        jersey.register(new BatchResource(counters, inFlight,
                batchLimiter == null ? (request, tokens) -> null : batchLimiter::chargeExtra, operations));
        jersey.register(new ApiKeyResource(apiKeys, plans, clock));
        jersey.register(new HistoryResource(counters, history, Clock.systemUTC()));

        IMap<String, AlertRule> ruleMap = loaded.requireComplete("alert_rules", hazelcast.getMap(AlertCluster.RULES_MAP));
        AlertRegistry alerts = new AlertRegistry(ruleMap, alertRules.follow(ruleMap), clock);
        AlertEventStore alertEvents = new AlertEventStore(jdbi);
        WebhookTargets webhookTargets = new WebhookTargets(config.alerts().allowPrivateNetworks());
        DeliverySettings delivery = config.alerts().delivery();
        WebhookMetrics webhookMetrics = new WebhookMetrics(result -> metrics.webhookDeliveries().labels(result).inc());
        probes.webhookBacklog(webhookMetrics::pending);
        environment.lifecycle().manage(new WebhookDispatcher(alertEvents, alerts, counterMap,
                new WebhookSender(webhookTargets, delivery.timeout(), environment.getObjectMapper(), clock),
                delivery, webhookMetrics, clock,
                hazelcast.getCluster().getLocalMember().getUuid().toString(),
                () -> hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString())
                        .collect(java.util.stream.Collectors.toSet())));
        jersey.register(new AlertResource(alerts, alertEvents, webhookTargets));

        if (config.dashboard().enabled()) {
            AdminUsers adminUsers = new AdminUsers(config.dashboard().users(), new AdminUserStore(jdbi));
            // PBKDF2 of the admin password (first start, or a given password checked) once the server serves:
            // about a second of CPU that start-up would share its cores with. Logins wait for it.
            Runnable bootstrapAdmin = adminUsers.bootstrapLater(config.dashboard().bootstrapPassword(), System.out,
                    environment.lifecycle().scheduledExecutorService("admin-bootstrap").threads(1).build());
            environment.lifecycle().addServerLifecycleListener(server -> bootstrapAdmin.run());
            environment.healthChecks().register("dashboard-login", new DashboardLoginHealthCheck(adminUsers));
            RateLimiter loginLimiter = new RateLimiter(RateLimitCluster.buckets(hazelcast, // exact, like the auth budget
                    config.rateLimits().idleBucketKeep(), config.rateLimits().requestTimeout()),
                    limiter == null || config.rateLimits().failOpen());
            new AdminBundle(config.dashboard(), new AdminBundle.Services(counters, apiKeys, adminUsers,
                    new AdminSessions(hazelcast.getMap(AdminSessions.MAP), config.dashboard().sessionMaxAge()),
                    new DashboardLoginThrottle(new AuthFailureLimiter(loginLimiter, config.dashboard().loginFailuresPerIp())),
                    new ClusterOverview(hazelcast, counterMap), operationRate,
                    history == null ? HistorySource.DISABLED : new HistoryChartSource(history),
                    new AlertsReadout(alerts, alertEvents, webhookTargets), new RateLimitReadout(plans, limiter), clock)).run(config, environment);
        }
    }
}
