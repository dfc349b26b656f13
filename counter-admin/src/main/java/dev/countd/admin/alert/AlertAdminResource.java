package dev.countd.admin.alert;

import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Chrome;
import dev.countd.admin.web.ErrorPage;
import dev.countd.admin.web.Forms;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/alerts}: threshold rules (create, enable, disable, delete with confirmation) and
 * each rule's delivery log with redelivery. When alerts do not run on this node every page says so.
 */
@Path("/admin/alerts")
public final class AlertAdminResource {

    static final int DELIVERIES = 50;

    private final AdminGuard guard;
    private final AlertsSource alerts;

    public AlertAdminResource(AdminGuard guard, AlertsSource alerts) {
        this.guard = guard;
        this.alerts = alerts;
    }

    public record AlertsPage(Chrome chrome, boolean enabled, List<AlertsSource.Rule> rules, List<String> directions) {
    }

    public record CreatedPage(Chrome chrome, AlertsSource.Rule rule, String secret) {
    }

    public record RulePage(Chrome chrome, AlertsSource.Rule rule) {
    }

    public record DeliveriesPage(Chrome chrome, AlertsSource.Rule rule, List<AlertsSource.Delivery> deliveries) {
    }

    @GET
    public Response rules(@Context HttpHeaders headers) {
        Admin admin = guard.require(headers);
        return guard.page("alerts", new AlertsPage(guard.chrome(admin, "Alerts", "alerts"), alerts.enabled(),
                alerts.rules(), List.of("UP", "DOWN", "BOTH")));
    }

    @POST
    public Response create(@Context HttpHeaders headers, @FormParam("_csrf") String csrf,
                           @FormParam("namespace") String namespace, @FormParam("counter") String counter,
                           @FormParam("threshold") String threshold, @FormParam("direction") String direction,
                           @FormParam("url") String url) {
        Admin admin = guard.requirePost(headers, csrf);
        try {
            AlertsSource.CreatedRule created = alerts.create(new AlertsSource.NewRule(trim(namespace), trim(counter),
                    Forms.wholeNumber("threshold", threshold), trim(direction), trim(url)));
            return guard.page("alert-created", new CreatedPage(guard.chrome(admin, "Alert rule created", "alerts")
                    .withMessage("ok", "Alert rule created. Copy the signing secret now: it is shown only this once."),
                    created.rule(), created.secret()));
        } catch (IllegalArgumentException e) {
            return guard.done(admin, "/admin/alerts", "error", "The rule was not created: " + e.getMessage());
        }
    }

    @POST
    @Path("/{id}/enable")
    public Response enable(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("id") String id) {
        return toggle(headers, csrf, id, true);
    }

    @POST
    @Path("/{id}/disable")
    public Response disable(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("id") String id) {
        return toggle(headers, csrf, id, false);
    }

    @GET
    @Path("/{id}/delete")
    public Response confirmDelete(@Context HttpHeaders headers, @PathParam("id") String id) {
        Admin admin = guard.require(headers);
        return rule(id).map(rule -> guard.page("alert-delete", new RulePage(guard.chrome(admin, "Delete alert rule", "alerts"), rule)))
                .orElseGet(() -> notFound(admin));
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("id") String id) {
        Admin admin = guard.requirePost(headers, csrf);
        try {
            alerts.delete(id);
            return guard.done(admin, "/admin/alerts", "ok", "Alert rule deleted.");
        } catch (IllegalArgumentException e) {
            return guard.done(admin, "/admin/alerts", "error", e.getMessage());
        }
    }

    @GET
    @Path("/{id}/deliveries")
    public Response deliveries(@Context HttpHeaders headers, @PathParam("id") String id) {
        Admin admin = guard.require(headers);
        return rule(id).map(rule -> guard.page("alert-deliveries", new DeliveriesPage(
                        guard.chrome(admin, "Deliveries", "alerts"), rule, alerts.deliveries(id, DELIVERIES))))
                .orElseGet(() -> notFound(admin));
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/redeliver")
    public Response redeliver(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("id") String id,
                              @PathParam("delivery") String delivery) {
        Admin admin = guard.requirePost(headers, csrf);
        String back = UriBuilder.fromPath("/admin/alerts/{id}/deliveries").build(id).toString();
        try {
            alerts.redeliver(delivery);
            return guard.done(admin, back, "ok", "Redelivery queued: the event will be sent again with the same id.");
        } catch (IllegalArgumentException e) {
            return guard.done(admin, back, "error", e.getMessage());
        }
    }

    private Response toggle(HttpHeaders headers, String csrf, String id, boolean enabled) {
        Admin admin = guard.requirePost(headers, csrf);
        try {
            alerts.setEnabled(id, enabled);
            return guard.done(admin, "/admin/alerts", "ok", "Alert rule " + (enabled ? "enabled." : "disabled."));
        } catch (IllegalArgumentException e) {
            return guard.done(admin, "/admin/alerts", "error", e.getMessage());
        }
    }

    private Optional<AlertsSource.Rule> rule(String id) {
        return alerts.rules().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    private Response notFound(Admin admin) {
        return guard.page(404, "error", new ErrorPage(guard.chrome(admin, "Alert rule not found", "alerts"),
                "Alert rule not found", alerts.enabled() ? "There is no alert rule with this id."
                : "Alerts are not enabled on this node.", "/admin/alerts", "Back to the alerts"));
    }

    private static String trim(String text) {
        return text == null ? "" : text.trim();
    }
}
