package dev.countd.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.api.cluster.HazelcastHealthCheck;
import dev.countd.api.cluster.HazelcastLifecycle;
import dev.countd.api.cluster.ShutdownDrain;
import dev.countd.api.config.DefaultConfigurationSourceProvider;
import dev.countd.api.counter.CounterResource;
import dev.countd.api.http.BodySizeLimitFilter;
import dev.countd.api.problem.ClusterMinorityExceptionMapper;
import dev.countd.api.problem.CounterValidationExceptionMapper;
import dev.countd.api.problem.JsonBodyExceptionMapper;
import dev.countd.api.problem.JsonProblemMapper;
import dev.countd.api.problem.ProblemExceptionMapper;
import dev.countd.api.problem.UnexpectedExceptionMapper;
import dev.countd.api.problem.WebApplicationExceptionMapper;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.cluster.SplitBrainWriteGuard;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterService;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SchemaMigrations;
import dev.countd.core.storage.SqlDialect;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;

/** The counter service. Everything is wired here, by hand, in start-up order. */
public class CounterApplication extends Application<CounterConfiguration> {

    public static void main(String[] args) throws Exception {
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
    static void configureJson(ObjectMapper mapper) {
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
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);

        DataSourceFactory dataSourceFactory = config.database().dataSourceFactory(dataDir);
        SqlDialect dialect = config.database().dialect(dataDir);
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        SchemaMigrations.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, dataSource, "database");

        PersistenceSettings persistence = config.persistence().build();
        ClusterSettings cluster = config.cluster().build();
        CounterMapStore counterStore = new CounterMapStore(jdbi, dialect, CounterMapStore.StoreTimer.NONE);
        HazelcastInstance hazelcast = CounterCluster.start(CounterCluster.config(cluster, persistence, counterStore));
        IMap<String, Counter> counterMap = hazelcast.getMap(CounterCluster.COUNTERS_MAP);
        environment.lifecycle().manage(new HazelcastLifecycle(hazelcast, counterMap));
        environment.healthChecks().register("hazelcast", new HazelcastHealthCheck(hazelcast));
        ShutdownDrain drain = new ShutdownDrain(config.cluster().drainDelay());
        environment.lifecycle().addEventListener(drain);
        environment.healthChecks().register("draining", drain.healthCheck());
        environment.servlets().addFilter("drain", drain.connectionCloser())
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");

        CounterService counters = new CounterService(counterMap, config.counters().defaults(), config.counters().autoCreate(),
                SplitBrainWriteGuard.of(hazelcast, cluster));

        var jersey = environment.jersey();
        jersey.register(new BodySizeLimitFilter(BodySizeLimitFilter.DEFAULT_LIMIT));
        jersey.register(new ProblemExceptionMapper());
        jersey.register(new CounterValidationExceptionMapper());
        jersey.register(new ClusterMinorityExceptionMapper());
        jersey.register(new JsonProblemMapper());
        jersey.register(new JsonBodyExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());
        jersey.register(new CounterResource(counters, environment.getObjectMapper()));
    }
}
