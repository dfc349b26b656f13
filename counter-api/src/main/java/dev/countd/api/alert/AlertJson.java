package dev.countd.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.countd.core.alert.AlertRule;

import java.time.Instant;

/** A rule as the API shows it; {@code secret} only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertJson(String id, String namespace, String counter, long threshold, String direction, String url,
                        long hysteresis, boolean enabled, String disabledReason, String failingSince, String createdAt,
                        String updatedAt, String secret) {

    public static AlertJson of(AlertRule rule, boolean withSecret) {
        return new AlertJson(rule.id(), rule.namespace(), rule.counter(), rule.threshold(), rule.direction().name(),
                rule.url(), rule.hysteresis(), rule.enabled(), rule.disabledReason(),
                rule.failingSince() == null ? null : Instant.ofEpochMilli(rule.failingSince()).toString(),
                Instant.ofEpochMilli(rule.createdAt()).toString(), Instant.ofEpochMilli(rule.updatedAt()).toString(),
                withSecret ? rule.secret() : null);
    }
}
