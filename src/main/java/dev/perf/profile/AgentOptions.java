package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options perf gives a profiled JVM: async-profiler's agent string and JDK Flight Recorder's command-line
 * flags. Whatever the agent would print goes to a log file in the output directory, never to the target's own
 * stdout or stderr. Pure.
 */
final class AgentOptions {
    private AgentOptions() {}

    /** The sampling interval when {@code --interval} is not given (cpu, wall and other timed events). */
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    /** The interval in async-profiler's syntax, e.g. {@code 10ms}, {@code 500us}. */
    static String interval(ProfileRequest r) {
        long ns = (r.options().interval() != null ? r.options().interval() : DEFAULT_INTERVAL).toNanos();
        if (ns % 1_000_000 == 0) {
            return ns / 1_000_000 + "ms";
        }
        return ns % 1_000 == 0 ? ns / 1_000 + "us" : ns + "ns";
    }

    /** Whether {@code event} samples by time (so an interval applies), not by bytes, locks or counts. */
    static boolean timed(String event) {
        return List.of("cpu", "wall", "itimer", "ctimer").contains(event);
    }

    /** What async-profiler samples and how often, e.g. {@code event=cpu,interval=10ms,cstack=no}. */
    static String sampling(ProfileRequest r) {
        StringBuilder sb = new StringBuilder("event=").append(r.event());
        if (timed(r.event()) || r.options().interval() != null) {
            sb.append(",interval=").append(interval(r));
        }
        if (r.options().cstack() != null) {
            sb.append(",cstack=").append(r.options().cstack());
        }
        return sb.toString();
    }

    /**
     * async-profiler's agent options: {@code action} ({@code start}, {@code stop}, {@code dump}), JFR output to
     * {@code file}, its messages to {@code log}.
     */
    static String async(ProfileRequest r, String action, Path file, Path log) {
        StringBuilder sb = new StringBuilder(action);
        if (!action.equals("stop") && !action.equals("dump")) {
            sb.append(',').append(sampling(r));
        }
        sb.append(",jfr,file=").append(file.toAbsolutePath());
        if (log != null) {
            sb.append(",log=").append(log.toAbsolutePath());
        }
        return sb.toString();
    }

    /**
     * The JVM flags that record a launched JVM from its start: debug info at every instruction (inlined frames
     * are attributed correctly only with it), JDK Flight Recorder into {@code jfr} (a file, or a directory
     * where each JVM writes {@code hotspot-pid-PID-…jfr}) with {@code settings}, its start-up message off the
     * target's stdout, and async-profiler's agent when {@code library} is not null.
     */
    static List<String> jvmFlags(ProfileRequest r, Path settings, Path jfr, Path library, Path async, Path log) {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:+UnlockDiagnosticVMOptions");
        flags.add("-XX:+DebugNonSafepoints");
        // JFR prints "Started recording…" on the target's stdout unless this tag set is off there
        flags.add("-Xlog:jfr+startup=off:stdout");
        flags.add("-XX:StartFlightRecording=name=" + PidRecording.NAME + ",filename=" + jfr.toAbsolutePath()
                + (jfr.toString().endsWith(".jfr") ? "" : "/") + ",settings=" + settings.toAbsolutePath()
                + ",dumponexit=true");
        if (library != null) {
            flags.add("-agentpath:" + library + "=" + async(r, "start", async, log));
        }
        return flags;
    }

    /**
     * {@code JAVA_TOOL_OPTIONS} that every JVM a launcher starts reads: {@code existing} (the user's own) and one
     * {@code -XX:VMOptionsFile} naming {@code optionsFile}, where {@code flags} are written one per line — so the
     * JVM's "Picked up JAVA_TOOL_OPTIONS" line on stderr stays one short line, and paths may hold spaces.
     */
    static String javaToolOptions(String existing, List<String> flags, Path optionsFile) {
        StringBuilder text = new StringBuilder();
        for (String f : flags) {
            text.append('"')
                    .append(f.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n");
        }
        String ours = "-XX:VMOptionsFile=" + optionsFile.toAbsolutePath();
        if (ours.chars().anyMatch(Character::isWhitespace)) {
            throw PerfException.badInput("the output directory's path has a space, which JAVA_TOOL_OPTIONS cannot"
                    + " carry to the JVMs the command starts: choose another -o");
        }
        try {
            Files.writeString(optionsFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + optionsFile + ": " + e.getMessage());
        }
        return existing == null || existing.isBlank() ? ours : existing.strip() + " " + ours;
    }
}
