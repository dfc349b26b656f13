package dev.countd.admin.web;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;

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
    }

    /** @param page a view record; every text in it is escaped on output */
    public String render(String template, Object page) {
        Context context = new Context();
        context.setVariable("page", page);
        return engine.process(template, context);
    }
}
