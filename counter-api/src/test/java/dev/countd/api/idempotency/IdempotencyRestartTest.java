package dev.countd.api.idempotency;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyRestartTest {

    @Test
    void aRetryAfterARestartStillReplays() throws Exception {
        Path dataDir = TestApps.freshDataDir();
        Reply first;
        DropwizardAppExtension<CounterConfiguration> before = TestApps.app(dataDir);
        before.before();
        try {
            first = Http.local(before.getLocalPort()).post("/counters/idem.restart/increment?by=7")
                    .header("Idempotency-Key", "survives").send();
        } finally {
            before.after();
        }
        DropwizardAppExtension<CounterConfiguration> after = TestApps.app(dataDir);
        after.before();
        try {
            Http http = Http.local(after.getLocalPort());
            Reply retry = http.post("/counters/idem.restart/increment?by=7").header("Idempotency-Key", "survives").send();
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(http.get("/counters/idem.restart").send().json().get("value").asLong()).isEqualTo(7);
        } finally {
            after.after();
        }
    }
}
