package peers.hz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.map.IMap;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The resource's two POST routes as one plain servlet in front of Jersey (what countd's lean path does for
 * the same routes): {@code /counters/{name}/increment} and {@code /decrement}, and {@code GET /counters/{name}}
 * (the servlet's mapping takes it from Jersey); anything else is a 404.
 */
public class LeanCounterServlet extends HttpServlet {
    private final IMap<String, Long> counters;
    private final ObjectMapper json;

    LeanCounterServlet(IMap<String, Long> counters, ObjectMapper json) {
        this.counters = counters;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Long value = path == null || path.length() < 2 || path.indexOf('/', 1) >= 0 ? null : counters.get(path.substring(1));
        if (value == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(Map.of("value", value), response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo(); // "/{name}/increment"
        int slash = path == null ? -1 : path.lastIndexOf('/');
        long delta = slash <= 1 ? 0 : switch (path.substring(slash)) {
            case "/increment" -> 1;
            case "/decrement" -> -1;
            default -> 0;
        };
        if (delta == 0) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(Map.of("value", counters.executeOnKey(path.substring(1, slash), new CounterResource.Add(delta))), response);
    }

    private void write(Map<String, Long> entity, HttpServletResponse response) throws IOException {
        byte[] body = json.writeValueAsBytes(entity);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
