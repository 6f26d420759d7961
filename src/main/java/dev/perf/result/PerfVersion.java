package dev.perf.result;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of perf, from the build ({@code dev/perf/version.properties}), and the commit and date it was
 * built from ({@code dev/perf/build.properties}).
 */
public final class PerfVersion {
    private static final String VERSION = load("/dev/perf/version.properties", "version");
    private static final String COMMIT = load("/dev/perf/build.properties", "commit");
    private static final String BUILT = load("/dev/perf/build.properties", "built");

    private PerfVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a build. */
    public static String get() {
        return VERSION;
    }

    /** The commit perf was built from (12 hex digits), {@code unknown} without git. */
    public static String commit() {
        return COMMIT;
    }

    /** The day perf was built, {@code yyyy-MM-dd} (UTC); {@code unknown} outside a build. */
    public static String built() {
        return BUILT;
    }

    private static String load(String resource, String key) {
        try (InputStream in = PerfVersion.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
