package dev.countd.admin.overview;

import dev.countd.admin.chart.ChartPoint;
import dev.countd.core.counter.CounterChange;
import dev.countd.core.counter.CounterChangeListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the counter changes this member applies (it is one of the member's change listeners, so
 * it runs on partition threads and only adds to a {@link LongAdder}) and keeps, in memory, one
 * sample per {@link #sample} call: the operations per second since the previous sample.
 */
public final class OperationRate implements CounterChangeListener {

    private final LongAdder applied = new LongAdder();
    private final int keep;
    private final Deque<ChartPoint> samples = new ArrayDeque<>();
    private long lastTotal;
    private long lastAt = -1;

    /** @param keep how many samples to keep (e.g. 30 samples every 10 s: the last 5 minutes) */
    public OperationRate(int keep) {
        this.keep = keep;
    }

    @Override
    public void onChange(CounterChange change) {
        applied.increment();
    }

    public long total() {
        return applied.sum();
    }

    /** Takes a sample at {@code now} (epoch ms): the rate since the previous one. */
    public synchronized void sample(long now) {
        long total = applied.sum();
        if (lastAt >= 0 && now > lastAt) {
            samples.addLast(new ChartPoint(lastAt, (total - lastTotal) * 1000.0 / (now - lastAt)));
            while (samples.size() > keep) {
                samples.removeFirst();
            }
        }
        lastTotal = total;
        lastAt = now;
    }

    /** Samples, oldest first; each covers the time from its {@code t} to the next sample. */
    public synchronized List<ChartPoint> samples() {
        return new ArrayList<>(samples);
    }
}
