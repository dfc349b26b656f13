package dev.countd.api.admin;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static dev.countd.api.admin.Browserless.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Dashboard security without a browser: sessions, cookies, CSRF, headers, escaping of API errors. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminSecurityTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    private Browserless browser() {
        return new Browserless(APP.getLocalPort());
    }

    @Test
    void pagesRedirectToTheLoginWithoutASession() {
        HttpResponse<String> reply = browser().get("/admin/counters");
        assertThat(reply.statusCode()).isEqualTo(303);
        assertThat(reply.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
    }

    @Test
    void loginSetsAnHttpOnlySameSiteStrictSessionCookie() {
        HttpResponse<String> reply = browser().loginAsAdmin();
        assertThat(reply.statusCode()).isEqualTo(303);
        assertThat(reply.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("countd_admin=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/admin"));
    }

    @Test
    void wrongPasswordIsRefusedWithoutASession() {
        Browserless browser = browser();
        HttpResponse<String> reply = browser.login("not-the-password");
        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("Wrong user name or password.");
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(303);
    }

    @Test
    void pagesCarryACspWithoutUnsafeInline() {
        Browserless browser = browser();
        browser.loginAsAdmin();
        HttpResponse<String> reply = browser.get("/admin/");
        assertThat(reply.statusCode()).isEqualTo(200);
        String csp = reply.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("style-src 'self'").doesNotContain("unsafe-inline");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(reply.body()).doesNotContain("<script").doesNotContain("style=");
    }

    @Test
    void postWithoutTheCsrfTokenIsForbiddenAndChangesNothing() {
        Browserless browser = browser();
        browser.loginAsAdmin();
        HttpResponse<String> reply = browser.post("/admin/counters", form("namespace", "default", "name", "csrf-victim"));
        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.body()).contains("Form expired or forged");
        assertThat(Http.local(APP.getLocalPort()).get("/counters/csrf-victim").send().status()).isEqualTo(404);
    }

    @Test
    void postWithAnotherSessionsCsrfTokenIsForbidden() {
        Browserless mallory = browser();
        mallory.loginAsAdmin();
        String foreignToken = Browserless.csrf(mallory.get("/admin/counters").body());
        Browserless victim = browser();
        victim.loginAsAdmin();
        HttpResponse<String> reply = victim.post("/admin/counters",
                form("_csrf", foreignToken, "namespace", "default", "name", "csrf-victim-2"));
        assertThat(reply.statusCode()).isEqualTo(403);
    }

    @Test
    void loginWithoutItsCsrfTokenIsForbidden() {
        HttpResponse<String> reply = browser().post("/admin/login",
                form("username", "admin", "password", TestApps.ADMIN_PASSWORD));
        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("countd_admin="));
    }

    @Test
    void aRefusedChangeShowsTheApisExplanationOnThePage() {
        Browserless browser = browser();
        browser.loginAsAdmin();
        String token = Browserless.csrf(browser.get("/admin/counters").body());
        browser.post("/admin/counters", form("_csrf", token, "namespace", "default", "name", "capped", "max", "3"));
        browser.post("/admin/counters/default/capped/increment", form("_csrf", token, "by", "5"));
        HttpResponse<String> page = browser.get("/admin/counters/default/capped");
        assertThat(page.body()).contains("Refused, nothing changed").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(Http.local(APP.getLocalPort()).get("/counters/capped").send().json().get("value").asLong()).isZero();
    }

    @Test
    void aMalformedAmountShowsAReadableMessage() {
        Browserless browser = browser();
        browser.loginAsAdmin();
        String token = Browserless.csrf(browser.get("/admin/counters").body());
        browser.post("/admin/counters", form("_csrf", token, "namespace", "default", "name", "typo"));
        browser.post("/admin/counters/default/typo/increment", form("_csrf", token, "by", "lots"));
        assertThat(browser.get("/admin/counters/default/typo").body())
                .contains("amount must be a whole number").contains("&#39;lots&#39;");
    }

    @Test
    void logoutEndsTheSessionEverywhere() {
        Browserless browser = browser();
        browser.loginAsAdmin();
        String token = Browserless.csrf(browser.get("/admin/").body());
        assertThat(browser.post("/admin/logout", form("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(303);
    }

    @Test
    void anUnknownDashboardPageIsAnHtmlPageNotJson() {
        HttpResponse<String> reply = browser().get("/admin/no-such-page");
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(reply.body()).contains("<h1>Not found</h1>").contains("no such resource");
    }

    @Test
    void theStylesheetComesFromTheJar() {
        HttpResponse<String> reply = browser().get("/admin/static/admin.css");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(reply.body()).contains("@media (max-width: 640px)");
    }
}
