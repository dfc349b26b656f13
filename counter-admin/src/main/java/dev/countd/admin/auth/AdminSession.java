package dev.countd.admin.auth;

/**
 * A logged-in dashboard user. Stored in the {@code admin-sessions} map under the SHA-256 of the
 * cookie's token (the token itself is never stored).
 *
 * @param csrfToken  required in every form the session posts
 * @param createdAt  epoch ms; a session ends {@code maxAge} after it, however active
 * @param flashKind  "ok" or "error" for a message to show once on the next page, else null
 */
public record AdminSession(String user, String csrfToken, long createdAt, String flashKind, String flashText) {

    public AdminSession withFlash(String kind, String text) {
        return new AdminSession(user, csrfToken, createdAt, kind, text);
    }
}
