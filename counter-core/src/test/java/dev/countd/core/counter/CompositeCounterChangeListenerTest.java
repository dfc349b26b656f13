package dev.countd.core.counter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeCounterChangeListenerTest {

    @Test
    void everyListenerSeesTheChangeInOrder() {
        List<String> seen = new ArrayList<>();
        CounterChangeListener composite = CompositeCounterChangeListener.of(List.of(
                change -> seen.add("first " + change.operation()), change -> seen.add("second " + change.operation())));

        composite.onChange(new CounterChange(new CounterId("default", "a"), "increment", null, null, 0));

        assertThat(seen).containsExactly("first increment", "second increment");
    }
}
