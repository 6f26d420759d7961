package dev.perf.suite;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded suite together with where it came from. Immutable.
 *
 * @param suite the suite
 * @param label the file as the user named it, or {@code built-in} for the demo suite
 * @param baseDir directory that relative paths in the suite ({@code jar}, {@code classpath}) resolve
 *     against
 */
public record SuiteSource(Suite suite, String label, Path baseDir) {
    /** Label of the bundled demo suite. */
    public static final String BUILT_IN = "built-in";

    public SuiteSource {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** Resolves a path written in the suite against {@link #baseDir}. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
