package dev.countd.api.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;

/**
 * One request of each common kind, so the classes they need are in the class archive: the key check, lean and
 * Jersey increments, reads, a listing, a batch, the usual refusals, the dashboard's login page, health and metrics.
 * Each must get its expected status, so a training against a broken build fails instead of archiving an error path.
 */
final class TrainingRequests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The dashboard's user is set up just after start (a PBKDF2 run): health is 500 until then. */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String api;
    private final String admin;
    private final String key;

    TrainingRequests(int port, int adminPort, String key) {
        this.api = "http://127.0.0.1:" + port;
        this.admin = "http://127.0.0.1:" + adminPort;
        this.key = key;
    }

    void sendAll() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            expect(200, post("/counters/cds-train/increment"));
            expect(200, post("/counters/cds-train/decrement?by=1"));
        }
        expect(200, post("/counters/cds-train/increment", "{\"by\": 2}").header("Idempotency-Key", "cds-train-1"));
        expect(200, authorized(api + "/counters/cds-train").GET());
        expect(200, authorized(api + "/counters?prefix=cds-").GET());
        expect(200, post("/counters/_batch", "{\"operations\": [{\"op\": \"increment\", \"name\": \"cds-train-b\", \"by\": 1}]}"));
        expect(404, authorized(api + "/counters/cds-train-missing").GET());
        expect(401, request(api + "/counters/cds-train").GET());
        expect(200, request(api + "/admin/login").GET());
        awaitHealthy();
        expect(200, request(admin + "/prometheus").GET());
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(HEALTHY_WITHIN);
        while (status(request(admin + "/healthcheck").GET()) != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("/healthcheck was not 200 within " + HEALTHY_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private HttpRequest.Builder post(String path) {
        return authorized(api + path).POST(BodyPublishers.noBody());
    }

    private HttpRequest.Builder post(String path, String json) {
        BodyPublisher body = BodyPublishers.ofString(json);
        return authorized(api + path).header("Content-Type", "application/json").POST(body);
    }

    private HttpRequest.Builder authorized(String uri) {
        return request(uri).header("Authorization", "Bearer " + key);
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT);
    }

    private void expect(int expected, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        int status = status(built);
        if (status != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + status + " for " + built.method() + " "
                    + built.uri().getPath());
        }
    }

    private int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        return status(request.build());
    }

    private int status(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.discarding()).statusCode();
    }
}
