package dev.countd.core.apikey;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {

    @Test
    void windowIsTheTimeAnEmptyBucketTakesToFill() {
        assertThat(new RateLimit(1000, 500, Duration.ofSeconds(1)).windowSeconds()).isEqualTo(2);
        assertThat(new RateLimit(50, 1, Duration.ofHours(1)).windowSeconds()).isEqualTo(50 * 3600);
        assertThat(new RateLimit(10, 100, Duration.ofMillis(100)).windowSeconds()).as("at least one second").isEqualTo(1);
    }

    @Test
    void refusesEmptyBucketsAndZeroPeriods() {
        assertThatThrownBy(() -> new RateLimit(0, 1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
