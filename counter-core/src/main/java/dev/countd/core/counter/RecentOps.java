package dev.countd.core.counter;

import java.util.ArrayList;
import java.util.List;

/** Pure helpers over a counter's remembered operations (an immutable list, oldest first). */
final class RecentOps {

    /** Inherited server ids kept at most, in multiples of {@link IdempotencyPolicy#maxServerIds()}. */
    static final int INHERITED_LIMIT_FACTOR = 2;

    private RecentOps() {
    }

    static RecordedOp find(List<RecordedOp> ops, long id, long now) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            RecordedOp op = ops.get(i);
            if (op.id() == id && op.expiresAt() > now) {
                return op;
            }
        }
        return null;
    }

    /**
     * Drops expired entries, appends {@code added}, and forgets the oldest beyond the limit of its kind: client
     * keys beyond {@code maxClientKeys}; server ids beyond {@code maxServerIds} of those recorded by
     * {@code added}'s member.
     * <p>
     * Server ids recorded by another member were inherited when this member took the partition over (its owner
     * died or handed it on). They are what Hazelcast's re-execution of that owner's unanswered operations will
     * look for, and that re-execution arrives only after the member's removal and retry pauses, by which time a
     * busy counter has recorded many ids of its own. So inherited ids are not pushed out by new ones: they stay
     * until they expire, bounded only by {@link #INHERITED_LIMIT_FACTOR} times {@code maxServerIds} (the newest
     * kept) for a partition that changes owner again within one time to live, as after a failover's rebalancing.
     * <p>
     * Ids of an unknown member (read from format 1 or 2, which do not say who recorded them) share the limit of
     * this member's own: a cluster still writing format 2 during an upgrade keeps a counter's newest
     * {@code maxServerIds}, exactly as releases before format 3 did.
     */
    static List<RecordedOp> record(List<RecordedOp> ops, RecordedOp added, long now, IdempotencyPolicy policy) {
        List<RecordedOp> kept = new ArrayList<>(ops.size() + 1);
        int own = 0;
        int inherited = 0;
        for (RecordedOp op : ops) {
            if (op.expiresAt() > now) {
                kept.add(op);
                if (inheritedBy(op, added)) {
                    inherited++;
                } else if (op.clientKey() == added.clientKey()) {
                    own++;
                }
            }
        }
        int ownLimit = added.clientKey() ? policy.maxClientKeys() : policy.maxServerIds();
        int inheritedLimit = INHERITED_LIMIT_FACTOR * policy.maxServerIds();
        for (int i = 0; i < kept.size() && (own >= ownLimit || inherited > inheritedLimit); ) {
            RecordedOp op = kept.get(i);
            if (inheritedBy(op, added)) {
                if (inherited > inheritedLimit) {
                    kept.remove(i);
                    inherited--;
                    continue;
                }
            } else if (op.clientKey() == added.clientKey() && own >= ownLimit) {
                kept.remove(i);
                own--;
                continue;
            }
            i++;
        }
        kept.add(added);
        return List.copyOf(kept);
    }

    /** A server id that another, known member recorded, seen by the member recording {@code added}. */
    private static boolean inheritedBy(RecordedOp op, RecordedOp added) {
        return !op.clientKey() && !added.clientKey() && op.recordedBy() != MemberTag.UNKNOWN
                && added.recordedBy() != MemberTag.UNKNOWN && op.recordedBy() != added.recordedBy();
    }
}
