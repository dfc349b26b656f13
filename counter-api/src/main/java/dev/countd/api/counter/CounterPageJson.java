package dev.countd.api.counter;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. */
public record CounterPageJson(List<CounterJson> items, String nextCursor) {
}
