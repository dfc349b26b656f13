package dev.countd.api.alert;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String base = WebhookSignature.sign(secret, "id", 1, body);

        assertThat(WebhookSignature.sign(secret, "id2", 1, body)).isNotEqualTo(base);
        assertThat(WebhookSignature.sign(secret, "id", 2, body)).isNotEqualTo(base);
        assertThat(WebhookSignature.sign(secret, "id", 1, "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
    }
}
