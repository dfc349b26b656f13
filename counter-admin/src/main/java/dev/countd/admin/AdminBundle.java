package dev.countd.admin;

import dev.countd.admin.alert.AlertAdminResource;
import dev.countd.admin.alert.AlertsSource;
import dev.countd.admin.apikey.KeyAdminResource;
import dev.countd.admin.auth.AdminSessions;
import dev.countd.admin.auth.AdminUsers;
import dev.countd.admin.auth.LoginResource;
import dev.countd.admin.auth.LoginThrottle;
import dev.countd.admin.counter.CounterAdminResource;
import dev.countd.admin.counter.HistorySource;
import dev.countd.admin.overview.OperationRate;
import dev.countd.admin.overview.OverviewData;
import dev.countd.admin.overview.OverviewResource;
import dev.countd.admin.ratelimit.RateLimitAdminResource;
import dev.countd.admin.ratelimit.RateLimitView;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.AdminResponseException;
import dev.countd.admin.web.Pages;
import dev.countd.admin.web.ProblemPages;
import dev.countd.admin.web.SecurityHeadersFilter;
import dev.countd.admin.web.StaticAssets;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.counter.CounterService;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The admin dashboard under {@code /admin/} on the main port: server-rendered Thymeleaf pages over
 * the core services, with its own login (the API's key filter does not apply to these resources).
 * Built in the application's {@code run()} once the services exist, then run like any bundle.
 */
public final class AdminBundle implements ConfiguredBundle<Configuration> {

    /** How often the overview samples operations per second, and how many samples it keeps (5 minutes). */
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    public static final int SAMPLES_KEPT = 30;

    /** What the dashboard works with; the application builds each from its own objects. */
    public record Services(CounterService counters, ApiKeyRegistry apiKeys, AdminUsers users, AdminSessions sessions,
                           LoginThrottle loginThrottle, OverviewData overview, OperationRate operations,
                           HistorySource history, AlertsSource alerts, RateLimitView rateLimits, Clock clock) {
    }

    private final DashboardFactory settings;
    private final Services services;

    public AdminBundle(DashboardFactory settings, Services services) {
        this.settings = settings;
        this.services = services;
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        Pages pages = new Pages();
        AdminGuard guard = new AdminGuard(services.sessions(), pages, settings.secureCookies());
        var jersey = environment.jersey();
        jersey.register(new AdminResponseException.Mapper());
        jersey.register(new ProblemPages(pages));
        jersey.register(new SecurityHeadersFilter());
        jersey.register(new StaticAssets());
        jersey.register(new LoginResource(guard, services.users(), services.sessions(), services.loginThrottle()));
        jersey.register(new OverviewResource(guard, services.overview(), services.operations(), SAMPLE_EVERY.toMillis(),
                services.alerts(), services.clock()));
        jersey.register(new CounterAdminResource(guard, services.counters(), services.overview(), services.history(),
                services.clock()));
        jersey.register(new AlertAdminResource(guard, services.alerts()));
        jersey.register(new KeyAdminResource(guard, services.apiKeys(), services.rateLimits(), services.clock()));
        jersey.register(new RateLimitAdminResource(guard, services.apiKeys(), services.rateLimits(), services.clock()));

        ScheduledExecutorService sampler = environment.lifecycle().scheduledExecutorService("admin-ops-sampler")
                .threads(1).build();
        sampler.scheduleAtFixedRate(() -> services.operations().sample(services.clock().millis()), 0,
                SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
}
