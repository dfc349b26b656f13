package dev.countd.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(DropwizardExtensionsSupport.class)
class AdminHealthChecksTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    @Test
    void adminPortRunsEveryCheckAndAllAreHealthyOnAFreshNode() {
        Http admin = Http.local(APP.getAdminPort());
        // The dashboard user admin is set up in the background at start (dashboard-login is unhealthy until then).
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/healthcheck").send().status() == 200);
        Http.Reply reply = admin.get("/healthcheck").send();
        assertThat(reply.status()).isEqualTo(200);
        JsonNode checks = reply.json();
        for (String name : new String[] {"hazelcast", "database", "webhook-backlog", "history-flush", "journal-flush",
                "dashboard-login"}) {
            assertThat(checks.path(name).path("healthy").asBoolean()).as(name).isTrue();
        }
        assertThat(checks.path("webhook-backlog").path("message").asText()).isEqualTo("0 webhook deliveries pending");
        // the default: write-through on the embedded database of a lone member goes through the journal
        assertThat(checks.path("journal-flush").path("message").asText()).startsWith("counter journal flush lag ");
    }
}
