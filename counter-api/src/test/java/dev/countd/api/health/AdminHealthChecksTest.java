package dev.countd.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class AdminHealthChecksTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    @Test
    void adminPortRunsEveryCheckAndAllAreHealthyOnAFreshNode() {
        Http.Reply reply = Http.local(APP.getAdminPort()).get("/healthcheck").send();
        assertThat(reply.status()).isEqualTo(200);
        JsonNode checks = reply.json();
        for (String name : new String[] {"hazelcast", "database", "webhook-backlog", "history-flush"}) {
            assertThat(checks.path(name).path("healthy").asBoolean()).as(name).isTrue();
        }
        assertThat(checks.path("webhook-backlog").path("message").asText()).isEqualTo("webhooks not enabled");
    }
}
