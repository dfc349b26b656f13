package dev.countd.api.cluster;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own with a random name in the shared test database on 127.0.0.1:5432, dropped on
 * close. Without PostgreSQL the test is skipped, unless the {@code CI} variable is set: then it fails.
 */
final class PostgresSchema implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    final String name = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

    private PostgresSchema() throws SQLException {
        try (Connection connection = connect(SERVER)) {
            connection.createStatement().execute("CREATE SCHEMA " + name);
        }
    }

    static PostgresSchema createOrSkip() throws SQLException {
        try (Connection ignored = connect(SERVER)) {
            // reachable
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw e;
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable on 127.0.0.1:5432; install/start it to run this test");
        }
        return new PostgresSchema();
    }

    String url() {
        return SERVER + "?currentSchema=" + name;
    }

    /** The value column of a counter as PostgreSQL holds it, or null when there is no row. */
    Long storedValue(String namespace, String counter) throws SQLException {
        try (Connection connection = connect(url());
             var query = connection.prepareStatement("SELECT counter_value FROM counters WHERE namespace = ? AND name = ?")) {
            query.setString(1, namespace);
            query.setString(2, counter);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(SERVER)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
