package dev.countd.core.history;

import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A migrated schema with a random name in the local test database (127.0.0.1:5432, db test, user postgres).
 * Skips the test when PostgreSQL is unreachable, unless {@code CI} is set (then it fails).
 */
final class PostgresSchema implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    final String schema = "history_" + UUID.randomUUID().toString().replace("-", "");
    final Jdbi jdbi;

    PostgresSchema() {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("PostgreSQL is required in CI", e);
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable on 127.0.0.1:5432; install/start it to run this test");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(SERVER + "?currentSchema=" + schema);
        dataSource.setUser("postgres");
        jdbi = EmbeddedStore.migrated(dataSource);
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
