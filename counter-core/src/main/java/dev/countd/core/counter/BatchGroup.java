package dev.countd.core.counter;

import dev.countd.core.counter.CounterRules.Transition;

import java.util.List;

/**
 * Applies one batch's operations on one counter inside one entry-processor execution: one read
 * and one write of the entry however many operations the batch has for it. Every operation is
 * still decided on its own by {@link CounterRules} (per-op outcome, REJECT/CLAMP, alert crossing
 * check by the hook, one history change each); only the remembering for exactly-once is shared.
 *
 * <p>Exactly-once: a group of plain increments/decrements that all apply without clamping is
 * remembered as ONE {@link RecordedOp} under a group id derived from the operations' own ids (so a
 * retry of the same batch derives the same id). It holds the first outcome and the final value and
 * version; every operation's result follows from them and the amounts, which the replayed request
 * repeats (its fingerprint is checked). Any other group (a refusal, a clamp, set, reset, delete) is
 * remembered per operation exactly as a single operation would be, and a group whose operations
 * are already remembered one by one takes that path too, so records of either kind replay.
 */
final class BatchGroup {

    private static final long GROUP_SALT = 0x6261746368677270L;

    private BatchGroup() {
    }

    /** @param writes whether {@code state} must be stored (null state with writes: remove the entry) */
    record Applied(BatchResults results, Counter state, boolean writes) {
    }

    /**
     * @param member          the {@link MemberTag} of the member applying them, recorded with server ids
     * @param mayBeResent     whether Hazelcast could send them again after they were applied (server ids are remembered only then, see
     *                        {@link CounterRules#apply(CounterId, Counter, MutationRequest, long, int, boolean)})
     */
    static Applied apply(CounterId id, Counter current, List<MutationRequest> requests, long now, int member,
                         boolean mayBeResent, CounterTransitionHook hook, CounterChangeListener listener) {
        OperationId groupId = groupId(requests);
        if (groupId != null && current != null) {
            RecordedOp earlier = RecentOps.find(current.recentOps(), groupId.id(), now);
            if (earlier != null) {
                return new Applied(replay(current, earlier, groupId, requests), current, false);
            }
        }
        Counter[] chain = groupId == null ? null : coalescible(id, current, requests, now);
        if (chain != null) {
            return coalesced(id, current, requests, chain, groupId, now, member, mayBeResent, hook, listener);
        }
        return oneByOne(id, current, requests, now, member, mayBeResent, hook, listener);
    }

    /** The group's id: a mix of its operations' ids in order; null unless all have ids of one kind. */
    static OperationId groupId(List<MutationRequest> requests) {
        if (requests.isEmpty() || requests.get(0).operationId() == null) {
            return null;
        }
        boolean clientKey = requests.get(0).operationId().clientKey();
        long id = GROUP_SALT;
        long hash = GROUP_SALT;
        for (MutationRequest request : requests) {
            OperationId op = request.operationId();
            if (op == null || op.clientKey() != clientKey) {
                return null;
            }
            id = mix(id ^ op.id());
            hash = mix(hash ^ op.requestHash());
        }
        return new OperationId(id, hash, clientKey);
    }

    /**
     * The states after each operation when all are increments/decrements that apply unclamped and none
     * is remembered on its own; null otherwise. Pure: nothing is notified or stored here.
     */
    private static Counter[] coalescible(CounterId id, Counter current, List<MutationRequest> requests, long now) {
        if (current != null && anyRemembered(current.recentOps(), requests, now)) {
            return null;
        }
        Counter[] chain = new Counter[requests.size()];
        Counter state = current;
        for (int i = 0; i < chain.length; i++) {
            MutationRequest request = requests.get(i);
            if (!(request.operation() instanceof CounterOperation.Increment
                    || request.operation() instanceof CounterOperation.Decrement) || request.expectedVersion() != null) {
                return null;
            }
            Transition decided = CounterRules.decide(id, state, request, now);
            MutationOutcome outcome = decided.result().outcome();
            boolean plain = outcome == MutationOutcome.UPDATED || (outcome == MutationOutcome.CREATED && i == 0);
            if (decided.newState() == null || decided.result().clamped() || !plain) {
                return null;
            }
            state = decided.newState();
            chain[i] = state;
        }
        return chain;
    }

