package dev.countd.core.counter;

/** What an increment or decrement does when its result would leave [min, max]. */
public enum OverflowPolicy {
    /** Leave the value unchanged and report {@link MutationOutcome#BOUND_EXCEEDED}. */
    REJECT,
    /** Set the value to the bound it would have crossed and report the result as clamped. */
    CLAMP
}
