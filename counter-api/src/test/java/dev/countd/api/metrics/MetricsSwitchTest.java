package dev.countd.api.metrics;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsSwitchTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP =
            TestApps.app(ConfigOverride.config("metrics.enabled", "false"));

    @Test
    void metricsDisabledRecordsNoApiSeriesButStillExportsTheRest() {
        assertThat(Http.local(APP.getLocalPort()).post("/counters/a/increment").send().status()).isEqualTo(200);

        Exposition scrape = Scrapes.scrape(APP.getAdminPort());
        assertThat(scrape.named(Metrics.COUNTER_OPERATIONS)).isEmpty();
        assertThat(scrape.named(Metrics.HTTP_DURATION + "_count")).isEmpty();
        assertThat(scrape.value(Metrics.MAPSTORE_DURATION + "_count", Map.of())).isEqualTo(1.0);
        assertThat(scrape.value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(1.0);
    }
}
