package dev.countd.api.ratelimit;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthFailureLimitTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("rateLimits.authFailuresPerIp.capacity", "3"),
            ConfigOverride.config("rateLimits.authFailuresPerIp.refillTokens", "1"),
            ConfigOverride.config("rateLimits.authFailuresPerIp.refillPeriod", "PT1H"));

    @Test
    void anAddressThatFailedTooOftenIsRefusedEvenWithAValidKey() {
        Http wrong = Http.anonymous(APP.getLocalPort()).withKey("ck_wrongkey1_" + "Q".repeat(40));
        for (int i = 0; i < 3; i++) {
            Reply reply = wrong.get("/counters").send();
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }
        Reply refused = wrong.get("/counters").send();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"auth-failures\";q=3;w=10800");

        Reply withValidKey = Http.local(APP.getLocalPort()).get("/counters").send();
        assertThat(withValidKey.status()).isEqualTo(429);
    }
}
