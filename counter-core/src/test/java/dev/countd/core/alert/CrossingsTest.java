package dev.countd.core.alert;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CrossingsTest {

    private static AlertRule rule(long threshold, AlertDirection direction, long hysteresis) {
        return new AlertRule("r1", "default", "c", threshold, direction, "https://example.com", hysteresis, true, null,
                "whsec_x", 0, 0, null);
    }

    @Test
    void upFiresWhenTheValueReachesTheThresholdFromBelow() {
        Set<String> disarmed = new HashSet<>();
        assertThat(Crossings.evaluate(rule(10, AlertDirection.UP, 0), 9, 10, disarmed)).containsExactly("UP");
        assertThat(Crossings.evaluate(rule(10, AlertDirection.UP, 0), 10, 11, disarmed)).isEmpty();
        assertThat(Crossings.evaluate(rule(10, AlertDirection.UP, 0), 0, 1_000, disarmed)).containsExactly("UP");
        assertThat(Crossings.evaluate(rule(10, AlertDirection.UP, 0), 11, 9, disarmed)).isEmpty();
    }

    @Test
    void downFiresWhenTheValueFallsBelowTheThresholdFromAtOrAbove() {
        Set<String> disarmed = new HashSet<>();
        assertThat(Crossings.evaluate(rule(10, AlertDirection.DOWN, 0), 10, 9, disarmed)).containsExactly("DOWN");
        assertThat(Crossings.evaluate(rule(10, AlertDirection.DOWN, 0), 11, 10, disarmed)).isEmpty();
        assertThat(Crossings.evaluate(rule(10, AlertDirection.DOWN, 0), 9, 10, disarmed)).isEmpty();
    }

    @Test
    void bothReportsEachWay() {
        Set<String> disarmed = new HashSet<>();
        assertThat(Crossings.evaluate(rule(10, AlertDirection.BOTH, 0), 9, 10, disarmed)).containsExactly("UP");
        assertThat(Crossings.evaluate(rule(10, AlertDirection.BOTH, 0), 10, 9, disarmed)).containsExactly("DOWN");
    }

    @Test
    void hysteresisDisarmsUntilTheValueLeavesTheBand() {
        AlertRule rule = rule(10, AlertDirection.UP, 3);
        Set<String> disarmed = new HashSet<>();
        assertThat(Crossings.evaluate(rule, 9, 10, disarmed)).containsExactly("UP");
        assertThat(disarmed).containsExactly("r1:UP");
        assertThat(Crossings.evaluate(rule, 10, 7, disarmed)).isEmpty();       // 7 is not below 10 - 3
        assertThat(Crossings.evaluate(rule, 7, 10, disarmed)).isEmpty();
        assertThat(Crossings.evaluate(rule, 10, 6, disarmed)).isEmpty();       // re-armed
        assertThat(disarmed).isEmpty();
        assertThat(Crossings.evaluate(rule, 6, 12, disarmed)).containsExactly("UP");
    }

    @Test
    void fiftyOscillationsCrossFiftyTimesWithoutHysteresisAndOnceWithIt() {
        int plain = 0;
        int damped = 0;
        Set<String> plainState = new HashSet<>();
        Set<String> dampedState = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            for (long[] step : List.of(new long[] {9, 10}, new long[] {10, 9})) {
                plain += Crossings.evaluate(rule(10, AlertDirection.UP, 0), step[0], step[1], plainState).size();
                damped += Crossings.evaluate(rule(10, AlertDirection.UP, 2), step[0], step[1], dampedState).size();
            }
        }
        assertThat(plain).isEqualTo(50);
        assertThat(damped).isEqualTo(1);
    }

    @Test
    void bandsAtTheEdgesOfTheLongRangeDoNotOverflow() {
        Set<String> disarmed = new HashSet<>(Set.of("r1:UP", "r1:DOWN"));
        assertThat(Crossings.evaluate(rule(Long.MIN_VALUE + 1, AlertDirection.UP, Long.MAX_VALUE), 5, Long.MIN_VALUE, disarmed))
                .isEmpty();
        assertThat(disarmed).contains("r1:UP");
        assertThat(Crossings.evaluate(rule(Long.MAX_VALUE - 1, AlertDirection.DOWN, Long.MAX_VALUE), 5, Long.MAX_VALUE, disarmed))
                .isEmpty();
        assertThat(disarmed).contains("r1:DOWN");
    }

    @Test
    void globsMatchAnyRunOfCharacters() {
        AlertRule glob = new AlertRule("r1", "default", "orders.*", 1, AlertDirection.UP, "https://e.com", 0, true, null,
                "whsec_x", 0, 0, null);
        assertThat(glob.matches("default", "orders.paid")).isTrue();
        assertThat(glob.matches("default", "orders.")).isTrue();
        assertThat(glob.matches("default", "ordersXpaid")).isFalse();
        assertThat(glob.matches("other", "orders.paid")).isFalse();
        AlertRule exact = new AlertRule("r2", "default", "a.b", 1, AlertDirection.UP, "https://e.com", 0, true, null,
                "whsec_x", 0, 0, null);
        assertThat(exact.matches("default", "a.b")).isTrue();
        assertThat(exact.matches("default", "aXb")).isFalse();
    }
}
