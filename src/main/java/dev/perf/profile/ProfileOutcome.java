package dev.perf.profile;

import dev.perf.result.Numbers;
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
        List<String> files = new ArrayList<>();
        for (String f : List.of("flame.html", "summary.md", "summary.json", "profile.collapsed")) {
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
