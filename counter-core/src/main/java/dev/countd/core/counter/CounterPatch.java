package dev.countd.core.counter;

import java.util.Map;

/**
 * The fields a create-or-update request sets; {@code null} means "keep the current value"
 * (or the server default when the counter is created).
 */
public record CounterPatch(
        Long value,
        Long min,
        Long max,
        Long initial,
        OverflowPolicy overflow,
        String description,
        Map<String, String> labels) {

    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_LABELS = 64;
    public static final int MAX_LABEL_KEY_LENGTH = 64;
    public static final int MAX_LABEL_VALUE_LENGTH = 256;

    public CounterPatch {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new CounterValidationException("invalid-field",
                    "description is " + description.length() + " characters long; the limit is " + MAX_DESCRIPTION_LENGTH);
        }
        if (labels != null) {
            labels = Map.copyOf(validLabels(labels));
        }
    }

    public static CounterPatch setValue(long value) {
        return new CounterPatch(value, null, null, null, null, null, null);
    }

    private static Map<String, String> validLabels(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            throw new CounterValidationException("invalid-field",
                    "a counter has at most " + MAX_LABELS + " labels; got " + labels.size());
        }
        labels.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_LABEL_KEY_LENGTH
                    || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
                throw new CounterValidationException("invalid-field",
                        "label keys are 1-" + MAX_LABEL_KEY_LENGTH + " characters of letters, digits, '.', '_' and '-'");
            }
            if (value == null || value.length() > MAX_LABEL_VALUE_LENGTH) {
                throw new CounterValidationException("invalid-field",
                        "label '" + key + "' needs a string value of at most " + MAX_LABEL_VALUE_LENGTH + " characters");
            }
        });
        return labels;
    }
}
