package dev.countd.admin.counter;

import dev.countd.admin.chart.Chart;
import dev.countd.admin.chart.SvgCharts;
import dev.countd.admin.overview.OverviewData;
import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.ErrorPage;
import dev.countd.admin.web.Forms;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPage;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.CounterValidationException;
import dev.countd.core.counter.MutationResult;
import dev.countd.core.counter.OverflowPolicy;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code /admin/counters}: search, create, and one counter's page with its chart and the forms
 * that change it. Every change goes through {@link CounterService}, so the dashboard obeys the same
 * rules as the API; a refusal comes back as a message on the page.
 */
@Path("/admin/counters")
public final class CounterAdminResource {

    static final int PAGE_SIZE = 25;
    static final long CHART_MINUTES = 60;

    private final AdminGuard guard;
    private final CounterService counters;
    private final OverviewData overview;
    private final HistorySource history;
    private final Clock clock;

    public CounterAdminResource(AdminGuard guard, CounterService counters, OverviewData overview, HistorySource history,
                                Clock clock) {
        this.guard = guard;
        this.counters = counters;
        this.overview = overview;
        this.history = history;
        this.clock = clock;
    }

    @GET
    public Response list(@Context HttpHeaders headers, @QueryParam("namespace") String namespace,
                         @QueryParam("prefix") String prefix, @QueryParam("cursor") String cursor) {
        Admin admin = guard.require(headers);
        String ns = Forms.blank(namespace) ? "default" : namespace.trim();
        String pre = prefix == null ? "" : prefix.trim();
        TreeSet<String> namespaces = new TreeSet<>(overview.countersPerNamespace().keySet());
        namespaces.add("default");
        var chrome = guard.chrome(admin, "Counters", "counters");
        CounterPage page;
        try {
            page = counters.list(ns, pre, PAGE_SIZE, Forms.blank(cursor) ? null : cursor);
        } catch (CounterValidationException e) {
            page = new CounterPage(List.of(), null);
            chrome = chrome.withMessage("error", e.getMessage());
        }
        if (CounterId.isValidNamespace(ns)) {
            namespaces.add(ns);
        }
        return guard.page("counters", new CounterPages.ListPage(chrome, List.copyOf(namespaces), ns, pre,
                page.items().stream().map(CounterPages.Row::of).toList(), page.nextCursor(), Forms.blank(cursor)));
    }

    @POST
    public Response create(@Context HttpHeaders headers, @FormParam("_csrf") String csrf,
                           @FormParam("namespace") String namespace, @FormParam("name") String name,
                           @FormParam("initial") String initial, @FormParam("min") String min, @FormParam("max") String max,
                           @FormParam("overflow") String overflow, @FormParam("description") String description,
                           @FormParam("labels") String labels) {
        Admin admin = guard.requirePost(headers, csrf);
        String back = UriBuilder.fromPath("/admin/counters").queryParam("namespace", namespace == null ? "default" : namespace)
                .build().toString();
        try {
            CounterId id = new CounterId(namespace == null ? "" : namespace.trim(), name == null ? "" : name.trim());
            if (counters.get(id).isPresent()) {
                return guard.done(admin, back, "error", "A counter named '" + id.name() + "' already exists in namespace "
                        + id.namespace() + ".");
            }
            Long start = Forms.optionalNumber("initial value", initial);
            CounterPatch patch = new CounterPatch(start, Forms.optionalNumber("min", min), Forms.optionalNumber("max", max),
                    start, overflow(overflow), Forms.blank(description) ? null : description, Forms.labels(labels));
            MutationResult result = counters.mutate(id, new CounterOperation.Upsert(patch), null);
            if (!result.changedState()) {
                return guard.done(admin, back, "error", Outcomes.message(result));
            }
            return guard.done(admin, counterPath(id), "ok", "Counter '" + id.name() + "' created.");
        } catch (IllegalArgumentException | CounterValidationException e) {
            return guard.done(admin, back, "error", e.getMessage());
        }
    }

    @GET
    @Path("/{namespace}/{name}")
    public Response counter(@Context HttpHeaders headers, @PathParam("namespace") String namespace,
                            @PathParam("name") String name) {
        Admin admin = guard.require(headers);
        Optional<Counter> found = find(namespace, name);
        if (found.isEmpty()) {
            return notFound(admin, namespace, name);
        }
        Counter counter = found.get();
        long now = clock.millis();
        long to = (now / 60_000 + 1) * 60_000;
        long from = to - CHART_MINUTES * 60_000;
        Chart chart = history.minutes(counter.id(), from, to)
                .map(points -> SvgCharts.line("history", "Value of " + counter.name() + " over the last hour", points,
                        from, to, "value"))
                .orElse(null);
        return guard.page("counter", new CounterPages.CounterPage(guard.chrome(admin, counter.name(), "counters"),
                CounterPages.Details.of(counter), chart));
    }

