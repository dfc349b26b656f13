package dev.countd.core.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import com.hazelcast.spi.merge.MergingEntry;
import com.hazelcast.spi.merge.MergingValue;
import dev.countd.core.counter.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How counters heal after a split brain. Hazelcast merges the smaller side into the larger one:
 * {@code existing} is the larger (majority) side's entry, {@code merging} the smaller side's.
 * The majority's state always wins, so no increment the majority acknowledged is ever lost.
 * A counter only the minority knows (created there during the split) is kept.
 * <p>
 * The price: changes the minority acknowledged before it noticed it was the minority (before
 * split-brain protection closed it for writes) are discarded when the majority also holds the
 * counter. Picking the higher version instead would be worse: the minority may have made more
 * changes than the majority while seeing fewer of the real increments, and then the majority's
 * acknowledged increments would vanish. Every discarded minority state is logged as a warning so
 * an operator can reconcile it. A counter the majority deleted during the split comes back with
 * the minority's state (the majority has no entry left to prefer).
 * <p>
 * Needs only the values (not per-entry statistics, which the map leaves off).
 * Stateless; serialised (empty) with the merge operations Hazelcast sends between members.
 */
public final class CounterMergePolicy implements SplitBrainMergePolicy<Counter, MergingValue<Counter>, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CounterMergePolicy.class);

    @Override
    public Object merge(MergingValue<Counter> merging, MergingValue<Counter> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        Counter kept = existing.getValue();
        Counter discarded = merging.getValue();
        if (discarded != null && kept != null
                && (discarded.version() != kept.version() || discarded.value() != kept.value())) {
            // map values do not carry their identity (see Counter); the merging entry knows its key
            Object key = merging instanceof MergingEntry<?, ?> entry ? entry.getKey() : "?";
            LOG.warn("split-brain merge kept the majority's state of counter {} (value {}, version {}) and discarded "
                            + "the minority's (value {}, version {})", key, kept.value(),
                    kept.version(), discarded.value(), discarded.version());
        }
        return existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // stateless
    }

    @Override
    public void readData(ObjectDataInput in) {
        // stateless
    }
}
