package dev.perf.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code jmh:} suite entry: which JMH benchmarks to run and where their code is. Without {@code jar} or
 * {@code classpath} the benchmarks are looked up on perf's own classpath (the bundled demo). Immutable.
 *
 * @param include regex matched (find, as JMH does) against fully qualified benchmark names
 * @param exclude optional regex of names to leave out
 * @param jar a JMH uber-jar run with its own JMH ({@code java -jar}); relative to the suite file
 * @param classpath jars or class directories holding JMH-generated code, run with perf's JMH; relative to
 *     the suite file
 * @param params JMH parameter overrides ({@code -p name=v1,v2})
 */
public record JmhSpec(
        String include, String exclude, String jar, List<String> classpath, Map<String, List<String>> params) {

    public JmhSpec {
        if (include == null || include.isBlank()) {
            throw new IllegalArgumentException(
                    "jmh.include is required: a regex of benchmark names, e.g. \"MyBench.*\"");
        }
        checkRegex("include", include);
        if (exclude != null) {
            checkRegex("exclude", exclude);
        }
        if (jar != null && classpath != null) {
            throw new IllegalArgumentException("jmh entry has both jar and classpath: give one of them");
        }
        if (classpath != null && classpath.isEmpty()) {
            throw new IllegalArgumentException("jmh.classpath is empty: list jars or class directories");
        }
        classpath = classpath == null ? null : List.copyOf(classpath);
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        params.forEach(JmhSpec::checkParam);
    }

    /**
     * A parameter's values must be some, none blank and none with a comma (JMH's {@code -p name=v1,v2} splits
     * there): an empty list would run the benchmark with its own values while the suite seems to ask for none.
     */
    private static void checkParam(String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("jmh.params." + name + " is empty: give at least one value, e.g. " + name
                    + ": [16, 1024], or drop it to run the benchmark's own @Param values");
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("jmh.params." + name + " has an empty value: give each value"
                        + " as text or a number, e.g. " + name + ": [16, 1024]");
            }
            if (v.indexOf(',') >= 0) {
                throw new IllegalArgumentException("jmh.params." + name + ": the value '" + v + "' holds a comma,"
                        + " which JMH's -p reads as a separator; list the values apart, e.g. " + name + ": [a, b]");
            }
        }
    }

    /** The compiled include pattern. */
    public Pattern includePattern() {
        return Pattern.compile(include);
    }

    /** The compiled exclude pattern, or null. */
    public Pattern excludePattern() {
        return exclude == null ? null : Pattern.compile(exclude);
    }

    private static void checkRegex(String field, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "jmh." + field + " is not a valid regex: " + e.getDescription() + " in '" + regex + "'");
        }
    }
}
