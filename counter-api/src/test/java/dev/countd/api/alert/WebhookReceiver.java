package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on 127.0.0.1 (JDK HttpServer) that records every request and verifies its
 * Standard Webhooks signature independently of the service's code. It can answer 2xx, 500, 410, hang
 * past the sender's timeout, or be stopped (connection refused) and started again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {

    enum Mode { OK, ERROR_500, GONE, HANG }

    record Received(String id, String timestamp, String signature, String body, boolean signatureValid, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch hangRelease = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger hanging = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Mode mode = Mode.OK;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;

    WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            Mode now = mode;
            if (now == Mode.HANG) {
                hanging.incrementAndGet();
                try {
                    hangRelease.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    hanging.decrementAndGet();
                }
            } else {
                String text = new String(body, StandardCharsets.UTF_8);
                received.add(new Received(id, timestamp, signature, text, verify(id, timestamp, body, signature), JSON.readTree(text)));
            }
            int status = switch (now) {
                case OK -> 204;
                case ERROR_500 -> 500;
                case GONE -> 410;
                case HANG -> 200;
            };
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Requests held open right now (mode HANG). */
    int hanging() {
        return hanging.get();
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    /** A rule's signing secret; a request is valid when one of the known secrets signed it. */
    void trust(String whsec) {
        secrets.add(whsec);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedFor(String counter) {
        return received.stream().filter(r -> r.json().path("counter").asText().equals(counter)).toList();
    }

    private boolean verify(String id, String timestamp, byte[] body, String signature) {
        if (id == null || timestamp == null || signature == null) {
            return false;
        }
        return secrets.stream().anyMatch(secret -> signedBy(secret, id, timestamp, body, signature));
    }

    private static boolean signedBy(String secret, String id, String timestamp, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signed = id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8);
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        hangRelease.countDown();
        stop();
    }
}
