package dev.countd.admin.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who may log in to the dashboard: users from configuration (name to PBKDF2 hash) and the
 * bootstrap {@code admin} kept in the database. Checking a password costs one PBKDF2 run whether or
 * not the user exists, so timing does not tell which names exist. Thread-safe.
 *
 * <p>The bootstrap (one PBKDF2 run on a fresh store) may run in the background at start-up, retried
 * while the database fails; logins wait for it for up to {@link #BOOTSTRAP_WAIT} and are refused with
 * {@link NotReadyException} after that.
 */
public final class AdminUsers {

    public static final String BOOTSTRAP_USER = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminUsers.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** How long a login waits for a bootstrap still running in the background. */
    public static final Duration BOOTSTRAP_WAIT = Duration.ofSeconds(10);

    /**
     * Checked when the user does not exist, so that costs one PBKDF2 run too. Fixed rather than made
     * at each start (a PBKDF2 run on the start-up path): matching it never logs anyone in, so its
     * password need not be secret; it only has to be well-formed with {@link PasswordHasher#MIN_ITERATIONS}.
     */
    static final String DECOY_HASH = "pbkdf2-sha256$600000$7THHkhsVSTKmCt6HSI4I5g$rNYkke7EvB8s7cmkFkRWzgQG8HGTMU8FpIxhTDY39/w";

    private final Map<String, String> configured;
    private final AdminUserStore store;
    private final Duration bootstrapWait;
    private volatile CompletableFuture<Void> bootstrapped = CompletableFuture.completedFuture(null);

    public AdminUsers(Map<String, String> configured, AdminUserStore store) {
        this(configured, store, BOOTSTRAP_WAIT);
    }

    AdminUsers(Map<String, String> configured, AdminUserStore store, Duration bootstrapWait) {
        configured.forEach((name, hash) -> {
            if (!PasswordHasher.isWellFormed(hash)) {
                throw new IllegalArgumentException("dashboard.users." + name + " is not a pbkdf2-sha256 hash with at least "
                        + PasswordHasher.MIN_ITERATIONS + " iterations (make one with dev.countd.admin.auth.PasswordHasher)");
            }
        });
        this.configured = Map.copyOf(configured);
        this.store = store;
        this.bootstrapWait = bootstrapWait;
    }

    /** Thrown by {@link #authenticate} while the bootstrap has not finished (or failed). */
    public static final class NotReadyException extends RuntimeException {
        public NotReadyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@link #bootstrap} on {@code executor} (it hashes a password: start-up need not wait for it);
     * {@link #authenticate} waits for it. A failure (the database) is logged and retried after 1, 2, 4 ...
     * 30 s until it succeeds or the executor is shut down; until then {@link #ready()} is false.
     */
    public CompletableFuture<Void> bootstrapInBackground(Optional<String> given, PrintStream out,
                                                         ScheduledExecutorService executor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        bootstrapLater(given, out, executor, done).run();
        return done;
    }

    /**
     * Like {@link #bootstrapInBackground}, but begun only when the returned task runs (the app runs it
     * once the server serves, so the PBKDF2 run does not compete with start-up for the cores).
     * Logins wait for it from now on, as they would for one already running.
     */
    public Runnable bootstrapLater(Optional<String> given, PrintStream out, ScheduledExecutorService executor) {
        return bootstrapLater(given, out, executor, new CompletableFuture<>());
    }

    private Runnable bootstrapLater(Optional<String> given, PrintStream out, ScheduledExecutorService executor,
                                    CompletableFuture<Void> done) {
        bootstrapped = done;
        return () -> {
            try {
                executor.execute(() -> attempt(given, out, executor, done, 1));
            } catch (RejectedExecutionException stopping) {
                done.completeExceptionally(stopping);
            }
        };
    }

    private void attempt(Optional<String> given, PrintStream out, ScheduledExecutorService executor,
                         CompletableFuture<Void> done, int attempt) {
        try {
            bootstrap(given, out);
            done.complete(null);
        } catch (RuntimeException e) {
            long delay = Math.min(30, 1L << Math.min(attempt - 1, 5));
            LOG.error("dashboard user admin could not be created or updated (attempt {}); logins are refused "
                    + "until it is, next try in {} s", attempt, delay, e);
            try {
                executor.schedule(() -> attempt(given, out, executor, done, attempt + 1), delay, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                done.completeExceptionally(e);
            }
        }
    }

    /** True once the bootstrap has finished without error (or none was started). */
    public boolean ready() {
        CompletableFuture<Void> run = bootstrapped;
        return run.isDone() && !run.isCompletedExceptionally();
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

    /**
     * The user's name when the password is right, else empty.
     *
     * @throws NotReadyException when the bootstrap has not succeeded after {@link #BOOTSTRAP_WAIT}
     */
    public Optional<String> authenticate(String name, String password) {
        awaitBootstrap();
        if (name == null || password == null || name.length() > 64 || password.length() > 1024) {
            PasswordHasher.verify("x", DECOY_HASH);
            return Optional.empty();
        }
        String hash = configured.get(name);
        if (hash == null) {
            hash = store.passwordHash(name).orElse(null);
        }
        boolean ok = PasswordHasher.verify(password, hash == null ? DECOY_HASH : hash);
        return ok && hash != null ? Optional.of(name) : Optional.empty();
    }

    private void awaitBootstrap() {
        try {
            bootstrapped.get(bootstrapWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotReadyException("the dashboard user admin could not be set up yet", e);
        } catch (ExecutionException e) {
            throw new NotReadyException("the dashboard user admin could not be set up (see the server log)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while waiting for the dashboard user admin", e);
        }
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
