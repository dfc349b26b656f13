package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.storage.SqlDialect;
import io.dropwizard.db.DataSourceFactory;

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
            return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("countd") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        }
        return url.trim();
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

    public SqlDialect dialect(Path dataDir) {
        return SqlDialect.fromJdbcUrl(effectiveUrl(dataDir));
    }
}
