package peers.hz;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The minimal Dropwizard peer's resource, over an IMap: each step is one entry processor on the counter's partition thread. */
@Path("/counters")
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {
    private final IMap<String, Long> counters;

    CounterResource(IMap<String, Long> counters) {
        this.counters = counters;
    }

    @POST
    @Path("{name}/increment")
    public Map<String, Long> increment(@PathParam("name") String name) {
        return Map.of("value", counters.executeOnKey(name, new Add(1)));
    }

    @POST
    @Path("{name}/decrement")
    public Map<String, Long> decrement(@PathParam("name") String name) {
        return Map.of("value", counters.executeOnKey(name, new Add(-1)));
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        Long value = counters.get(name);
        if (value == null) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "Counter not found")).build();
        }
        return Response.ok(Map.of("value", value)).build();
    }

    /** Adds {@code delta} to the counter (absent counts as 0) and returns the new value. */
    record Add(long delta) implements EntryProcessor<String, Long, Long> {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long value = (entry.getValue() == null ? 0 : entry.getValue()) + delta;
            entry.setValue(value);
            return value;
        }
    }
}
