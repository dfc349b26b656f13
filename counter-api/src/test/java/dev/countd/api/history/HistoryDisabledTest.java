package dev.countd.api.history;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class HistoryDisabledTest {

    static final DropwizardAppExtension<CounterConfiguration> APP =
            TestApps.app(ConfigOverride.config("history.enabled", "false"));

    @Test
    void historyRouteSaysHistoryIsDisabledWhileCountersStillWork() {
        Http http = Http.local(APP.getLocalPort());
        assertThat(http.post("/counters/disabled.a/increment").send().status()).isEqualTo(200);

        Reply reply = http.get("/counters/disabled.a/history").send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").asText()).contains("history is disabled");
    }
}
