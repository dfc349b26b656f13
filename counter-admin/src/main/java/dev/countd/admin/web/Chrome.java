package dev.countd.admin.web;

/**
 * What every page's frame shows: title, the navigation entry to highlight, the user with the
 * logout form's CSRF token, and a one-time message.
 *
 * @param user      null on the login page
 * @param flashKind "ok" or "error", or null for no message
 */
public record Chrome(String title, String active, String user, String csrf, String flashKind, String flashText) {

    public static Chrome anonymous(String title) {
        return new Chrome(title, "", null, "", null, null);
    }

    public Chrome withMessage(String kind, String text) {
        return new Chrome(title, active, user, csrf, kind, text);
    }

    public boolean hasFlash() {
        return flashKind != null && flashText != null;
    }
}
