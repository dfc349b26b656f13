package dev.countd.admin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Under {@code /admin/}, an RFC 9457 problem from the application's exception mappers (unknown
 * page, wrong method, unexpected error with its error id) becomes an HTML page that shows its
 * title and detail: the operator reads a message, never JSON or a stack trace.
 */
public final class ProblemPages implements ContainerResponseFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pages pages;

    public ProblemPages(Pages pages) {
        this.pages = pages;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (!request.getUriInfo().getPath().startsWith("admin") || type == null
                || !type.getSubtype().equals("problem+json") || response.getEntity() == null) {
            return;
        }
        Map<?, ?> problem = JSON.convertValue(response.getEntity(), Map.class);
        String title = text(problem.get("title"), "Something went wrong");
        String detail = text(problem.get("detail"), "The request could not be completed.");
        response.setEntity(pages.render("error", new ErrorPage(Chrome.anonymous(title), title, detail, "/admin/",
                "Back to the overview")), null, MediaType.valueOf("text/html; charset=utf-8"));
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
