package dev.countd.core.counter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random operation sequences against a reference model that computes with unbounded integers,
 * including bounds and amounts near the 64-bit limits.
 */
class CounterRulesProperties {

    private static final CounterId ID = new CounterId("default", "prop");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /** The model: plain fields, BigInteger arithmetic, no cleverness. */
    static final class Model {
        boolean exists;
        BigInteger value = BigInteger.ZERO;
        long min;
        long max = Long.MAX_VALUE;
        long initial;
        OverflowPolicy overflow = OverflowPolicy.REJECT;
        long version;
    }

    record Step(String kind, long amount, Long newMin, Long newMax, OverflowPolicy overflow) {
    }

    @Property(tries = 400)
    void rulesAgreeWithTheUnboundedModel(@ForAll("sequences") List<Step> steps) {
        Counter current = null;
        Model model = new Model();
        long now = 1_000;
        for (Step step : steps) {
            MutationRequest request = new MutationRequest(operation(step), null, true, CounterDefaults.STANDARD);
            CounterRules.Transition transition = CounterRules.apply(ID, current, request, ++now);
            MutationOutcome expected = applyToModel(model, step);
            assertThat(transition.result().outcome()).as("outcome of %s", step).isEqualTo(expected);
            if (transition.remove()) {
                current = null;
            } else if (transition.newState() != null) {
                current = transition.newState();
            }
            assertThat(current != null).as("exists after %s", step).isEqualTo(model.exists);
            if (current != null) {
                assertThat(BigInteger.valueOf(current.value())).as("value after %s", step).isEqualTo(model.value);
                assertThat(current.value()).isBetween(current.min(), current.max());
                assertThat(current.version()).as("version after %s", step).isEqualTo(model.version);
            }
        }
    }

    private static CounterOperation operation(Step step) {
        return switch (step.kind()) {
            case "inc" -> new CounterOperation.Increment(step.amount());
            case "dec" -> new CounterOperation.Decrement(step.amount());
            case "reset" -> new CounterOperation.Reset();
            case "delete" -> new CounterOperation.Delete();
            case "set" -> new CounterOperation.Upsert(CounterPatch.setValue(step.amount()));
            case "bounds" -> new CounterOperation.Upsert(new CounterPatch(null, step.newMin(), step.newMax(), null,
                    step.overflow(), null, null));
            default -> throw new IllegalArgumentException(step.kind());
        };
    }

