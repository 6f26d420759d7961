package dev.perf.compare;

import dev.perf.result.PerfException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A key that {@code --col} and {@code --row} project a comparison on, benchstat-style: the input file, the
 * benchmark name, the metric, or one parameter ({@code param:NAME}). Immutable.
 *
 * @param kind which key
 * @param param the parameter's name for {@link Kind#PARAM}, else null
 */
public record Projection(Kind kind, String param) {
    /** The keys of a comparison cell. */
    public enum Kind {
        INPUT,
        BENCHMARK,
        METRIC,
        PARAM
    }

    /** The default column: one per input file. */
    public static final Projection INPUT = new Projection(Kind.INPUT, null);

    /** The parameter under which a row keeps its input when the columns are something else. */
    static final String INPUT_PARAM = "input";

    public Projection {
        if ((kind == Kind.PARAM) == (param == null || param.isEmpty())) {
            throw new IllegalArgumentException("param: names a parameter, the other keys none");
        }
    }

    /** {@code input}, {@code benchmark}, {@code metric} or {@code param:NAME}; a usage error naming {@code flag} else. */
    public static Projection parse(String text, String flag) {
        String t = text.trim();
        if (t.startsWith("param:") && t.length() > "param:".length()) {
            return new Projection(Kind.PARAM, t.substring("param:".length()));
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.PARAM && k.name().toLowerCase(Locale.ROOT).equals(t)) {
                return new Projection(k, null);
            }
        }
        throw PerfException.usage(
                flag + " " + text + ": not a key; use input, benchmark, metric or param:NAME (a benchmark parameter)");
    }

    /** A comma-separated list of keys, as {@code --row} takes it. */
    public static List<Projection> parseList(String text, String flag) {
        List<Projection> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Projection p = parse(part, flag);
            if (out.contains(p)) {
                throw PerfException.usage(flag + " " + text + ": " + p.text() + " is named twice");
            }
            out.add(p);
        }
        return out;
    }

    /** As the user types it. */
    public String text() {
        return kind == Kind.PARAM ? "param:" + param : kind.name().toLowerCase(Locale.ROOT);
    }

    /** This key's value in {@code row}, null when the row has none (a parameter it lacks). */
    String valueOf(Comparison.Row row) {
        return switch (kind) {
            case BENCHMARK -> row.benchmark();
            case METRIC -> row.metric();
            case PARAM -> row.params().get(param);
            case INPUT -> row.params().get(INPUT_PARAM);
        };
    }
}
