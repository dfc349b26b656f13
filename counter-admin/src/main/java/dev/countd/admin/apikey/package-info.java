/** The API-key pages: list, create with the secret shown once, revoke with confirmation. */
package dev.countd.admin.apikey;
