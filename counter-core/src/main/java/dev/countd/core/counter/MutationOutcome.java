package dev.countd.core.counter;

/** How a mutation ended. The edges map each to one HTTP status and problem type. */
public enum MutationOutcome {
    /** Applied (or a no-op that leaves a valid counter); the result carries the counter. */
    UPDATED,
    /** The counter did not exist and was created. */
    CREATED,
    DELETED,
    NOT_FOUND,
    /** REJECT policy: the result would leave [min, max]; nothing changed. */
    BOUND_EXCEEDED,
    /** A set value lies outside the counter's bounds (or the bounds are inconsistent); nothing changed. */
    INVALID_VALUE,
    /** New bounds would exclude the current value and the request set no value inside them. */
    BOUNDS_CONFLICT,
    /** If-Match named a version that is not the current one. */
    VERSION_MISMATCH,
    /** The Idempotency-Key was already used for a different request on this counter. */
    KEY_REUSED
}
