package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JFR event settings (a {@code .jfc} file) written for one profile: explicit sampling periods and
 * thresholds rather than JFR's "default"/"profile" presets, so that what was recorded is stated, not
 * implied. Every recording includes GC, heap and CPU-load events for the summary. The events that copy the
 * profiled JVM's command line, system properties and environment into the recording are turned off: a
 * {@code -Dpassword=...} or a token in the environment must not travel with a profile that is shared.
 */
final class JfrSettings {
    /** Execution sampling period (cpu and wall modes). */
    static final String SAMPLING_PERIOD = "10 ms";
    /** Locks held or waited on for less than this are not recorded (lock mode). */
    static final String LOCK_THRESHOLD = "1 ms";
    /** Allocation samples per second at most (alloc mode; JFR weighs each by the bytes it stands for). */
    static final String ALLOCATION_THROTTLE = "1000/s";

    /** Events that would copy secrets of the profiled process into the recording. */
    static final java.util.List<String> PRIVATE_EVENTS = java.util.List.of(
            "jdk.JVMInformation", "jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable", "jdk.SystemProcess");

    private JfrSettings() {}

    /** JFR's sampling period for {@code interval} (null: {@link #SAMPLING_PERIOD}); JFR samples at most every 1 ms. */
    static String period(java.time.Duration interval) {
        return interval == null ? SAMPLING_PERIOD : Math.max(1, interval.toMillis()) + " ms";
    }

    /** A copy of the settings {@code from} at {@code to}, for a recording that outlives the output directory. */
    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + to + ": " + e.getMessage());
        }
        return to;
    }

    /** Writes the settings for {@code mode} (null: only GC, heap and CPU load) to {@code file}. */
    static Path write(ProfileRequest.Mode mode, Path file) {
        return write(mode, null, file);
    }

    /**
     * Writes the settings for {@code mode} (null: only GC, heap and CPU load), sampling every {@code interval}
     * (null: {@link #SAMPLING_PERIOD}), to {@code file}.
     */
    static Path write(ProfileRequest.Mode mode, java.time.Duration interval, Path file) {
        String sampling = period(interval);
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(
                        "<configuration version=\"2.0\" label=\"perf profile\" description=\"written by perf profile\">\n");
        event(sb, "jdk.GarbageCollection", "<setting name=\"threshold\">0 ms</setting>");
        event(sb, "jdk.GCPhasePause", "<setting name=\"threshold\">0 ms</setting>");
        event(sb, "jdk.GCHeapSummary", "");
        event(sb, "jdk.CPULoad", "<setting name=\"period\">1 s</setting>");
        event(sb, "jdk.ThreadStatistics", "<setting name=\"period\">1 s</setting>");
        if (mode != null) {
            switch (mode) {
                case cpu -> event(sb, "jdk.ExecutionSample", periodSetting(sampling));
                case wall -> {
                    event(sb, "jdk.ExecutionSample", periodSetting(sampling));
                    event(sb, "jdk.NativeMethodSample", periodSetting(sampling));
                }
                case alloc -> event(
                        sb,
                        "jdk.ObjectAllocationSample",
                        "<setting name=\"throttle\">" + ALLOCATION_THROTTLE + "</setting>"
                                + "<setting name=\"stackTrace\">true</setting>");
                case lock -> {
                    event(sb, "jdk.JavaMonitorEnter", threshold());
                    event(sb, "jdk.ThreadPark", threshold());
                }
            }
        }
        for (String name : PRIVATE_EVENTS) {
            sb.append("  <event name=\"").append(name).append("\"><setting name=\"enabled\">false</setting></event>\n");
        }
        sb.append("</configuration>\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }

    private static String periodSetting(String period) {
        return "<setting name=\"period\">" + period + "</setting>";
    }

    private static String threshold() {
        return "<setting name=\"threshold\">" + LOCK_THRESHOLD
                + "</setting><setting name=\"stackTrace\">true</setting>";
    }

    private static void event(StringBuilder sb, String name, String settings) {
        sb.append("  <event name=\"")
                .append(name)
                .append("\"><setting name=\"enabled\">true</setting>")
                .append(settings)
                .append("</event>\n");
    }
}
