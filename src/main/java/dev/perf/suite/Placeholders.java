package dev.perf.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of an http target's url, header values and body, parsed: {@code ${seq}} (the operation's
 * global index), {@code ${random(A,B)}} (an integer from A to B), {@code ${uuid}}, {@code
 * ${data.NAME.COLUMN}}, {@code ${env.NAME}} and {@code ${NAME}} (a value a scenario step extracted earlier in
 * the same session); a doubled dollar sign before a brace is a literal dollar sign and brace. Pure.
 */
public final class Placeholders {
    private Placeholders() {}

    /** One piece of a text: a literal or a placeholder. */
    public sealed interface Part {}

    /** Text sent as it is. */
    public record Literal(String text) implements Part {}

    /** {@code ${seq}}. */
    public record Seq() implements Part {}

    /** {@code ${random(lo,hi)}}, both included. */
    public record Random(long lo, long hi) implements Part {}

    /** {@code ${uuid}}: a version-4 UUID drawn from the index and the seed. */
    public record Uuid() implements Part {}

    /** {@code ${data.name.column}}. */
    public record Data(String name, String column) implements Part {}

    /** {@code ${env.name}}: read once at start; never written to results or reports. */
    public record Env(String name) implements Part {}

    /** {@code ${name}}: a value an earlier step of a scenario extracted, in the same session. */
    public record Var(String name) implements Part {}

    private static final Pattern RANDOM = Pattern.compile("random\\(\\s*(-?\\d{1,18})\\s*,\\s*(-?\\d{1,18})\\s*\\)");
    private static final Pattern DATA = Pattern.compile("data\\.([A-Za-z0-9_-]+)\\.([^.}]+)");
    private static final Pattern ENV = Pattern.compile("env\\.([A-Za-z_][A-Za-z0-9_]*)");

    /** What a scenario variable's name may be: a letter or underscore, then letters, digits, underscores. */
    public static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** {@code text} in parts; {@code key} names it in the message of an unknown or unclosed placeholder. */
    public static List<Part> parse(String text, String key) {
        List<Part> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                literal.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException(key + ": '${' at position " + (i + 1)
                        + " is not closed; end the placeholder with '}' (or write $${ for a literal ${)");
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder(text.substring(i + 2, close), key));
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return parts;
    }

    /** The scenario variables {@code text} reads ({@code ${NAME}}), in order of appearance. */
    public static List<String> variables(String text, String key) {
        List<String> out = new ArrayList<>();
        for (Part p : parse(text, key)) {
            if (p instanceof Var v && !out.contains(v.name())) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** Whether {@code text} has a placeholder (so that it differs from one request to the next). */
    public static boolean varies(String text) {
        return parse(text, "").stream().anyMatch(p -> !(p instanceof Literal || p instanceof Env));
    }

    private static Part placeholder(String inner, String key) {
        String s = inner.strip();
        if (s.equals("seq")) {
            return new Seq();
        }
        if (s.equals("uuid")) {
            return new Uuid();
        }
        Matcher m = RANDOM.matcher(s);
        if (m.matches()) {
            long lo = Long.parseLong(m.group(1));
            long hi = Long.parseLong(m.group(2));
            if (hi < lo) {
                throw new IllegalArgumentException(
                        key + ": ${" + inner + "}: the upper bound " + hi + " is below the lower " + lo);
            }
            return new Random(lo, hi);
        }
        m = DATA.matcher(s);
        if (m.matches()) {
            return new Data(m.group(1), m.group(2));
        }
        m = ENV.matcher(s);
        if (m.matches()) {
            return new Env(m.group(1));
        }
        if (VAR.matcher(s).matches() && !s.equals("random") && !s.equals("data") && !s.equals("env")) {
            return new Var(s);
        }
        throw new IllegalArgumentException(key + ": unknown placeholder ${" + inner
                + "}; use ${seq}, ${random(1,1000)}, ${uuid}, ${data.NAME.COLUMN}, ${env.NAME} or, in a scenario step,"
                + " ${NAME} for a value an earlier step extracts");
    }
}
