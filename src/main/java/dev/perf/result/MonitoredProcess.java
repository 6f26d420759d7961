package dev.perf.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process a load loop watched besides perf (an entry of its {@code monitor:}): once a second its CPU, its
 * resident memory and, for a JVM that publishes its counters, its heap in use; its trends; and what happened to
 * it. Immutable.
 *
 * @param label how the suite named it: its {@code name:}, or {@code pid 1234}, {@code process nginx},
 *     {@code pidFile run/app.pid}, {@code port 8080}
 * @param pid the process found, −1 when none was
 * @param command its executable's name (e.g. {@code java}), null when none was found
 * @param note what the run should know: it was not found (and why) or it exited during the loop (and when);
 *     null when it was sampled throughout
 * @param samples one per measured second while it lived, the last covering the final partial second
 * @param trends Theil–Sen slopes over the measured windows, as in the loop's {@code overall}: {@code
 *     rssGrowth} and, with heap samples, {@code heapGrowth} (bytes per hour), each with {@code .lower}, {@code
 *     .upper} and {@code .windows}
 */
public record MonitoredProcess(
        String label, long pid, String command, String note, List<Sample> samples, Map<String, Double> trends) {

    /**
     * One second of a monitored process.
     *
     * @param second seconds since the measurement started, as in the loop's {@code host} samples
     * @param cpuPercent CPU use, % of one core (NaN when unknown)
     * @param rssBytes resident set size (−1 when unknown)
     * @param heapUsedBytes Java heap in use (−1: not a JVM, or its counters are not readable)
     */
    public record Sample(long second, double cpuPercent, long rssBytes, long heapUsedBytes) {}

    /**
     * A watched process's latest sample, for live metrics.
     *
     * @param label how the suite named it
     * @param sample its CPU, RSS and heap
     */
    public record Reading(String label, Sample sample) {}

    public MonitoredProcess {
        Objects.requireNonNull(label, "label");
        samples = samples == null ? List.of() : List.copyOf(samples);
        trends = trends == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(trends));
    }

    /**
     * The processes a loop watched: its {@link LoadDetails#monitors}, or, in a file from before they were listed,
     * the one monitored process its host samples and {@code overall} tell of (labelled {@code monitored}).
     */
    public static List<MonitoredProcess> of(LoadDetails d) {
        boolean legacy =
                d.host().stream().anyMatch(h -> h.monitoredRssBytes() >= 0 || !Double.isNaN(h.monitoredCpuPercent()));
        if (!d.monitors().isEmpty() || !legacy) {
            return d.monitors();
        }
        List<Sample> samples = d.host().stream()
                .map(h -> new Sample(h.second(), h.monitoredCpuPercent(), h.monitoredRssBytes(), -1))
                .toList();
        Map<String, Double> trends = new LinkedHashMap<>();
        d.overall().forEach((k, v) -> {
            if (k.startsWith("rssGrowth")) {
                trends.put(k, v);
            }
        });
        return List.of(new MonitoredProcess("monitored", -1, null, null, samples, trends));
    }

    /** This process with its trends. */
    public MonitoredProcess withTrends(Map<String, Double> trends) {
        return new MonitoredProcess(label, pid, command, note, samples, trends);
    }

    /** Its name for a reader: the label, with the pid and command found when they add something. */
    public String title() {
        if (pid < 0 || label.equals("pid " + pid)) {
            return command == null ? label : label + " (" + command + ")";
        }
        return label + " (pid " + pid + (command == null ? "" : ", " + command) + ")";
    }
}
