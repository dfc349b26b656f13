package dev.countd.api.apikey;

import dev.countd.api.auth.ApiKeyPrincipal;
import dev.countd.api.auth.RequiresScope;
import dev.countd.api.problem.ProblemException;
import dev.countd.api.ratelimit.RatePlans;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.ApiKeyChange;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.CreatedApiKey;
import dev.countd.core.apikey.NewApiKey;
import dev.countd.core.apikey.RateLimit;
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
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api-keys}: key management (scope keys:manage). Operators (keys:manage in namespace
 * {@code default}) manage every namespace's keys and set plans; other managers see and create keys
 * of their own namespace only, never with scopes they lack, and foreign ids are 404.
 */
@Path("/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.KEYS_MANAGE)
public class ApiKeyResource {

    private final ApiKeyRegistry registry;
    private final RatePlans plans;
    private final Clock clock;

    public ApiKeyResource(ApiKeyRegistry registry, RatePlans plans, Clock clock) {
        this.registry = registry;
        this.plans = plans;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ApiKeyRequests.Create body, @Context SecurityContext security) {
        ApiKeyPrincipal caller = caller(security);
        if (body == null) {
            throw new ProblemException(400, "malformed-json", "a JSON object with name, scopes and optionally namespace, plan, rateLimit, expiresAt is required");
        }
        String namespace = body.namespace() == null ? caller.namespace() : body.namespace();
        if (!caller.operator() && !namespace.equals(caller.namespace())) {
            throw new ProblemException(403, "insufficient-scope", "only an operator key may create keys for another namespace");
        }
        Set<Scope> scopes = scopes(body.scopes());
        if (!caller.key().scopes().containsAll(scopes)) {
            throw new ProblemException(403, "insufficient-scope", "a key cannot grant scopes it does not hold");
        }
        if ((body.plan() != null || body.rateLimit() != null) && !caller.operator()) {
            throw new ProblemException(403, "insufficient-scope", "only an operator key may choose a plan or rateLimit");
        }
        NewApiKey request;
        try {
            request = new NewApiKey(body.name(), namespace, scopes, plan(body.plan()), limit(body.rateLimit()),
                    expiresAt(body.expiresAt()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "invalid-field", e.getMessage());
        }
        CreatedApiKey created = registry.create(request);
        return Response.created(URI.create("/api-keys/" + created.key().id()))
                .entity(json(created.key(), created.token().value())).build();
    }

    @GET
    public Map<String, List<ApiKeyJson>> list(@QueryParam("namespace") String namespace, @Context SecurityContext security) {
        ApiKeyPrincipal caller = caller(security);
        String visible = caller.operator() ? namespace : caller.namespace();
        return Map.of("items", registry.list(visible).stream().map(key -> json(key, null)).toList());
    }

    @GET
    @Path("/{id}")
    public ApiKeyJson get(@PathParam("id") String id, @Context SecurityContext security) {
        return json(visibleKey(id, caller(security)), null);
    }

    @DELETE
    @Path("/{id}")
    public ApiKeyJson revoke(@PathParam("id") String id, @Context SecurityContext security) {
        visibleKey(id, caller(security));
        return json(registry.revoke(id).orElseThrow(ApiKeyResource::notFound), null);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public ApiKeyJson change(@PathParam("id") String id, ApiKeyRequests.Change body, @Context SecurityContext security) {
        ApiKeyPrincipal caller = caller(security);
        visibleKey(id, caller);
        if (body == null) {
            throw new ProblemException(400, "malformed-json", "a JSON object with name, plan or rateLimit is required");
        }
        if (body.plan() != null && body.rateLimit() != null) {
            throw new ProblemException(422, "invalid-field", "give either plan or rateLimit, not both");
        }
        boolean changeLimit = body.plan() != null || body.rateLimit() != null;
        if (changeLimit && !caller.operator()) {
            throw new ProblemException(403, "insufficient-scope", "only an operator key may change a plan or rateLimit");
        }
        if (body.name() != null && (body.name().isBlank() || body.name().length() > NewApiKey.MAX_NAME_LENGTH)) {
            throw new ProblemException(422, "invalid-field", "name must be 1-" + NewApiKey.MAX_NAME_LENGTH + " characters");
        }
        ApiKeyChange change = new ApiKeyChange(null, body.name(), changeLimit, plan(body.plan()), limit(body.rateLimit()), null);
        return json(registry.change(id, change).orElseThrow(ApiKeyResource::notFound), null);
    }

    private ApiKey visibleKey(String id, ApiKeyPrincipal caller) {
        return registry.find(id)
                .filter(key -> caller.operator() || key.namespace().equals(caller.namespace()))
                .orElseThrow(ApiKeyResource::notFound);
    }

    private ApiKeyJson json(ApiKey key, String fullKey) {
        return ApiKeyJson.of(key, plans.policyOf(key), clock.instant(), fullKey);
    }

    private String plan(String name) {
        if (name != null && plans.plan(name).isEmpty()) {
            throw new ProblemException(422, "unknown-plan", "plan must be one of " + plans.plans().keySet().stream().sorted().toList());
        }
        return name;
    }

    private static RateLimit limit(RateLimitJson json) {
        return json == null ? null : json.toRateLimit();
    }

    private static Set<Scope> scopes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ProblemException(422, "invalid-field", "scopes must list at least one of counters:read, counters:write, alerts:manage, keys:manage");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Scope.parse(name).orElseThrow(() -> new ProblemException(422, "invalid-field",
                    "unknown scope '" + name + "'; scopes are counters:read, counters:write, alerts:manage, keys:manage")));
        }
        return scopes;
    }

    private Instant expiresAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(text);
            if (!at.isAfter(clock.instant())) {
                throw new ProblemException(422, "invalid-field", "expiresAt must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new ProblemException(422, "invalid-field", "expiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    private static ApiKeyPrincipal caller(SecurityContext security) {
        if (security.getUserPrincipal() instanceof ApiKeyPrincipal principal) {
            return principal;
        }
        throw new ProblemException(401, "unauthorized", "an API key is required");
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "api-key-not-found", "no API key with this id");
    }
}
