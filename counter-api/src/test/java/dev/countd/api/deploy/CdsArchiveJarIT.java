package dev.countd.api.deploy;

import dev.countd.core.testing.FreePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.countd.api.deploy.DeploymentFiles.DOCKER;
import static dev.countd.api.deploy.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's AppCDS step, run here as the Dockerfile runs it: {@code docker/cds-train.sh} trains on the shaded jar,
 * and a JVM that insists on the archive ({@code -Xshare:on} refuses to start otherwise) maps countd's own classes
 * from it. Launches the shaded jar, so it runs after {@code package} (failsafe).
 */
class CdsArchiveJarIT {

    private static final Path JAR = Path.of(System.getProperty("countd.jar", "target/counter-api.jar")).toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** The script needs sh and curl, as the image has: in CI their absence fails, elsewhere it skips with a hint. */
    @BeforeAll
    static void requireShellAndCurl() {
        boolean present = Stream.of("sh", "curl").allMatch(tool -> Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, tool))));
        if (!present) {
            String hint = "docker/cds-train.sh needs sh and curl: install curl (apt-get install -y curl)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(hint);
            }
            Assumptions.assumeTrue(false, hint);
        }
    }

    @Test
    void trainingWritesAnArchiveThatAStartOfTheSameJarMaps() throws Exception {
        Path archive = dir.resolve("countd.jsa");
        // the JVM flags the image trains and runs with, so a change to them that disables the archive fails here
        String imageFlags = imageJavaToolOptions();
        Run training = run(List.of("sh", DOCKER.resolve("cds-train.sh").toString(), JAR.toString(), archive.toString()),
                Map.of("JAVA", JAVA, "JAVA_TOOL_OPTIONS", imageFlags, "CDS_TRAIN_PORT", port(),
                        "CDS_TRAIN_ADMIN_PORT", port(), "CDS_TRAIN_HAZELCAST_PORT", port()), 240);
        assertThat(training.exit()).as(training.output()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(10_000_000L);

        Run check = run(List.of(JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
                "-jar", JAR.toString(), "check"), Map.of("JAVA_TOOL_OPTIONS", imageFlags), 120);
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output())
                .contains("dev.countd.api.CounterApplication source: shared objects file (top)")
                .contains("Configuration is OK");
    }

    @Test
    void refusesARelativeJarPath() throws Exception {
        Run training = run(List.of("sh", DOCKER.resolve("cds-train.sh").toString(), "target/counter-api.jar",
                dir.resolve("countd.jsa").toString()), Map.of("JAVA", JAVA), 30);
        assertThat(training.exit()).isEqualTo(2);
        assertThat(training.output()).contains("absolute path");
        assertThat(dir.resolve("countd.jsa")).doesNotExist();
    }

    /** The runtime stage's first JAVA_TOOL_OPTIONS: the flags in force while the image trains the archive. */
    private static String imageJavaToolOptions() {
        Matcher flags = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"$]+)\"").matcher(read(DOCKER.resolve("Dockerfile")));
        assertThat(flags.find()).as("ENV JAVA_TOOL_OPTIONS in the Dockerfile").isTrue();
        return flags.group(1);
    }

    private static String port() {
        return Integer.toString(FreePorts.next());
    }

    private record Run(int exit, String output) {
    }

    private Run run(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
