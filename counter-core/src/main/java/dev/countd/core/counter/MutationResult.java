package dev.countd.core.counter;

/**
 * What a mutation did.
 *
 * @param counter the counter after the mutation; for a refused mutation the unchanged current
 *                counter (null when there is none); for a delete the counter as it was
 * @param clamped true when a CLAMP counter was set to its bound instead of the requested result
 * @param detail  a human explanation for refused mutations, otherwise null
 * @param replayed true when this is the remembered answer to an earlier identical operation
 */
public record MutationResult(MutationOutcome outcome, Counter counter, boolean clamped, String detail, boolean replayed) {

    public MutationResult(MutationOutcome outcome, Counter counter, boolean clamped, String detail) {
        this(outcome, counter, clamped, detail, false);
    }

    static MutationResult applied(MutationOutcome outcome, Counter counter, boolean clamped) {
        return new MutationResult(outcome, counter, clamped, null);
    }

    static MutationResult refused(MutationOutcome outcome, Counter current, String detail) {
        return new MutationResult(outcome, current, false, detail);
    }

    /** The result as sent back to the caller: without the counter's remembered operations and alert state. */
    MutationResult forCaller() {
        return counter == null || (counter.recentOps().isEmpty() && counter.outbox().isEmpty()
                && counter.alertDisarmed().isEmpty()) ? this : withCounter(counter.withoutMemory());
    }

    MutationResult withCounter(Counter newCounter) {
        return new MutationResult(outcome, newCounter, clamped, detail, replayed);
    }

    public boolean changedState() {
        return outcome == MutationOutcome.UPDATED || outcome == MutationOutcome.CREATED
                || outcome == MutationOutcome.DELETED;
    }
}
