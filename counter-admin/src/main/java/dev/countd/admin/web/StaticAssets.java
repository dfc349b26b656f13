package dev.countd.admin.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The dashboard's one stylesheet, served from the jar (no CDN). */
@Path("/admin/static")
public final class StaticAssets {

    private final byte[] stylesheet;

    public StaticAssets() {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/dev/countd/admin/static/admin.css")) {
            if (in == null) {
                throw new IllegalStateException("admin.css missing from the jar");
            }
            stylesheet = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/admin.css")
    @Produces("text/css; charset=utf-8")
    public Response stylesheet() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(stylesheet).cacheControl(cache).build();
    }
}
