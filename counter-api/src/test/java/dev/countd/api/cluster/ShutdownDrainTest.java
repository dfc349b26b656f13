package dev.countd.api.cluster;

import dev.countd.api.CounterApplication;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The first step of a stop: the node still serves (Hazelcast is up), but closes connections and reports draining. */
class ShutdownDrainTest {

    private DropwizardTestSupport<CounterConfiguration> app;
    private Thread stopping;

    @BeforeEach
    void start() throws Exception {
        app = new DropwizardTestSupport<>(CounterApplication.class, "classpath:countd-defaults.yml",
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDir", TestApps.freshDataDir().toString()),
                ConfigOverride.config("cluster.name", "drain-" + java.util.UUID.randomUUID()),
                ConfigOverride.config("apiKeys.bootstrapKey", TestApps.ADMIN_KEY),
                ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("cluster.drainDelay", "4s"));
        app.before();
        stopping = new Thread(app::after, "stop-app");
    }

    @AfterEach
    void awaitStopped() throws InterruptedException {
        stopping.join(30_000);
    }

    private static HttpURLConnection call(String method, int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer " + dev.countd.api.TestApps.ADMIN_KEY);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        return connection;
    }

    @Test
    void whileDrainingWritesStillSucceedButEachResponseClosesItsConnection() throws Exception {
        int port = app.getLocalPort();
        int admin = app.getAdminPort();
        stopping.start();
        Awaitility.await("draining health check").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> call("GET", admin, "/healthcheck").getResponseCode() == 500);

        HttpURLConnection increment = call("POST", port, "/counters/drain.write/increment");
        assertThat(increment.getResponseCode()).isEqualTo(200);
        assertThat(increment.getHeaderField("Connection")).isEqualToIgnoringCase("close");

        // the plain form is answered by the lean path, before the servlet filters: it closes too
        long leanBefore = leanServed();
        HttpURLConnection lean = call("POST", port, "/counters/drain.write/increment");
        lean.setRequestProperty("Accept", "application/json");
        assertThat(lean.getResponseCode()).isEqualTo(200);
        assertThat(leanServed()).isEqualTo(leanBefore + 1);
        assertThat(lean.getHeaderField("Connection")).isEqualToIgnoringCase("close");
    }

    private long leanServed() {
        return app.getEnvironment().metrics().meter(dev.countd.api.counter.HotCounterRoutes.SERVED_METER).getCount();
    }
}
