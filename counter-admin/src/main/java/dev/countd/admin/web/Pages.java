package dev.countd.admin.web;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the dashboard's Thymeleaf templates ({@code dev/countd/admin/templates/*.html} in the
 * jar). A template sees one variable, {@code page}: the view record that holds everything it shows,
 * since Thymeleaf 3.1 offers templates no request, session or {@code java.*} access. Thread-safe.
 */
public final class Pages {

    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("dev/countd/admin/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setLinkBuilder(new RootLinkBuilder());
    }

    /** {@code @{/admin/...}} links without a servlet context: the dashboard always lives at the server root. */
    static final class RootLinkBuilder extends StandardLinkBuilder {
        @Override
        protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
            return "";
        }
    }

    /** @param page a view record; every text in it is escaped on output */
    public String render(String template, Object page) {
        Context context = new Context();
        context.setVariable("page", page);
        return engine.process(template, context);
    }
}
