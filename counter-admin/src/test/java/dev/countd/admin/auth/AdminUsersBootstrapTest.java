package dev.countd.admin.auth;

import dev.countd.core.storage.SchemaMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The admin bootstrap runs in the background at start-up; logins wait for it and are never wrongly refused. */
class AdminUsersBootstrapTest {

    private static final String PASSWORD = "right-password-12";

    /** Holds submitted tasks until the test runs them. */
    private static final class HeldExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
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
        HeldExecutor executor = new HeldExecutor();
        users.bootstrapInBackground(Optional.of(PASSWORD), System.out, executor);

        CompletableFuture<Optional<String>> login = CompletableFuture.supplyAsync(() -> users.authenticate("admin", PASSWORD));
        assertThat(users.ready()).isFalse();
        assertThat(login).isNotDone();

        executor.runAll();

        await().until(login::isDone);
        assertThat(login.join()).contains("admin");
        assertThat(users.ready()).isTrue();
    }

    @Test
    void theGeneratedPasswordIsPrintedOnceAndWorksAfterTheBackgroundBootstrap() {
        AdminUserStore store = migratedStore();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdminUsers users = new AdminUsers(Map.of(), store);
        users.bootstrapInBackground(Optional.empty(), new PrintStream(printed, true, StandardCharsets.UTF_8), Runnable::run).join();

        String line = printed.toString(StandardCharsets.UTF_8);
        String password = line.replaceAll("(?s).*password (\\S+) .*", "$1");
        assertThat(line).contains("dashboard login created: user admin");
        assertThat(users.authenticate("admin", password)).contains("admin");
        assertThat(users.authenticate("admin", password + "x")).isEmpty();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new AdminUsers(Map.of(), store).bootstrapInBackground(Optional.empty(),
                new PrintStream(again, true, StandardCharsets.UTF_8), Runnable::run).join();
        assertThat(again.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aFailedBootstrapRefusesLoginsAsNotReadyInsteadOfAsWrongPassword() {
        JdbcDataSource unmigrated = new JdbcDataSource();
        unmigrated.setURL("jdbc:h2:mem:empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        AdminUsers users = new AdminUsers(Map.of(), new AdminUserStore(Jdbi.create(unmigrated)));
        users.bootstrapInBackground(Optional.of(PASSWORD), System.out, Runnable::run);

        assertThat(users.ready()).isFalse();
        assertThatThrownBy(() -> users.authenticate("admin", PASSWORD))
                .isInstanceOf(AdminUsers.NotReadyException.class).hasMessageContaining("could not be set up");
    }

    @Test
    void anUnknownUserCostsAPbkdf2RunAgainstAWellFormedDecoyAndIsRefused() {
        AdminUsers users = new AdminUsers(Map.of(), migratedStore());

        assertThat(PasswordHasher.isWellFormed(AdminUsers.DECOY_HASH)).isTrue();
        assertThat(users.ready()).isTrue();
        assertThat(users.authenticate("nobody", "decoy-never-a-login-password")).isEmpty();
    }
}
