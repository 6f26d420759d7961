package dev.perf.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. To update them after an intended change, run the tests
 * with {@code -Dperf.updateGolden=true} and review the diff.
 */
public final class Golden {
    private Golden() {}

    /** The golden content of {@code name}; with perf.updateGolden, {@code actual} is written first. */
    public static String of(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (actual != null && Boolean.getBoolean("perf.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.exists(file)
                ? Files.readString(file, StandardCharsets.UTF_8)
                : "<missing golden file " + file + ">";
    }
}
