package dev.countd.core.counter;

import dev.countd.core.counter.CounterOperation.Decrement;
import dev.countd.core.counter.CounterOperation.Delete;
import dev.countd.core.counter.CounterOperation.Increment;
import dev.countd.core.counter.CounterOperation.Reset;
import dev.countd.core.counter.CounterOperation.Upsert;

/**
 * The semantics of every counter operation as one pure function: current state and request in,
 * decision out. No clock, no I/O: the entry processor supplies {@code now} and stores the result.
 */
public final class CounterRules {

    static final String KEY_REUSED_DETAIL = "this Idempotency-Key was already used for a different request";

    private CounterRules() {
    }

    /** {@link #apply(CounterId, Counter, MutationRequest, long, int, boolean)} by a member not known, remembering ids (tests). */
    static Transition apply(CounterId id, Counter current, MutationRequest request, long now) {
        return apply(id, current, request, now, MemberTag.UNKNOWN, true);
    }

    /**
     * @param current         the stored counter, or null when there is none
     * @param member          the {@link MemberTag} of the member applying it, recorded with a server id
     * @param mayBeResent     whether Hazelcast could send this operation again after it was applied: always for a
     *                        caller on another member (when this member dies before the answer arrives), for a
     *                        caller on this member only in the case {@link LocalResend} describes. A server id is
     *                        remembered only then; it is always looked up, and client keys are always remembered.
     * @return the outcome and the state to store (null state with {@code remove} means delete)
     */
    public static Transition apply(CounterId id, Counter current, MutationRequest request, long now, int member,
                                   boolean mayBeResent) {
        OperationId opId = request.operationId();
        if (opId == null) {
            return decide(id, current, request, now);
        }
        RecordedOp earlier = current == null ? null : RecentOps.find(current.recentOps(), opId.id(), now);
        if (earlier != null) {
            if (earlier.requestHash() != opId.requestHash()) {
                return Transition.unchanged(MutationResult.refused(MutationOutcome.KEY_REUSED, current, KEY_REUSED_DETAIL));
            }
            return Transition.unchanged(new MutationResult(earlier.outcome(), current.asOf(earlier), earlier.clamped(),
                    earlier.detail(), true));
        }
        Transition decided = decide(id, current, request, now);
        Counter base = decided.newState() != null ? decided.newState() : current;
        boolean changed = decided.newState() != null;
        if (decided.remove() || base == null || (!opId.clientKey() && (!changed || !mayBeResent))) {
            return decided; // nothing to remember it in, or nothing a re-execution could double
        }
        MutationResult result = decided.result();
        long ttl = opId.clientKey() ? request.idempotency().clientKeyTtlMillis() : request.idempotency().serverIdTtlMillis();
        RecordedOp recorded = new RecordedOp(opId.id(), opId.requestHash(), now + ttl, opId.clientKey(), result.outcome(),
                result.clamped(), base.value(), base.version(), base.updatedAt(), result.detail(), member);
        Counter remembered = base.withRecentOps(RecentOps.record(base.recentOps(), recorded, now, request.idempotency()));
        return new Transition(result.withCounter(remembered), remembered, false);
    }

    /** The decision alone, without exactly-once bookkeeping (batches remember a group at once). */
    static Transition decide(CounterId id, Counter current, MutationRequest request, long now) {
        Long expected = request.expectedVersion();
        if (expected != null && (current == null || current.version() != expected)) {
            return Transition.unchanged(MutationResult.refused(MutationOutcome.VERSION_MISMATCH, current,
                    current == null ? "the counter does not exist, so it cannot match version " + expected
                            : "the counter is at version " + current.version() + ", not " + expected));
        }
        CounterOperation operation = request.operation();
        if (operation instanceof Increment inc) {
            return step(id, current, request, inc.by(), now);
        }
        if (operation instanceof Decrement dec) {
            return step(id, current, request, -dec.by(), now);
        }
        if (operation instanceof Reset) {
            return reset(current, now);
        }
        if (operation instanceof Upsert upsert) {
            return upsert(id, current, upsert.patch(), request.defaults(), now);
        }
        if (operation instanceof Delete) {
            return current == null ? notFound()
                    : new Transition(MutationResult.applied(MutationOutcome.DELETED, current, false), null, true);
        }
        throw new IllegalArgumentException("unknown operation " + operation.kind());
    }

