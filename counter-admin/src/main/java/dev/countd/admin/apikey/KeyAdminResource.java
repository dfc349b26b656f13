package dev.countd.admin.apikey;

import dev.countd.admin.ratelimit.RateLimitView;
import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Chrome;
import dev.countd.admin.web.ErrorPage;
import dev.countd.admin.web.Forms;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.CreatedApiKey;
import dev.countd.core.apikey.NewApiKey;
import dev.countd.core.apikey.Scope;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /admin/keys}: every namespace's API keys; create (the secret is shown once) and revoke with confirmation. */
@Path("/admin/keys")
public final class KeyAdminResource {

    private final AdminGuard guard;
    private final ApiKeyRegistry keys;
    private final RateLimitView limits;
    private final Clock clock;

    public KeyAdminResource(AdminGuard guard, ApiKeyRegistry keys, RateLimitView limits, Clock clock) {
        this.guard = guard;
        this.keys = keys;
        this.limits = limits;
        this.clock = clock;
    }

    public record KeyRow(String id, String prefix, String name, String namespace, String scopes, String plan,
                         String lastUsed, String expires, String status, boolean active) {
    }

    public record ScopeOption(String value, boolean checked) {
    }

    public record KeysPage(Chrome chrome, List<KeyRow> keys, List<ScopeOption> scopes, List<String> plans, String defaultPlan) {
    }

    public record CreatedPage(Chrome chrome, KeyRow key, String secret) {
    }

    public record RevokePage(Chrome chrome, KeyRow key) {
    }

    @GET
    public Response list(@Context HttpHeaders headers) {
        Admin admin = guard.require(headers);
        return guard.page("keys", new KeysPage(guard.chrome(admin, "API keys", "keys"),
                keys.list(null).stream().map(this::row).toList(),
                Arrays.stream(Scope.values())
                        .map(s -> new ScopeOption(s.value(), s == Scope.COUNTERS_READ || s == Scope.COUNTERS_WRITE)).toList(),
                limits.plans().keySet().stream().sorted().toList(), limits.defaultPlan()));
    }

    @POST
    public Response create(@Context HttpHeaders headers, Form form) {
        var fields = form.asMap();
        Admin admin = guard.requirePost(headers, fields.getFirst("_csrf"));
        try {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String value : fields.getOrDefault("scopes", List.of())) {
                scopes.add(Scope.parse(value).orElseThrow(() -> new IllegalArgumentException("unknown scope '"
                        + Forms.shorten(value) + "'")));
            }
            String plan = fields.getFirst("plan");
            if (!Forms.blank(plan) && !limits.plans().containsKey(plan)) {
                throw new IllegalArgumentException("plan must be one of " + limits.plans().keySet().stream().sorted().toList());
            }
            String name = fields.getFirst("name");
            String namespace = fields.getFirst("namespace");
            CreatedApiKey created = keys.create(new NewApiKey(name == null ? "" : name.trim(),
                    namespace == null ? "" : namespace.trim(), scopes, Forms.blank(plan) ? null : plan, null,
                    expiresAt(fields.getFirst("expiresAt"))));
            return guard.page("key-created", new CreatedPage(guard.chrome(admin, "API key created", "keys")
                    .withMessage("ok", "API key created. Copy the key now: it is shown only this once."),
                    row(created.key()), created.token().value()));
        } catch (IllegalArgumentException e) {
            return guard.done(admin, "/admin/keys", "error", "The key was not created: " + e.getMessage());
        }
    }

    @GET
    @Path("/{id}/revoke")
    public Response confirmRevoke(@Context HttpHeaders headers, @PathParam("id") String id) {
        Admin admin = guard.require(headers);
        Optional<ApiKey> key = keys.find(id);
        if (key.isEmpty()) {
            return notFound(admin);
        }
        return guard.page("key-revoke", new RevokePage(guard.chrome(admin, "Revoke API key", "keys"), row(key.get())));
    }

    @POST
    @Path("/{id}/revoke")
    public Response revoke(@Context HttpHeaders headers, @PathParam("id") String id, @FormParam("_csrf") String csrf) {
        Admin admin = guard.requirePost(headers, csrf);
        if (keys.find(id).isEmpty()) {
            return notFound(admin);
        }
        keys.revoke(id);
        return guard.done(admin, "/admin/keys", "ok", "API key " + id + " revoked: requests with it now get 401.");
    }

    private Response notFound(Admin admin) {
        return guard.page(404, "error", new ErrorPage(guard.chrome(admin, "API key not found", "keys"),
                "API key not found", "There is no API key with this id.", "/admin/keys", "Back to the API keys"));
    }

    private Instant expiresAt(String text) {
        if (Forms.blank(text)) {
            return null;
        }
        try {
            Instant at = Instant.parse(text.trim());
            if (!at.isAfter(clock.instant())) {
                throw new IllegalArgumentException("the expiry must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the expiry must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    KeyRow row(ApiKey key) {
        Instant now = clock.instant();
        String status = key.revoked() ? "revoked" : key.expiredAt(now) ? "expired" : "active";
        return new KeyRow(key.id(), "ck_" + key.id() + "_…", key.name(), key.namespace(),
                String.join(" ", key.scopes().stream().map(Scope::value).sorted().toList()), limits.policyOf(key),
                key.lastUsedAt() == null ? "never" : key.lastUsedAt().toString(),
                key.expiresAt() == null ? "never" : key.expiresAt().toString(), status, status.equals("active"));
    }
}
