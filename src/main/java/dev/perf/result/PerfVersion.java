package dev.perf.result;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of perf, from the build ({@code dev/perf/version.properties}). */
public final class PerfVersion {
    private static final String VERSION = load();

    private PerfVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a build. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PerfVersion.class.getResourceAsStream("/dev/perf/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
