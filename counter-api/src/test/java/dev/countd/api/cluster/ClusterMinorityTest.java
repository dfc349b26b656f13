package dev.countd.api.cluster;

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

/** A lone member that needs two members for writes behaves like the minority side of a split brain. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClusterMinorityTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("cluster.minimumClusterSize", "2"));

    @Test
    void writeOnTheMinoritySideIsRefusedWith503ClusterMinority() {
        Reply reply = Http.local(APP.getLocalPort()).post("/counters/minority.write/increment").send();
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo("cluster-minority");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void refusedWriteChangesNothing() {
        Http http = Http.local(APP.getLocalPort());
        http.post("/counters/minority.nothing/increment").send();
        assertThat(http.get("/counters/minority.nothing").send().status()).isEqualTo(404);
    }
}