    private static MutationOutcome applyToModel(Model m, Step step) {
        switch (step.kind()) {
            case "inc", "dec" -> {
                MutationOutcome outcome = MutationOutcome.UPDATED;
                if (!m.exists) {
                    m.exists = true;
                    m.value = BigInteger.ZERO;
                    m.min = 0;
                    m.max = Long.MAX_VALUE;
                    m.initial = 0;
                    m.overflow = OverflowPolicy.REJECT;
                    m.version = 0;
                    outcome = MutationOutcome.CREATED;
                }
                BigInteger delta = BigInteger.valueOf(step.amount());
                BigInteger target = step.kind().equals("inc") ? m.value.add(delta) : m.value.subtract(delta);
                BigInteger min = BigInteger.valueOf(m.min);
                BigInteger max = BigInteger.valueOf(m.max);
                if (target.compareTo(min) >= 0 && target.compareTo(max) <= 0) {
                    m.value = target;
                    m.version++;
                    return outcome;
                }
                if (m.overflow == OverflowPolicy.REJECT) {
                    if (outcome == MutationOutcome.CREATED) {
                        m.exists = false;
                    }
                    return MutationOutcome.BOUND_EXCEEDED;
                }
                BigInteger bound = target.compareTo(max) > 0 ? max : min;
                if (!bound.equals(m.value) || outcome == MutationOutcome.CREATED) {
                    m.value = bound;
                    m.version++;
                }
                return outcome;
            }
            case "reset" -> {
                if (!m.exists) {
                    return MutationOutcome.NOT_FOUND;
                }
                if (!m.value.equals(BigInteger.valueOf(m.initial))) {
                    m.value = BigInteger.valueOf(m.initial);
                    m.version++;
                }
                return MutationOutcome.UPDATED;
            }
            case "delete" -> {
                if (!m.exists) {
                    return MutationOutcome.NOT_FOUND;
                }
                m.exists = false;
                return MutationOutcome.DELETED;
            }
            case "set" -> {
                long min = m.exists ? m.min : 0;
                long max = m.exists ? m.max : Long.MAX_VALUE;
                if (step.amount() < min || step.amount() > max) {
                    return MutationOutcome.INVALID_VALUE;
                }
                if (!m.exists) {
                    m.exists = true;
                    m.min = 0;
                    m.max = Long.MAX_VALUE;
                    m.initial = 0;
                    m.overflow = OverflowPolicy.REJECT;
                    m.value = BigInteger.valueOf(step.amount());
                    m.version = 1;
                    return MutationOutcome.CREATED;
                }
                if (!m.value.equals(BigInteger.valueOf(step.amount()))) {
                    m.value = BigInteger.valueOf(step.amount());
                    m.version++;
                }
                return MutationOutcome.UPDATED;
            }
            case "bounds" -> {
                long min = step.newMin();
                long max = step.newMax();
                long initial = m.exists ? m.initial : 0;
                if (min > max || initial < min || initial > max) {
                    return MutationOutcome.INVALID_VALUE;
                }
                if (!m.exists) {
                    m.exists = true;
                    m.value = BigInteger.valueOf(initial);
                    m.initial = initial;
                    m.min = min;
                    m.max = max;
                    m.overflow = step.overflow();
                    m.version = 1;
                    return MutationOutcome.CREATED;
                }
                if (m.value.compareTo(BigInteger.valueOf(min)) < 0 || m.value.compareTo(BigInteger.valueOf(max)) > 0) {
                    return MutationOutcome.BOUNDS_CONFLICT;
                }
                boolean changed = m.min != min || m.max != max || m.overflow != step.overflow();
                m.min = min;
                m.max = max;
                m.overflow = step.overflow();
                if (changed) {
                    m.version++;
                }
                return MutationOutcome.UPDATED;
            }
            default -> throw new IllegalArgumentException(step.kind());
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 10),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62));
        Arbitrary<Long> anyValue = Arbitraries.oneOf(
                Arbitraries.longs().between(-20, 20),
                Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1));
        Arbitrary<Step> stepArb = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, amounts.map(a -> new Step("inc", a, null, null, null))),
                net.jqwik.api.Tuple.of(5, amounts.map(a -> new Step("dec", a, null, null, null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step("reset", 0, null, null, null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step("delete", 0, null, null, null))),
                net.jqwik.api.Tuple.of(2, anyValue.map(v -> new Step("set", v, null, null, null))),
                net.jqwik.api.Tuple.of(3, Combinators.combine(anyValue, anyValue, Arbitraries.of(OverflowPolicy.class))
                        .as((a, b, o) -> new Step("bounds", 0, Math.min(a, b), Math.max(a, b), o))));
        return stepArb.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void incrementNeverWrapsAroundThe64BitRange(@ForAll long start, @ForAll("positive") long by) {
        Counter counter = new Counter("default", "wrap", start, Long.MIN_VALUE, Long.MAX_VALUE, 0,
                OverflowPolicy.REJECT, 1, "", null, 0, 0);
        CounterRules.Transition t = CounterRules.apply(ID, counter,
                new MutationRequest(new CounterOperation.Increment(by), null, true, CounterDefaults.STANDARD), 1);
        BigInteger exact = BigInteger.valueOf(start).add(BigInteger.valueOf(by));
        if (exact.compareTo(LONG_MAX) > 0) {
            assertThat(t.result().outcome()).isEqualTo(MutationOutcome.BOUND_EXCEEDED);
            assertThat(t.newState()).isNull();
        } else {
            assertThat(BigInteger.valueOf(t.newState().value())).isEqualTo(exact);
        }
        CounterRules.Transition d = CounterRules.apply(ID, counter,
                new MutationRequest(new CounterOperation.Decrement(by), null, true, CounterDefaults.STANDARD), 1);
        BigInteger exactDown = BigInteger.valueOf(start).subtract(BigInteger.valueOf(by));
        if (exactDown.compareTo(LONG_MIN) < 0) {
            assertThat(d.result().outcome()).isEqualTo(MutationOutcome.BOUND_EXCEEDED);
        } else {
            assertThat(BigInteger.valueOf(d.newState().value())).isEqualTo(exactDown);
        }
    }

    @Provide
    Arbitrary<Long> positive() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(1L, Long.MAX_VALUE));
    }
}
