package dev.countd.admin.auth;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Dashboard sessions in a Hazelcast map, so any member serves any session. Entries expire after
 * {@code idle} without use (the map's max-idle) and {@code maxAge} after login. Thread-safe.
 */
public final class AdminSessions {

    public static final String MAP = "admin-sessions";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IMap<String, AdminSession> sessions;
    private final Duration maxAge;

    public AdminSessions(IMap<String, AdminSession> sessions, Duration maxAge) {
        this.sessions = sessions;
        this.maxAge = maxAge;
    }

    /** Adds the map's expiry and the session serializer to a member's configuration. */
    public static void configure(Config config, Duration idle, int backupCount) {
        config.addMapConfig(new MapConfig(MAP).setBackupCount(backupCount)
                .setMaxIdleSeconds((int) Math.max(60, idle.toSeconds())));
        config.getSerializationConfig().getCompactSerializationConfig().addSerializer(new Serializer());
    }

    /** Starts a session; answers the cookie token. */
    public String start(String user) {
        String token = randomToken();
        sessions.set(key(token), new AdminSession(user, randomToken(), System.currentTimeMillis(), null, null));
        return token;
    }

    public Optional<AdminSession> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        AdminSession session = sessions.get(key(token));
        if (session == null) {
            return Optional.empty();
        }
        if (System.currentTimeMillis() - session.createdAt() > maxAge.toMillis()) {
            sessions.delete(key(token));
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void flash(String token, AdminSession session, String kind, String text) {
        sessions.set(key(token), session.withFlash(kind, text));
    }

    /** The session with its flash message taken out (shown once). */
    public AdminSession takeFlash(String token, AdminSession session) {
        if (session.flashKind() != null) {
            sessions.set(key(token), session.withFlash(null, null));
        }
        return session;
    }

    public void end(String token) {
        if (token != null && token.length() == 43) {
            sessions.delete(key(token));
        }
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time comparison of a presented token with the expected one. */
    public static boolean sameToken(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Serializer implements CompactSerializer<AdminSession> {
        @Override
        public AdminSession read(CompactReader in) {
            return new AdminSession(in.readString("user"), in.readString("csrfToken"), in.readInt64("createdAt"),
                    in.readString("flashKind"), in.readString("flashText"));
        }

        @Override
        public void write(CompactWriter out, AdminSession session) {
            out.writeString("user", session.user());
            out.writeString("csrfToken", session.csrfToken());
            out.writeInt64("createdAt", session.createdAt());
            out.writeString("flashKind", session.flashKind());
            out.writeString("flashText", session.flashText());
        }

        @Override
        public String getTypeName() {
            return "countd.AdminSession";
        }

        @Override
        public Class<AdminSession> getCompactClass() {
            return AdminSession.class;
        }
    }
}
