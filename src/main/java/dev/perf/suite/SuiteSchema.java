package dev.perf.suite;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema of perf.yaml made from the suite's records, so that it names exactly the keys {@link
 * SuiteLoader} accepts: editors use it for completion and to flag unknown keys ({@code
 * docs/perf.schema.json}). Values perf reads as text — durations, rates, percentages, params — accept numbers
 * too, as YAML writes them. Pure.
 */
public final class SuiteSchema {
    private SuiteSchema() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A whole value that is one matrix placeholder, e.g. {@code ${param.clients}}. */
    private static final String PARAM_PATTERN = "^\\$\\{param\\.[^}]+\\}$";

    /** Whether a list component also takes a single entry ({@code ACCEPT_SINGLE_VALUE_AS_ARRAY}). */
    private static boolean isSingleOrList(RecordComponent c) {
        for (var field : c.getDeclaringRecord().getDeclaredFields()) {
            if (field.getName().equals(c.getName())) {
                JsonFormat f = field.getAnnotation(JsonFormat.class);
                return f != null && List.of(f.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
            }
        }
        return false;
    }

    /** The schema, with one definition per record type. */
    public static ObjectNode of() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "perf.yaml");
        root.put(
                "description",
                "A perf suite: JMH benchmarks and load loops (every key: docs/perf-yaml.md in perf's sources)");
        ObjectNode defs = F.objectNode();
        ObjectNode suite = object(Suite.class, defs);
        root.setAll(suite);
        root.set("$defs", defs);
        return root;
    }

    private static ObjectNode object(Class<?> record, ObjectNode defs) {
        ObjectNode o = F.objectNode();
        o.put("type", "object");
        o.put("additionalProperties", false);
        ObjectNode props = F.objectNode();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            String key = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            ObjectNode type = type(c.getGenericType(), defs, matrixed(record));
            if (isSingleOrList(c)) {
                // one entry, or a list of them
                ObjectNode either = F.objectNode();
                either.set("oneOf", F.arrayNode().add(type.get("items")).add(type));
                type = either;
            }
            props.set(key, type);
        }
        if (record == LoadSpec.class) {
            // expanded before binding (Matrix): axes of numbers or text
            ObjectNode axis = F.objectNode().put("type", "array").put("minItems", 1);
            axis.set(
                    "items",
                    F.objectNode().set("type", F.arrayNode().add("string").add("number")));
            ObjectNode matrix = F.objectNode()
                    .put("type", "object")
                    .put(
                            "description",
                            "axes by name, e.g. { clients: [1, 8, 64] }: the loop runs once per combination, named"
                                    + " loop[clients=8], and ${param.clients} in any of its values reads the axis");
            matrix.set("additionalProperties", axis);
            props.set("matrix", matrix);
        }
        o.set("properties", props);
        return o;
    }

    /** Whether {@code record} is part of a load entry, whose values a matrix may give ({@code ${param.X}}). */
    private static boolean matrixed(Class<?> record) {
        return record == LoadSpec.class
                || record.getEnclosingClass() == LoadSpec.class
                || List.of(
                                LoadTarget.class,
                                HttpTarget.class,
                                JavaTarget.class,
                                ExecTarget.class,
                                SqlTarget.class,
                                SqlTarget.Statement.class,
                                GrpcTarget.class,
                                GrpcTarget.GrpcCheck.class,
                                KafkaTarget.class,
                                RabbitTarget.class,
                                TlsOptions.class,
                                HttpCheck.class)
                        .contains(record);
    }

    private static ObjectNode type(Type type, ObjectNode defs, boolean matrixed) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        ObjectNode t = F.objectNode();
        if (raw == String.class || raw == Duration.class) {
            t.set("type", F.arrayNode().add("string").add("number"));
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (!matrixed) {
                t.put("type", "integer");
                return t;
            }
            // or a matrix parameter, replaced before the value is read
            t.set(
                    "anyOf",
                    F.arrayNode()
                            .add(F.objectNode().put("type", "integer"))
                            .add(F.objectNode().put("type", "string").put("pattern", PARAM_PATTERN)));
        } else if (raw == Double.class || raw == double.class) {
            t.put("type", "number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            t.put("type", "boolean");
        } else if (raw.isEnum()) {
            t.put("type", "string");
            var values = F.arrayNode();
            for (Object e : raw.getEnumConstants()) {
                values.add(e.toString());
            }
            t.set("enum", values);
        } else if (List.class.isAssignableFrom(raw)) {
            t.put("type", "array");
            t.set("items", type(((ParameterizedType) type).getActualTypeArguments()[0], defs, matrixed));
        } else if (Map.class.isAssignableFrom(raw)) {
            t.put("type", "object");
            t.set("additionalProperties", type(((ParameterizedType) type).getActualTypeArguments()[1], defs, matrixed));
        } else if (raw.isRecord()) {
            String name =
                    raw.getName().substring(raw.getPackageName().length() + 1).replace('$', '.');
            if (!defs.has(name)) {
                defs.set(name, F.objectNode()); // placeholder: a record that contains itself stops here
                defs.set(name, object(raw, defs));
            }
            t.put("$ref", "#/$defs/" + name);
        } else {
            throw new IllegalStateException("no JSON Schema type for " + type);
        }
        return t;
    }
}
