package dev.countd.api.admin;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real browser (headless Chromium): the operator's flows, screenshots of every page. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminBrowserTest {

    /** Alert rules created here send to a receiver on 127.0.0.1, which the SSRF guard allows only in tests. */
    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("alerts.allowPrivateNetworks", "true"));
    static final String RECEIVER_URL = "http://127.0.0.1:9/hooks/countd";
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        Chromium.requireInstalled();
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.manage().deleteAllCookies();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    private void logIn() {
        browser.get(url("/admin/"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(TestApps.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("form[action='/admin/login'] button")).click();
        heading("Overview");
    }

    /** Waits for the next page to show this heading (a click returns before its page has loaded). */
    private static void heading(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** Waits for a one-time message containing {@code text}; answers the whole message. */
    private static String flash(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), text));
        return browser.findElement(By.cssSelector(".flash")).getText();
    }

    @Test
    void operatorCreatesACounterIncrementsItAndSeesValueAndChart() {
        browser.get(url("/admin/login"));
        Chromium.screenshots(browser, "login");
        logIn();

        browser.get(url("/admin/counters"));
        browser.findElement(By.id("c-name")).sendKeys("page.views");
        browser.findElement(By.id("c-max")).sendKeys("1000000");
        browser.findElement(By.id("c-description")).sendKeys("Views of the <b>landing</b> page");
        browser.findElement(By.id("c-labels")).sendKeys("team=web");
        browser.findElement(By.cssSelector("form[action='/admin/counters'][method='post'] button")).click();
        flash("Counter 'page.views' created.");
        assertThat(browser.findElement(By.cssSelector(".description")).getText()).isEqualTo("Views of the <b>landing</b> page");

        WebElement by = browser.findElement(By.id("inc-by"));
        by.clear();
        by.sendKeys("5");
        by.submit();
        assertThat(flash("Incremented")).isEqualTo("Incremented: the value is now 5.");
        browser.findElement(By.xpath("//button[text()='Increment']")).click();
        flash("now 6");
        assertThat(browser.findElement(By.id("counter-value")).getText()).isEqualTo("6");
        assertThat(Http.local(APP.getLocalPort()).get("/counters/page.views").send().json().get("value").asLong()).isEqualTo(6);

        WebElement chart = browser.findElement(By.cssSelector("figure.chart svg"));
        assertThat(chart.findElements(By.cssSelector("circle.dot"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("text.unit"))).extracting(WebElement::getText)
                .containsExactly("time (UTC)", "value");
        assertThat(chart.findElements(By.cssSelector("text.tick"))).hasSizeGreaterThan(4);
        Chromium.screenshots(browser, "counter");

        browser.findElement(By.linkText("Delete this counter…")).click();
        heading("Delete counter?");
        Chromium.screenshots(browser, "counter-delete");
        browser.findElement(By.xpath("//a[text()='Cancel']")).click();
        heading("page.views");
        assertThat(browser.findElement(By.id("counter-value")).getText()).isEqualTo("6");
    }

    @Test
    void countersAreSearchedByPrefixAndPaged() {
        Http api = Http.local(APP.getLocalPort());
        for (int i = 0; i < 30; i++) {
            api.post("/counters/orders." + String.format("%02d", i) + "/increment").send();
        }
        api.post("/counters/visits/increment").send();
        logIn();
        browser.get(url("/admin/counters"));
        browser.findElement(By.id("f-prefix")).sendKeys("orders.");
        browser.findElement(By.cssSelector("form[role='search'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("prefix=orders."));
        List<WebElement> rows = browser.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(25);
        assertThat(rows.get(0).getText()).startsWith("orders.00");
        Chromium.screenshots(browser, "counters");
        browser.findElement(By.linkText("Next page")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("cursor="));
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).extracting(WebElement::getText)
                .hasSize(5).allMatch(text -> text.startsWith("orders.2"));
        browser.get(url("/admin/"));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Counters per namespace");
        Chromium.screenshots(browser, "overview");
    }

    @Test
    void operatorCreatesAnApiKeySeesItOnceAndRevokesIt() {
        logIn();
        browser.get(url("/admin/keys"));
        browser.findElement(By.id("k-name")).sendKeys("ci bot");
        browser.findElement(By.cssSelector("form[action='/admin/keys'] button")).click();
        heading("API key created");
        String key = browser.findElement(By.id("secret")).getText();
        assertThat(key).matches("ck_[a-z0-9]{8,16}_[A-Za-z0-9]{40}");
        Chromium.screenshots(browser, "key-created");
        Http withNewKey = Http.anonymous(APP.getLocalPort()).withKey(key);
        assertThat(withNewKey.post("/counters/bot-hits/increment").send().status()).isEqualTo(200);

        browser.get(url("/admin/keys"));
        assertThat(browser.getPageSource()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        Chromium.screenshots(browser, "keys");
        String id = key.split("_")[1];
        browser.findElement(By.cssSelector("a[href='/admin/keys/" + id + "/revoke']")).click();
        heading("Revoke API key?");
        browser.findElement(By.xpath("//button[text()='Yes, revoke it']")).click();
        flash("revoked");
        assertThat(withNewKey.post("/counters/bot-hits/increment").send().status()).isEqualTo(401);

        browser.get(url("/admin/rate-limits"));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("standard").contains("bulk");
        Chromium.screenshots(browser, "rate-limits");
    }

    @Test
    void operatorCreatesAnAlertRuleSeesItsSecretOnceTogglesAndDeletesIt() {
        logIn();
        browser.get(url("/admin/alerts"));
        WebElement namespace = browser.findElement(By.id("a-namespace"));
        namespace.clear();
        namespace.sendKeys("team-a");
        browser.findElement(By.id("a-counter")).sendKeys("orders.*");
        browser.findElement(By.id("a-threshold")).sendKeys("100");
        new Select(browser.findElement(By.id("a-direction"))).selectByValue("BOTH");
        browser.findElement(By.id("a-url")).sendKeys(RECEIVER_URL);
        browser.findElement(By.cssSelector("form[action='/admin/alerts'] button")).click();
        heading("Alert rule created");
        String secret = browser.findElement(By.id("secret")).getText();
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");
        Chromium.screenshots(browser, "alert-created");

        browser.get(url("/admin/alerts"));
        WebElement row = browser.findElement(By.xpath("//tbody/tr[td[text()='team-a/orders.*']]"));
        assertThat(row.getText()).contains("BOTH 100").contains(RECEIVER_URL).contains("enabled");
        assertThat(browser.getPageSource()).doesNotContain(secret);
        Chromium.screenshots(browser, "alerts");

        row.findElement(By.xpath(".//button[text()='Disable']")).click();
        flash("Alert rule disabled.");
        assertThat(ruleRow("team-a/orders.*").getText()).contains("disabled");
        ruleRow("team-a/orders.*").findElement(By.xpath(".//button[text()='Enable']")).click();
        flash("Alert rule enabled.");

        ruleRow("team-a/orders.*").findElement(By.linkText("Delete…")).click();
        heading("Delete alert rule?");
        browser.findElement(By.xpath("//button[text()='Yes, delete it']")).click();
        flash("Alert rule deleted.");
        assertThat(browser.findElements(By.xpath("//tbody/tr[td[text()='team-a/orders.*']]"))).isEmpty();
    }

    private static WebElement ruleRow(String rule) {
        return browser.findElement(By.xpath("//tbody/tr[td[text()='" + rule + "']]"));
    }

    @Test
    void formWithoutItsCsrfTokenIsRefusedWith403() {
        logIn();
        browser.get(url("/admin/counters"));
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector(\"form[action='/admin/counters'][method='post'] input[name='_csrf']\").remove();");
        browser.findElement(By.id("c-name")).sendKeys("forged");
        browser.findElement(By.cssSelector("form[action='/admin/counters'][method='post'] button")).click();
        heading("Form expired or forged");
        assertThat(Http.local(APP.getLocalPort()).get("/counters/forged").send().status()).isEqualTo(404);
    }

    @Test
    void logOutEndsTheSession() {
        logIn();
        browser.findElement(By.xpath("//button[text()='Log out']")).click();
        assertThat(flash("logged out")).isEqualTo("You are logged out.");
        browser.get(url("/admin/keys"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
    }
}
