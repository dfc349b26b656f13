package dev.countd.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local webhook endpoint on 127.0.0.1 (JDK HttpServer) that answers 204 and counts deliveries:
 * all of them, the distinct {@code webhook-id}s (retries repeat an id), and those whose Standard
 * Webhooks signature does not verify against any of the rules' secrets.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final List<byte[]> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** A rule's {@code whsec_<base64>} secret, to check signatures with. */
    void trust(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            secrets.add(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException notBase64) {
            secrets.add(encoded.getBytes(StandardCharsets.UTF_8));
        }
    }

    int distinctEvents() {
        return eventIds.size();
    }

    long deliveries() {
        return deliveries.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            deliveries.incrementAndGet();
            if (id == null || timestamp == null || signature == null || !verifies(id, timestamp, body, signature)) {
                badSignatures.incrementAndGet();
            }
            if (id != null) {
                eventIds.add(id);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean verifies(String id, String timestamp, byte[] body, String header) {
        String signed = id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8);
        for (byte[] secret : secrets) {
            String expected = "v1," + Base64.getEncoder().encodeToString(hmac(secret, signed));
            for (String candidate : header.split(" ")) {
                if (candidate.equals(expected)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    Map<String, Long> summary() {
        return Map.of("deliveries", deliveries(), "distinctEvents", (long) distinctEvents(), "badSignatures", badSignatures());
    }
}
