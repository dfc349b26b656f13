package dev.countd.admin.web;

import dev.countd.admin.auth.AdminSession;
import dev.countd.admin.auth.AdminSessions;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/**
 * Session and CSRF checks for dashboard handlers, and the responses they share: HTML pages,
 * redirects after a POST (with a one-time message), and the cookies (HttpOnly, SameSite=Strict,
 * Secure when configured, path {@code /admin}).
 */
public final class AdminGuard {

    public static final String SESSION_COOKIE = "countd_admin";
    public static final String LOGIN_COOKIE = "countd_login";
    private static final String HTML = "text/html; charset=utf-8";

    private final AdminSessions sessions;
    private final Pages pages;
    private final boolean secureCookies;

    public AdminGuard(AdminSessions sessions, Pages pages, boolean secureCookies) {
        this.sessions = sessions;
        this.pages = pages;
        this.secureCookies = secureCookies;
    }

    public Pages pages() {
        return pages;
    }

    /** The logged-in user, or the request ends with a redirect to the login page. */
    public Admin require(HttpHeaders headers) {
        return current(headers).orElseThrow(() -> new AdminResponseException(redirect("/admin/login")));
    }

    /** As {@link #require}, and the form's CSRF token must be the session's, else 403. */
    public Admin requirePost(HttpHeaders headers, String csrf) {
        Admin admin = require(headers);
        if (!AdminSessions.sameToken(admin.csrf(), csrf)) {
            throw new AdminResponseException(forbidden(chrome(admin, "Forbidden", "")));
        }
        return admin;
    }

    public Optional<Admin> current(HttpHeaders headers) {
        String token = cookie(headers, SESSION_COOKIE);
        return sessions.find(token).map(session -> new Admin(token, session));
    }

    /** The page frame for a logged-in user; takes the session's one-time message. */
    public Chrome chrome(Admin admin, String title, String active) {
        AdminSession session = sessions.takeFlash(admin.token(), admin.session());
        return new Chrome(title, active, admin.user(), admin.csrf(), session.flashKind(), session.flashText());
    }

    public Response page(String template, Object page) {
        return Response.ok(pages.render(template, page), HTML).build();
    }

    public Response page(int status, String template, Object page) {
        return Response.status(status).type(HTML).entity(pages.render(template, page)).build();
    }

    public Response forbidden(Chrome chrome) {
        return page(403, "error", new ErrorPage(chrome.withMessage(null, null), "Form expired or forged",
                "This form was sent without its security token (or with an old one), so nothing was changed. "
                        + "Reload the page and try again.", "/admin/", "Back to the overview"));
    }

    /** Remembers a one-time message for the next page and redirects there (303, so a reload does not repost). */
    public Response done(Admin admin, String path, String kind, String text) {
        sessions.flash(admin.token(), admin.session(), kind, text);
        return redirect(path);
    }

    public static Response redirect(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    public NewCookie sessionCookie(String token) {
        return cookie(SESSION_COOKIE, token, -1);
    }

    public NewCookie expired(String name) {
        return cookie(name, "", 0);
    }

    public NewCookie loginCookie(String token) {
        return cookie(LOGIN_COOKIE, token, 3600);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/admin").httpOnly(true).secure(secureCookies)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    public static String cookie(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }
}
