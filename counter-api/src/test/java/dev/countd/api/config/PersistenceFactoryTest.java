package dev.countd.api.config;

import dev.countd.api.CounterConfiguration;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code persistence} section, as Dropwizard reads it from an object and from the shipped defaults file. */
class PersistenceFactoryTest {

    @Test
    void writeBehindStoresFiveThousandCountersPerTransactionUnlessConfiguredOtherwise() throws Exception {
        PersistenceSettings defaults = Jackson.newObjectMapper().readValue("{}", PersistenceFactory.class).build(true);
        PersistenceSettings small = Jackson.newObjectMapper()
                .readValue("{\"mode\": \"write-behind\", \"writeBatchSize\": 100}", PersistenceFactory.class).build(false);
        assertThat(defaults.writeBatchSize()).isEqualTo(5000);
        assertThat(small.writeBatchSize()).isEqualTo(100);
        assertThat(small.mode()).isEqualTo(PersistenceMode.WRITE_BEHIND);
        assertThat(small.databaseInProcess()).isFalse();
    }

    @Test
    void onlyTheEmbeddedDatabaseRunsInThisProcess() throws Exception {
        var mapper = Jackson.newObjectMapper();
        assertThat(mapper.readValue("{}", DatabaseFactory.class).inProcess()).isTrue();
        assertThat(mapper.readValue("{\"url\": \"jdbc:h2:file:/tmp/x\"}", DatabaseFactory.class).inProcess()).isTrue();
        assertThat(mapper.readValue("{\"url\": \"jdbc:h2:tcp://db/x\"}", DatabaseFactory.class).inProcess()).isFalse();
        assertThat(mapper.readValue("{\"url\": \"jdbc:postgresql://db:5432/countd\"}", DatabaseFactory.class).inProcess())
                .isFalse();
    }

    @Test
    void theShippedDefaultsFileUsesTheSameBatchSize() throws Exception {
        var factory = new YamlConfigurationFactory<>(CounterConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
        // strict off: variables this machine does not set take the file's defaults, as at a fresh start
        CounterConfiguration shipped = factory.build(new SubstitutingSourceProvider(new ResourceConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)), "countd-defaults.yml");
        assertThat(shipped.persistence().build(shipped.database().inProcess()).writeBatchSize())
                .as("unless COUNTER_WRITE_BATCH_SIZE is set here").isEqualTo(System.getenv("COUNTER_WRITE_BATCH_SIZE") == null
                        ? 5000 : Integer.parseInt(System.getenv("COUNTER_WRITE_BATCH_SIZE")));
    }
}
