package dev.countd.admin.auth;

import dev.countd.core.storage.SchemaMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The admin bootstrap runs in the background at start-up (retried while the database fails); logins wait for it. */
class AdminUsersBootstrapTest {

    private static final String PASSWORD = "right-password-12";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static AdminUserStore migratedStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigrations.migrate(dataSource);
        return new AdminUserStore(Jdbi.create(dataSource));
    }

    @Test
    void aLoginDuringTheBootstrapWaitsForItAndThenSucceeds() {
        AdminUsers users = new AdminUsers(Map.of(), migratedStore());
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> awaitQuietly(release)); // the bootstrap queues behind this
        users.bootstrapInBackground(Optional.of(PASSWORD), System.out, executor);

        assertALoginWaitsUntil(users, release::countDown);
    }

    @Test
    void aBootstrapForLaterMakesLoginsWaitUntilItIsStartedAndDone() {
        AdminUsers users = new AdminUsers(Map.of(), migratedStore());
        Runnable start = users.bootstrapLater(Optional.of(PASSWORD), System.out, executor);

        assertALoginWaitsUntil(users, start);
    }

    /** A login started now is held (and the users are not ready) until {@code letTheBootstrapRun} runs, then succeeds. */
    private static void assertALoginWaitsUntil(AdminUsers users, Runnable letTheBootstrapRun) {
        CompletableFuture<Optional<String>> login = CompletableFuture.supplyAsync(() -> users.authenticate("admin", PASSWORD));
        assertThat(users.ready()).isFalse();
        assertThat(login).isNotDone();

        letTheBootstrapRun.run();

        await().until(login::isDone);
        assertThat(login.join()).contains("admin");
        assertThat(users.ready()).isTrue();
    }

    @Test
    void aBootstrapForLaterThatCannotStartAnyMoreRefusesLoginsAsNotReady() {
        AdminUsers users = new AdminUsers(Map.of(), migratedStore(), Duration.ofSeconds(30));
        Runnable start = users.bootstrapLater(Optional.of(PASSWORD), System.out, executor);
        executor.shutdownNow(); // the app stopped before its server started

        start.run();

        assertThat(users.ready()).isFalse();
        assertThatThrownBy(() -> users.authenticate("admin", PASSWORD))
                .isInstanceOf(AdminUsers.NotReadyException.class).hasMessageContaining("could not be set up");
    }

    @Test
    void theGeneratedPasswordIsPrintedOnceAndWorksAfterTheBackgroundBootstrap() {
        AdminUserStore store = migratedStore();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdminUsers users = new AdminUsers(Map.of(), store);
        users.bootstrapInBackground(Optional.empty(), new PrintStream(printed, true, StandardCharsets.UTF_8), executor).join();

        String line = printed.toString(StandardCharsets.UTF_8);
        String password = line.replaceAll("(?s).*password (\\S+) .*", "$1");
        assertThat(line).contains("dashboard login created: user admin");
        assertThat(users.authenticate("admin", password)).contains("admin");
        assertThat(users.authenticate("admin", password + "x")).isEmpty();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new AdminUsers(Map.of(), store).bootstrapInBackground(Optional.empty(),
                new PrintStream(again, true, StandardCharsets.UTF_8), executor).join();
        assertThat(again.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void whileTheDatabaseFailsLoginsAreRefusedAsNotReadyAndTheBootstrapIsRetriedUntilItWorks() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:late-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        AdminUsers users = new AdminUsers(Map.of(), new AdminUserStore(Jdbi.create(dataSource)), Duration.ZERO);
        users.bootstrapInBackground(Optional.of(PASSWORD), System.out, executor); // no admin_users table yet

        await().untilAsserted(() -> assertThatThrownBy(() -> users.authenticate("admin", PASSWORD))
                .isInstanceOf(AdminUsers.NotReadyException.class).hasMessageContaining("could not be set up"));
        assertThat(users.ready()).isFalse();

        SchemaMigrations.migrate(dataSource); // the database is back
        await().atMost(Duration.ofSeconds(30)).until(users::ready);
        assertThat(users.authenticate("admin", PASSWORD)).contains("admin");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnknownUserCostsAPbkdf2RunAgainstAWellFormedDecoyAndIsRefused() {
        AdminUsers users = new AdminUsers(Map.of(), migratedStore());

        assertThat(PasswordHasher.isWellFormed(AdminUsers.DECOY_HASH)).isTrue();
        assertThat(users.ready()).isTrue();
        assertThat(users.authenticate("nobody", "decoy-never-a-login-password")).isEmpty();
    }
}
