package dev.countd.api.alert;

import com.hazelcast.map.IMap;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.alert.AlertRegistry;
import dev.countd.core.alert.AlertRule;
import dev.countd.core.alert.Delivery;
import dev.countd.core.alert.DeliveryAttempt;
import dev.countd.core.alert.PruneOutboxProcessor;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers crossing events from the durable {@code alert_events} table. Each member polls for due
 * events, claims each attempt with a conditional update (so members sharing one database never send
 * the same attempt at once), and sends it on its own bounded pool: a slow or dead receiver never
 * touches counter updates. It also prunes confirmed events from their counter entries' outbox.
 * At-least-once: an attempt whose result is not recorded (crash) is retried after the claim expires.
 */
public final class WebhookDispatcher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int PRUNE_BATCH = 500;
    private static final long PENDING_REFRESH_MILLIS = 5_000;

    private final AlertEventStore events;
    private final AlertRegistry rules;
    private final IMap<String, Counter> counters;
    private final WebhookSender sender;
    private final DeliverySettings settings;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final String member;
    private final Supplier<Set<String>> liveMembers;
    private final Semaphore slots;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private long pendingRefreshedAt;

    public WebhookDispatcher(AlertEventStore events, AlertRegistry rules, IMap<String, Counter> counters,
                             WebhookSender sender, DeliverySettings settings, WebhookMetrics metrics, Clock clock,
                             String member, Supplier<Set<String>> liveMembers) {
        this.member = member;
        this.liveMembers = liveMembers;
        this.events = events;
        this.rules = rules;
        this.counters = counters;
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.slots = new Semaphore(settings.threads());
    }

    @Override
    public void start() {
        releaseOrphanedClaims();
        senders = Executors.newFixedThreadPool(settings.threads(), daemon("webhook-sender"));
        poller = Executors.newSingleThreadScheduledExecutor(daemon("webhook-poller"));
        poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        // No interrupts: they would close the embedded database's file channel under a running JDBC call.
        // In-flight attempts end within the request timeout; an attempt still running after that is retried
        // by the next start or another member (its claim is released or expires).
        poller.shutdown();
        senders.shutdown();
        if (!poller.awaitTermination(settings.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS)
                || !senders.awaitTermination(settings.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
            LOG.warn("webhook delivery did not stop in time; unfinished attempts will be retried");
        }
    }

    void poll() {
        try {
            dispatchDue(); // first: a slow prune (calls wait for a partition that has no owner yet) must not hold deliveries
            pruneEntries();
            long now = clock.millis();
            if (now - pendingRefreshedAt >= PENDING_REFRESH_MILLIS) {
                releaseOrphanedClaims();
                metrics.pending(events.pendingCount());
                pendingRefreshedAt = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch round failed, retrying next round: {}", e.toString());
        }
    }

    private void releaseOrphanedClaims() {
        int released = events.releaseClaimsExcept(liveMembers.get());
        if (released > 0) {
            LOG.info("released {} webhook attempts claimed by members that left the cluster", released);
        }
    }

    /** Events are in the table (durable), so their copies in the counter entries can go. */
    private void pruneEntries() {
        List<Delivery> stored = events.inEntries(PRUNE_BATCH);
        if (stored.isEmpty()) {
            return;
        }
        Map<String, Set<String>> byCounter = new HashMap<>();
        for (Delivery d : stored) {
            byCounter.computeIfAbsent(new CounterId(d.namespace(), d.counter()).key(), k -> new HashSet<>()).add(d.id());
        }
        // One synchronous call per counter on this background thread. Not submitToKey: every async IMap future
        // completes through Hazelcast's default async executor, which on two cores starts a thread per call.
        Set<String> pruned = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Map.Entry<String, Set<String>> counter : byCounter.entrySet()) {
            if (System.nanoTime() - deadline > 0) {
                break; // the rest waits for the next round
            }
            try {
                counters.executeOnKey(counter.getKey(), new PruneOutboxProcessor(counter.getValue()));
                pruned.addAll(counter.getValue());
            } catch (RuntimeException e) {
                LOG.debug("pruning an outbox entry incomplete: {}", e.toString());
            }
        }
        events.markPruned(Set.copyOf(pruned));
    }

    private void dispatchDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        long now = clock.millis();
        for (Delivery delivery : events.due(now, free)) {
            if (!slots.tryAcquire()) {
                return;
            }
            if (!events.claim(delivery.id(), member, now + settings.claimTimeout().toMillis(), now)) {
                slots.release();
                continue;
            }
            try {
                senders.execute(() -> {
                    try {
                        attempt(delivery);
                    } catch (RuntimeException e) {
                        LOG.warn("webhook attempt for event {} failed to record: {}", delivery.id(), e.toString());
                    } finally {
                        slots.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                slots.release(); // stopping; the claim expires and another round or member takes it
                return;
            }
        }
    }

    void attempt(Delivery delivery) {
        AlertRule rule = rules.find(delivery.event().ruleId()).orElse(null);
        if (rule == null) {
            events.cancel(delivery.id(), "the alert rule was deleted");
            metrics.delivery("cancelled");
            return;
        }
        if (!rule.enabled()) {
            events.cancel(delivery.id(), "the alert rule is disabled"
                    + (rule.disabledReason() == null ? "" : ": " + rule.disabledReason()));
            metrics.delivery("cancelled");
            return;
        }
        long started = clock.millis();
        WebhookSender.Outcome outcome = sender.send(rule, delivery);
        DeliveryAttempt attempt = new DeliveryAttempt(started, outcome.statusCode(), outcome.latencyMillis(), outcome.error());
        if (outcome.success()) {
            events.recordAttempt(delivery.id(), attempt, Delivery.DELIVERED, started);
            metrics.delivery("success");
            if (rule.failingSince() != null) {
                rules.update(rule.id(), r -> r.withFailingSince(null));
            }
            return;
        }
        if (outcome.statusCode() != null && outcome.statusCode() == 410) {
            events.recordAttempt(delivery.id(), attempt, Delivery.FAILED, started);
            metrics.delivery("gone");
            disable(rule, "the receiver answered 410 Gone at " + Instant.ofEpochMilli(started));
            return;
        }
        // The endpoint has been failing since this event became due (or earlier), so the endpoint's window
        // never ends after the event's: an event abandoned after the whole window also disables the rule.
        long failingSince = rule.failingSince() == null ? Math.min(started, delivery.windowStart()) : rule.failingSince();
        if (rule.failingSince() == null) {
            rules.update(rule.id(), r -> r.failingSince() == null ? r.withFailingSince(failingSince) : r);
        }
        long window = settings.giveUpAfter().toMillis();
        if (started - failingSince >= window) {
            events.recordAttempt(delivery.id(), attempt, Delivery.FAILED, started);
            metrics.delivery("gave_up");
            disable(rule, "the endpoint has been failing since " + Instant.ofEpochMilli(failingSince)
                    + " (" + settings.giveUpAfter() + ")");
        } else if (started - delivery.windowStart() >= window) {
            events.recordAttempt(delivery.id(), attempt, Delivery.FAILED, started);
            metrics.delivery("gave_up");
        } else {
            long next = started + settings.backoffMillis(delivery.attempts() + 1, ThreadLocalRandom.current().nextDouble());
            events.recordAttempt(delivery.id(), attempt, Delivery.PENDING, next);
            metrics.delivery("failure");
        }
    }

    private void disable(AlertRule rule, String reason) {
        long now = clock.millis();
        rules.update(rule.id(), r -> r.enabled() ? r.withEnabled(false, reason, now) : r);
        LOG.warn("alert rule {} disabled: {}", rule.id(), reason);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
