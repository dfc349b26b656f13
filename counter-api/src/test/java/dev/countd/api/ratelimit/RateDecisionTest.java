package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How a Bucket4j probe becomes the seconds of the RateLimit and Retry-After headers. */
class RateDecisionTest {

    private static final RateLimit LIMIT = new RateLimit(60, 60, Duration.ofMinutes(1));

    @Test
    void waitsAreRoundedUpToWholeSeconds() {
        RateDecision decision = RateDecision.of("free", LIMIT, ConsumptionProbe.rejected(0, 1_000_000_001L, 59_000_000_000L));
        assertThat(decision.retryAfterSeconds()).isEqualTo(2);
        assertThat(decision.resetSeconds()).isEqualTo(59);
    }

    @Test
    void aWaitOfNeverStaysTheLongestWaitInsteadOfWrappingToOneSecond() {
        RateDecision decision = RateDecision.of("free", LIMIT, ConsumptionProbe.rejected(0, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(decision.retryAfterSeconds()).isEqualTo(Long.MAX_VALUE / 1_000_000_000L + 1);
        assertThat(decision.resetSeconds()).isEqualTo(Long.MAX_VALUE / 1_000_000_000L + 1);
    }

    @Test
    void anAllowedTakeHasNoRetryAfter() {
        RateDecision decision = RateDecision.of("free", LIMIT, ConsumptionProbe.consumed(59, 1_000_000_000L));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(59);
        assertThat(decision.retryAfterSeconds()).isZero();
    }
}
