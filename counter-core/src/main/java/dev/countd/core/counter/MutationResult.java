package dev.countd.core.counter;

/**
 * What a mutation did.
 *
 * @param counter the counter after the mutation; for a refused mutation the unchanged current
 *                counter (null when there is none); for a delete the counter as it was
 * @param clamped true when a CLAMP counter was set to its bound instead of the requested result
 * @param detail  a human explanation for refused mutations, otherwise null
 */
public record MutationResult(MutationOutcome outcome, Counter counter, boolean clamped, String detail) {

    static MutationResult applied(MutationOutcome outcome, Counter counter, boolean clamped) {
        return new MutationResult(outcome, counter, clamped, null);
    }

    static MutationResult refused(MutationOutcome outcome, Counter current, String detail) {
        return new MutationResult(outcome, current, false, detail);
    }

    public boolean changedState() {
        return outcome == MutationOutcome.UPDATED || outcome == MutationOutcome.CREATED
                || outcome == MutationOutcome.DELETED;
    }
}
