package dev.countd.core.alert.bench;

import dev.countd.core.alert.AlertDirection;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.AlertRuleIndex;
import dev.countd.core.alert.ThresholdDetector;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.OverflowPolicy;

import java.util.Map;

/**
 * Prints the cost the threshold detector adds to one counter change on the partition thread, for 0, 10 and
 * 100 rules in the counter's namespace (none of them crossing). Run:
 * {@code java -cp counter-core/target/classes:counter-core/target/test-classes:$(cat cp.txt) dev.countd.core.alert.bench.ThresholdDetectorBench}
 */
public final class ThresholdDetectorBench {

    public static void main(String[] args) {
        for (int rules : new int[] {0, 10, 100}) {
            AlertRuleIndex index = new AlertRuleIndex();
            for (int i = 0; i < rules; i++) {
                index.put(new AlertRule("al" + i, "bench", i % 2 == 0 ? "orders.*" : "page.views." + i, 1_000_000_000L + i,
                        AlertDirection.BOTH, "https://hooks.example.com/x", i % 3, true, null, "whsec_x", 0, 0, null));
            }
            ThresholdDetector detector = new ThresholdDetector(index);
            CounterId id = new CounterId("bench", "orders.paid");
            Counter before = new Counter("bench", "orders.paid", 0, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 0, "",
                    Map.of(), 0, 0);
            long sink = 0;
            int n = 5_000_000;
            for (int round = 0; round < 3; round++) {
                long started = System.nanoTime();
                Counter state = before;
                for (int i = 0; i < n; i++) {
                    Counter next = new Counter("bench", "orders.paid", state.value() + 1, 0, Long.MAX_VALUE, 0,
                            OverflowPolicy.REJECT, state.version() + 1, "", Map.of(), 0, i);
                    state = detector.amend(id, state, next, i);
                }
                sink += state.value();
                long nanos = System.nanoTime() - started;
                if (round == 2) {
                    System.out.printf("rules=%3d  %6.1f ns per change (incl. building the new state)%n", rules, (double) nanos / n);
                }
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }
}
