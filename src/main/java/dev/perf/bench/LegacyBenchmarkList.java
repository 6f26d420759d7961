package dev.perf.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.util.Optional;
import org.openjdk.jmh.util.lines.TestLineWriter;

/**
 * Lines of {@code META-INF/BenchmarkList} written by older JMH versions, in today's form. JMH 1.13 to 1.23
 * wrote the same tagged line as today ({@code JMH S 13 a.b.C ...}: a tag, then each value as its length and
 * its text) except that {@code @Param} values were written as they are; from 1.24 they are armored, and
 * today's reader refuses a raw one ("The length should be multiple of 8"). {@link #upgrade} rewrites the
 * parameter map with today's JMH writer; everything else in the line is copied. JMH 1.12 and older wrote another format
 * altogether: {@link SeparatedBenchmarkList}. Pure.
 */
final class LegacyBenchmarkList {
    private LegacyBenchmarkList() {}

    private static final String MAGIC = "JMH ";

    /** The characters of JMH's armor (base64's, in its own order) and its padding. */
    private static final String ARMOR = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    /** Whether {@code value} can be a value JMH 1.24 or newer armored: whole blocks of its characters. */
    static boolean looksArmored(String value) {
        return value.length() % 8 == 0 && value.chars().allMatch(c -> ARMOR.indexOf(c) >= 0);
    }

    /**
     * {@code line} with its {@code @Param} values armored, as JMH 1.24 and newer write them; null when it needs
     * no change: it has no parameters, it is not a tagged line, or ({@code old} false: the jar's JMH version is
     * not known to be older than 1.24) every value already looks armored. A raw value that happens to look
     * armored (eight letters) cannot be told from an armored one but by the JMH version, hence {@code old}.
     */
    static String upgrade(String line, boolean old) {
        if (!line.startsWith(MAGIC)) {
            return null;
        }
        try {
            Cursor c = new Cursor(line);
            StringBuilder out = new StringBuilder(MAGIC);
            boolean rewritten = false;
            while (c.at < line.length()) {
                char tag = c.tag(out);
                switch (tag) {
                    case 'E' -> {}
                    case 'S', 'I', 'T', 'U' -> c.copy(out);
                    case 'A', 'L' -> {
                        for (int n = c.count(out); n > 0; n--) {
                            c.copy(out);
                        }
                    }
                    case 'M' -> {
                        out.setLength(out.length() - 2); // the writer puts the tag itself
                        Map<String, String[]> params = new LinkedHashMap<>();
                        for (int keys = c.number(); keys > 0; keys--) {
                            String key = c.value();
                            String[] values = new String[c.number()];
                            for (int v = 0; v < values.length; v++) {
                                values[v] = c.value();
                            }
                            params.put(key, values);
                        }
                        if (!old
                                && params.values().stream()
                                        .flatMap(Arrays::stream)
                                        .allMatch(LegacyBenchmarkList::looksArmored)) {
                            return null;
                        }
                        TestLineWriter today = new TestLineWriter();
                        today.putOptionalParamCollection(Optional.of(params));
                        out.append(today.toString().substring(MAGIC.length()));
                        rewritten = true;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return rewritten ? out.toString() : null;
        } catch (RuntimeException e) {
            return null; // not a line of that format after all: the caller reports the reader's own complaint
        }
    }

    /** Reads the tokens of a line: {@code TAG }, {@code COUNT }, {@code LENGTH TEXT }. */
    private static final class Cursor {
        private final String line;
        private int at = MAGIC.length();

        Cursor(String line) {
            this.line = line;
        }

        char tag(StringBuilder out) {
            char tag = line.charAt(at);
            expectSpace(at + 1);
            at += 2;
            out.append(tag).append(' ');
            return tag;
        }

        int number() {
            int space = line.indexOf(' ', at);
            int n = Integer.parseInt(line.substring(at, space));
            at = space + 1;
            return n;
        }

        int count(StringBuilder out) {
            int n = number();
            out.append(n).append(' ');
            return n;
        }

        String value() {
            int len = number();
            String text = line.substring(at, at + len);
            expectSpace(at + len);
            at += len + 1;
            return text;
        }

        void copy(StringBuilder out) {
            String text = value();
            out.append(text.length()).append(' ').append(text).append(' ');
        }

        private void expectSpace(int i) {
            if (i < line.length() && line.charAt(i) != ' ') {
                throw new IllegalArgumentException("no separator at " + i);
            }
        }
    }
}
