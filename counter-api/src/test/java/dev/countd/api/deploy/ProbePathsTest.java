package dev.countd.api.deploy;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.countd.api.deploy.DeploymentFiles.DOCKER;
import static dev.countd.api.deploy.DeploymentFiles.list;
import static dev.countd.api.deploy.DeploymentFiles.map;
import static dev.countd.api.deploy.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every path the Dockerfile's HEALTHCHECK and the Kubernetes probes call on the admin port answers 200. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProbePathsTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    @Test
    void everyAdminPathTheDeploymentCallsAnswers200() {
        Set<String> paths = new TreeSet<>();
        Matcher healthcheck = Pattern.compile("\\$\\{COUNTER_ADMIN_PORT}(/[a-z/]+)").matcher(read(DOCKER.resolve("Dockerfile")));
        while (healthcheck.find()) {
            paths.add(healthcheck.group(1));
        }
        var container = list(DeploymentFiles.k8s("StatefulSet", "countd"), "spec", "template", "spec", "containers").get(0);
        for (String probe : new String[] {"startupProbe", "livenessProbe", "readinessProbe"}) {
            paths.add((String) map(container, probe, "httpGet").get("path"));
        }
        assertThat(paths).contains("/healthcheck", "/ping");
        Http admin = Http.local(APP.getAdminPort());
        // /healthcheck turns 200 once the start-up's background work (the dashboard user admin) is done.
        for (String path : paths) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(admin.get(path).send().status()).as("GET admin " + path).isEqualTo(200));
        }
    }
}
