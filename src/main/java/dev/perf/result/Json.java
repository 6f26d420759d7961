package dev.perf.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * perf's one family of Jackson mappers. The shared mapper reads and writes perf's JSON: records bind
 * directly, times as ISO-8601 strings, unknown properties rejected, non-finite doubles written as the strings
 * {@code "NaN"}, {@code "Infinity"}. {@link #strictReader} reads what users write by hand. Thread-safe once
 * built.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {}

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code model} as perf's JSON (indented, non-finite numbers as strings), ending in a newline. */
    public static String write(Object model) {
        try {
            return MAPPER.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw PerfException.internal(
                    "cannot serialize " + model.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A strict reader of a file a user writes by hand ({@code perf.yaml} as YAML or JSON): duplicate keys,
     * trailing content, unknown properties, null primitives and scalars coerced across types are errors; a
     * single value is accepted where a list is expected. {@code module} adds the caller's deserializers.
     */
    public static ObjectMapper strictReader(boolean yaml, Module module) {
        return yaml
                ? strict(YAMLMapper.builder(), module).build()
                : strict(JsonMapper.builder(), module).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder, Module module) {
        return builder.addModule(module)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
