package dev.countd.api.http;

/**
 * Implemented by an authenticated principal that can name its API key in logs. The id must be
 * the key's public identifier, never its secret.
 */
public interface KeyIdentified {
    String keyId();
}
