package dev.countd.api.health;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A login role owning a schema of its own in the local test database, so a test can take the
 * database away from one app (NOLOGIN + terminated sessions) without touching anybody else.
 */
final class PostgresRole implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    final String name = "countd_h_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresRole() {
    }

    /** Skips the test (fails it under CI) when PostgreSQL is not reachable. */
    static PostgresRole create() {
        try (Connection ignored = admin()) {
            // reachable
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("PostgreSQL not reachable on 127.0.0.1:5432 under CI", e);
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable on 127.0.0.1:5432; install/start it to run this test");
        }
        PostgresRole role = new PostgresRole();
        role.sql("CREATE ROLE " + role.name + " LOGIN");
        role.sql("CREATE SCHEMA " + role.name + " AUTHORIZATION " + role.name);
        return role;
    }

    String jdbcUrl() {
        return ADMIN_URL + "?currentSchema=" + name;
    }

    /** The database refuses this role: no new sessions, and its open ones are terminated. */
    void lockOut() {
        sql("ALTER ROLE " + name + " NOLOGIN");
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
    }

    void letIn() {
        sql("ALTER ROLE " + name + " LOGIN");
    }

    @Override
    public void close() {
        lockOut();
        sql("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        sql("DROP ROLE IF EXISTS " + name);
    }

    private void sql(String statement) {
        try (Connection connection = admin(); Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, "postgres", "");
    }
}
