package dev.countd.api.problem;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.countd.core.counter.CounterValidationException;
import jakarta.ws.rs.core.Response;

/**
 * The answer the registered exception mappers give for an exception, for the routes served
 * before Jersey ({@link dev.countd.api.counter.HotCounterRoutes}): the same mappers, picked by the
 * same most-specific-type rule, so both paths fail alike.
 */
public final class ExceptionResponses {

    private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();
    private static final CounterValidationExceptionMapper VALIDATION = new CounterValidationExceptionMapper();
    private static final ClusterMinorityExceptionMapper MINORITY = new ClusterMinorityExceptionMapper();
    private static final UnexpectedExceptionMapper UNEXPECTED = new UnexpectedExceptionMapper();

    private ExceptionResponses() {
    }

    public static Response of(RuntimeException failure) {
        if (failure instanceof ProblemException problem) {
            return PROBLEMS.toResponse(problem);
        }
        if (failure instanceof CounterValidationException invalid) {
            return VALIDATION.toResponse(invalid);
        }
        if (failure instanceof SplitBrainProtectionException minority) {
            return MINORITY.toResponse(minority);
        }
        return UNEXPECTED.toResponse(failure);
    }
}
