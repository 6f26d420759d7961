package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.suite.SuiteSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The key reference of {@code docs/perf-yaml.md}, generated from perf.yaml's schema (which the suite's records give)
 * and the records' javadoc ({@code @param}): every key perf accepts, with its type and what it does, in the docs and
 * never out of date. {@code -Dperf.updateGolden=true} (or {@code scripts/docs/refresh.sh}) rewrites it.
 */
class PerfYamlReferenceTest {
    private static final Path PAGE = Path.of("docs/perf-yaml.md");
    static final String MARK = "<!-- generated from the schema and the records' javadoc: scripts/docs/refresh.sh -->\n";
    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=\\n\\s*@|$)", Pattern.DOTALL);

    @Test
    void theKeyReference_isTheOneTheSchemaAndTheRecordsGive() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int at = page.indexOf(MARK);
        assertThat(at).as("%s has the generated part's mark", PAGE).isNotNegative();
        String made = page.substring(0, at) + MARK + reference();
        if (Boolean.getBoolean("perf.updateGolden")) {
            Files.writeString(PAGE, made, StandardCharsets.UTF_8);
        }
        assertThat(page).as("regenerate with scripts/docs/refresh.sh").isEqualTo(made);
    }

    @Test
    void everyKey_isDocumented() throws IOException {
        List<String> missing = new ArrayList<>();
        JsonNode schema = SuiteSchema.of();
        Map<String, Map<String, String>> docs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> type : types(schema).entrySet()) {
            Map<String, String> params = params(type.getKey());
            type.getValue().path("properties").fields().forEachRemaining(p -> {
                String key = p.getKey();
                if (!params.containsKey(key) && !p.getValue().has("description")) {
                    missing.add(type.getKey() + "." + key);
                }
            });
            docs.put(type.getKey(), params);
        }
        assertThat(missing).as("keys without an @param in their record").isEmpty();
    }

    /** The root (as {@code Suite}) and every definition, in the schema's order. */
    private static Map<String, JsonNode> types(JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("Suite", schema);
        schema.path("$defs").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static String reference() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> type : types(SuiteSchema.of()).entrySet()) {
            Map<String, String> params = params(type.getKey());
            out.append("\n### ").append(type.getKey()).append("\n\n");
            out.append("| key | type | what it is |\n|---|---|---|\n");
            type.getValue().path("properties").fields().forEachRemaining(p -> out.append("| `")
                    .append(p.getKey())
                    .append("` | ")
                    .append(typeOf(p.getValue()))
                    .append(" | ")
                    .append(
                            p.getValue().has("description")
                                    ? markdown(p.getValue().get("description").asText())
                                    : params.getOrDefault(p.getKey(), ""))
                    .append(" |\n"));
        }
        return out.toString();
    }

    /** A property's type in words, definitions as links to their section. */
    static String typeOf(JsonNode n) {
        if (n.has("$ref")) {
            String name = n.get("$ref").asText().replace("#/$defs/", "");
            return "[" + name + "](#" + DocsTest.anchor(name) + ")";
        }
        if (n.has("oneOf")) {
            return typeOf(n.get("oneOf").get(0)) + " or a list of them";
        }
        if (n.has("anyOf")) {
            return "integer or `${param.NAME}`";
        }
        JsonNode type = n.path("type");
        if (type.isArray()) {
            return "text";
        }
        return switch (type.asText()) {
            case "array" -> "list of " + typeOf(n.get("items")) + (n.has("minItems") ? " (at least one)" : "");
            case "object" -> "map of " + typeOf(n.get("additionalProperties"));
            case "boolean" -> "true or false";
            default -> type.asText();
        };
    }

    /** The {@code @param} texts of the record {@code name} ({@code LoadSpec.Slo}: Slo inside LoadSpec.java). */
    static Map<String, String> params(String name) throws IOException {
        String simple = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        Path file;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            file = files.filter(p -> p.getFileName().toString().equals(top + ".java"))
                    .findFirst()
                    .orElseThrow();
        }
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher decl = Pattern.compile("\\brecord " + simple + "\\s*[(<]").matcher(source);
        Map<String, String> out = new LinkedHashMap<>();
        if (!decl.find()) {
            return out;
        }
        int end = source.lastIndexOf("*/", decl.start());
        int start = source.lastIndexOf("/**", end);
        if (end < 0
                || start < 0
                || !source.substring(end + 2, decl.start())
                        .matches("(?s)\\s*(@\\w+(\\([^)]*\\))?\\s*|public\\s+|static\\s+|final\\s+)*")) {
            return out;
        }
        String doc = source.substring(start + 3, end).replaceAll("(?m)^\\s*\\*\\s?", "");
        Map<String, String> jsonNames = jsonNames(file, top, name);
        Matcher m = PARAM.matcher(doc);
        while (m.find()) {
            out.put(jsonNames.getOrDefault(m.group(1), m.group(1)), markdown(m.group(2)));
        }
        return out;
    }

    /** The record's components renamed in YAML ({@code @JsonProperty("class") String className}), by Java name. */
    private static Map<String, String> jsonNames(Path file, String top, String name) {
        String pkg = file.getParent().toString().replace("src/main/java/", "").replace('/', '.');
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Class<?> record =
                    Class.forName(pkg + "." + top + name.substring(top.length()).replace('.', '$'));
            for (java.lang.reflect.RecordComponent c : record.getRecordComponents()) {
                // a component's annotation lands on its field (and accessor) as the annotation's targets allow
                com.fasterxml.jackson.annotation.JsonProperty p = record.getDeclaredField(c.getName())
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                if (p != null && !p.value().isEmpty()) {
                    out.put(c.getName(), p.value());
                }
            }
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            throw new IllegalStateException("no record " + name + " in " + file, e);
        }
        return out;
    }

    /** Javadoc as one Markdown table cell. */
    static String markdown(String javadoc) {
        return javadoc.replaceAll("\\{@code ((?:[^{}]|\\{[^{}]*})*)}", "`$1`")
                .replaceAll("\\{@link(?:plain)? (?:[\\w.]*#)?([^} ]+)(?: ([^}]*))?}", "$1")
                .replaceAll("\\s+", " ")
                .replace("|", "\\|")
                .trim();
    }
}
