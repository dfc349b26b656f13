package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
    void aWaitOfNeverBecomesTheLongestHeaderValueInsteadOfWrappingToOneSecond() {
        RateDecision decision = RateDecision.of("free", LIMIT, ConsumptionProbe.rejected(0, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(decision.retryAfterSeconds()).isEqualTo(Integer.MAX_VALUE);
        assertThat(decision.resetSeconds()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theWindowOfAnAbsurdlySlowLimitIsCappedInTheHeader() {
        RateLimit slow = new RateLimit(Long.MAX_VALUE / 2, 1, Duration.ofDays(366));
        Map<String, String> headers = new HashMap<>();
        RateLimitHeaders.write(RateDecision.of("custom", slow, ConsumptionProbe.consumed(5, 1)), headers::put);
        assertThat(headers.get("RateLimit-Policy")).endsWith(";w=" + Integer.MAX_VALUE);
    }

    @Test
    void anAllowedTakeHasNoRetryAfter() {
        RateDecision decision = RateDecision.of("free", LIMIT, ConsumptionProbe.consumed(59, 1_000_000_000L));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(59);
        assertThat(decision.retryAfterSeconds()).isZero();
    }
}
