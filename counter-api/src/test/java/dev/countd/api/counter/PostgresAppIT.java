package dev.countd.api.counter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import dev.countd.core.testing.Postgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service on PostgreSQL (COUNTER_DB_URL): migrations run, changes persist across a restart. */
class PostgresAppIT {

    @Test
    void countersPersistInPostgresAcrossARestart() throws Exception {
        try (Postgres postgres = Postgres.createSchema()) {
            ConfigOverride url = ConfigOverride.config("database.url", postgres.jdbcUrl());
            ConfigOverride user = ConfigOverride.config("database.user", Postgres.USER);
            JsonNode before;
            DropwizardAppExtension<CounterConfiguration> first = TestApps.app(url, user);
            first.before();
            try {
                Http http = Http.local(first.getLocalPort());
                http.put("/counters/pg.stock").json("{\"max\":100,\"value\":40,\"labels\":{\"db\":\"pg\"}}");
                assertThat(http.post("/counters/pg.stock/decrement?by=15").send().status()).isEqualTo(200);
                assertThat(http.post("/counters/pg.stock/decrement?by=30").send().status()).isEqualTo(409);
                before = http.get("/counters/pg.stock").send().json();
            } finally {
                first.after();
            }
            DropwizardAppExtension<CounterConfiguration> second = TestApps.app(url, user);
            second.before();
            try {
                JsonNode after = Http.local(second.getLocalPort()).get("/counters/pg.stock").send().json();
                assertThat(after).isEqualTo(before);
                assertThat(after.get("value").asLong()).isEqualTo(25);
            } finally {
                second.after();
            }
        }
    }
}
