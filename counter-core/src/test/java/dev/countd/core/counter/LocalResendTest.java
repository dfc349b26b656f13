package dev.countd.core.counter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a caller on the owner must still remember its server id: see {@link LocalResend}. */
class LocalResendTest {

    @Test
    void aMemberThatHasNeverHadOthersCannotBeMergedSoNothingIsSentAgain() {
        LocalResend resend = new LocalResend(1);
        assertThat(resend.possible(1)).isFalse();
        assertThat(resend.possible(1)).isFalse();
    }

    @Test
    void oncePartOfAnUnprotectedClusterAMemberAlwaysRemembersEvenWhenItSeesOnlyItself() {
        LocalResend resend = new LocalResend(1);
        assertThat(resend.possible(3)).isTrue();
        // a merge first shrinks the member list to the member itself, and only then resets its invocations
        assertThat(resend.possible(1)).isTrue();
    }

    @Test
    void aStrictMajorityOfTheLargestClusterSeenKeepsMinoritiesFromWriting() {
        LocalResend twoOfThree = new LocalResend(2);
        assertThat(twoOfThree.possible(2)).isFalse();
        assertThat(twoOfThree.possible(3)).isFalse();
        assertThat(twoOfThree.possible(1)).isFalse();
        // scaled to four without raising the minimum: a 2|2 split writes on both sides
        assertThat(twoOfThree.possible(4)).isTrue();
        assertThat(twoOfThree.possible(3)).isTrue();

        LocalResend threeOfFive = new LocalResend(3);
        assertThat(threeOfFive.possible(5)).isFalse();
        assertThat(threeOfFive.possible(6)).isTrue();
    }
}