    @POST
    @Path("/{namespace}/{name}/increment")
    public Response increment(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("namespace") String namespace,
                              @PathParam("name") String name, @FormParam("by") String by) {
        return change(headers, csrf, namespace, name, () -> new CounterOperation.Increment(Forms.amount(by)), "Incremented");
    }

    @POST
    @Path("/{namespace}/{name}/decrement")
    public Response decrement(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("namespace") String namespace,
                              @PathParam("name") String name, @FormParam("by") String by) {
        return change(headers, csrf, namespace, name, () -> new CounterOperation.Decrement(Forms.amount(by)), "Decremented");
    }

    @POST
    @Path("/{namespace}/{name}/set")
    public Response set(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("namespace") String namespace,
                        @PathParam("name") String name, @FormParam("value") String value) {
        return change(headers, csrf, namespace, name,
                () -> new CounterOperation.Upsert(CounterPatch.setValue(Forms.wholeNumber("value", value))), "Set");
    }

    @POST
    @Path("/{namespace}/{name}/reset")
    public Response reset(@Context HttpHeaders headers, @FormParam("_csrf") String csrf, @PathParam("namespace") String namespace,
                          @PathParam("name") String name) {
        return change(headers, csrf, namespace, name, CounterOperation.Reset::new, "Reset");
    }

    @POST
    @Path("/{namespace}/{name}/settings")
    public Response settings(@Context HttpHeaders headers, @FormParam("_csrf") String csrf,
                             @PathParam("namespace") String namespace, @PathParam("name") String name,
                             @FormParam("min") String min, @FormParam("max") String max, @FormParam("initial") String initial,
                             @FormParam("overflow") String overflow, @FormParam("description") String description,
                             @FormParam("labels") String labels) {
        return change(headers, csrf, namespace, name, () -> new CounterOperation.Upsert(new CounterPatch(null,
                Forms.wholeNumber("min", min), Forms.wholeNumber("max", max), Forms.wholeNumber("initial", initial),
                overflow(overflow), description == null ? "" : description, Forms.labels(labels))), "Saved");
    }

    @GET
    @Path("/{namespace}/{name}/delete")
    public Response confirmDelete(@Context HttpHeaders headers, @PathParam("namespace") String namespace,
                                  @PathParam("name") String name) {
        Admin admin = guard.require(headers);
        Optional<Counter> found = find(namespace, name);
        if (found.isEmpty()) {
            return notFound(admin, namespace, name);
        }
        return guard.page("counter-delete", new CounterPages.DeletePage(guard.chrome(admin, "Delete " + name, "counters"),
                CounterPages.Details.of(found.get())));
    }

    @POST
    @Path("/{namespace}/{name}/delete")
    public Response delete(@Context HttpHeaders headers, @FormParam("_csrf") String csrf,
                           @PathParam("namespace") String namespace, @PathParam("name") String name) {
        Admin admin = guard.requirePost(headers, csrf);
        String list = UriBuilder.fromPath("/admin/counters").queryParam("namespace", namespace).build().toString();
        try {
            MutationResult result = counters.mutate(new CounterId(namespace, name), new CounterOperation.Delete(), null);
            return result.changedState() ? guard.done(admin, list, "ok", "Counter '" + name + "' deleted.")
                    : guard.done(admin, list, "error", Outcomes.message(result));
        } catch (CounterValidationException e) {
            return guard.done(admin, list, "error", e.getMessage());
        }
    }

    private Response change(HttpHeaders headers, String csrf, String namespace, String name,
                            Supplier<CounterOperation> operation, String verb) {
        Admin admin = guard.requirePost(headers, csrf);
        try {
            CounterId id = new CounterId(namespace, name);
            if (counters.get(id).isEmpty()) {
                return notFound(admin, namespace, name);
            }
            MutationResult result = counters.mutate(id, operation.get(), null);
            String message = result.changedState() ? Outcomes.applied(verb, result) : Outcomes.message(result);
            return guard.done(admin, counterPath(id), result.changedState() ? "ok" : "error", message);
        } catch (IllegalArgumentException | CounterValidationException e) {
            return guard.done(admin, counterPath(namespace, name), "error", e.getMessage());
        }
    }

    private Optional<Counter> find(String namespace, String name) {
        try {
            return counters.get(new CounterId(namespace, name));
        } catch (CounterValidationException e) {
            return Optional.empty();
        }
    }

    private Response notFound(Admin admin, String namespace, String name) {
        return guard.page(404, "error", new ErrorPage(guard.chrome(admin, "Counter not found", "counters"),
                "Counter not found", "There is no counter '" + name + "' in namespace " + namespace + ".",
                "/admin/counters", "Back to the counters"));
    }

    private static OverflowPolicy overflow(String text) {
        if (Forms.blank(text)) {
            return null;
        }
        try {
            return OverflowPolicy.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("overflow must be REJECT or CLAMP");
        }
    }

    static String counterPath(CounterId id) {
        return counterPath(id.namespace(), id.name());
    }

    static String counterPath(String namespace, String name) {
        return UriBuilder.fromPath("/admin/counters/{namespace}/{name}").build(namespace, name).toString();
    }

}
