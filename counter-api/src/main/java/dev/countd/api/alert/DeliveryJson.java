package dev.countd.api.alert;

import dev.countd.core.alert.Delivery;
import dev.countd.core.alert.DeliveryAttempt;

import java.time.Instant;
import java.util.List;

/** One event's delivery as the API shows it: the event, its state and every attempt. */
public record DeliveryJson(String id, String status, String counter, long threshold, String direction,
                           long previousValue, long value, String occurredAt, int attemptCount, String nextAttemptAt,
                           String deliveredAt, Integer lastStatus, String lastError, List<AttemptJson> attempts) {

    public record AttemptJson(String at, Integer status, long latencyMs, String error) {
    }

    public static DeliveryJson of(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryJson(d.id(), d.status(), d.counter(), d.event().threshold(), d.event().direction(),
                d.event().previousValue(), d.event().value(), iso(d.event().occurredAt()), d.attempts(),
                Delivery.PENDING.equals(d.status()) ? iso(d.nextAttemptAt()) : null,
                d.deliveredAt() == null ? null : iso(d.deliveredAt()), d.lastStatus(), d.lastError(),
                attempts.stream().map(a -> new AttemptJson(iso(a.attemptedAt()), a.statusCode(), a.latencyMillis(), a.error()))
                        .toList());
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
