package dev.countd.admin.counter;

import dev.countd.admin.chart.SvgCharts;
import dev.countd.core.counter.MutationResult;

/** Page messages for mutation results: the same explanations the API gives in its problems. */
final class Outcomes {

    private Outcomes() {
    }

    static String applied(String verb, MutationResult result) {
        String value = result.counter() == null ? "" : ": the value is now " + SvgCharts.format(result.counter().value());
        return verb + value + (result.clamped() ? " (clamped to the bound)" : "") + ".";
    }

    static String message(MutationResult result) {
        String detail = result.detail();
        return switch (result.outcome()) {
            case NOT_FOUND -> "The counter does not exist (any more).";
            case BOUND_EXCEEDED -> "Refused, nothing changed: " + (detail == null ? "the result would leave the counter's bounds" : detail) + ".";
            case INVALID_VALUE -> "Refused, nothing changed: " + (detail == null ? "the value lies outside the bounds" : detail) + ".";
            case BOUNDS_CONFLICT -> "Refused, nothing changed: " + (detail == null ? "the new bounds exclude the current value" : detail) + ".";
            case VERSION_MISMATCH -> "The counter changed meanwhile; reload and try again.";
            case KEY_REUSED -> "Refused: " + (detail == null ? "operation id reused" : detail) + ".";
            default -> detail == null ? "Done." : detail;
        };
    }
}
