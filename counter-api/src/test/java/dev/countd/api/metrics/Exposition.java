package dev.countd.api.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4: every line must be a HELP, a TYPE or a
 * sample of the family the last TYPE opened; names, label names and escapes must be valid; no
 * family or series may repeat; histogram buckets must be cumulative and end in +Inf = _count.
 * Anything else throws, so a scrape that parses is well-formed.
 */
record Exposition(Map<String, String> types, List<Sample> samples) {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Exposition parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> series = new HashSet<>();
        String family = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                if (lineNo == text.split("\n", -1).length) {
                    continue;
                }
                throw error(lineNo, "empty line");
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                requireName(name, lineNo);
                if (!helped.add(name)) {
                    throw error(lineNo, "second HELP for " + name);
                }
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1])) {
                    throw error(lineNo, "bad TYPE line: " + line);
                }
                requireName(parts[0], lineNo);
                if (types.put(parts[0], parts[1]) != null) {
                    throw error(lineNo, "second TYPE for " + parts[0]);
                }
                family = parts[0];
            } else if (line.startsWith("#")) {
                throw error(lineNo, "unexpected comment: " + line);
            } else {
                Sample sample = sample(line, lineNo);
                if (family == null || !belongs(sample.name(), family, types.get(family))) {
                    throw error(lineNo, sample.name() + " is not a sample of family " + family);
                }
                if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                    throw error(lineNo, "duplicate series " + line);
                }
                samples.add(sample);
            }
        }
        Exposition exposition = new Exposition(Collections.unmodifiableMap(types), List.copyOf(samples));
        exposition.checkHistograms();
        return exposition;
    }

    /** The value of the one sample with this name and exactly these labels, or null when absent. */
    Double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value).findFirst().orElse(null);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static boolean belongs(String sample, String family, String type) {
        return switch (type) {
            case "histogram" -> sample.equals(family + "_bucket") || sample.equals(family + "_sum") || sample.equals(family + "_count");
            case "summary" -> sample.equals(family) || sample.equals(family + "_sum") || sample.equals(family + "_count");
            default -> sample.equals(family);
        };
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
            for (Sample s : named(family + "_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                if (series.remove("le") == null) {
                    throw new IllegalArgumentException(family + " bucket without le");
                }
                bucketsBySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            }
            bucketsBySeries.forEach((series, buckets) -> {
                double previous = 0;
                for (Sample bucket : buckets) {
                    if (bucket.value() < previous) {
                        throw new IllegalArgumentException(family + series + " buckets are not cumulative");
                    }
                    previous = bucket.value();
                }
                Sample last = buckets.get(buckets.size() - 1);
                Double count = value(family + "_count", series);
                if (!last.labels().get("le").equals("+Inf") || count == null || count != last.value()) {
                    throw new IllegalArgumentException(family + series + " must end in le=+Inf equal to _count");
                }
            });
        });
    }

    private static Sample sample(String line, int lineNo) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name, lineNo);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw error(lineNo, "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw error(lineNo, "bad label name '" + label + "'");
                }
                if (line.charAt(eq + 1) != '"') {
                    throw error(lineNo, "label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw error(lineNo, "bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw error(lineNo, "repeated label " + label);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw error(lineNo, "expected ',' or '}'");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw error(lineNo, "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw error(lineNo, "trailing text: " + line);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), number(rest[0], lineNo));
    }

    private static double number(String text, int lineNo) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw error(lineNo, "bad value '" + text + "'");
                }
            }
        };
    }

    private static void requireName(String name, int lineNo) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error(lineNo, "bad metric name '" + name + "'");
        }
    }

    private static IllegalArgumentException error(int lineNo, String message) {
        return new IllegalArgumentException("line " + lineNo + ": " + message);
    }
}
