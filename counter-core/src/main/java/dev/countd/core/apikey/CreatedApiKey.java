package dev.countd.core.apikey;

/** A key just created, with its full token: the only moment the secret exists outside the client. */
public record CreatedApiKey(ApiKey key, ApiKeyToken token) {
    @Override
    public String toString() {
        return "CreatedApiKey[" + key.id() + "]";
    }
}
