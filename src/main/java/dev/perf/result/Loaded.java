package dev.perf.result;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Benchmarks read from one input file of any supported format, with what the format tells about them.
 * Immutable.
 *
 * @param label the file as the user named it
 * @param format which format it was: {@code perf}, {@code jmh}, {@code hyperfine} or {@code go}
 * @param benchmarks the benchmarks, in file order
 * @param environment the machine it ran on; null when the format does not say
 * @param thresholds regression thresholds stored with the result; null when the format has none
 * @param exactUnits units declared exact ({@code Unit X assume=exact} in Go's format): their values have no
 *     noise, so one sample per side is a full measurement
 * @param perfVersion version of perf that wrote it, null for foreign formats
 * @param run the whole perf result as read, so that nobody parses the file twice; null for foreign formats
 */
public record Loaded(
        String label,
        String format,
        List<BenchmarkResult> benchmarks,
        Environment environment,
        Thresholds thresholds,
        Set<String> exactUnits,
        String perfVersion,
        RunResult run) {
    public Loaded {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(format, "format");
        benchmarks = List.copyOf(benchmarks);
        exactUnits = exactUnits == null ? Set.of() : Set.copyOf(exactUnits);
    }
}
