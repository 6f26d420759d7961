package dev.perf.run;

import dev.perf.suite.JmhOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code perf run} was asked to do. Immutable.
 *
 * @param profile profile name ({@code quick}, {@code full} or one the suite defines)
 * @param suiteFile suite file given with {@code -s}; null to look for perf.yaml, then use the demo
 * @param jmhJar a JMH uber-jar given with {@code --jmh-jar}: run its benchmarks instead of a suite
 * @param only filter on benchmark names (find semantics); null for all
 * @param output result file; null for {@code perf-results/<timestamp>.json}
 * @param markdown Markdown summary file; null for none
 * @param overrides JMH options from the command line, applied over the profile
 * @param verbose copy JMH's raw output to stderr
 * @param quiet no progress and no summary table
 * @param progress show progress (false with {@code --no-progress})
 * @param terminal stderr is a terminal (a bar instead of plain lines)
 */
public record RunRequest(
        String profile,
        Path suiteFile,
        Path jmhJar,
        Pattern only,
        Path output,
        Path markdown,
        JmhOptions overrides,
        boolean verbose,
        boolean quiet,
        boolean progress,
        boolean terminal) {
    public RunRequest {
        Objects.requireNonNull(profile, "profile");
        overrides = overrides == null ? JmhOptions.NONE : overrides;
        if (suiteFile != null && jmhJar != null) {
            throw dev.perf.result.PerfException.usage("give either -s SUITE or --jmh-jar JAR, not both");
        }
    }
}
