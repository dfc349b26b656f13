package dev.countd.api.counter;

/** Optional body of increment and decrement: {@code {"by": n}}. */
public record AmountBody(Long by) {
}
