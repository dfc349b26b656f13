package dev.countd.api.config;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code cluster} section of the configuration, as Dropwizard's object mapper reads it. */
class ClusterFactoryTest {

    @Test
    void membersWriteTheNewestCounterFormatUnlessToldToWriteTheOldOne() throws Exception {
        ClusterFactory defaults = Jackson.newObjectMapper().readValue("{}", ClusterFactory.class);
        ClusterFactory upgrading = Jackson.newObjectMapper().readValue("{\"counterFormat\": 2}", ClusterFactory.class);
        assertThat(defaults.build().counterFormat()).isEqualTo(3);
        assertThat(upgrading.build().counterFormat()).isEqualTo(2);
    }

    @Test
    void aCounterFormatNoMemberWritesStopsTheStart() throws Exception {
        ClusterFactory future = Jackson.newObjectMapper().readValue("{\"counterFormat\": 4}", ClusterFactory.class);
        assertThatThrownBy(future::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counter format must be 1 to 3, not 4");
    }
}
