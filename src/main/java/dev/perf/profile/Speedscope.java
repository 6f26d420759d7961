package dev.perf.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perf.result.Json;
import dev.perf.result.ResultFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A profile in speedscope's file format ({@code https://www.speedscope.app/file-format-schema.json}): one
 * {@code sampled} profile whose samples are the distinct collapsed stacks (root first, as frame indexes) and
 * whose weights are their weights, in {@code none} (samples), {@code bytes} or {@code nanoseconds}. Opens in
 * speedscope.app or its offline build. Pure apart from the write.
 */
final class Speedscope {
    private Speedscope() {}

    static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    /** The document for {@code stacks}, named {@code name}, weights in {@code unit} (samples, bytes, ns). */
    static ObjectNode of(StackProfile stacks, String name, String unit) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode samples = f.arrayNode();
        ArrayNode weights = f.arrayNode();
        long total = 0;
        for (Map.Entry<String, Long> e : stacks.stacks().entrySet()) {
            ArrayNode sample = f.arrayNode();
            for (String frame : e.getKey().split(";", -1)) {
                sample.add(index.computeIfAbsent(frame, k -> index.size()));
            }
            samples.add(sample);
            weights.add(e.getValue());
            total += e.getValue();
        }
        ArrayNode frames = f.arrayNode();
        index.keySet().forEach(frame -> frames.add(f.objectNode().put("name", frame)));
        ObjectNode profile = f.objectNode()
                .put("type", "sampled")
                .put("name", name)
                .put(
                        "unit",
                        switch (unit) {
                            case "bytes" -> "bytes";
                            case "ns" -> "nanoseconds";
                            default -> "none";
                        })
                .put("startValue", 0)
                .put("endValue", total);
        profile.set("samples", samples);
        profile.set("weights", weights);
        ObjectNode doc = f.objectNode().put("$schema", SCHEMA);
        doc.set("shared", f.objectNode().set("frames", frames));
        doc.set("profiles", f.arrayNode().add(profile));
        doc.put("name", name).put("activeProfileIndex", 0).put("exporter", "perf profile");
        return doc;
    }

    static void write(StackProfile stacks, String name, String unit, Path file) {
        ResultFiles.writeAtomically(file, Json.write(of(stacks, name, unit)).getBytes(StandardCharsets.UTF_8));
    }
}
