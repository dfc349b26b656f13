package dev.countd.admin.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * Who may log in to the dashboard: users from configuration (name to PBKDF2 hash) and the
 * bootstrap {@code admin} kept in the database. Checking a password costs one PBKDF2 run whether or
 * not the user exists, so timing does not tell which names exist. Thread-safe.
 */
public final class AdminUsers {

    public static final String BOOTSTRAP_USER = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminUsers.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Map<String, String> configured;
    private final AdminUserStore store;
    private final String decoyHash;

    public AdminUsers(Map<String, String> configured, AdminUserStore store) {
        configured.forEach((name, hash) -> {
            if (!PasswordHasher.isWellFormed(hash)) {
                throw new IllegalArgumentException("dashboard.users." + name + " is not a pbkdf2-sha256 hash with at least "
                        + PasswordHasher.MIN_ITERATIONS + " iterations (make one with dev.countd.admin.auth.PasswordHasher)");
            }
        });
        this.configured = Map.copyOf(configured);
        this.store = store;
        this.decoyHash = new PasswordHasher().hash("decoy-" + new SecureRandom().nextLong());
    }

    /**
     * Creates or updates the bootstrap {@code admin}: from {@code given} (which then always wins),
     * or with a generated password printed once to {@code out} when the user does not exist yet.
     */
    public void bootstrap(Optional<String> given, PrintStream out) {
        PasswordHasher hasher = new PasswordHasher();
        if (given.isPresent()) {
            Optional<String> stored = store.passwordHash(BOOTSTRAP_USER);
            if (stored.isEmpty()) {
                store.insertIfAbsent(BOOTSTRAP_USER, hasher.hash(given.get()));
            } else if (!PasswordHasher.verify(given.get(), stored.get())) {
                store.replace(BOOTSTRAP_USER, hasher.hash(given.get()));
                LOG.info("dashboard user admin: password replaced by COUNTER_ADMIN_PASSWORD");
            }
            return;
        }
        if (store.passwordHash(BOOTSTRAP_USER).isPresent()) {
            return;
        }
        String password = generate();
        if (store.insertIfAbsent(BOOTSTRAP_USER, hasher.hash(password))) {
            out.println("countd: dashboard login created: user admin, password " + password
                    + " (shown once; set COUNTER_ADMIN_PASSWORD to choose it)");
            out.flush();
        }
    }

    /** The user's name when the password is right, else empty. */
    public Optional<String> authenticate(String name, String password) {
        if (name == null || password == null || name.length() > 64 || password.length() > 1024) {
            PasswordHasher.verify("x", decoyHash);
            return Optional.empty();
        }
        String hash = configured.get(name);
        if (hash == null) {
            hash = store.passwordHash(name).orElse(null);
        }
        boolean ok = PasswordHasher.verify(password, hash == null ? decoyHash : hash);
        return ok && hash != null ? Optional.of(name) : Optional.empty();
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
