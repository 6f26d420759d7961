package dev.perf.result;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads any input of {@code compare} and {@code report}: perf result JSON, JMH JSON ({@code -rf json}),
 * hyperfine JSON ({@code --export-json}) or Go benchmark text, recognized from the content, never from the
 * file name. Every failure is one bad-input line naming the file and the formats expected.
 */
public final class ResultReader {
    /** Appended to every "cannot read" message. */
    public static final String EXPECTED = "expected perf JSON, JMH JSON, hyperfine JSON or Go benchmark text";

    private ResultReader() {}

    /** Reads {@code file}, labelled as the user named it. */
    public static Loaded read(Path file) {
        String label = file.toString();
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, InputFiles.MAX_RESULT_BYTES);
        } catch (NoSuchFileException e) {
            throw cannot(label, "no such file");
        } catch (IOException e) {
            throw cannot(label, e.getMessage());
        }
        return parse(bytes, label);
    }

    /** Parses the content of an input labelled {@code label}. */
    public static Loaded parse(byte[] bytes, String label) {
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw cannot(label, "the file is empty");
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw cannot(label, "it is a binary file");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return json(bytes, label);
        }
        GoBenchText.Parsed go = GoBenchText.parse(text);
        if (go.records().isEmpty()) {
            throw cannot(label, "no benchmark results found in its text");
        }
        return new Loaded(
                label,
                "go",
                GoBenchText.toBenchmarks(go.records(), go.higherIsBetter()),
                null,
                null,
                go.exactUnits(),
                null,
                null);
    }

    private static Loaded json(byte[] bytes, String label) {
        String schema = topLevelSchema(bytes);
        if (schema != null) {
            return perf(bytes, label, schema);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw cannot(label, "invalid or truncated JSON" + where(e));
        } catch (IOException e) {
            throw cannot(label, e.getMessage());
        }
        if (JmhJson.looksLike(root)) {
            List<BenchmarkResult> benchmarks = JmhJson.parse(bytes, label);
            Environment.Forks forks = JmhJson.forks(bytes);
            return new Loaded(
                    label,
                    "jmh",
                    benchmarks,
                    forks == null ? null : Environment.ofForks(forks),
                    null,
                    Set.of(),
                    null,
                    null);
        }
        if (HyperfineJson.looksLike(root)) {
            try {
                return new Loaded(label, "hyperfine", HyperfineJson.read(root), null, null, Set.of(), null, null);
            } catch (IllegalArgumentException e) {
                throw cannot(label, "hyperfine result: " + e.getMessage());
            }
        }
        if (root != null && root.isArray() && root.isEmpty()) {
            throw cannot(label, "it holds no benchmarks (an empty JSON array)");
        }
        throw cannot(label, "unrecognised JSON");
    }

    /**
     * The value of a top-level {@code "schema"} string, found by streaming past everything else without
     * building a tree; null when there is none (or the JSON is broken: the tree parse reports that).
     */
    private static String topLevelSchema(byte[] bytes) {
        try (JsonParser p = Json.mapper().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("schema") && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A perf result, bound straight to the records (no intermediate tree: result files can be large). */
    private static Loaded perf(byte[] bytes, String label, String schema) {
        RunResult r = runResult(bytes, label, schema);
        return new Loaded(label, "perf", r.benchmarks(), r.environment(), r.thresholds(), Set.of(), r.perfVersion(), r);
    }

    /** Parses a perf result file's content; bad input naming {@code label} when it is not one. */
    public static RunResult runResult(byte[] bytes, String label) {
        String schema = topLevelSchema(bytes);
        if (schema == null) {
            throw cannot(label, "not a perf result (no \"schema\": \"" + RunResult.SCHEMA + "\")");
        }
        return runResult(bytes, label, schema);
    }

    private static RunResult runResult(byte[] bytes, String label, String schema) {
        if (!schema.startsWith("perf-result/")) {
            throw cannot(label, "unknown schema '" + schema + "'");
        }
        if (!RunResult.SCHEMA.equals(schema)) {
            throw cannot(
                    label,
                    "it is " + schema + ", this perf reads " + RunResult.SCHEMA + " (use a matching perf version)");
        }
        RunResult r;
        try {
            r = Json.mapper().readValue(bytes, RunResult.class);
        } catch (JsonProcessingException e) {
            if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
                throw cannot(label, "invalid or truncated JSON" + where(e));
            }
            throw cannot(label, "not a valid perf result" + where(e) + ": " + Json.problem(e));
        } catch (IOException | IllegalArgumentException e) {
            throw cannot(label, "not a valid perf result (" + firstLine(e.getMessage()) + ")");
        }
        return r;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    private static PerfException cannot(String label, String reason) {
        return PerfException.badInput("cannot read " + label + ": " + reason + " (" + EXPECTED + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
