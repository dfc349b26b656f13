package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;

import java.util.UUID;

/**
 * A 32-bit mark of the member that recorded a server operation id, so a member that takes over a
 * partition can tell the ids it inherited from the ones it recorded itself. Derived from the member's
 * UUID, which is new on every start. Two members sharing a tag (about one chance in four billion per
 * pair) only make each other's ids share one limit, which is the behaviour of formats 1 and 2.
 */
public final class MemberTag {

    /** No member known: a client key, a value written in format 1 or 2, or a caller outside the cluster. */
    public static final int UNKNOWN = 0;

    private MemberTag() {
    }

    public static int of(HazelcastInstance instance) {
        return of(instance.getCluster().getLocalMember().getUuid());
    }

    static int of(UUID uuid) {
        long mixed = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        int tag = (int) (mixed ^ (mixed >>> 32));
        return tag == UNKNOWN ? 1 : tag;
    }
}
