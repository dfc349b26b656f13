/**
 * Authentication and authorisation of API routes: the API-key filter (Bearer or X-API-Key; 401
 * with {@code WWW-Authenticate: Bearer}), the principal that carries the key's namespace to
 * {@code Tenants}, and per-route scopes ({@link dev.countd.api.auth.RequiresScope}; 403).
 */
package dev.countd.api.auth;
