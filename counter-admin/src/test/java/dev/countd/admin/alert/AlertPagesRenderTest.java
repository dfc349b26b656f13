package dev.countd.admin.alert;

import dev.countd.admin.web.Chrome;
import dev.countd.admin.web.Pages;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert pages as an enabled node would render them, and as a node without alerts does. */
class AlertPagesRenderTest {

    private final Pages pages = new Pages();
    private final Chrome chrome = new Chrome("Alerts", "alerts", "admin", "tok", null, null);
    private final AlertsSource.Rule rule = new AlertsSource.Rule("r1", "default", "orders.<b>*</b>", 100, "UP",
            "https://hooks.example.com/countd", true, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aNodeWithoutAlertsSaysSoAndOffersNoForms() {
        String html = pages.render("alerts", new AlertAdminResource.AlertsPage(chrome, false, List.of(), List.of("UP")));

        assertThat(html).contains("Alerts are not enabled on this node").doesNotContain("<form method=\"post\" action=\"/admin/alerts\"");
    }

    @Test
    void rulesShowWithToggleDeliveriesAndDeleteLinks() {
        String html = pages.render("alerts", new AlertAdminResource.AlertsPage(chrome, true, List.of(rule),
                List.of("UP", "DOWN", "BOTH")));

        assertThat(html).contains("default/orders.&lt;b&gt;*&lt;/b&gt;").contains("UP 100")
                .contains("action=\"/admin/alerts/r1/disable\"").contains("href=\"/admin/alerts/r1/deliveries\"")
                .contains("href=\"/admin/alerts/r1/delete\"").contains("<option value=\"BOTH\">BOTH</option>");
    }

    @Test
    void theDeliveryLogShowsStatusLatencyErrorAndARedeliverForm() {
        var failed = new AlertsSource.Delivery("d1", "evt_1", Instant.parse("2026-01-01T00:01:00Z"), 3, null, null,
                "connect timed out", "retrying");
        var delivered = new AlertsSource.Delivery("d2", "evt_2", Instant.parse("2026-01-01T00:02:00Z"), 1, 200, 42L,
                null, "delivered");
        String html = pages.render("alert-deliveries", new AlertAdminResource.DeliveriesPage(chrome, rule,
                List.of(failed, delivered)));

        assertThat(html).contains("connect timed out").contains("retrying").contains(">200<").contains(">42<")
                .contains("action=\"/admin/alerts/r1/deliveries/d1/redeliver\"");
    }

    @Test
    void theSigningSecretIsShownOnceOnTheCreatedPage() {
        String html = pages.render("alert-created", new AlertAdminResource.CreatedPage(chrome, rule, "whsec_abc123"));

        assertThat(html).contains("<code id=\"secret\">whsec_abc123</code>").contains("shown only this once");
    }
}
