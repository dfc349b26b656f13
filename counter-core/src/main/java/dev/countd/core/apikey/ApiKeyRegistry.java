package dev.countd.core.apikey;

import com.hazelcast.map.IMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Creates, finds, verifies and changes API keys. Lookups read the near-cached {@code api-keys}
 * map, so the hot path never reaches the database; {@code lastUsedAt} is kept per member in
 * memory and written by {@link #flushLastUsed()}. Thread-safe.
 */
public final class ApiKeyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRegistry.class);
    private static final String BOOTSTRAP_LOCK = "__bootstrap__";

    private final IMap<String, ApiKey> keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the key id is unknown, so unknown and wrong secrets cost the same. */
    private final String decoyHash = ApiKeyToken.generate(random).secretSha256();
    private final Map<String, Instant> pendingLastUsed = new ConcurrentHashMap<>();

    public ApiKeyRegistry(IMap<String, ApiKey> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Authentication authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return new Authentication.Refused(Authentication.Reason.MISSING);
        }
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presented);
        if (token.isEmpty()) {
            return new Authentication.Refused(Authentication.Reason.MALFORMED);
        }
        ApiKey key = keys.get(token.get().keyId());
        boolean secretMatches = token.get().matches(key == null ? decoyHash : key.secretSha256());
        if (key == null || !secretMatches) {
            return new Authentication.Refused(Authentication.Reason.UNKNOWN);
        }
        Instant now = clock.instant();
        if (key.revoked()) {
            return new Authentication.Refused(Authentication.Reason.REVOKED);
        }
        if (key.expiredAt(now)) {
            return new Authentication.Refused(Authentication.Reason.EXPIRED);
        }
        pendingLastUsed.put(key.id(), now);
        return new Authentication.Accepted(key);
    }

    public CreatedApiKey create(NewApiKey request) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ApiKeyToken token = ApiKeyToken.generate(random);
            Optional<ApiKey> created = insert(token, request);
            if (created.isPresent()) {
                return new CreatedApiKey(created.get(), token);
            }
        }
        throw new IllegalStateException("could not find a free key id");
    }

    /** Stores a key with a given token unless its id exists; empty when it does. */
    public Optional<ApiKey> insert(ApiKeyToken token, NewApiKey request) {
        ApiKey key = new ApiKey(token.keyId(), request.name(), request.namespace(), request.scopes(), request.plan(),
                request.rateLimit(), token.secretSha256(), now(), request.expiresAt(), null, null);
        if (keys.putIfAbsent(key.id(), key) != null) {
            return Optional.empty();
        }
        LOG.info("API key {} created in namespace {}", key.id(), key.namespace());
        return Optional.of(key);
    }

    /**
     * On an empty store, creates the admin key (all scopes, namespace {@code default}) from
     * {@code given}, or generates one and hands it to {@code announce}. Safe when several members
     * start at once. Answers whether a key was created.
     */
    public boolean bootstrap(Optional<ApiKeyToken> given, Consumer<ApiKeyToken> announce) {
        keys.lock(BOOTSTRAP_LOCK);
        try {
            if (!keys.isEmpty()) {
                return false;
            }
            NewApiKey admin = new NewApiKey("bootstrap admin", "default", Scope.all(), null, null, null);
            ApiKeyToken token = given.orElseGet(() -> ApiKeyToken.generate(random));
            insert(token, admin);
            if (given.isEmpty()) {
                announce.accept(token);
            }
            return true;
        } finally {
            keys.unlock(BOOTSTRAP_LOCK);
        }
    }

    public Optional<ApiKey> find(String id) {
        if (id == null || !id.matches("[a-z0-9]{8,16}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys.get(id)).map(this::withPendingUse);
    }

    /** Keys of one namespace, or of all when {@code namespace} is null, oldest first. */
    public List<ApiKey> list(String namespace) {
        return keys.values().stream()
                .filter(key -> namespace == null || key.namespace().equals(namespace))
                .map(this::withPendingUse)
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    public Optional<ApiKey> change(String id, ApiKeyChange change) {
        return Optional.ofNullable(keys.executeOnKey(id, change)).map(this::withPendingUse);
    }

    public Optional<ApiKey> revoke(String id) {
        return change(id, ApiKeyChange.revoke(now()));
    }

    /** Writes the uses seen since the last flush; answers how many keys were written. */
    public int flushLastUsed() {
        int written = 0;
        for (Map.Entry<String, Instant> use : pendingLastUsed.entrySet()) {
            if (pendingLastUsed.remove(use.getKey(), use.getValue())) {
                keys.executeOnKey(use.getKey(), ApiKeyChange.usedAt(use.getValue().truncatedTo(ChronoUnit.MILLIS)));
                written++;
            }
        }
        return written;
    }

    private ApiKey withPendingUse(ApiKey key) {
        Instant pending = pendingLastUsed.get(key.id());
        return pending == null ? key : key.withLastUsedAt(pending.truncatedTo(ChronoUnit.MILLIS));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
