package dev.countd.api.auth;

import dev.countd.api.ratelimit.RateLimitFilter;
import dev.countd.api.ratelimit.RateLimitHeaders;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * Puts every API resource method (resource classes under {@code dev.countd.api}) behind the key
 * filter, the rate limiter and the scope its {@link RequiresScope} names. Other resources (the
 * admin dashboard has its own login) are left alone. A method without a scope still needs a
 * valid key, and start-up logs a warning naming it.
 */
public final class ApiAuthFeature implements DynamicFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthFeature.class);
    private static final String API_PACKAGE = "dev.countd.api";

    private final ApiKeyAuthFilter authentication;
    private final RateLimitFilter rateLimit;
    private final RateLimitHeaders headers = new RateLimitHeaders();

    /** @param rateLimit null when rate limits are disabled */
    public ApiAuthFeature(ApiKeyAuthFilter authentication, RateLimitFilter rateLimit) {
        this.authentication = authentication;
        this.rateLimit = rateLimit;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type == null || method == null || !type.getPackageName().startsWith(API_PACKAGE)) {
            return;
        }
        context.register(authentication);
        if (rateLimit != null) {
            context.register(rateLimit);
        }
        context.register(headers);
        RequiresScope scope = method.getAnnotation(RequiresScope.class);
        if (scope == null) {
            scope = type.getAnnotation(RequiresScope.class);
        }
        if (scope == null) {
            LOG.warn("{}.{} declares no @RequiresScope: any valid API key may call it", type.getSimpleName(), method.getName());
            return;
        }
        context.register(new ScopeFilter(scope.value()));
    }
}
