package dev.countd.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Creates API keys through the API with the admin client. */
public final class TestKeys {

    private TestKeys() {
    }

    /** The full {@code ck_...} of a new key in {@code namespace} with {@code scopes}. */
    public static String create(Http admin, String namespace, String... scopes) {
        return createJson(admin, "{\"name\":\"test\",\"namespace\":\"" + namespace + "\",\"scopes\":" + scopes(scopes) + "}")
                .get("key").asText();
    }

    public static JsonNode createJson(Http admin, String body) {
        Http.Reply reply = admin.post("/api-keys").json(body);
        if (reply.status() != 201) {
            throw new AssertionError("key creation answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    public static String idOf(String key) {
        return key.split("_")[1];
    }

    public static String scopes(String... scopes) {
        return Arrays.stream(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
