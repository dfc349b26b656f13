/**
 * The admin dashboard: a Dropwizard bundle of server-rendered pages under {@code /admin/}. Feature
 * packages hold each page's resource and view records; {@code web} holds the shared plumbing
 * (templates, session and CSRF guard, security headers), {@code auth} the login.
 */
package dev.countd.admin;
