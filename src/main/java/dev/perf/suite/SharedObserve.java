package dev.perf.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The suite's {@code observe:} block spread over its load loops in the tree, before it is bound: every loop
 * reads the suite's series; a loop's own block adds series (one of the same name replaces the suite's) and may
 * give its own {@code scrape:} and {@code prometheus:}. Pure.
 */
final class SharedObserve {
    private SharedObserve() {}

    /** Whether {@code suite} (its tree) has a suite-level {@code observe:} object. */
    static boolean present(JsonNode suite) {
        return suite != null && suite.path("observe").isObject();
    }

    /** A copy of {@code suite} whose every load loop (in {@code parallel:} too) has the suite's block merged in. */
    static JsonNode spread(JsonNode suite) {
        ObjectNode out = suite.deepCopy();
        ObjectNode shared = (ObjectNode) out.get("observe");
        for (JsonNode entry : out.path("benchmarks")) {
            merge(entry, shared);
            for (JsonNode inner : entry.path("parallel")) {
                merge(inner, shared);
            }
        }
        return out;
    }

    private static void merge(JsonNode entry, ObjectNode shared) {
        if (!(entry.path("load") instanceof ObjectNode load)) {
            return;
        }
        ObjectNode merged = shared.deepCopy();
        if (load.get("observe") instanceof ObjectNode own) {
            for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("series")
                        && f.getValue().isObject()
                        && merged.path("series").isObject()) {
                    ((ObjectNode) merged.get("series")).setAll((ObjectNode) f.getValue());
                } else {
                    merged.set(f.getKey(), f.getValue());
                }
            }
        }
        load.set("observe", merged);
    }
}
