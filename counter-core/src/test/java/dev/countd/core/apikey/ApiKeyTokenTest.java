package dev.countd.core.apikey;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTokenTest {

    private static final String SECRET = "abcdefghijABCDEFGHIJ0123456789abcdefghij";

    @Test
    void generatedKeysHaveTheDocumentedShapeAndParseBack() {
        ApiKeyToken token = ApiKeyToken.generate(new SecureRandom());
        assertThat(token.value()).matches("ck_[a-z0-9]{12}_[A-Za-z0-9]{40}");
        assertThat(ApiKeyToken.parse(token.value())).contains(token);
    }

    @Test
    void twoGeneratedKeysDiffer() {
        SecureRandom random = new SecureRandom();
        assertThat(ApiKeyToken.generate(random).value()).isNotEqualTo(ApiKeyToken.generate(random).value());
    }

    @Test
    void parseSplitsIdAndSecret() {
        ApiKeyToken token = ApiKeyToken.parse("ck_abc12345_" + SECRET).orElseThrow();
        assertThat(token.keyId()).isEqualTo("abc12345");
        assertThat(token.secret()).isEqualTo(SECRET);
    }

    @Test
    void parseRefusesEveryMalformedShape() {
        assertThat(ApiKeyToken.parse(null)).isEmpty();
        assertThat(ApiKeyToken.parse("")).isEmpty();
        assertThat(ApiKeyToken.parse("ck_short_" + SECRET)).as("id under 8").isEmpty();
        assertThat(ApiKeyToken.parse("ck_ABC12345_" + SECRET)).as("upper-case id").isEmpty();
        assertThat(ApiKeyToken.parse("ck_abc12345_" + SECRET.substring(0, 31))).as("secret under 32").isEmpty();
        assertThat(ApiKeyToken.parse("ck_abc12345_" + SECRET + SECRET)).as("secret over 64").isEmpty();
        assertThat(ApiKeyToken.parse("ck_abc12345_" + SECRET.replace('a', '-'))).as("non-base62 secret").isEmpty();
        assertThat(ApiKeyToken.parse("xk_abc12345_" + SECRET)).as("prefix").isEmpty();
    }

    @Test
    void matchesOnlyTheHashOfItsOwnSecret() {
        ApiKeyToken token = ApiKeyToken.parse("ck_abc12345_" + SECRET).orElseThrow();
        ApiKeyToken other = ApiKeyToken.parse("ck_abc12345_" + SECRET.replace('j', 'k')).orElseThrow();
        assertThat(token.matches(token.secretSha256())).isTrue();
        assertThat(other.matches(token.secretSha256())).isFalse();
        assertThat(token.secretSha256()).hasSize(64).doesNotContain(SECRET);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        ApiKeyToken token = ApiKeyToken.parse("ck_abc12345_" + SECRET).orElseThrow();
        assertThat(token.toString()).contains("abc12345").doesNotContain(SECRET);
        assertThat(new CreatedApiKey(sampleKey(token), token).toString()).doesNotContain(SECRET);
    }

    @Test
    void constructorRefusesAMalformedPair() {
        assertThatThrownBy(() -> new ApiKeyToken("abc", SECRET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ck_<keyId>_<secret>");
    }

    private static ApiKey sampleKey(ApiKeyToken token) {
        return new ApiKey(token.keyId(), "k", "default", Scope.all(), null, null, token.secretSha256(),
                java.time.Instant.EPOCH, null, null, null);
    }
}
