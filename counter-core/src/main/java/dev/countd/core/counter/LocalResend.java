package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;

/**
 * Whether Hazelcast could send an operation that a caller on this member applied here again, so that its server
 * id must be remembered as a caller's on another member is.
 * <p>
 * A caller on the owner gets its answer on the owner, and dies with it. The one way such an operation is sent
 * again is a split-brain merge: the merging side resets its pending invocations with a retryable
 * {@code MemberLeftException}, and an operation applied here but still waiting for its backup's acknowledgement
 * goes to the other side's owner. That owner may by then hold this side's value with the change (the merge
 * policy keeps it for a counter the other side does not have). It takes a backup to wait for (another member
 * in view) and writes on a minority (no split-brain protection; {@code CounterCluster} records protection under
 * {@link #PROTECTED_KEY}).
 */
public final class LocalResend {

    /** User-context key present (true) when counter writes need a majority of members in view. */
    public static final String PROTECTED_KEY = "countd.writes-need-majority";

    private LocalResend() {
    }

    static boolean possible(HazelcastInstance instance) {
        return !Boolean.TRUE.equals(instance.getUserContext().get(PROTECTED_KEY))
                && instance.getCluster().getMembers().size() > 1;
    }
}
