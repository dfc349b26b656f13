package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import dev.countd.api.process.ChildNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Durable outbox: crossings acknowledged just before a SIGKILL are delivered after the restart. */
class AlertCrashIT {

    private static final List<String> COUNTERS = List.of("crash.a", "crash.b", "crash.c", "crash.d", "crash.e");

    @Test
    void crossingsAcknowledgedBeforeKillMinus9AreDeliveredAfterTheRestart() throws Exception {
        Path dataDir = TestApps.freshDataDir();
        Map<String, String> env = Map.of("COUNTER_PERSISTENCE_MODE", "write-through",
                "COUNTER_ALERTS_ALLOW_PRIVATE_NETWORKS", "true");
        try (WebhookReceiver receiver = new WebhookReceiver().start()) {
            receiver.stop();
            String ruleId;
            try (ChildNode node = new ChildNode(dataDir, env).start()) {
                Http http = Http.local(node.port);
                ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("crash.*", 5, "UP", receiver.url(), 0))
                        .get("id").asText();
                for (String counter : COUNTERS) {
                    assertThat(http.post("/counters/" + counter + "/increment?by=10").send().status()).isEqualTo(200);
                }
                node.kill();
            }

            receiver.start();
            try (ChildNode restarted = new ChildNode(dataDir, env).start()) {
                Http http = Http.local(restarted.port);
                await().atMost(Duration.ofSeconds(60)).until(() -> COUNTERS.stream().allMatch(c -> !receiver.receivedFor(c).isEmpty()));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    JsonNode items = AlertTesting.deliveries(http, ruleId);
                    return items.size() == COUNTERS.size()
                            && java.util.stream.StreamSupport.stream(items.spliterator(), false)
                            .allMatch(d -> d.get("status").asText().equals("DELIVERED"));
                });
                for (String counter : COUNTERS) {
                    assertThat(receiver.receivedFor(counter).stream().map(WebhookReceiver.Received::id)
                            .collect(Collectors.toSet())).hasSize(1);
                    assertThat(receiver.receivedFor(counter)).allMatch(WebhookReceiver.Received::signatureValid);
                }
            }
        }
    }
}