    private static Applied coalesced(CounterId id, Counter current, List<MutationRequest> requests, Counter[] chain,
                                     OperationId groupId, long now, int member, boolean mayBeResent,
                                     CounterTransitionHook hook, CounterChangeListener listener) {
        BatchResults.Builder results = BatchResults.builder(chain.length);
        MutationOutcome first = current == null ? MutationOutcome.CREATED : MutationOutcome.UPDATED;
        Counter before = current;
        for (int i = 0; i < chain.length; i++) {
            Counter decided = chain[i];
            if (before != null && (before.alertDisarmed() != decided.alertDisarmed() || before.outbox() != decided.outbox())) {
                decided = decided.withAlertStateOf(before); // the hook changed the alert state of the previous step
            }
            Counter after = hook.amend(id, before, decided, now);
            listener.onChange(new CounterChange(id, requests.get(i).operation().kind(), before, after, now));
            results.add(i == 0 ? first : MutationOutcome.UPDATED, after, false, null, false);
            before = after;
        }
        if (!groupId.clientKey() && !mayBeResent) {
            return new Applied(results.build(), before, true); // nothing will send it again: no id to remember
        }
        IdempotencyPolicy policy = requests.get(0).idempotency();
        long ttl = groupId.clientKey() ? policy.clientKeyTtlMillis() : policy.serverIdTtlMillis();
        RecordedOp group = new RecordedOp(groupId.id(), groupId.requestHash(), now + ttl, groupId.clientKey(), first,
                false, before.value(), before.version(), before.updatedAt(), null, member);
        Counter stored = before.withRecentOps(RecentOps.record(before.recentOps(), group, now, policy));
        return new Applied(results.build(), stored, true);
    }

    /** Each operation with its own id, exactly like a single {@link CounterMutationProcessor}. */
    private static Applied oneByOne(CounterId id, Counter current, List<MutationRequest> requests, long now, int member,
                                    boolean mayBeResent, CounterTransitionHook hook, CounterChangeListener listener) {
        BatchResults.Builder results = BatchResults.builder(requests.size());
        Counter state = current;
        boolean changed = false;
        for (MutationRequest request : requests) {
            Transition transition = CounterRules.apply(id, state, request, now, member, mayBeResent);
            results.add(transition.result());
            if (!transition.writes()) {
                continue;
            }
            Counter before = state;
            state = transition.remove() ? null : hook.amend(id, before, transition.newState().withAlertStateOf(before), now);
            changed = true;
            if (transition.result().changedState()) {
                listener.onChange(new CounterChange(id, request.operation().kind(), before, state, now));
            }
        }
        return new Applied(results.build(), state, changed);
    }

    /** The first answers again: the final value minus the later amounts, versions counting back. */
    private static BatchResults replay(Counter current, RecordedOp group, OperationId groupId,
                                       List<MutationRequest> requests) {
        int n = requests.size();
        BatchResults.Builder results = BatchResults.builder(n);
        if (group.requestHash() != groupId.requestHash()) {
            for (int i = 0; i < n; i++) {
                results.add(MutationOutcome.KEY_REUSED, current, false, CounterRules.KEY_REUSED_DETAIL, false);
            }
            return results.build();
        }
        long[] values = new long[n];
        long value = group.value();
        for (int i = n - 1; i >= 0; i--) {
            values[i] = value;
            value -= delta(requests.get(i).operation());
        }
        for (int i = 0; i < n; i++) {
            Counter then = BatchResults.at(current, values[i], group.version() - (n - 1 - i), group.updatedAt());
            results.add(i == 0 ? group.outcome() : MutationOutcome.UPDATED, then, false, null, true);
        }
        return results.build();
    }

    private static long delta(CounterOperation operation) {
        if (operation instanceof CounterOperation.Increment inc) {
            return inc.by();
        }
        if (operation instanceof CounterOperation.Decrement dec) {
            return -dec.by();
        }
        throw new IllegalStateException("a coalesced group holds only increments and decrements, not " + operation.kind());
    }

    private static boolean anyRemembered(List<RecordedOp> remembered, List<MutationRequest> requests, long now) {
        if (remembered.isEmpty()) {
            return false;
        }
        if (remembered.size() * (long) requests.size() <= 512) {
            for (MutationRequest request : requests) {
                if (request.operationId() != null && RecentOps.find(remembered, request.operationId().id(), now) != null) {
                    return true;
                }
            }
            return false;
        }
        java.util.Set<Long> ids = new java.util.HashSet<>(remembered.size() * 2);
        for (RecordedOp op : remembered) {
            if (op.expiresAt() > now) {
                ids.add(op.id());
            }
        }
        for (MutationRequest request : requests) {
            if (request.operationId() != null && ids.contains(request.operationId().id())) {
                return true;
            }
        }
        return false;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole id. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
