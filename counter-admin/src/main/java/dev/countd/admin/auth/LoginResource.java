package dev.countd.admin.auth;

import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Chrome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code /admin/login} and {@code /admin/logout}. The login form carries a CSRF token that must
 * match its cookie (double submit); failed logins spend the client IP's budget, and an address
 * without budget is refused (429) before the password is checked.
 */
@Path("/admin")
public final class LoginResource {

    private final AdminGuard guard;
    private final AdminUsers users;
    private final AdminSessions sessions;
    private final LoginThrottle throttle;

    public LoginResource(AdminGuard guard, AdminUsers users, AdminSessions sessions, LoginThrottle throttle) {
        this.guard = guard;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** @param message null, or a note shown above the form */
    public record LoginPage(Chrome chrome, String csrf, String username, String message, boolean error) {
    }

    @GET
    @Path("/login")
    public Response form(@Context HttpHeaders headers, @QueryParam("out") String out) {
        if (guard.current(headers).isPresent()) {
            return AdminGuard.redirect("/admin/");
        }
        return form(200, "", out == null ? null : "You are logged out.", false);
    }

    @POST
    @Path("/login")
    public Response login(@Context HttpHeaders headers, @Context HttpServletRequest request,
                          @FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("_csrf") String csrf) {
        if (!AdminSessions.sameToken(AdminGuard.cookie(headers, AdminGuard.LOGIN_COOKIE), csrf)) {
            return guard.forbidden(Chrome.anonymous("Forbidden"));
        }
        String ip = request.getRemoteAddr();
        String name = username == null ? "" : username.trim();
        long locked = throttle.lockedFor(ip);
        if (locked > 0) {
            return form(429, name, lockedMessage(locked), true);
        }
        Optional<String> user;
        try {
            user = users.authenticate(name, password);
        } catch (AdminUsers.NotReadyException e) {
            // Start-up has not finished setting up the admin user: nothing was checked, no budget spent.
            return Response.fromResponse(form(503, name,
                    "The dashboard is still starting (" + e.getMessage() + "). Try again in a moment.", true))
                    .header("Retry-After", "5").build();
        }
        if (user.isEmpty()) {
            long lockedNow = throttle.failed(ip);
            return lockedNow > 0 ? form(429, name, lockedMessage(lockedNow), true)
                    : form(401, name, "Wrong user name or password.", true);
        }
        String token = sessions.start(user.get());
        return Response.seeOther(java.net.URI.create("/admin/"))
                .cookie(guard.sessionCookie(token), guard.expired(AdminGuard.LOGIN_COOKIE)).build();
    }

    @POST
    @Path("/logout")
    public Response logout(@Context HttpHeaders headers, @FormParam("_csrf") String csrf) {
        Admin admin = guard.requirePost(headers, csrf);
        sessions.end(admin.token());
        return Response.seeOther(java.net.URI.create("/admin/login?out=1"))
                .cookie(guard.expired(AdminGuard.SESSION_COOKIE)).build();
    }

    private Response form(int status, String username, String message, boolean error) {
        String csrf = AdminSessions.randomToken();
        Response page = guard.page(status, "login", new LoginPage(Chrome.anonymous("Log in"), csrf, username, message, error));
        return Response.fromResponse(page).cookie(guard.loginCookie(csrf)).build();
    }

    private static String lockedMessage(long seconds) {
        return "Too many failed logins from your address. Try again in " + seconds + " seconds.";
    }
}
