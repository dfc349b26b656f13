package dev.countd.api.admin;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins spend the address's budget; without budget even the right password is refused. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminLoginLockoutTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("dashboard.loginFailuresPerIp.capacity", "3"),
            ConfigOverride.config("dashboard.loginFailuresPerIp.refillTokens", "1"),
            ConfigOverride.config("dashboard.loginFailuresPerIp.refillPeriod", "PT1H"));

    @Test
    void anAddressThatFailedTooOftenIsLockedOutEvenWithTheRightPassword() {
        Browserless browser = new Browserless(APP.getLocalPort());
        for (int i = 0; i < 3; i++) {
            assertThat(browser.login("wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> fourth = browser.login("wrong-3");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Too many failed logins from your address");

        HttpResponse<String> right = browser.loginAsAdmin();
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("countd_admin="));
    }
}
