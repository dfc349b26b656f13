package dev.countd.admin.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Dashboard password hashes: PBKDF2WithHmacSHA256 with a random 16-byte salt per user, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Hashes with fewer than
 * {@link #MIN_ITERATIONS} iterations are refused. Thread-safe.
 *
 * <p>{@code java -cp counter-api.jar dev.countd.admin.auth.PasswordHasher} reads a password from
 * standard input and prints its hash for the {@code admin.users} configuration.
 */
public final class PasswordHasher {

    public static final int MIN_ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();
    private final int iterations;

    public PasswordHasher() {
        this(MIN_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations");
        }
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false for a wrong password or a malformed hash. */
    public static boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || password == null) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            if (rounds < MIN_ITERATIONS) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, rounds));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} is a hash this class can check (used to validate configuration). */
    public static boolean isWellFormed(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length == 4 && parts[0].equals(SCHEME) && Integer.parseInt(parts[1]) >= MIN_ITERATIONS
                    && Base64.getDecoder().decode(parts[2]).length >= 8 && Base64.getDecoder().decode(parts[3]).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static void main(String[] args) throws Exception {
        System.err.println("password (read from standard input):");
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.length() < 12) {
            System.err.println("a dashboard password needs at least 12 characters");
            System.exit(2);
        }
        System.out.println(new PasswordHasher().hash(password));
    }
}
