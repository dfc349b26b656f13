package dev.countd.core.counter;

import java.util.ArrayList;
import java.util.List;

/** Pure helpers over a counter's remembered operations (an immutable list, oldest first). */
final class RecentOps {

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

    /** Drops expired entries, appends {@code added}, and forgets the oldest of its kind beyond the limit. */
    static List<RecordedOp> record(List<RecordedOp> ops, RecordedOp added, long now, IdempotencyPolicy policy) {
        List<RecordedOp> kept = new ArrayList<>(ops.size() + 1);
        int sameKind = 0;
        for (RecordedOp op : ops) {
            if (op.expiresAt() > now) {
                kept.add(op);
                if (op.clientKey() == added.clientKey()) {
                    sameKind++;
                }
            }
        }
        int limit = added.clientKey() ? policy.maxClientKeys() : policy.maxServerIds();
        for (int i = 0; i < kept.size() && sameKind >= limit; ) {
            if (kept.get(i).clientKey() == added.clientKey()) {
                kept.remove(i);
                sameKind--;
            } else {
                i++;
            }
        }
        kept.add(added);
        return List.copyOf(kept);
    }
}
