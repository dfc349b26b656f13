package dev.countd.api.alert;

import dev.countd.api.auth.RequiresScope;
import dev.countd.api.counter.Tenants;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.alert.AlertDirection;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.alert.AlertRegistry;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.Delivery;
import dev.countd.core.apikey.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /alerts}: threshold rules of the caller's namespace and their webhook deliveries (scope
 * alerts:manage). Other namespaces' rules are 404. The signing secret appears only in the 201 answer.
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ALERTS_MANAGE)
public class AlertResource {

    private static final int MAX_DELIVERIES = 200;

    private final AlertRegistry registry;
    private final AlertEventStore events;
    private final WebhookTargets targets;

    public AlertResource(AlertRegistry registry, AlertEventStore events, WebhookTargets targets) {
        this.registry = registry;
        this.events = events;
        this.targets = targets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(AlertRequests.Create body, @Context SecurityContext security) {
        if (body == null) {
            throw new ProblemException(400, "malformed-json", "a JSON object with counter, threshold and url is required");
        }
        String counter = require(body.counter(), "counter");
        long threshold = require(body.threshold(), "threshold");
        String url = checkedUrl(require(body.url(), "url"));
        AlertRegistry.invalidPattern(counter).ifPresent(AlertResource::invalid);
        AlertRule rule = registry.create(Tenants.namespace(security), counter, threshold,
                direction(body.direction() == null ? "UP" : body.direction()), url, hysteresis(body.hysteresis()),
                body.enabled() == null || body.enabled());
        return Response.created(URI.create("/alerts/" + rule.id())).entity(AlertJson.of(rule, true)).build();
    }

    @GET
    public Map<String, List<AlertJson>> list(@Context SecurityContext security) {
        return Map.of("items", registry.list(Tenants.namespace(security)).stream().map(r -> AlertJson.of(r, false)).toList());
    }

    @GET
    @Path("/{id}")
    public AlertJson get(@PathParam("id") String id, @Context SecurityContext security) {
        return AlertJson.of(visible(id, security), false);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public AlertJson change(@PathParam("id") String id, AlertRequests.Change body, @Context SecurityContext security) {
        visible(id, security);
        if (body == null) {
            throw new ProblemException(400, "malformed-json", "a JSON object with the fields to change is required");
        }
        if (body.counter() != null) {
            AlertRegistry.invalidPattern(body.counter()).ifPresent(AlertResource::invalid);
        }
        AlertDirection direction = body.direction() == null ? null : direction(body.direction());
        String url = body.url() == null ? null : checkedUrl(body.url());
        Long hysteresis = body.hysteresis() == null ? null : hysteresis(body.hysteresis());
        long now = registry.now();
        AlertRule changed = registry.update(id, rule -> {
            AlertRule next = rule.withFields(body.counter() == null ? rule.counter() : body.counter(),
                    body.threshold() == null ? rule.threshold() : body.threshold(),
                    direction == null ? rule.direction() : direction, url == null ? rule.url() : url,
                    hysteresis == null ? rule.hysteresis() : hysteresis, now);
            return body.enabled() == null ? next : next.withEnabled(body.enabled(), "disabled through the API", now);
        }).orElseThrow(AlertResource::notFound);
        return AlertJson.of(changed, false);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        if (!registry.delete(Tenants.namespace(security), id)) {
            throw notFound();
        }
        events.cancelPendingOf(id, "the alert rule was deleted");
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    public Map<String, List<DeliveryJson>> deliveries(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                                      @Context SecurityContext security) {
        visible(id, security);
        int max = limit == null ? 50 : limit;
        if (max < 1 || max > MAX_DELIVERIES) {
            throw new ProblemException(422, "invalid-field", "limit must be between 1 and " + MAX_DELIVERIES);
        }
        return Map.of("items", events.ofRule(id, max).stream().map(d -> DeliveryJson.of(d, events.attempts(d.id()))).toList());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    public DeliveryJson delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId,
                                 @Context SecurityContext security) {
        visible(id, security);
        Delivery delivery = events.find(id, deliveryId).orElseThrow(AlertResource::deliveryNotFound);
        return DeliveryJson.of(delivery, events.attempts(delivery.id()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId,
                              @Context SecurityContext security) {
        AlertRule rule = visible(id, security);
        if (!rule.enabled()) {
            throw new ProblemException(409, "alert-disabled", "enable the rule before redelivering its events");
        }
        if (!events.redeliver(id, deliveryId, registry.now())) {
            throw deliveryNotFound();
        }
        Delivery delivery = events.find(id, deliveryId).orElseThrow(AlertResource::deliveryNotFound);
        return Response.accepted(DeliveryJson.of(delivery, events.attempts(deliveryId))).build();
    }

    private AlertRule visible(String id, SecurityContext security) {
        return registry.find(Tenants.namespace(security), id).orElseThrow(AlertResource::notFound);
    }

    private String checkedUrl(String url) {
        try {
            return targets.check(url).toString();
        } catch (BlockedTargetException e) {
            throw new ProblemException(422, "webhook-target-refused", e.getMessage());
        }
    }

    private static AlertDirection direction(String text) {
        try {
            return AlertDirection.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "invalid-field", "direction must be UP, DOWN or BOTH");
        }
    }

    private static long hysteresis(Long value) {
        if (value != null && value < 0) {
            throw new ProblemException(422, "invalid-field", "hysteresis must be 0 or more");
        }
        return value == null ? 0 : value;
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new ProblemException(422, "invalid-field", field + " is required");
        }
        return value;
    }

    private static void invalid(String reason) {
        throw new ProblemException(422, "invalid-field", reason);
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "alert-not-found", "no alert rule with this id");
    }

    private static ProblemException deliveryNotFound() {
        return new ProblemException(404, "delivery-not-found", "this alert rule has no delivery with this id");
    }
}
