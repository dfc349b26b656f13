package dev.countd.core.counter;

import java.util.List;

/** Several listeners behind the one user-context slot, called in order. Each must not throw. */
public record CompositeCounterChangeListener(List<CounterChangeListener> listeners) implements CounterChangeListener {

    public CompositeCounterChangeListener {
        listeners = List.copyOf(listeners);
    }

    public static CounterChangeListener of(List<CounterChangeListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> NONE;
            case 1 -> listeners.get(0);
            default -> new CompositeCounterChangeListener(listeners);
        };
    }

    @Override
    public void onChange(CounterChange change) {
        for (CounterChangeListener listener : listeners) {
            listener.onChange(change);
        }
    }
}
