package dev.countd.admin.auth;

import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** The {@code admin_users} table: dashboard users created at run time (the bootstrap admin). */
public final class AdminUserStore {

    private final Jdbi jdbi;

    public AdminUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> passwordHash(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT password_hash FROM admin_users WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** Inserts the user unless it exists; answers whether this call created it (several members may race). */
    public boolean insertIfAbsent(String name, String passwordHash) {
        if (passwordHash(name).isPresent()) {
            return false;
        }
        try {
            return jdbi.withHandle(handle -> handle.createUpdate(
                            "INSERT INTO admin_users (name, password_hash, created_at) VALUES (:name, :hash, :now)")
                    .bind("name", name).bind("hash", passwordHash).bind("now", System.currentTimeMillis())
                    .execute()) == 1;
        } catch (RuntimeException duplicate) {
            if (passwordHash(name).isPresent()) {
                return false;
            }
            throw duplicate;
        }
    }

    public void replace(String name, String passwordHash) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE admin_users SET password_hash = :hash WHERE name = :name")
                .bind("name", name).bind("hash", passwordHash).execute());
    }
}
