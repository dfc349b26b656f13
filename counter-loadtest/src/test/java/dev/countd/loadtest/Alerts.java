package dev.countd.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static org.awaitility.Awaitility.await;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Threshold crossings under load: rules (UP at each of {@code alertThresholds}, default 10,50) on the
 * glob {@code <runId>-alerts-*} post to a local receiver; increments spread over {@code alertCounters}
 * (default 50) counters. After the run every counter's value says how many crossings it made; the
 * receiver must get exactly that many distinct events (retries repeat an id), all correctly signed,
 * within {@code alertWaitSeconds} (default 60). Needs the alert API of DESIGN.md and a server that lets
 * webhooks reach 127.0.0.1 ({@code COUNTER_ALERTS_ALLOW_PRIVATE_NETWORKS=true}, set by run.sh).
 */
public class Alerts extends CountdSimulation {

    static final String NAME = "alerts";
    static final long[] THRESHOLDS = Arrays.stream(LoadParams.text("alertThresholds", "10,50").split(","))
            .mapToLong(t -> Long.parseLong(t.trim())).toArray();
    static final String[] COUNTERS = IntStream.range(0, LoadParams.number("alertCounters", 50))
            .mapToObj(i -> LoadParams.counterName(NAME, i)).toArray(String[]::new);
    static final Duration WAIT = Duration.ofSeconds(LoadParams.number("alertWaitSeconds", 60));
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(true);
    static final ChainBuilder INCREMENT = exec(session -> session.set("counter",
            COUNTERS[ThreadLocalRandom.current().nextInt(COUNTERS.length)]))
            .exec(http("increment").post("/counters/#{counter}/increment")
                    .check(Load.acknowledged(TALLY, session -> session.getString("counter"), 1)));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("alerts", INCREMENT);

    private final List<String> ruleIds = new ArrayList<>();
    private WebhookReceiver receiver;

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    @Override
    protected void prepare() {
        receiver = new WebhookReceiver();
        try {
            createRules();
        } catch (RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    private void createRules() {
        for (long threshold : THRESHOLDS) {
            Api.Reply reply = api.post("/alerts", Map.of("counter", LoadParams.prefix(NAME) + "*",
                    "threshold", threshold, "direction", "UP", "url", receiver.url(), "enabled", true));
            if (reply.status() == 404 || reply.status() == 405) {
                throw new IllegalStateException("POST /alerts answered " + reply.status() + ": this server has no alert"
                        + " API (DESIGN.md, 'Threshold alerts and webhooks'); the Alerts simulation needs a build with alerts");
            }
            JsonNode rule = reply.expect(201, "POST /alerts (webhooks to 127.0.0.1 need"
                    + " COUNTER_ALERTS_ALLOW_PRIVATE_NETWORKS=true on the server)").json();
            ruleIds.add(rule.get("id").asText());
            receiver.trust(rule.get("secret").asText());
        }
    }

    @Override
    protected void check() {
        try {
            TALLY.verify(api, LoadParams.prefix(NAME));
            long expected = api.values(LoadParams.prefix(NAME)).values().stream()
                    .mapToLong(value -> Arrays.stream(THRESHOLDS).filter(t -> value >= t).count()).sum();
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> receiver.distinctEvents() >= expected);
            } catch (ConditionTimeoutException late) {
                // reported with the counts just below
            }
            System.out.println("alerts: expected " + expected + " crossings, receiver " + receiver.summary());
            if (receiver.distinctEvents() != expected) {
                throw new AssertionError("expected " + expected + " distinct webhook events, received "
                        + receiver.distinctEvents() + " within " + WAIT.toSeconds() + " s");
            }
            if (receiver.badSignatures() > 0) {
                throw new AssertionError(receiver.badSignatures() + " webhook deliveries without a valid signature");
            }
        } finally {
            ruleIds.forEach(id -> api.delete("/alerts/" + id));
            receiver.close();
        }
    }

}
