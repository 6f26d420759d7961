package dev.perf.bench;

import java.util.List;

/**
 * The JVM options JMH's forks get when JMH runs inside perf's own JVM (the bundled benchmarks). JMH gives its
 * forks the host JVM's options unless told otherwise, and the host is perf: its heap and pre-touch for load
 * loops ({@code -Xms512m -XX:+AlwaysPreTouch}), {@code PERF_JAVA_OPTS}, a coverage agent under test. None of those
 * are the benchmark's. A fork keeps only what lets code run at all on this JDK — module access and
 * {@code sun.misc.Unsafe} permission — and the suite's own {@code jvmArgs} come after. Pure.
 */
final class ForkOptions {
    private ForkOptions() {}

    private static final List<String> ACCESS = List.of(
            "--add-opens",
            "--add-exports",
            "--add-reads",
            "--add-modules",
            "--enable-native-access",
            "--sun-misc-unsafe-memory-access",
            "--illegal-access");

    /** Of the host JVM's {@code options} ({@code RuntimeMXBean.getInputArguments()}), those a fork needs. */
    static List<String> of(List<String> options) {
        return options.stream()
                .filter(o -> ACCESS.stream().anyMatch(a -> o.equals(a) || o.startsWith(a + "=")))
                .toList();
    }

    /**
     * JMH's {@code -jvmArgs} for the forks: {@link #of} the host's options, space-joined as JMH splits them (an
     * empty value is an empty list: the forks inherit nothing).
     */
    static List<String> jmhArguments(List<String> hostOptions) {
        return List.of("-jvmArgs", String.join(" ", of(hostOptions)));
    }
}
