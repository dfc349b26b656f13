package dev.countd.admin.auth;

import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A login while the admin user cannot be checked is a clear 503, not a "wrong password" that costs budget. */
class LoginWhileStartingTest {

    @Test
    void aLoginWhenTheAdminUserIsNotSetUpAnswers503WithRetryAfterAndSpendsNoBudget() {
        // A store without a database: the bootstrap fails (and is retried), so the user admin cannot be checked.
        AdminUsers users = new AdminUsers(Map.of(), new AdminUserStore(null), Duration.ZERO);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        users.bootstrapInBackground(Optional.of("right-password-12"), System.out, executor);
        AtomicInteger failures = new AtomicInteger();
        LoginThrottle throttle = new LoginThrottle() {
            @Override
            public long lockedFor(String ip) {
                return 0;
            }

            @Override
            public long failed(String ip) {
                failures.incrementAndGet();
                return 0;
            }
        };
        LoginResource resource = new LoginResource(new AdminGuard(new AdminSessions(null, Duration.ofHours(1)), new Pages(), false),
                users, new AdminSessions(null, Duration.ofHours(1)), throttle);

        Response response = resource.login(headersWithLoginCookie("csrf-1"), remoteAddress("192.0.2.1"),
                "admin", "right-password-12", "csrf-1");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat((String) response.getEntity()).contains("The dashboard is still starting");
        assertThat(failures).hasValue(0);
        executor.shutdownNow();
    }

    private static HttpHeaders headersWithLoginCookie(String csrf) {
        Map<String, Cookie> cookies = Map.of(AdminGuard.LOGIN_COOKIE, new Cookie.Builder(AdminGuard.LOGIN_COOKIE).value(csrf).build());
        return (HttpHeaders) Proxy.newProxyInstance(LoginWhileStartingTest.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> method.getName().equals("getCookies") ? cookies : null);
    }

    private static HttpServletRequest remoteAddress(String ip) {
        return (HttpServletRequest) Proxy.newProxyInstance(LoginWhileStartingTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getRemoteAddr") ? ip : null);
    }
}
