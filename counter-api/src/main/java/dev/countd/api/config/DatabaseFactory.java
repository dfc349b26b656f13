package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.storage.SqlDialect;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;

import java.nio.file.Path;

/**
 * Where counters are stored. With no URL the service uses an embedded H2 file database under the
 * data directory; a {@code jdbc:postgresql:} URL selects PostgreSQL.
 */
public class DatabaseFactory {

    @JsonProperty
    private String url = "";
    @JsonProperty
    private String user = "";
    @JsonProperty
    private String password = "";
    @JsonProperty
    private int maxConnections = 32;

    public String effectiveUrl(Path dataDir) {
        if (url == null || url.isBlank()) {
            // WRITE_DELAY=0: each commit reaches the file before the update is acknowledged,
            // so an acknowledged write-through change survives kill -9 of the process.
            // CACHE_SIZE=1024 (KB): H2's smallest page cache, 1 MB instead of its default 16 MB. Under a steady
            // stream of row writes the cache held each page version it had just written or read until eviction,
            // seconds later: a large part of what G1's young pauses copied. A page it no longer holds is read again
            // from the file, which the OS caches (docs/benchmarks.md, "H2's smallest page cache"). H2 also saves
            // the setting in the file: an H2 URL of your own on this file keeps it unless it sets CACHE_SIZE.
            return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("countd")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=1024";
        }
        return url.trim();
    }

    /** The embedded database (no URL, or an H2 file or memory URL): it runs inside this process. */
    public boolean inProcess() {
        String configured = url == null ? "" : url.trim();
        return configured.isEmpty() || configured.startsWith("jdbc:h2:file:") || configured.startsWith("jdbc:h2:mem:");
    }

    /**
     * The built-in embedded database (no URL): a file under the data directory that only this process opens, so
     * the journal may sit beside it. (An H2 URL of your own may let other processes in, with {@code AUTO_SERVER}.)
     */
    public boolean builtInEmbedded() {
        return url == null || url.isBlank();
    }

    public DataSourceFactory dataSourceFactory(Path dataDir) {
        String jdbcUrl = effectiveUrl(dataDir);
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass(SqlDialect.fromJdbcUrl(jdbcUrl).driverClass());
        factory.setUrl(jdbcUrl);
        boolean embedded = url == null || url.isBlank();
        boolean noUser = user == null || user.isBlank();
        factory.setUser(embedded && noUser ? "sa" : noUser ? null : user);
        factory.setPassword(password == null ? "" : password);
        factory.setMaxSize(maxConnections);
        factory.setMinSize(Math.min(4, maxConnections));
        factory.setInitialSize(Math.min(4, maxConnections));
        factory.setValidationQuery("/* countd health check */ SELECT 1");
        return factory;
    }

    /**
     * Dropwizard's Jdbi over the pool (metrics, health check), with Jdbi's own template engine. JdbiFactory
     * wraps the engine to prepend statement names (we name none); the wrapper is not a parsing engine, so
     * Jdbi could not cache the parse and lexed every statement's SQL again on every execution (4 % of the
     * CPU under write-through load). The plain engine renders the same SQL and is parsed once per statement.
     */
    public static Jdbi jdbi(Environment environment, DataSourceFactory factory, ManagedDataSource dataSource) {
        Jdbi jdbi = new JdbiFactory().build(environment, factory, dataSource, "database");
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(new DefinedAttributeTemplateEngine());
        return jdbi;
    }

    public SqlDialect dialect(Path dataDir) {
        return SqlDialect.fromJdbcUrl(effectiveUrl(dataDir));
    }
}
