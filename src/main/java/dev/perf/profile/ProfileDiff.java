package dev.perf.profile;

import dev.perf.report.Markdown;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** {@code perf profile diff A B}: a differential flame graph and the top changes between two profiles. */
public final class ProfileDiff {
    private ProfileDiff() {}

    /**
     * {@code perf profile diff A B}: each a profile directory (its {@code profile.collapsed}) or a JFR file
     * (read as a cpu profile); writes {@code diff.html}, {@code diff.md} and {@code diff.collapsed} (the
     * two-column format of flamegraph.pl's difffolded) into {@code dir}.
     */
    public static Path run(Path a, Path b, Path dir, int top) {
        StackProfile before = stacksOf(a, dir, "a");
        StackProfile after = stacksOf(b, dir, "b");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw PerfException.badInput("cannot create " + dir + ": " + e.getMessage());
        }
        List<String[]> changes = DiffFlameGraph.topChanges(before, after, top);
        String title = "perf profile diff: " + a + " → " + b;
        ResultFiles.writeAtomically(
                dir.resolve("diff.html"),
                DiffFlameGraph.html(before, after, title, changes).getBytes(StandardCharsets.UTF_8));
        StringBuilder folded = new StringBuilder();
        Set<String> keys = new TreeSet<>(before.stacks().keySet());
        keys.addAll(after.stacks().keySet());
        for (String k : keys) {
            folded.append(k)
                    .append(' ')
                    .append(before.stacks().getOrDefault(k, 0L))
                    .append(' ')
                    .append(after.stacks().getOrDefault(k, 0L))
                    .append('\n');
        }
        ResultFiles.writeAtomically(
                dir.resolve("diff.collapsed"), folded.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder md = new StringBuilder("## perf profile diff\n\n`")
                .append(Markdown.code(a.toString()))
                .append("` → `")
                .append(Markdown.code(b.toString()))
                .append(String.format(
                        Locale.ROOT,
                        "`: %,d → %,d in total. Shares of all samples, in %%.%n%n",
                        before.total(),
                        after.total()))
                .append("| Method | Before % | After % | Change (points) |\n|---|---:|---:|---:|\n");
        for (String[] c : changes) {
            md.append("| ")
                    .append(Markdown.escape(c[0]))
                    .append(" | ")
                    .append(c[1])
                    .append(" | ")
                    .append(c[2])
                    .append(" | ")
                    .append(c[3])
                    .append(" |\n");
        }
        ResultFiles.writeAtomically(dir.resolve("diff.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    private static StackProfile stacksOf(Path input, Path dir, String label) {
        if (Files.isDirectory(input)) {
            Path collapsed = input.resolve("profile.collapsed");
            if (!Files.isRegularFile(collapsed)) {
                throw PerfException.badInput(
                        input + " has no profile.collapsed: give a perf profile directory or a" + " .jfr file");
            }
            return StackProfile.read(collapsed, false);
        }
        if (Files.isRegularFile(input) && input.toString().endsWith(".jfr")) {
            Path out = dir.resolve(label + ".collapsed");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw PerfException.badInput("cannot create " + dir + ": " + e.getMessage());
            }
            FlameGraphs.convert(
                    input, out, FlameGraphs.arguments(ProfileRequest.Mode.cpu, false, null, null, label, true));
            return StackProfile.read(out, false);
        }
        throw PerfException.badInput("cannot read " + input + ": give a perf profile directory or a .jfr file");
    }
}
