package dev.perf.profile;

import dev.perf.host.ProcessSampler;
import dev.perf.report.Markdown;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a profile found, written as {@code summary.json} ({@link #SCHEMA}) and {@code summary.md}: the hot
 * methods by self and total weight (in {@code unit}), GC, and the process's CPU, RSS and threads over time.
 * Immutable.
 *
 * @param schema {@link #SCHEMA}
 * @param target what was profiled, as given
 * @param pid the process profiled, null when none was (a JMH benchmark runs in forks)
 * @param engine {@code jfr}, {@code async-profiler}, or {@code none} (resource timeline only)
 * @param mode cpu, wall, alloc or lock
 * @param unit unit of every weight: {@code samples} (cpu, wall), {@code bytes} (alloc) or {@code ns} (lock)
 * @param settings sampling period, thresholds and other engine settings in words
 * @param startedAt wall-clock start
 * @param durationSeconds how long it recorded, s
 * @param totalWeight weight of all stacks
 * @param topSelf methods by self weight (where the time or bytes were spent in the method itself)
 * @param topTotal methods by total weight (the method and everything it called)
 * @param gc garbage collections during the recording, null when not recorded
 * @param timeline the process once a second
 * @param notes what the reader should know: fallbacks, limits, warnings (few samples, a target that ended
 *     early), the command's exit code
 * @param exitStatus the profiled command's exit status; null for a pid, JMH, or a command perf stopped
 * @param jvms the JVMs a launcher started, each profiled into a directory of its own; empty otherwise
 */
public record ProfileSummary(
        String schema,
        String target,
        Long pid,
        String engine,
        String mode,
        String unit,
        String settings,
        Instant startedAt,
        double durationSeconds,
        long totalWeight,
        List<Method> topSelf,
        List<Method> topTotal,
        Gc gc,
        List<ProcessSampler.Sample> timeline,
        List<String> notes,
        Integer exitStatus,
        List<Jvm> jvms) {

    /**
     * A JVM a launcher started.
     *
     * @param pid its process id
     * @param mainClass its main class (or jar)
     * @param directory its outputs, relative to this summary's directory
     * @param totalWeight weight of its stacks, in {@code unit}
     * @param topMethod its hottest Java method (innermost Java frame; by self weight in allocation and lock profiles,
     *     or without Java frames), null without samples
     * @param topPercent that method's self share, %
     */
    public record Jvm(
            long pid, String mainClass, String directory, long totalWeight, String topMethod, double topPercent) {}

    /** Schema of {@code summary.json}. */
    public static final String SCHEMA = "perf-profile/1";

    public ProfileSummary {
        topSelf = List.copyOf(topSelf);
        topTotal = List.copyOf(topTotal);
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
        jvms = jvms == null ? List.of() : List.copyOf(jvms);
    }

    /** This summary naming its target {@code target}, with {@code timeline} and {@code notes} of its own. */
    public ProfileSummary about(String target, List<ProcessSampler.Sample> timeline, List<String> notes) {
        return copy(target, totalWeight, timeline, notes, exitStatus, jvms);
    }

    /** This summary (an index of JVMs) with {@code totalWeight}, their stacks' weight together. */
    ProfileSummary weighing(long totalWeight) {
        return copy(target, totalWeight, timeline, notes, exitStatus, jvms);
    }

    /** This summary with the command's exit status and the JVMs it started. */
    public ProfileSummary with(Integer exitStatus, List<Jvm> jvms) {
        return copy(target, totalWeight, timeline, notes, exitStatus, jvms);
    }

    private ProfileSummary copy(
            String target,
            long totalWeight,
            List<ProcessSampler.Sample> timeline,
            List<String> notes,
            Integer exitStatus,
            List<Jvm> jvms) {
        return new ProfileSummary(
                schema,
                target,
                pid,
                engine,
                mode,
                unit,
                settings,
                startedAt,
                durationSeconds,
                totalWeight,
                topSelf,
                topTotal,
                gc,
                timeline,
                notes,
                exitStatus,
                jvms);
    }

    /**
     * A hot method.
     *
     * @param method class and method, e.g. {@code com.acme.Cache.get}
     * @param self weight with the method as the leaf
     * @param selfPercent self as % of the total weight
     * @param total weight of stacks it was on
     * @param totalPercent total as % of the total weight
     */
    public record Method(String method, long self, double selfPercent, long total, double totalPercent) {}

    /**
     * Garbage collection during the recording.
     *
     * @param collections number of collections
     * @param totalPauseMillis sum of their pauses, ms
     * @param maxPauseMillis the longest pause, ms
     * @param collectors collections by collector name, e.g. {@code G1New: 12}
     */
    public record Gc(long collections, double totalPauseMillis, double maxPauseMillis, Map<String, Long> collectors) {}

    /** The summary as Markdown. */
    public String markdown() {
        StringBuilder sb =
                new StringBuilder("## perf profile: ").append(escape(target)).append("\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%s · %s mode · %.1f s · %s%s%n%n",
                engine,
                mode,
                durationSeconds,
                settings,
                pid == null ? "" : " · pid " + pid));
        for (String note : notes) {
            sb.append("> ").append(escape(note)).append("\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
        }
        if (exitStatus != null) {
            sb.append("Exit status: ").append(exitStatus).append("\n\n");
        }
        if (!jvms.isEmpty()) {
            sb.append("### JVMs\n\n| pid | Main class | Total ")
                    .append(unit)
                    .append(" | Hottest Java method | Flame graph |\n|---:|---|---:|---|---|\n");
            for (Jvm j : jvms) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %,d | %s | [%s/flame.html](%s/flame.html) |%n",
                        j.pid(),
                        escape(j.mainClass()),
                        j.totalWeight(),
                        j.topMethod() == null
                                ? "—"
                                : escape(j.topMethod()) + String.format(Locale.ROOT, " (%.1f %%)", j.topPercent()),
                        escape(j.directory()),
                        j.directory()));
            }
            sb.append('\n');
        }
        if (totalWeight > 0 && jvms.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Total: %,d %s. Weights are in %s.%n%n", totalWeight, unit, unit));
            table(sb, "Top methods by self " + unit, topSelf);
            table(sb, "Top methods by total " + unit + " (including callees)", topTotal);
        } else if (!engine.equals("none") && jvms.isEmpty() && durationSeconds > 0) {
            sb.append("No samples were recorded (the target may have been idle, or too short-lived).\n\n");
        }
        if (gc != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "### GC%n%n%d collections, %.1f ms paused in total, longest pause %.1f ms%s%n%n",
                    gc.collections(),
                    gc.totalPauseMillis(),
                    gc.maxPauseMillis(),
                    gc.collectors().isEmpty() ? "" : " (" + collectors() + ")"));
        }
        if (!timeline.isEmpty()) {
            double cpuPeak = timeline.stream()
                    .mapToDouble(ProcessSampler.Sample::cpuPercent)
                    .filter(v -> !Double.isNaN(v))
                    .max()
                    .orElse(Double.NaN);
            long rssPeak = timeline.stream()
                    .mapToLong(ProcessSampler.Sample::rssBytes)
                    .max()
                    .orElse(-1);
            int threadsPeak = timeline.stream()
                    .mapToInt(ProcessSampler.Sample::threads)
                    .max()
                    .orElse(-1);
            sb.append(String.format(
                    Locale.ROOT,
                    "### Process%n%nPeaks: CPU %.1f %% of a core, RSS %.1f MB, %d threads.%n%n",
                    cpuPeak,
                    rssPeak / 1e6,
                    threadsPeak));
            sb.append("| Second | CPU % | RSS MB | Threads |\n|---:|---:|---:|---:|\n");
            for (ProcessSampler.Sample s : timeline) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d | %.1f | %.1f | %d |%n",
                        s.second(),
                        s.cpuPercent(),
                        s.rssBytes() / 1e6,
                        s.threads()));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private String collectors() {
        StringBuilder sb = new StringBuilder();
        gc.collectors().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(": ")
                .append(v));
        return escape(sb.toString());
    }

    private void table(StringBuilder sb, String title, List<Method> methods) {
        sb.append("### ").append(title).append("\n\n| Method | Self | Self % | Total | Total % |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (Method m : methods) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %d | %.1f |%n",
                    escape(m.method()),
                    m.self(),
                    m.selfPercent(),
                    m.total(),
                    m.totalPercent()));
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return Markdown.escape(s);
    }
}
