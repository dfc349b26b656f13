package dev.countd.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A presented or generated key, {@code ck_<keyId>_<secret>}: keyId 8-16 of {@code [a-z0-9]},
 * secret 32-64 of {@code [A-Za-z0-9]}. {@link #toString()} never shows the secret.
 */
public record ApiKeyToken(String keyId, String secret) {

    public static final String FORMAT_DESCRIPTION =
            "ck_<keyId>_<secret> with keyId 8-16 characters of [a-z0-9] and secret 32-64 characters of [A-Za-z0-9]";
    private static final String PREFIX = "ck_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int GENERATED_ID_LENGTH = 12;
    private static final int GENERATED_SECRET_LENGTH = 40;
    /** Cloned for each use: a clone skips the provider lookup of {@code getInstance}, which ran on every request. */
    private static final MessageDigest SHA256 = newDigest();
    /** Some providers' digests cannot be cloned; those are looked up each time, as before. */
    private static final boolean CLONEABLE = cloneable(SHA256);

    public ApiKeyToken {
        if (keyId == null || secret == null || !isKeyId(keyId, 0, keyId.length()) || !isSecret(secret, 0, secret.length())) {
            throw new IllegalArgumentException("an API key must look like " + FORMAT_DESCRIPTION);
        }
    }

    public static Optional<ApiKeyToken> parse(String presented) {
        if (presented == null || presented.length() > 84) {
            return Optional.empty();
        }
        // checked by hand, not by a regex: this runs on every authenticated request
        int separator = presented.indexOf('_', PREFIX.length());
        if (!presented.startsWith(PREFIX) || separator < 0 || !isKeyId(presented, PREFIX.length(), separator)
                || !isSecret(presented, separator + 1, presented.length())) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyToken(presented.substring(PREFIX.length(), separator), presented.substring(separator + 1)));
    }

    /** {@code text[from, to)} is 8-16 of {@code [a-z0-9]}. */
    private static boolean isKeyId(String text, int from, int to) {
        if (to - from < 8 || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code text[from, to)} is 32-64 of {@code [A-Za-z0-9]}. */
    private static boolean isSecret(String text, int from, int to) {
        if (to - from < 32 || to - from > 64) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public static ApiKeyToken generate(SecureRandom random) {
        return new ApiKeyToken(randomChars(random, BASE62.substring(0, 10) + "abcdefghijklmnopqrstuvwxyz", GENERATED_ID_LENGTH),
                randomChars(random, BASE62, GENERATED_SECRET_LENGTH));
    }

    /** The full key as the client sends it. */
    public String value() {
        return PREFIX + keyId + "_" + secret;
    }

    /** Hex SHA-256 of the secret: the only form of it that is ever stored. */
    public String secretSha256() {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Constant-time comparison of this token's secret with a stored hash. */
    public boolean matches(String storedSha256) {
        byte[] expected = HexFormat.of().parseHex(storedSha256);
        return MessageDigest.isEqual(expected, sha256(secret));
    }

    static byte[] sha256(String text) {
        return newSha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        if (CLONEABLE) {
            try {
                return (MessageDigest) SHA256.clone();
            } catch (CloneNotSupportedException e) {
                // cannot happen: cloneable() tried it
            }
        }
        return newDigest();
    }

    private static boolean cloneable(MessageDigest digest) {
        try {
            digest.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String randomChars(SecureRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return PREFIX + keyId + "_<redacted>";
    }
}
