package dev.countd.core.counter;

/**
 * A request that can never succeed as written (bad name, bad amount, impossible bounds).
 * {@code problem} is the stable problem name the edges turn into a problem type URI.
 */
public class CounterValidationException extends RuntimeException {
    private final String problem;

    public CounterValidationException(String problem, String detail) {
        super(detail, null, false, false);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }
}
