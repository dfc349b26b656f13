package dev.countd.core.apikey;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written parser accepts exactly what the documented format (as a regex) accepts, and splits it the same way. */
class ApiKeyTokenFormatProperties {

    private static final Pattern DOCUMENTED = Pattern.compile("ck_([a-z0-9]{8,16})_([A-Za-z0-9]{32,64})");

    @Property(tries = 3000)
    void parseAgreesWithTheDocumentedFormat(@ForAll("nearlyKeys") String presented) {
        Matcher m = DOCUMENTED.matcher(presented);
        Optional<ApiKeyToken> parsed = ApiKeyToken.parse(presented);
        if (m.matches()) {
            assertThat(parsed).contains(new ApiKeyToken(m.group(1), m.group(2)));
        } else {
            assertThat(parsed).isEmpty();
        }
    }

    @net.jqwik.api.Example
    void theSamplesHoldBothValidAndInvalidKeys() {
        long valid = nearlyKeys().sampleStream().limit(2000).filter(k -> DOCUMENTED.matcher(k).matches()).count();
        assertThat(valid).isBetween(20L, 1980L);
    }

    /** Strings shaped like keys, with lengths around the limits and a few characters from outside the alphabets. */
    @Provide
    Arbitrary<String> nearlyKeys() {
        Arbitrary<String> prefix = Arbitraries.of("ck_", "ck_", "ck_", "ck", "CK_", "xk_", "");
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.strings().withChars("abcz09").ofMinLength(7).ofMaxLength(17),
                Arbitraries.strings().withChars("abcz09_A-/:`{@[").ofMinLength(0).ofMaxLength(18));
        Arbitrary<String> separator = Arbitraries.of("_", "_", "_", "", "-", "__");
        Arbitrary<String> secret = Arbitraries.oneOf(Arbitraries.strings().withChars("aZ09bYAz").ofMinLength(31).ofMaxLength(65),
                Arbitraries.strings().withChars("aZ09bYAz_-é/:@[`{").ofMinLength(0).ofMaxLength(66));
        return Combinators.combine(prefix, id, separator, secret).as((p, i, s, t) -> p + i + s + t);
    }
}
