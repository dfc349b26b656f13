package dev.countd.api.idempotency;

import dev.countd.api.problem.ProblemException;
import dev.countd.core.counter.OperationId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives operation ids from {@code Idempotency-Key}: the id hashes the tenant and the key (so
 * tenants never collide), the fingerprint hashes the request's meaning (method, route, counter,
 * amount or body), so a reused key with another request is recognised.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** Validates the header value; null when absent. */
    public static String parse(String header) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2) {
            key = key.substring(1, key.length() - 1); // the draft's sf-string form
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(400, "invalid-header",
                    "Idempotency-Key must be 1-" + MAX_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    public static OperationId operationId(String namespace, String key, String fingerprint) {
        return new OperationId(hash64(namespace + '\u0000' + key), hash64(fingerprint), true);
    }

    /** The id of the {@code index}-th operation of a batch sent under one key. */
    public static OperationId batchOperationId(String namespace, String key, int index, String batchFingerprint) {
        return new OperationId(hash64(namespace + '\u0000' + key + '\u0000' + index), hash64(batchFingerprint), true);
    }

    static long hash64(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
