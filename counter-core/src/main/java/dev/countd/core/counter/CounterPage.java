package dev.countd.core.counter;

import java.util.List;

/** @param nextCursor opaque; null on the last page */
public record CounterPage(List<Counter> items, String nextCursor) {
    public CounterPage {
        items = List.copyOf(items);
    }
}
