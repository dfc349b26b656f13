package dev.countd.api.auth;

import dev.countd.api.counter.Tenants;
import dev.countd.core.apikey.ApiKey;

/** The authenticated key: its id is the principal's name, its namespace the request's tenant. */
public record ApiKeyPrincipal(ApiKey key) implements Tenants.NamespacedPrincipal, dev.countd.api.http.KeyIdentified {

    /** The key's public id (never its secret), for the request log. */
    @Override
    public String keyId() {
        return key.id();
    }


    @Override
    public String namespace() {
        return key.namespace();
    }

    @Override
    public String getName() {
        return key.id();
    }

    /** Operators (keys:manage in namespace {@code default}) manage the keys of every namespace. */
    public boolean operator() {
        return key.has(dev.countd.core.apikey.Scope.KEYS_MANAGE) && key.namespace().equals(Tenants.DEFAULT_NAMESPACE);
    }
}
