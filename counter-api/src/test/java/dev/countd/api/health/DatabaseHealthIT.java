package dev.countd.api.health;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code database} check on the admin port against a real PostgreSQL that goes away and comes back. */
class DatabaseHealthIT {

    private static PostgresRole role;
    private static DropwizardAppExtension<CounterConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        role = PostgresRole.create();
        app = TestApps.app(ConfigOverride.config("database.url", role.jdbcUrl()),
                ConfigOverride.config("database.user", role.name));
        app.before();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
        if (role != null) {
            role.close();
        }
    }

    @Test
    void turnsUnhealthyWhenTheDatabaseRefusesTheServiceAndHealthyWhenItReturns() {
        Http admin = Http.local(app.getAdminPort());
        assertThat(databaseHealthy(admin)).isTrue();

        role.lockOut();
        await().atMost(Duration.ofSeconds(30)).until(() -> !databaseHealthy(admin));
        assertThat(admin.get("/healthcheck").send().status()).isEqualTo(500);

        role.letIn();
        await().atMost(Duration.ofSeconds(30)).until(() -> databaseHealthy(admin));
        // Everything else recovers by itself too: the dashboard user admin, set up in the background at
        // start, may have met the outage and is retried with a backoff of up to 30 s.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/healthcheck").send().status()).isEqualTo(200));
    }

    private static boolean databaseHealthy(Http admin) {
        return admin.get("/healthcheck").send().json().path("database").path("healthy").asBoolean();
    }
}
