package dev.perf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Validates JSON against the subset of JSON Schema perf's schema files use. */
public final class JsonSchemaSubset {
    private JsonSchemaSubset() {}

    /**
     * The subset of JSON Schema the schema files use: type, const, enum, required, properties, items, anyOf,
     * oneOf, pattern, and $ref as a JSON pointer into the same document ({@code #/$defs/X}, {@code
     * #/definitions/X}).
     */
    public static void validate(JsonNode root, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            JsonNode target = root.at(schema.get("$ref").asText().substring(1));
            if (target.isMissingNode()) {
                problems.add(at + ": the schema has no " + schema.get("$ref").asText());
                return;
            }
            validate(root, target, value, at, problems);
            return;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                int matching = 0;
                for (JsonNode branch : schema.get(combinator)) {
                    List<String> own = new ArrayList<>();
                    validate(root, branch, value, at, own);
                    matching += own.isEmpty() ? 1 : 0;
                }
                if (matching == 0 || (combinator.equals("oneOf") && matching > 1)) {
                    problems.add(at + ": " + value + " matches " + matching + " of the " + combinator + " branches");
                }
            }
        }
        if (schema.has("pattern")
                && value.isTextual()
                && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                        .matcher(value.asText())
                        .find()) {
            problems.add(at + ": " + value + " does not match "
                    + schema.get("pattern").asText());
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": expected " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> matches(t, value))) {
                problems.add(at + ": " + value.getNodeType() + " is not " + types);
                return;
            }
        }
        if (value.isObject()) {
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(at + ": missing " + r.asText());
                }
            });
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode sub = schema.path("properties").get(f.getKey());
                if (sub == null) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                        problems.add(at + ": undocumented field " + f.getKey());
                    } else if (additional != null && additional.isObject()) {
                        validate(root, additional, f.getValue(), at + "." + f.getKey(), problems);
                    }
                } else {
                    validate(root, sub, f.getValue(), at + "." + f.getKey(), problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(root, schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
