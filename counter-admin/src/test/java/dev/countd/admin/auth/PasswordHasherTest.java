package dev.countd.admin.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private static final String HASH = new PasswordHasher().hash("correct horse battery");

    @Test
    void theRightPasswordVerifies() {
        assertThat(PasswordHasher.verify("correct horse battery", HASH)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        assertThat(PasswordHasher.verify("correct horse batterx", HASH)).isFalse();
    }

    @Test
    void hashesUseAtLeast600000IterationsAndAFreshSaltPerHash() {
        String other = new PasswordHasher().hash("correct horse battery");
        assertThat(HASH).startsWith("pbkdf2-sha256$600000$");
        assertThat(other.split("\\$")[2]).isNotEqualTo(HASH.split("\\$")[2]);
        assertThat(other).isNotEqualTo(HASH);
    }

    @Test
    void fewerIterationsAreRefused() {
        assertThatThrownBy(() -> new PasswordHasher(100_000)).isInstanceOf(IllegalArgumentException.class);
        String weak = HASH.replace("$600000$", "$1000$");
        assertThat(PasswordHasher.verify("correct horse battery", weak)).isFalse();
        assertThat(PasswordHasher.isWellFormed(weak)).isFalse();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(PasswordHasher.verify("x", "plain")).isFalse();
        assertThat(PasswordHasher.verify("x", "pbkdf2-sha256$600000$!!$!!")).isFalse();
        assertThat(PasswordHasher.verify("x", null)).isFalse();
    }
}
