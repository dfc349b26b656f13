package dev.countd.api.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.countd.admin.auth.AdminUsers;

/**
 * Unhealthy until the dashboard's bootstrap user {@code admin} is set up: start-up does that in the
 * background (a PBKDF2 run), and it stays unhealthy if that failed, since no login can then succeed.
 */
public final class DashboardLoginHealthCheck extends HealthCheck {

    private final AdminUsers users;

    public DashboardLoginHealthCheck(AdminUsers users) {
        this.users = users;
    }

    @Override
    protected Result check() {
        return users.ready() ? Result.healthy("dashboard user admin is set up")
                : Result.unhealthy("dashboard user admin is not set up yet (or failed: see the log)");
    }
}
