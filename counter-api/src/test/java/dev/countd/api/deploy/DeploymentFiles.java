package dev.countd.api.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the repository's deployment files (docker/, .ci/run, the built-in config) for static checks. */
final class DeploymentFiles {

    static final Path ROOT = findRoot();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path DEFAULTS = ROOT.resolve("counter-api/src/main/resources/countd-defaults.yml");

    private static final Pattern DEFAULT_VARIABLE = Pattern.compile("\\$\\{(COUNTER_[A-Z0-9_]+):-([^}]*)}");

    private DeploymentFiles() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/run")) && Files.isDirectory(dir.resolve("docker"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (with .ci/run and docker/) not found above " + Path.of("").toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DOCKER)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> allFiles() {
        try (Stream<Path> files = Files.walk(DOCKER)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (merge keys resolved, as docker compose does). */
    static List<Object> documents(Path file) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
            Objects.requireNonNull(current, "missing " + String.join(".", path));
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
            Objects.requireNonNull(current, "missing " + String.join(".", path));
        }
        return (List<Object>) current;
    }

    /** The {@code COUNTER_*} variables the built-in config reads, with their defaults. */
    static Map<String, String> configVariables() {
        Map<String, String> variables = new java.util.TreeMap<>();
        Matcher m = DEFAULT_VARIABLE.matcher(read(DEFAULTS));
        while (m.find()) {
            variables.put(m.group(1), m.group(2));
        }
        return variables;
    }

    /** The Kubernetes object of a kind (and name) across docker/k8s. */
    static Map<String, Object> k8s(String kind, String name) {
        for (Path file : yamlFiles()) {
            if (!file.startsWith(DOCKER.resolve("k8s"))) {
                continue;
            }
            for (Object document : documents(file)) {
                Map<String, Object> object = map(document);
                if (kind.equals(object.get("kind")) && (name == null || name.equals(map(object, "metadata").get("name")))) {
                    return object;
                }
            }
        }
        throw new AssertionError("no " + kind + " " + (name == null ? "" : name) + " in docker/k8s");
    }
}
