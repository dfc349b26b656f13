package dev.countd.core.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryBucketTest {

    @Test
    void aChangeDownCountsItsMagnitudeAsDecrement() {
        HistoryBucket bucket = HistoryBucket.ofChange(0, 10, 4, 2, 1);
        assertThat(bucket.increments()).isZero();
        assertThat(bucket.decrements()).isEqualTo(6);
        assertThat(bucket.value()).isEqualTo(4);
    }

    @Test
    void mergingKeepsTheValueOfTheHigherVersionWhateverTheOrder() {
        HistoryBucket older = HistoryBucket.ofChange(0, 0, 3, 1, 100);
        HistoryBucket newer = HistoryBucket.ofChange(0, 3, 8, 2, 50);
        assertThat(older.merge(newer).value()).isEqualTo(8);
        assertThat(newer.merge(older).value()).isEqualTo(8);
        assertThat(newer.merge(older).increments()).isEqualTo(8);
    }

    @Test
    void sumsSaturateInsteadOfOverflowing() {
        HistoryBucket fromMinToMax = HistoryBucket.ofChange(0, Long.MIN_VALUE, Long.MAX_VALUE, 1, 1);
        assertThat(fromMinToMax.increments()).isEqualTo(Long.MAX_VALUE);
        assertThat(fromMinToMax.merge(HistoryBucket.ofChange(0, 0, 1, 2, 2)).increments()).isEqualTo(Long.MAX_VALUE);
    }
}
