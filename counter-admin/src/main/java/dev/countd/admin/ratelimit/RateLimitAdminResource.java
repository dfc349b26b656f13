package dev.countd.admin.ratelimit;

import dev.countd.admin.chart.SvgCharts;
import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Chrome;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.RateLimit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;

/** {@code /admin/rate-limits}: the configured plans and every active key's remaining tokens. */
@Path("/admin/rate-limits")
public final class RateLimitAdminResource {

    private final AdminGuard guard;
    private final ApiKeyRegistry keys;
    private final RateLimitView limits;
    private final Clock clock;

    public RateLimitAdminResource(AdminGuard guard, ApiKeyRegistry keys, RateLimitView limits, Clock clock) {
        this.guard = guard;
        this.keys = keys;
        this.limits = limits;
        this.clock = clock;
    }

    public record PlanRow(String name, String capacity, String refill, boolean isDefault) {
    }

    public record KeyUsage(String id, String name, String namespace, String plan, String remaining, String capacity) {
    }

    public record RateLimitsPage(Chrome chrome, boolean enabled, List<PlanRow> plans, List<KeyUsage> keys) {
    }

    @GET
    public Response page(@Context HttpHeaders headers) {
        Admin admin = guard.require(headers);
        List<PlanRow> plans = limits.plans().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new PlanRow(e.getKey(), SvgCharts.format(e.getValue().capacity()), refill(e.getValue()),
                        e.getKey().equals(limits.defaultPlan())))
                .toList();
        List<KeyUsage> usage = keys.list(null).stream()
                .filter(key -> !key.revoked() && !key.expiredAt(clock.instant()))
                .map(this::usage).toList();
        return guard.page("rate-limits", new RateLimitsPage(guard.chrome(admin, "Rate limits", "rate-limits"),
                limits.enabled(), plans, usage));
    }

    private KeyUsage usage(ApiKey key) {
        RateLimit limit = limits.limitOf(key);
        return new KeyUsage(key.id(), key.name(), key.namespace(), limits.policyOf(key),
                limits.enabled() ? SvgCharts.format(limits.remaining(key)) : "unlimited", SvgCharts.format(limit.capacity()));
    }

    static String refill(RateLimit limit) {
        return SvgCharts.format(limit.refillTokens()) + " every " + limit.refillPeriod().toString().substring(2).toLowerCase();
    }
}
