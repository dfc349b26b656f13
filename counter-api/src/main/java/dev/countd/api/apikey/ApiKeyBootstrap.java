package dev.countd.api.apikey;

import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.ApiKeyToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Optional;

/**
 * First start with an empty key store: creates the admin key (all scopes, namespace
 * {@code default}) from COUNTER_BOOTSTRAP_API_KEY, or generates one and prints it once on
 * standard output (never into the log).
 */
public final class ApiKeyBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyBootstrap.class);

    private ApiKeyBootstrap() {
    }

    public static void run(ApiKeyRegistry registry, Optional<ApiKeyToken> given, PrintStream out) {
        boolean created = registry.bootstrap(given, token -> {
            out.println();
            out.println("countd: generated the bootstrap admin API key. It is shown this once; store it now:");
            out.println("countd:   " + token.value());
            out.println();
            out.flush();
        });
        if (created) {
            LOG.info("created the bootstrap admin API key {} ({})", given.map(ApiKeyToken::keyId).orElse("generated"),
                    given.isPresent() ? "from COUNTER_BOOTSTRAP_API_KEY" : "printed once on standard output");
        }
    }
}
