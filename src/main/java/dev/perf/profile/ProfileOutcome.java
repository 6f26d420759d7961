package dev.perf.profile;

import dev.perf.result.Numbers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a profile produced.
 *
 * @param directory where the files are
 * @param summary the summary written there
 */
public record ProfileOutcome(Path directory, ProfileSummary summary) {
    /**
     * perf's exit code: the profiled command's status when it failed (said on {@code err}), unless {@code
     * ignoreExit}; 0 otherwise.
     */
    public int exitCode(boolean ignoreExit, PrintStream err) {
        Integer status = summary.exitStatus();
        if (status == null || status == 0) {
            return 0;
        }
        err.println("perf: the profiled command exited with status " + status
                + (ignoreExit
                        ? "; --ignore-exit: perf exits 0"
                        : ", and so does perf profile (--ignore-exit to exit 0); the profile was written"));
        return ignoreExit ? 0 : status;
    }

    /** What the terminal shows: engine, mode and length, the ten hottest methods, the files written. */
    public String terminalSummary() {
        StringBuilder sb = new StringBuilder();
        sb.append("perf profile: ")
                .append(summary.engine())
                .append(", ")
                .append(summary.mode())
                .append(", ")
                .append(summary.unit())
                .append(" · ")
                .append(Numbers.fixed(summary.durationSeconds(), 1))
                .append(" s\n");
        for (ProfileSummary.Method m :
                summary.topSelf().subList(0, Math.min(10, summary.topSelf().size()))) {
            sb.append(String.format(Locale.ROOT, "  %5.1f%%  %s", m.selfPercent(), m.method()))
                    .append('\n');
        }
        for (ProfileSummary.Jvm j : summary.jvms()) {
            sb.append(String.format(
                            Locale.ROOT,
                            "  JVM %d %s: %s",
                            j.pid(),
                            j.mainClass(),
                            j.topMethod() == null
                                    ? "no samples"
                                    : String.format(Locale.ROOT, "%.1f%% %s", j.topPercent(), j.topMethod())))
                    .append("  → ")
                    .append(directory.resolve(j.directory()).resolve("flame.html"))
                    .append('\n');
        }
        List<String> files = new ArrayList<>();
        for (String f : List.of(
                "flame.html", "summary.md", "summary.json", "profile.collapsed", "profile.pb.gz", "speedscope.json")) {
            if (Files.exists(directory.resolve(f))) {
                files.add(f);
            }
        }
        return sb.append("Profile: ")
                .append(directory)
                .append("  (")
                .append(String.join(", ", files))
                .append(")\n")
                .toString();
    }
}
