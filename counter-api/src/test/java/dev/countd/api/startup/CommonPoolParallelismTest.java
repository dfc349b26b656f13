package dev.countd.api.startup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommonPoolParallelismTest {

    @Test
    void oneOrTwoCoresGetTwoThreads() {
        assertThat(CommonPoolParallelism.toSet(null, 1)).hasValue(2);
        assertThat(CommonPoolParallelism.toSet(null, 2)).hasValue(2);
    }

    @Test
    void threeCoresAndMoreKeepTheJvmDefault() {
        assertThat(CommonPoolParallelism.toSet(null, 3)).isEmpty();
        assertThat(CommonPoolParallelism.toSet(null, 64)).isEmpty();
    }

    @Test
    void anOperatorsOwnSettingIsKept() {
        assertThat(CommonPoolParallelism.toSet("1", 2)).isEmpty();
        assertThat(CommonPoolParallelism.toSet("8", 1)).isEmpty();
    }
}
