package dev.countd.admin.web;

import dev.countd.admin.auth.AdminSession;

/** The logged-in user of one request: the session and the cookie token it was found under. */
public record Admin(String token, AdminSession session) {

    public String user() {
        return session.user();
    }

    public String csrf() {
        return session.csrfToken();
    }
}
