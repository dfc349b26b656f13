package dev.countd.core.cluster;

import com.hazelcast.spi.merge.MergingValue;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.OverflowPolicy;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CounterMergePolicyTest {

    private final CounterMergePolicy policy = new CounterMergePolicy();

    private static Counter counter(long value, long version) {
        return new Counter("default", "merged", value, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, version, "",
                Map.of(), 1L, 2L);
    }

    /** A merging value whose raw value is the counter itself (what Hazelcast hands over is opaque to the policy). */
    @SuppressWarnings("unchecked")
    private static MergingValue<Counter> entry(Counter counter) {
        return (MergingValue<Counter>) Proxy.newProxyInstance(MergingValue.class.getClassLoader(),
                new Class<?>[] {MergingValue.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getValue", "getDeserializedValue", "getRawValue" -> counter;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void majorityStateWinsEvenWhenTheMinorityHasAHigherVersion() {
        Counter majority = counter(11, 11);
        Counter minority = counter(12, 12);
        assertThat(policy.merge(entry(minority), entry(majority))).isSameAs(majority);
    }

    @Test
    void counterKnownOnlyToTheMinorityIsKept() {
        Counter minority = counter(3, 3);
        assertThat(policy.merge(entry(minority), null)).isSameAs(minority);
    }
}
