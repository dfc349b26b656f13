package dev.countd.core.counter;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written checks accept exactly the languages of DESIGN.md's patterns. */
class CounterIdTest {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String ALPHABET = "aZ09._:-/ éA\u0000-_zq";

    @Test
    void namesAndNamespacesAreAcceptedExactlyWhenThePatternsMatch() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(n % 100 == 0 ? 260 : 8);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = text.toString();
            assertThat(accepts(() -> CounterId.requireValidName(candidate))).as(candidate)
                    .isEqualTo(NAME.matcher(candidate).matches());
            assertThat(CounterId.isValidNamespace(candidate)).as(candidate).isEqualTo(NAMESPACE.matcher(candidate).matches());
        }
    }

    @Test
    void refusalsKeepTheirPreciseDetail() {
        assertThatThrownBy(() -> new CounterId("default", "-bad")).hasMessageContaining("must start with a letter or digit");
        assertThatThrownBy(() -> new CounterId("default", "a".repeat(201))).hasMessageContaining("201 characters long");
        assertThatThrownBy(() -> new CounterId("Default", "ok")).hasMessageContaining("namespace must be 1-63 characters");
        assertThat(new CounterId("t-1", "Orders_2024:eu.west-1").key()).isEqualTo("t-1/Orders_2024:eu.west-1");
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (CounterValidationException refused) {
            return false;
        }
    }
}
