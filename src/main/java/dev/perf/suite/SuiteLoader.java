package dev.perf.suite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.perf.result.InputFiles;
import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads perf.yaml (YAML, or JSON when the text starts with '{') into a {@link Suite}.
 *
 * <p>Every problem becomes one bad-input line of the form {@code FILE:LINE:COLUMN: what is wrong; what to
 * do}: syntax errors, unknown keys (listing the allowed ones), values of the wrong form and the record
 * validations. Thread-safe.
 */
public final class SuiteLoader {
    /** The file looked for in the working directory when no {@code -s} is given. */
    public static final String DEFAULT_FILE = "perf.yaml";

    private static final String DEMO_RESOURCE = "/dev/perf/suite/demo.yaml";

    private static final ObjectMapper YAML = Json.strictReader(true, quantities());
    private static final ObjectMapper JSON = Json.strictReader(false, quantities());

    private SuiteLoader() {}

    /** Durations and rates as perf.yaml writes them ({@code 30s}, {@code 1000/s}). */
    private static SimpleModule quantities() {
        SimpleModule quantities = new SimpleModule("perf-quantities");
        quantities.addDeserializer(Duration.class, new DurationDeserializer());
        return quantities;
    }

    /** Loads the suite file {@code file}, labelled as the user named it. */
    public static SuiteSource load(Path file) {
        String label = file.toString();
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, InputFiles.MAX_SUITE_BYTES);
        } catch (NoSuchFileException e) {
            throw PerfException.badInput(
                    "cannot read suite " + label
                            + ": no such file (check the -s path, or run without -s in a directory without perf.yaml for the demo suite)");
        } catch (IOException e) {
            throw PerfException.badInput("cannot read suite " + label + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return new SuiteSource(parse(bytes, label), label, dir);
    }

    /** A suite of every benchmark in one JMH uber-jar ({@code --jmh-jar}), named after the jar. */
    public static SuiteSource forJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString().replaceFirst("\\.jar$", "");
        Suite suite = new Suite(
                name,
                Map.of(),
                null,
                List.of(new BenchmarkEntry(new JmhSpec(".*", null, absolute.toString(), null, null), null)));
        return new SuiteSource(suite, "--jmh-jar " + jar, absolute.getParent());
    }

    /** The suite files looked for in a directory, in this order. */
    public static final List<String> DEFAULT_FILES = List.of(DEFAULT_FILE, "perf.yml", "perf.json");

    /** The first of {@link #DEFAULT_FILES} in the working directory, else the demo (labelled {@link SuiteSource#BUILT_IN}). */
    public static SuiteSource inWorkingDirectory() {
        return inDirectory(Path.of(""));
    }

    /** The first of {@link #DEFAULT_FILES} in {@code dir}, else the bundled demo suite. */
    public static SuiteSource inDirectory(Path dir) {
        for (String name : DEFAULT_FILES) {
            Path candidate = dir.resolve(name);
            if (Files.exists(candidate)) {
                return load(candidate);
            }
        }
        return demo();
    }

    /** The bundled demo suite (perf's own JMH benchmarks). */
    public static SuiteSource demo() {
        try (InputStream in = SuiteLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw PerfException.internal("the demo suite is missing from the perf jar", null);
            }
            return new SuiteSource(
                    parse(in.readAllBytes(), SuiteSource.BUILT_IN),
                    SuiteSource.BUILT_IN,
                    Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw PerfException.internal("cannot read the demo suite: " + e.getMessage(), e);
        }
    }

    /** Parses suite text; {@code label} names the source in messages. */
    public static Suite parse(byte[] bytes, String label) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw PerfException.badInput(label + ": the suite is empty; give at least name: and benchmarks:");
        }
        ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
        JsonNode bound = null; // the tree the records are bound from, to name a loop in a message
        try {
            // Unknown keys first: Jackson reports them only after the records' own validation, and "unknown
            // key 'inclde'" helps more than the "include is required" that the typo causes.
            JsonNode tree = mapper.readTree(bytes);
            bound = tree;
            try (JsonParser keys = mapper.createParser(bytes)) {
                keys.nextToken();
                checkKeys(keys, Suite.class, label, "", tree);
            }
            Suite suite;
            boolean rewritten; // the records are bound from a tree perf rewrote, not from the bytes
            try {
                rewritten = tree != null && Matrix.present(tree);
                if (rewritten) {
                    tree = Matrix.expand(tree);
                    bound = tree;
                }
                if (SharedObserve.present(tree)) { // every loop reads the suite's series
                    tree = SharedObserve.spread(tree);
                    bound = tree;
                    rewritten = true;
                }
            } catch (IllegalArgumentException e) {
                throw PerfException.badInput(label + ": " + e.getMessage());
            }
            if (rewritten) {
                suite = mapper.treeToValue(tree, Suite.class);
            } else {
                suite = mapper.readValue(bytes, Suite.class);
            }
            if (suite == null) {
                throw PerfException.badInput(label + ": the suite is empty; give at least name: and benchmarks:");
            }
            return suite;
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> allowed = new TreeSet<>();
            e.getKnownPropertyIds().forEach(id -> allowed.add(String.valueOf(id)));
            String where = named(path(e), bound);
            throw PerfException.badInput(
                    at(label, e.getLocation()) + "unknown key '" + e.getPropertyName() + "'"
                            + (where.isEmpty() ? "" : " in " + where) + "; allowed: " + String.join(", ", allowed),
                    e);
        } catch (JsonMappingException e) {
            String where = named(path(e), bound);
            throw PerfException.badInput(
                    at(label, e.getLocation()) + (where.isEmpty() ? "" : where + ": ") + Json.problem(e), e);
        } catch (JsonProcessingException e) {
            throw PerfException.badInput(at(label, e.getLocation()) + "syntax error: " + Json.problem(e), e);
        } catch (IOException e) {
            throw PerfException.badInput(label + ": " + e.getMessage(), e);
        }
    }

    /**
     * Walks the token stream against the record types and fails at the first key that is not a record
     * component, with its line, column and the allowed keys.
     */
    private static void checkKeys(JsonParser p, Type type, String label, String path, JsonNode tree)
            throws IOException {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT && raw.isRecord()) {
            Map<String, Type> components = new TreeMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
                String key = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
                components.put(key, c.getGenericType());
            }
            if (raw == LoadSpec.class) {
                components.put("matrix", Object.class); // expanded before binding (Matrix)
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                Type component = components.get(key);
                if (component == null) {
                    throw PerfException.badInput(at(label, where) + "unknown key '" + key + "'"
                            + (path.isEmpty() ? "" : " in " + named(path, tree)) + "; allowed: "
                            + String.join(", ", components.keySet()));
                }
                p.nextToken();
                checkKeys(p, component, label, path.isEmpty() ? key : path + "." + key, tree);
            }
        } else if (token == JsonToken.START_OBJECT && Map.class.isAssignableFrom(raw)) {
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                checkKeys(p, value, label, path + "." + key, tree);
            }
        } else if (token == JsonToken.START_OBJECT && List.class.isAssignableFrom(raw)) {
            // one entry where a list may be given as one value (monitor:)
            checkKeys(p, ((ParameterizedType) type).getActualTypeArguments()[0], label, path, tree);
        } else if (token == JsonToken.START_ARRAY && List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
                checkKeys(p, element, label, path + "[" + index++ + "]", tree);
            }
        } else {
            p.skipChildren();
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        List<JsonMappingException.Reference> refs = new ArrayList<>(e.getPath());
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern ENTRY =
            java.util.regex.Pattern.compile("^benchmarks\\[(\\d+)\\](\\.parallel\\[(\\d+)\\])?");

    /**
     * {@code path} with the loop it lies in named first, when it lies in one that has a name: {@code load
     * checkout, benchmarks[2].load.target.sql} — a suite's entries are known by their names, not their places.
     */
    static String named(String path, JsonNode tree) {
        java.util.regex.Matcher m = ENTRY.matcher(path);
        if (tree == null || !m.find() || path.substring(m.end()).equals(".load")) {
            return path; // not in a loop, or about the entry itself (its name may be what is wrong)
        }
        JsonNode entry = tree.path("benchmarks").path(Integer.parseInt(m.group(1)));
        if (m.group(3) != null) {
            entry = entry.path("parallel").path(Integer.parseInt(m.group(3)));
        }
        JsonNode name = entry.path("load").path("name");
        return name.isTextual() && !name.asText().isBlank()
                ? "load " + Printable.of(name.asText()) + ", " + path
                : path;
    }

    private static String at(String label, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return label + ": ";
        }
        return label + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    /** Reads durations in the user's form ({@code 5s}, {@code 250ms}) rather than ISO-8601. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Quantity.duration(text);
            } catch (PerfException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }
}
