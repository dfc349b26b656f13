package dev.countd.core.testing;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A private schema in the PostgreSQL on 127.0.0.1:5432 (database {@code test}, user {@code postgres}).
 * Outside CI a missing server skips the test with a message; in CI (env CI set) it fails.
 */
public final class Postgres implements AutoCloseable {

    public static final String URL = System.getProperty("countd.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = "postgres";

    public final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    private Postgres() {
    }

    public static Postgres createSchema() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            Postgres postgres = new Postgres();
            connection.createStatement().execute("CREATE SCHEMA " + postgres.schema);
            return postgres;
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("PostgreSQL is required in CI but not reachable at " + URL, e);
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable on 127.0.0.1:5432; install and start it "
                    + "(database 'test', user 'postgres', trust auth) to run this test");
            throw new IllegalStateException("unreachable");
        }
    }

    public String jdbcUrl() {
        return URL + "?currentSchema=" + schema;
    }

    public Jdbi migratedJdbi() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(USER);
        return EmbeddedStore.migrated(dataSource);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
