package dev.countd.api.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.core.alert.Delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a threshold webhook; the same bytes for every attempt of one event. */
public final class WebhookPayload {

    public static final String TYPE = "counter.threshold.crossed";

    private WebhookPayload() {
    }

    public static byte[] of(Delivery delivery, ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", delivery.id());
        body.put("type", TYPE);
        body.put("occurredAt", Instant.ofEpochMilli(delivery.event().occurredAt()).toString());
        body.put("namespace", delivery.namespace());
        body.put("counter", delivery.counter());
        body.put("threshold", delivery.event().threshold());
        body.put("direction", delivery.event().direction());
        body.put("previousValue", delivery.event().previousValue());
        body.put("value", delivery.event().value());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
