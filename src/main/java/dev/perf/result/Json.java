package dev.perf.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    static {
        MAPPER.getFactory().setCharacterEscapes(new ControlEscapes());
    }

    /**
     * JSON's own escapes, plus DEL and the C1 controls (U+007F–U+009F) as a six-character escape (backslash, u, four hex digits): JSON allows them
     * raw, but perf's JSON is also printed to terminals and CI logs, where a raw C1 CSI could act.
     */
    private static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch <= 0x9f ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

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
     * trailing content, unknown properties, null primitives, fractions where a whole number is expected and
     * scalars coerced across types are errors; a
     * single value is accepted where a list is expected. {@code module} adds the caller's deserializers.
     */
    public static ObjectMapper strictReader(boolean yaml, Module module) {
        return yaml
                ? strict(YAMLMapper.builder(), module).build()
                : strict(JsonMapper.builder(), module).build();
    }

    /** A strict reader of JSON a user writes by hand, with no deserializers of the caller's (JSON Lines rows). */
    public static ObjectMapper strictJsonReader() {
        return strict(JsonMapper.builder(), null).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder, Module module) {
        if (module != null) {
            builder.addModule(module);
        }
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    /**
     * What went wrong in {@code e}, in words a user can act on, without Java types, Jackson's feature names
     * or source locations: {@code expected a whole number, found text 'many'}, {@code run is required}.
     */
    public static String problem(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof NullPointerException npe) {
            return missing(npe.getMessage());
        }
        if (root instanceof IllegalArgumentException || root instanceof PerfException) {
            // our own messages are one line; a line break in one comes from a value the user wrote (a name),
            // which is shown with its control characters made visible rather than cut off
            return Printable.of(root.getMessage());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType()) + found(m);
        }
        String message = root instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
        return plain(firstLine(message == null ? e.getOriginalMessage() : message));
    }

    /** A value a record needed was absent: its name when the JVM's message tells it. */
    private static String missing(String npeMessage) {
        if (npeMessage != null && !npeMessage.contains(" ")) {
            return npeMessage + " is required"; // Objects.requireNonNull(x, "x") in a record
        }
        if (npeMessage != null) {
            Matcher m = NULL_NAME.matcher(npeMessage);
            if (m.find()) {
                return m.group(1) + " is required";
            }
        }
        return "a required value is missing";
    }

    private static final Pattern NULL_NAME = Pattern.compile("because \"(?:[\\w.]+\\.)?(\\w+)(?:\\(\\))?\" is null");

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping (key: value)";
    }

    private static String found(MismatchedInputException m) {
        String message = m.getOriginalMessage();
        if (message == null) {
            return "";
        }
        if (message.contains("from Array value") || message.contains("START_ARRAY")) {
            return ", found a list";
        }
        if (message.contains("from Object value") || message.contains("START_OBJECT")) {
            return ", found a mapping";
        }
        int quote = message.indexOf("value (\"");
        if (quote >= 0) {
            int end = message.indexOf("\")", quote + 8);
            return ", found '" + message.substring(quote + 8, end < 0 ? message.length() : end) + "'";
        }
        int from = message.indexOf("from String value ('");
        if (from >= 0) {
            int end = message.indexOf("')", from);
            return ", found text '" + message.substring(from + 20, end < 0 ? message.length() : end) + "'";
        }
        if (message.contains("Floating-point value")) {
            return ", found a fraction";
        }
        return "";
    }

    /** A Jackson parser message without its source excerpt and Java-syntax type names. */
    private static String plain(String message) {
        String m = message;
        int source = m.indexOf(" (start marker at [Source");
        if (source >= 0) {
            m = m.substring(0, source);
        }
        source = m.indexOf("[Source:");
        if (source >= 0) {
            m = m.substring(0, source).trim();
        }
        return m.replaceAll("`[\\w.$]+\\.(\\w+)`", "$1");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
