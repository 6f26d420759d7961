package dev.perf.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The GC summary of a JDK Flight Recorder file: {@code jdk.GarbageCollection} events. */
final class GcEvents {
    private GcEvents() {}

    /** The collections recorded in {@code jfr}; null when the file has none or cannot be read. */
    static ProfileSummary.Gc read(Path jfr) {
        if (jfr == null || !Files.isRegularFile(jfr)) {
            return null;
        }
        long count = 0;
        double totalMillis = 0;
        double maxMillis = 0;
        Map<String, Long> collectors = new TreeMap<>();
        boolean sawGcEvents = false;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.GarbageCollection")) {
                    continue;
                }
                sawGcEvents = true;
                count++;
                double pause = e.hasField("sumOfPauses")
                        ? e.getDuration("sumOfPauses").toNanos() / 1e6
                        : e.getDuration().toNanos() / 1e6;
                double longest = e.hasField("longestPause")
                        ? e.getDuration("longestPause").toNanos() / 1e6
                        : pause;
                totalMillis += pause;
                maxMillis = Math.max(maxMillis, longest);
                collectors.merge(e.hasField("name") ? String.valueOf(e.getString("name")) : "GC", 1L, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return sawGcEvents || hasGcSettings(jfr)
                ? new ProfileSummary.Gc(count, totalMillis, maxMillis, collectors)
                : null;
    }

    /** A recording made with perf's settings always asks for GC events: zero collections is an answer. */
    private static boolean hasGcSettings(Path jfr) {
        return jfr.getFileName().toString().equals(Profiler.RECORDING);
    }
}
