package dev.countd.api.config;

import dev.countd.core.counter.IdempotencyPolicy;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code idempotency} section of the configuration, as Dropwizard's object mapper and validator read it. */
class IdempotencyFactoryTest {

    @Test
    void countersKeepSixtyFourOfTheirOwnServerIdsUnlessConfiguredOtherwise() throws Exception {
        IdempotencyPolicy defaults = Jackson.newObjectMapper().readValue("{}", IdempotencyFactory.class).build();
        IdempotencyPolicy lean = Jackson.newObjectMapper().readValue("{\"serverIdsPerCounter\": 16}", IdempotencyFactory.class)
                .build();
        assertThat(defaults.maxServerIds()).isEqualTo(64);
        assertThat(defaults.serverIdTtlMillis()).as("twice Hazelcast's heartbeat timeout").isEqualTo(120_000);
        assertThat(lean.maxServerIds()).isEqualTo(16);
        assertThat(lean.maxClientKeys()).isEqualTo(defaults.maxClientKeys());
    }

    @Test
    void noServerIdsAtAllIsAConfigurationError() throws Exception {
        IdempotencyFactory none = Jackson.newObjectMapper().readValue("{\"serverIdsPerCounter\": 0}", IdempotencyFactory.class);
        assertThat(Validators.newValidator().validate(none)).extracting(v -> v.getPropertyPath().toString())
                .containsExactly("serverIdsPerCounter");
    }
}
