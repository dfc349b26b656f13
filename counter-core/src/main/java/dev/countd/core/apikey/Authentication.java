package dev.countd.core.apikey;

/** The outcome of checking a presented key. */
public sealed interface Authentication {

    /** Why a key was refused. REVOKED and EXPIRED are told only once the secret has matched. */
    enum Reason { MISSING, MALFORMED, UNKNOWN, REVOKED, EXPIRED }

    record Accepted(ApiKey key) implements Authentication {
    }

    record Refused(Reason reason) implements Authentication {
    }
}
