package dev.countd.api.problem;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A write reached a member that sees fewer members than {@code cluster.minimumClusterSize}: it is
 * cut off from the majority (or the cluster is too small), so it refuses to change counters that
 * the majority may be changing too. The client should retry, ideally through another node.
 */
public class ClusterMinorityExceptionMapper implements ExceptionMapper<SplitBrainProtectionException> {

    public static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(SplitBrainProtectionException exception) {
        return Problem.of(503, "cluster-minority", "this node is cut off from the majority of the cluster and accepts "
                        + "no counter changes; retry later or through another node")
                .toResponseBuilder().header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
