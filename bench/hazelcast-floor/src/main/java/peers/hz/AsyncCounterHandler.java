package peers.hz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The two POST routes as a Jetty core handler that does not wait: it submits the entry processor and
 * returns; the partition thread that ran it writes the response (Jetty's core write never blocks its
 * caller: a full socket buffer completes the callback later, from the selector). This measures what the
 * hand-off costs when the request thread does not park on the result. Anything else goes on to the servlets.
 */
final class AsyncCounterHandler extends Handler.Wrapper {
    private static final String PREFIX = "/counters/";
    private final IMap<String, Long> counters;
    private final ObjectMapper json;

    private final SerializationService serialization;

    /** @param serialization non-null: skip the public API's delegating future (its completion hops to the common pool) */
    AsyncCounterHandler(IMap<String, Long> counters, ObjectMapper json, SerializationService serialization) {
        this.counters = counters;
        this.json = json;
        this.serialization = serialization;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        int slash = path.lastIndexOf('/');
        long delta = !"POST".equals(request.getMethod()) || !path.startsWith(PREFIX) || slash <= PREFIX.length() ? 0
                : switch (path.substring(slash)) {
                    case "/increment" -> 1;
                    case "/decrement" -> -1;
                    default -> 0;
                };
        if (delta == 0) {
            return super.handle(request, response, callback);
        }
        String name = path.substring(PREFIX.length(), slash);
        CompletionStage<Long> result = serialization == null ? counters.submitToKey(name, new CounterResource.Add(delta))
                : ((MapProxyImpl<String, Long>) counters).executeOnKeyInternal(name, new CounterResource.Add(delta))
                        .thenApplyAsync(data -> (Long) serialization.toObject(data), Runnable::run);
        result.whenCompleteAsync((value, failure) -> {
                    if (failure != null) {
                        Response.writeError(request, response, callback, failure);
                        return;
                    }
                    try {
                        byte[] body = json.writeValueAsBytes(Map.of("value", value));
                        response.setStatus(200);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                        response.write(true, ByteBuffer.wrap(body), callback);
                    } catch (Exception e) {
                        Response.writeError(request, response, callback, e);
                    }
                }, Runnable::run);
        return true;
    }
}
