package dev.countd.api.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverySettingsTest {

    private final DeliverySettings settings = new DeliverySettings(Duration.ofMillis(250), 4, Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(2));

    @Test
    void backoffDoublesPerAttemptWithinHalfToFullOfTheStep() {
        assertThat(settings.backoffMillis(1, 0.0)).isEqualTo(2_500);
        assertThat(settings.backoffMillis(1, 0.999)).isBetween(4_990L, 5_000L);
        assertThat(settings.backoffMillis(2, 0.0)).isEqualTo(5_000);
        assertThat(settings.backoffMillis(4, 0.0)).isEqualTo(20_000);
    }

    @Test
    void backoffIsCappedAtTheMaximumEvenAfterManyAttempts() {
        assertThat(settings.backoffMillis(12, 0.999)).isLessThanOrEqualTo(3_600_000);
        assertThat(settings.backoffMillis(500, 0.0)).isEqualTo(1_800_000);
    }
}
