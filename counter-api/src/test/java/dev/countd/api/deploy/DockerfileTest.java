package dev.countd.api.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.countd.api.deploy.DeploymentFiles.DOCKER;
import static dev.countd.api.deploy.DeploymentFiles.ROOT;
import static dev.countd.api.deploy.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image builds what CI builds. The rule: the Dockerfile's Maven command is CI's command
 * ({@code .ci/run}) with the phase {@code verify} cut back to {@code package} and {@code -DskipTests}
 * added (CI runs the tests; the image only needs the jar); nothing else may differ.
 */
class DockerfileTest {

    private static final String DOCKERFILE = read(DOCKER.resolve("Dockerfile"));

    private static List<String> mavenCommand(String text, String source) {
        for (String line : joinContinuations(text)) {
            Matcher m = Pattern.compile("(\\./mvnw\\s.*)$").matcher(line);
            if (m.find()) {
                return Arrays.asList(m.group(1).trim().split("\\s+"));
            }
        }
        throw new AssertionError("no ./mvnw command in " + source);
    }

    private static List<String> joinContinuations(String text) {
        return Arrays.asList(text.replace("\\\n", " ").split("\n"));
    }

    private static List<String> stage(int index) {
        List<String> stages = new ArrayList<>();
        StringBuilder current = null;
        for (String line : joinContinuations(DOCKERFILE)) {
            if (line.startsWith("FROM ")) {
                if (current != null) {
                    stages.add(current.toString());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        stages.add(current.toString());
        return Arrays.asList(stages.get(index).split("\n"));
    }

    @Test
    void buildStageRunsCisMavenCommandUpToPackageWithoutTestsOrTheBuildsClassArchive() {
        List<String> ci = mavenCommand(read(ROOT.resolve(".ci/run")), ".ci/run");
        List<String> image = mavenCommand(String.join("\n", stage(0)), "the Dockerfile's build stage");
        assertThat(ci).contains("verify");
        List<String> expected = new ArrayList<>(ci.stream().map(t -> t.equals("verify") ? "package" : t).toList());
        expected.add(expected.indexOf("package"), "-DskipTests");
        // the runtime stage trains the class archive on the image's own JDK
        expected.add(expected.indexOf("package"), "-Dcds.skip=true");
        assertThat(image).containsExactlyElementsOf(expected);
    }

    @Test
    void buildStageCopiesEveryModuleTheReactorBuilds() {
        String build = String.join("\n", stage(0));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        int count = 0;
        while (modules.find()) {
            count++;
            assertThat(build).contains("COPY " + modules.group(1) + "/pom.xml " + modules.group(1) + "/")
                    .contains("COPY " + modules.group(1) + "/src/ " + modules.group(1) + "/src/");
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
    }

    @Test
    void buildStageUsesMavenOnJava17AndTheRuntimeAJre() {
        assertThat(stage(0).get(0)).startsWith("FROM maven:3.9-eclipse-temurin-17 AS build");
        assertThat(stage(1).get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
    }

    @Test
    void runtimeCopiesTheShadedJarTheBuildProduces() {
        String finalName = extract(read(ROOT.resolve("counter-api/pom.xml")), "<finalName>([^<]+)</finalName>");
        assertThat(String.join("\n", stage(1))).contains("COPY --from=build /src/counter-api/target/" + finalName + ".jar ");
    }

    @Test
    void runtimeRunsAsANonRootUser() {
        String user = stage(1).stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user.substring(5).trim()).isNotIn("root", "0");
    }

    @Test
    void healthcheckProbesTheAdminPortItConfigures() {
        String runtime = String.join("\n", stage(1));
        assertThat(runtime).contains("COUNTER_ADMIN_PORT=" + DeploymentFiles.configVariables().get("COUNTER_ADMIN_PORT"));
        assertThat(runtime).contains("COUNTER_PORT=" + DeploymentFiles.configVariables().get("COUNTER_PORT"));
        assertThat(runtime).contains("COUNTER_HAZELCAST_PORT=" + DeploymentFiles.configVariables().get("COUNTER_HAZELCAST_PORT"));
        assertThat(runtime).containsPattern("HEALTHCHECK .*http://127\\.0\\.0\\.1:\\$\\{COUNTER_ADMIN_PORT}/healthcheck");
        assertThat(runtime).containsPattern("EXPOSE 8080 8081 5701");
    }

    /** CdsArchiveJarIT runs the training script itself; here: the image trains on the jar it runs and then uses the archive. */
    @Test
    void runtimeTrainsAnAppCdsArchiveOnItsJarBeforeTurningItOn() {
        List<String> runtime = stage(1);
        String jar = runtime.stream().filter(l -> l.startsWith("COPY --from=build ")).findFirst().orElseThrow().split("\\s+")[3];
        int training = indexOf(runtime, "RUN --mount=type=bind,source=docker/cds-train.sh,target=/tmp/cds-train.sh"
                + " sh /tmp/cds-train.sh " + jar + " /app/countd.jsa");
        int heapFlags = indexOf(runtime, "ENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage");
        int archiveFlag = indexOf(runtime, "ENV JAVA_TOOL_OPTIONS=\"${JAVA_TOOL_OPTIONS} -XX:SharedArchiveFile=/app/countd.jsa\"");
        // trained with the run-time flags (so the archive matches them), and before the flag that reads the archive
        assertThat(heapFlags).isLessThan(training);
        assertThat(training).isLessThan(archiveFlag);
        assertThat(String.join("\n", runtime)).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + jar + "\"]");
    }

    /** The first line starting with {@code prefix}, runs of whitespace counting as one space. */
    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).replaceAll("\\s+", " ").startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in the runtime stage");
    }

    @Test
    void jvmSizesItsHeapFromTheContainerLimit() {
        assertThat(String.join("\n", stage(1))).containsPattern("-XX:MaxRAMPercentage=\\d+");
    }

    private static String extract(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
