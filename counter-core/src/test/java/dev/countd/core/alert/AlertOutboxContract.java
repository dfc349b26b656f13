package dev.countd.core.alert;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable outbox on every database: events commit with the counter row, once, and their delivery state evolves. */
abstract class AlertOutboxContract {

    abstract Jdbi jdbi();

    abstract SqlDialect dialect();

    private Counter counterWith(List<String> disarmed, List<AlertEvent> outbox) {
        return new Counter("tenant-a", "orders.paid", 12, 0, 100, 0, OverflowPolicy.REJECT, 3, "", Map.of(), 1, 2,
                List.of(), disarmed, outbox);
    }

    @Test
    void storingACounterCommitsItsOutboxEventsOnceEvenWhenStoredAgain() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        AlertEvent event = new AlertEvent("3f0b1c9e-0000-4000-8000-000000000001", "alrule1", 10, "UP", 9, 12, 1000);
        Counter counter = counterWith(List.of(), List.of(event));

        store.store(counter.id().key(), counter);
        store.store(counter.id().key(), counter);
        store.storeAll(Map.of(counter.id().key(), counter));

        List<Delivery> deliveries = new AlertEventStore(jdbi()).ofRule("alrule1", 10);
        assertThat(deliveries).hasSize(1);
        Delivery delivery = deliveries.get(0);
        assertThat(delivery.event()).isEqualTo(event);
        assertThat(delivery.namespace()).isEqualTo("tenant-a");
        assertThat(delivery.counter()).isEqualTo("orders.paid");
        assertThat(delivery.status()).isEqualTo(Delivery.PENDING);
        assertThat(store.load(counter.id().key()).outbox()).as("the row does not duplicate the events").isEmpty();
    }

    @Test
    void hysteresisStateRoundTripsThroughTheRow() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Counter counter = counterWith(List.of("alrule1:UP", "alrule2:DOWN"), List.of());

        store.store(counter.id().key(), counter);

        assertThat(store.load(counter.id().key())).isEqualTo(counter);
    }

    @Test
    void aDueEventIsClaimedByOneMemberAtATimeAndItsAttemptsAreLogged() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        AlertEvent event = new AlertEvent("3f0b1c9e-0000-4000-8000-000000000002", "alrule2", 10, "DOWN", 10, 9, 1000);
        Counter counter = counterWith(List.of(), List.of(event));
        store.store(counter.id().key(), counter);
        AlertEventStore events = new AlertEventStore(jdbi());

        assertThat(events.due(2000, 10)).extracting(Delivery::id).containsExactly(event.id());
        assertThat(events.claim(event.id(), "member-a", 5000, 2000)).isTrue();
        assertThat(events.claim(event.id(), "member-b", 5000, 2000)).isFalse();
        assertThat(events.due(2000, 10)).isEmpty();
        events.recordAttempt(event.id(), new DeliveryAttempt(2000, 500, 12, "HTTP 500"), Delivery.PENDING, 3000);
        assertThat(events.due(2500, 10)).isEmpty();
        assertThat(events.claim(event.id(), "member-b", 9000, 3000)).isTrue();
        events.recordAttempt(event.id(), new DeliveryAttempt(3000, 204, 8, null), Delivery.DELIVERED, 3000);

        Delivery delivered = events.find("alrule2", event.id()).orElseThrow();
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.deliveredAt()).isEqualTo(3000L);
        assertThat(events.attempts(event.id())).containsExactly(new DeliveryAttempt(2000, 500, 12, "HTTP 500"),
                new DeliveryAttempt(3000, 204, 8, null));
        assertThat(events.pendingCount()).isZero();
    }

    @Test
    void eventsStillInTheirEntryAreListedUntilMarkedPruned() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        AlertEvent event = new AlertEvent("3f0b1c9e-0000-4000-8000-000000000003", "alrule3", 1, "UP", 0, 1, 1000);
        store.store("tenant-a/orders.paid", counterWith(List.of(), List.of(event)));
        AlertEventStore events = new AlertEventStore(jdbi());

        assertThat(events.inEntries(10)).extracting(Delivery::id).containsExactly(event.id());
        events.markPruned(List.of(event.id()));
        assertThat(events.inEntries(10)).isEmpty();
    }
}
