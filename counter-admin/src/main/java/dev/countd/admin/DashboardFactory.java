package dev.countd.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.apikey.RateLimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code dashboard:} section: the dashboard's users, sessions, cookies and login throttle. */
public class DashboardFactory {

    @JsonProperty
    private boolean enabled = true;
    /** The bootstrap {@code admin}'s password; empty: generate one on first start and print it once. */
    @JsonProperty
    private String bootstrapPassword = "";
    /** More users: name to a {@code pbkdf2-sha256$...} hash made with {@code PasswordHasher}. */
    @JsonProperty
    private Map<String, String> users = new LinkedHashMap<>();
    /** Mark cookies Secure: set it when the dashboard is served over https (directly or behind a proxy). */
    @JsonProperty
    private boolean secureCookies = false;
    @JsonProperty
    private Duration sessionIdle = Duration.ofMinutes(30);
    @JsonProperty
    private Duration sessionMaxAge = Duration.ofHours(12);
    @JsonProperty
    private Limit loginFailuresPerIp = new Limit();

    public boolean enabled() {
        return enabled;
    }

    public Optional<String> bootstrapPassword() {
        return bootstrapPassword == null || bootstrapPassword.isEmpty() ? Optional.empty() : Optional.of(bootstrapPassword);
    }

    public Map<String, String> users() {
        return users == null ? Map.of() : users;
    }

    public boolean secureCookies() {
        return secureCookies;
    }

    public Duration sessionIdle() {
        return sessionIdle;
    }

    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    public RateLimit loginFailuresPerIp() {
        try {
            return new RateLimit(loginFailuresPerIp.capacity, loginFailuresPerIp.refillTokens, loginFailuresPerIp.refillPeriod);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dashboard.loginFailuresPerIp: " + e.getMessage());
        }
    }

    /** Failed logins an address may make at once, refilled by {@code refillTokens} every {@code refillPeriod}. */
    public static class Limit {
        @JsonProperty
        private long capacity = 10;
        @JsonProperty
        private long refillTokens = 10;
        @JsonProperty
        private Duration refillPeriod = Duration.ofMinutes(5);
    }
}
