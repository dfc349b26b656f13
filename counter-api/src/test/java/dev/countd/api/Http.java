package dev.countd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny JSON-over-HTTP client for tests (JDK HttpClient: no connection pool to leak).
 * Fluent: {@code http.put("/counters/a").header("If-Match", "\"1\"").json("{...}")}.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    public Http(String base) {
        this.base = base;
    }

    /** A client that sends the test apps' bootstrap admin key. */
    public static Http local(int port) {
        return anonymous(port).withKey(TestApps.ADMIN_KEY);
    }

    /** A client that sends no API key. */
    public static Http anonymous(int port) {
        return new Http("http://127.0.0.1:" + port);
    }

    /** A copy that authenticates with {@code key} ({@code Authorization: Bearer}). */
    public Http withKey(String key) {
        Http copy = new Http(base);
        copy.defaultHeaders.putAll(defaultHeaders);
        copy.defaultHeaders.remove("X-API-Key");
        copy.defaultHeaders.put("Authorization", "Bearer " + key);
        return copy;
    }

    /** A copy that sends no API key at all. */
    public Http withoutKey() {
        Http copy = new Http(base);
        copy.defaultHeaders.putAll(defaultHeaders);
        copy.defaultHeaders.remove("Authorization");
        copy.defaultHeaders.remove("X-API-Key");
        return copy;
    }

    /** Adds a header sent with every request of this client (e.g. the API key). */
    public Http withHeader(String name, String value) {
        Http copy = new Http(base);
        copy.defaultHeaders.putAll(defaultHeaders);
        copy.defaultHeaders.put(name, value);
        return copy;
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call method(String method, String path) {
        return new Call(method, path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Reply send() {
            return body(null, null);
        }

        public Reply json(String body) {
            return body("application/json", body);
        }

        public Reply body(String contentType, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String problemType() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
