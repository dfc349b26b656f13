package dev.countd.api.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.Delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends one signed webhook attempt: SSRF check of every resolved address, then a POST with the
 * Standard Webhooks headers; redirects are never followed. Never throws: the outcome says what happened.
 * Thread-safe.
 */
public final class WebhookSender {

    private volatile HttpClient client;
    private final WebhookTargets targets;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookSender(WebhookTargets targets, Duration timeout, ObjectMapper json, Clock clock) {
        this.targets = targets;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
    }

    /** @param statusCode null when no HTTP answer arrived */
    public record Outcome(Integer statusCode, long latencyMillis, String error) {
        public boolean success() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Built at the first attempt: the JDK client sets up TLS (hundreds of classes) that start-up does not need. */
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
                    client = built;
                }
            }
        }
        return built;
    }

    public Outcome send(AlertRule rule, Delivery delivery) {
        long started = System.nanoTime();
        URI target;
        try {
            target = targets.check(rule.url());
        } catch (BlockedTargetException e) {
            return new Outcome(null, elapsed(started), "refused: " + e.getMessage());
        }
        byte[] body = WebhookPayload.of(delivery, json);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "countd-webhooks")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(rule.secret(), delivery.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, elapsed(started), status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, elapsed(started), "timed out after " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Outcome(null, elapsed(started), "connection failed: " + describe(e));
        } catch (IOException e) {
            return new Outcome(null, elapsed(started), "I/O error: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, elapsed(started), "interrupted (shutting down)");
        } catch (IllegalArgumentException e) {
            return new Outcome(null, elapsed(started), "invalid request: " + e.getMessage());
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
