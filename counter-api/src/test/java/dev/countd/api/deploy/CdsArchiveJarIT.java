package dev.countd.api.deploy;

import org.junit.jupiter.api.Assumptions;
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
 * The class archives (AppCDS): the one {@code package} trains beside the jar for the README's start command, and the
 * image's, trained by {@code docker/cds-train.sh} as the Dockerfile runs it. A JVM that insists on an archive
 * ({@code -Xshare:on} refuses to start otherwise) maps countd's own classes from it. Launches the shaded jar, so it
 * runs after {@code package} (failsafe).
 */
class CdsArchiveJarIT {

    private static final Path JAR = Path.of(System.getProperty("countd.jar", "target/counter-api.jar")).toAbsolutePath();
    private static final Path BUILD_ARCHIVE = JAR.resolveSibling("counter-api.jsa");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** The script needs sh, as the image has: in CI its absence fails, elsewhere it skips with a hint. */
    static void requireShell() {
        boolean present = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "sh")));
        if (!present) {
            String hint = "docker/cds-train.sh needs sh";
            if (System.getenv("CI") != null) {
                throw new AssertionError(hint);
            }
            Assumptions.assumeTrue(false, hint);
        }
    }

    /**
     * The README's command, run from the checkout's root, names the jar by a relative path; the archive was trained on
     * its absolute one.
     */
    @Test
    void theBuildsArchiveIsMappedByTheReadmesStartCommand() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("cds.skip"), "built with -Dcds.skip=true: no class archive");
        assertThat(BUILD_ARCHIVE).as("package trains it").exists();
        Path workingDir = JAR.getParent().getParent().getParent();
        Run check = run(List.of(JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + workingDir.relativize(BUILD_ARCHIVE),
                "-Xlog:class+load=info", "-jar", workingDir.relativize(JAR).toString(), "check"), workingDir, Map.of(), 120);
        // exit 0 is the check's verdict (an invalid configuration exits 1). Its "Configuration is OK" line is not:
        // it goes through logback's asynchronous console appender, and a loaded machine ended the JVM before the
        // line was written (CI, 2026-11-27).
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("dev.countd.api.CounterApplication source: shared objects file (top)");
    }

    @Test
    void trainingWritesAnArchiveThatAStartOfTheSameJarMaps() throws Exception {
        requireShell();
        Path archive = dir.resolve("countd.jsa");
        // the JVM flags the image trains and runs with, so a change to them that disables the archive fails here
        String imageFlags = imageJavaToolOptions();
        Run training = run(List.of("sh", DOCKER.resolve("cds-train.sh").toString(), JAR.toString(), archive.toString()),
                dir, Map.of("JAVA", JAVA, "JAVA_TOOL_OPTIONS", imageFlags), 240);
        assertThat(training.exit()).as(training.output()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(10_000_000L);

        Run check = run(List.of(JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
                "-jar", JAR.toString(), "check"), dir, Map.of("JAVA_TOOL_OPTIONS", imageFlags), 120);
        assertThat(check.exit()).as(check.output()).isZero(); // the check's verdict, as above
        assertThat(check.output()).contains("dev.countd.api.CounterApplication source: shared objects file (top)");
    }

    @Test
    void refusesARelativeJarPath() throws Exception {
        requireShell();
        Run training = run(List.of("sh", DOCKER.resolve("cds-train.sh").toString(), "target/counter-api.jar",
                dir.resolve("countd.jsa").toString()), dir, Map.of("JAVA", JAVA), 30);
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

    private record Run(int exit, String output) {
    }

    private Run run(List<String> command, Path workingDir, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
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
