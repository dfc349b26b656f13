package dev.countd.api.apikey;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapKeyTest {

    private static final Pattern PRINTED_KEY = Pattern.compile("ck_[a-z0-9]{12}_[A-Za-z0-9]{40}");

    @Test
    void malformedBootstrapKeyRefusesToStartAndSaysWhy() {
        DropwizardAppExtension<CounterConfiguration> app = TestApps.app(TestApps.freshDataDir(),
                "bootstrap-" + UUID.randomUUID(), "ck_Admin_tooshort", ConfigOverride.config("logging.level", "WARN"));
        try {
            assertThatThrownBy(app::before)
                    .hasStackTraceContaining("COUNTER_BOOTSTRAP_API_KEY")
                    .hasStackTraceContaining("keyId 8-16 characters of [a-z0-9]")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("tooshort"));
        } finally {
            app.after();
        }
    }

    @Test
    void withoutBootstrapKeyOneIsGeneratedPrintedOnceAndKeptAcrossRestarts() throws Exception {
        Path data = TestApps.freshDataDir();
        String firstOutput = startCapturingStdout(data, app -> {
            String key = onlyKeyIn(app.output);
            assertThat(Http.anonymous(app.port).withKey(key).get("/api-keys").send().status()).isEqualTo(200);
            app.remember(key);
        });
        String key = onlyKeyIn(firstOutput);
        String secondOutput = startCapturingStdout(data, app ->
                assertThat(Http.anonymous(app.port).withKey(key).get("/counters").send().status()).isEqualTo(200));
        assertThat(PRINTED_KEY.matcher(secondOutput).find()).as("printed only on first start").isFalse();
    }

    private interface Check {
        void run(Started app) throws Exception;
    }

    private static final class Started {
        final int port;
        final String output;

        Started(int port, String output) {
            this.port = port;
            this.output = output;
        }

        void remember(String key) {
            assertThat(key).isNotBlank();
        }
    }

    private static String startCapturingStdout(Path data, Check check) throws Exception {
        DropwizardAppExtension<CounterConfiguration> app = TestApps.app(data, "bootstrap-" + UUID.randomUUID(), "",
                ConfigOverride.config("logging.level", "WARN"));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            app.before();
        } finally {
            System.setOut(original);
        }
        try {
            String output = captured.toString(StandardCharsets.UTF_8);
            check.run(new Started(app.getLocalPort(), output));
            return output;
        } finally {
            app.after();
        }
    }

    private static String onlyKeyIn(String output) {
        Matcher m = PRINTED_KEY.matcher(output);
        assertThat(m.find()).as("a generated key on stdout").isTrue();
        String key = m.group();
        assertThat(m.find()).as("printed once").isFalse();
        return key;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
