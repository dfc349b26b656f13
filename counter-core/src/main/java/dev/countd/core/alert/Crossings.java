package dev.countd.core.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The crossing semantics as one pure function. UP fires when {@code old < T <= new}, DOWN when
 * {@code old >= T > new}. With hysteresis h &gt; 0 a direction that fired is disarmed (remembered in the
 * counter entry) until the value has gone back beyond the band: below T - h for UP, to T + h or above for DOWN.
 */
public final class Crossings {

    private Crossings() {
    }

    public static String upKey(String ruleId) {
        return ruleId + ":UP";
    }

    public static String downKey(String ruleId) {
        return ruleId + ":DOWN";
    }

    /**
     * @param disarmed the counter's disarmed keys; updated in place for this rule
     * @return the directions that fired ({@code UP}, {@code DOWN}), at most one since a change goes one way
     */
    public static List<String> evaluate(AlertRule rule, long oldValue, long newValue, Set<String> disarmed) {
        List<String> fired = new ArrayList<>(1);
        long t = rule.threshold();
        long h = rule.hysteresis();
        if (rule.direction().watchesUp()) {
            String key = upKey(rule.id());
            boolean crossed = oldValue < t && t <= newValue;
            if (crossed && !disarmed.contains(key)) {
                fired.add("UP");
                if (h > 0) {
                    disarmed.add(key);
                }
            } else if (!crossed && disarmed.contains(key) && belowBand(newValue, t, h)) {
                disarmed.remove(key);
            }
        }
        if (rule.direction().watchesDown()) {
            String key = downKey(rule.id());
            boolean crossed = oldValue >= t && t > newValue;
            if (crossed && !disarmed.contains(key)) {
                fired.add("DOWN");
                if (h > 0) {
                    disarmed.add(key);
                }
            } else if (!crossed && disarmed.contains(key) && aboveBand(newValue, t, h)) {
                disarmed.remove(key);
            }
        }
        return fired;
    }

    /** value &lt; t - h, without overflow. */
    static boolean belowBand(long value, long t, long h) {
        long limit = t - h;
        boolean overflowed = ((t ^ h) & (t ^ limit)) < 0;
        return !overflowed && value < limit;
    }

    /** value &gt;= t + h, without overflow. */
    static boolean aboveBand(long value, long t, long h) {
        long limit = t + h;
        boolean overflowed = ((t ^ limit) & (h ^ limit)) < 0;
        return !overflowed && value >= limit;
    }
}
