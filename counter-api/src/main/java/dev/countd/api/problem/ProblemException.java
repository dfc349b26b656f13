package dev.countd.api.problem;

/** Thrown by the edges to answer with a specific problem. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(int status, String name, String detail) {
        super(detail, null, false, false);
        this.problem = Problem.of(status, name, detail);
    }

    public Problem problem() {
        return problem;
    }
}