    private static Transition step(CounterId id, Counter current, MutationRequest request, long delta, long now) {
        MutationOutcome appliedOutcome = MutationOutcome.UPDATED;
        Counter base = current;
        if (base == null) {
            if (!request.autoCreate()) {
                return notFound();
            }
            base = Counter.create(id, request.defaults(), now);
            appliedOutcome = MutationOutcome.CREATED;
        }
        long target;
        boolean beyond;
        try {
            target = Math.addExact(base.value(), delta);
            beyond = target > base.max() || target < base.min();
        } catch (ArithmeticException overflow) {
            target = delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            beyond = true;
        }
        if (!beyond) {
            return stored(appliedOutcome, base.withValue(target, now), false);
        }
        long bound = delta > 0 ? base.max() : base.min();
        if (base.overflow() == OverflowPolicy.REJECT) {
            return Transition.unchanged(MutationResult.refused(MutationOutcome.BOUND_EXCEEDED, current,
                    (delta > 0 ? "increment by " + delta : "decrement by " + Math.abs(delta))
                            + " would take the value " + base.value() + (delta > 0 ? " above its max " : " below its min ")
                            + bound));
        }
        if (base.value() == bound && current != null) {
            return Transition.unchanged(MutationResult.applied(MutationOutcome.UPDATED, current, true));
        }
        return stored(appliedOutcome, base.withValue(bound, now), true);
    }

    private static Transition reset(Counter current, long now) {
        if (current == null) {
            return notFound();
        }
        if (current.value() == current.initial()) {
            return Transition.unchanged(MutationResult.applied(MutationOutcome.UPDATED, current, false));
        }
        return stored(MutationOutcome.UPDATED, current.withValue(current.initial(), now), false);
    }

    private static Transition upsert(CounterId id, Counter current, CounterPatch patch, CounterDefaults defaults, long now) {
        Counter base = current != null ? current : Counter.create(id, defaults, now);
        long min = patch.min() != null ? patch.min() : base.min();
        long max = patch.max() != null ? patch.max() : base.max();
        long initial = patch.initial() != null ? patch.initial() : base.initial();
        if (min > max) {
            return invalid(current, "min " + min + " is greater than max " + max);
        }
        if (initial < min || initial > max) {
            return invalid(current, "initial " + initial + " lies outside [" + min + ", " + max + "]");
        }
        long value;
        if (patch.value() != null) {
            value = patch.value();
            if (value < min || value > max) {
                return invalid(current, "value " + value + " lies outside [" + min + ", " + max + "]");
            }
        } else if (current == null) {
            value = initial;
        } else {
            value = current.value();
            if (value < min || value > max) {
                return Transition.unchanged(MutationResult.refused(MutationOutcome.BOUNDS_CONFLICT, current,
                        "the current value " + value + " lies outside the new bounds [" + min + ", " + max
                                + "]; set a value inside them in the same request"));
            }
        }
        Counter next = new Counter(base.namespace(), base.name(), value, min, max, initial,
                patch.overflow() != null ? patch.overflow() : base.overflow(),
                base.version() + 1,
                patch.description() != null ? patch.description() : base.description(),
                patch.labels() != null ? patch.labels() : base.labels(),
                base.createdAt(), now, base.recentOps());
        if (current == null) {
            return stored(MutationOutcome.CREATED, next, false);
        }
        if (sameContent(current, next)) {
            return Transition.unchanged(MutationResult.applied(MutationOutcome.UPDATED, current, false));
        }
        return stored(MutationOutcome.UPDATED, next, false);
    }

    private static boolean sameContent(Counter a, Counter b) {
        return a.value() == b.value() && a.min() == b.min() && a.max() == b.max() && a.initial() == b.initial()
                && a.overflow() == b.overflow() && a.description().equals(b.description())
                && a.labels().equals(b.labels());
    }

    private static Transition stored(MutationOutcome outcome, Counter next, boolean clamped) {
        return new Transition(MutationResult.applied(outcome, next, clamped), next, false);
    }

    private static Transition invalid(Counter current, String detail) {
        return Transition.unchanged(MutationResult.refused(MutationOutcome.INVALID_VALUE, current, detail));
    }

    private static Transition notFound() {
        return Transition.unchanged(MutationResult.refused(MutationOutcome.NOT_FOUND, null, "counter not found"));
    }

    /**
     * @param newState the state to store; null with {@code remove == false} leaves the entry untouched
     */
    public record Transition(MutationResult result, Counter newState, boolean remove) {
        static Transition unchanged(MutationResult result) {
            return new Transition(result, null, false);
        }

        public boolean writes() {
            return newState != null || remove;
        }
    }
}
