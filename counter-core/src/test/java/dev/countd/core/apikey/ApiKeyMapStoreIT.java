package dev.countd.core.apikey;

import dev.countd.core.storage.SchemaMigrations;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The key table on PostgreSQL, in a schema of its own: rows round-trip, upserts replace. */
class ApiKeyMapStoreIT {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "apikey_" + UUID.randomUUID().toString().replace("-", "");
    private static ApiKeyMapStore store;

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw e;
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable on 127.0.0.1:5432; install/start it to run this test");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(SERVER + "?currentSchema=" + SCHEMA);
        dataSource.setUser("postgres");
        SchemaMigrations.migrate(dataSource);
        store = new ApiKeyMapStore(Jdbi.create(dataSource), SqlDialect.POSTGRESQL);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (store == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void storedKeysLoadBackEqual() {
        ApiKey planned = key("pgplanned1", "free", null);
        ApiKey custom = key("pgcustom01", null, new RateLimit(50, 1, Duration.ofHours(1)));
        store.storeAll(Map.of(planned.id(), planned, custom.id(), custom));
        assertThat(store.loadAllKeys()).contains("pgplanned1", "pgcustom01");
        assertThat(store.loadAll(List.of("pgplanned1", "pgcustom01")))
                .containsEntry("pgplanned1", planned).containsEntry("pgcustom01", custom);
    }

    @Test
    void storingAChangedKeyReplacesItsRow() {
        ApiKey key = key("pgrevoke01", null, null);
        store.store(key.id(), key);
        ApiKey revoked = key.withRevokedAt(Instant.ofEpochMilli(1_900_000_000_000L)).withLastUsedAt(Instant.ofEpochMilli(1_800_000_000_000L));
        store.store(key.id(), revoked);
        assertThat(store.loadAll(List.of("pgrevoke01"))).containsExactly(Map.entry("pgrevoke01", revoked));
    }

    private static ApiKey key(String id, String plan, RateLimit limit) {
        return new ApiKey(id, "name " + id, "shop", Set.of(Scope.COUNTERS_READ, Scope.KEYS_MANAGE), plan, limit,
                "a".repeat(64), Instant.ofEpochMilli(1_700_000_000_000L), null, null, null);
    }
}
