package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether Hazelcast could send an operation that a caller on this member applied here again, so that its server
 * id must be remembered as a caller's on another member is. One per member, in its user context.
 * <p>
 * A caller on the owner gets its answer on the owner, and dies with it. The one way such an operation is sent
 * again is a split-brain merge: the merging side resets its pending invocations with a retryable
 * {@code MemberLeftException}, and an operation applied here but still waiting for its backup's acknowledgement
 * goes to the other side's owner. That owner may by then hold this side's value with the change (the merge
 * policy keeps it for a counter the other side does not have). It takes a member that has been in a cluster
 * (a merge first shrinks the member list to the member itself, so the current view is not enough) whose
 * minority sides can write: split-brain protection off, or asking for no more than half of the largest cluster
 * this member has seen (a 2|2 split of four members with a minimum of two writes on both sides).
 */
public final class LocalResend {

    public static final String USER_CONTEXT_KEY = "countd.local-resend";

    private final int minimumClusterSize;
    private final AtomicInteger largestView = new AtomicInteger(1);

    /** @param minimumClusterSize the members in view counter writes need (1: no split-brain protection) */
    public LocalResend(int minimumClusterSize) {
        this.minimumClusterSize = minimumClusterSize;
    }

    boolean possible(int membersInView) {
        int largest = largestView.get();
        if (membersInView > largest) {
            largest = largestView.accumulateAndGet(membersInView, Math::max);
        }
        return largest > 1 && 2 * minimumClusterSize <= largest;
    }

    /** True (remember the id) on a member whose configuration registered none. */
    static boolean possible(HazelcastInstance instance) {
        return !(instance.getUserContext().get(USER_CONTEXT_KEY) instanceof LocalResend registered)
                || registered.possible(instance.getCluster().getMembers().size());
    }
}
