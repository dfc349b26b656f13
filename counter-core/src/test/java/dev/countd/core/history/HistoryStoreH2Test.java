package dev.countd.core.history;

import dev.countd.core.counter.CounterValidationException;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryStoreH2Test extends HistoryStoreContract {

    @TempDir
    Path dir;
    private Jdbi jdbi;

    @Override
    Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = EmbeddedStore.h2(dir);
        }
        return jdbi;
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Test
    void aRangeWithMoreBucketsThanTheLimitIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> history.query(ID, HistoryStep.MINUTE, T0, T0 + 8 * DAY, false))
                .isInstanceOf(CounterValidationException.class)
                .hasMessageContaining("11520 buckets of 1m").hasMessageContaining("the limit is 10080");
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> history.query(ID, HistoryStep.HOUR, T0 + HOUR, T0, false))
                .isInstanceOf(CounterValidationException.class).hasMessageContaining("must be before to");
    }
}
