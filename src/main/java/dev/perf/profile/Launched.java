package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The profile of a launcher (mvn, gradle, a script): one output set per JVM it started, in {@code
 * PID-MainClass/} (flame graph, collapsed stacks, pprof, speedscope, summary), the JVMs {@code --jvm-filter}
 * drops deleted, and an index — the top-level {@code summary.md} / {@code summary.json} — listing each JVM with
 * its hottest method and a link to its flame graph.
 */
final class Launched {
    private Launched() {}

    static ProfileSummary index(
            ProfileRequest request,
            Recording rec,
            Path dir,
            CommandRecording.Ran ran,
            Instant started,
            List<String> notes) {
        Path jvmsDir = dir.resolve(CommandRecording.JVMS);
        Map<Long, Path[]> recordings = JvmProfiles.recordings(jvmsDir);
        List<ProfileSummary.Jvm> kept = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Long, Path[]> e : recordings.entrySet()) {
            long pid = e.getKey();
            Path work = jvmsDir.resolve(Long.toString(pid));
            JvmProfiles.Jvm placed = JvmProfiles.place(pid, "unknown", e.getValue(), work);
            List<String> own = new ArrayList<>();
            ProfileSummary one;
            try {
                one = Profiler.single(
                        request, rec.in(work), work, pid, started, ran.seconds(), List.of(), own, "pid " + pid);
            } catch (PerfException unread) {
                // a JVM killed before it could write its recording (SIGTERM in its start-up, before the JVM handles
                // it, ends it at once) is left out; the others' profiles are written
                notes.add("warning: JVM " + pid + " (" + ran.mainClasses().getOrDefault(pid, "unknown")
                        + ") ended before its recording was complete, so it is left out (" + unread.getMessage() + ")");
                continue;
            }
            String main = mainClass(work, ran, pid);
            seen.add(pid + " (" + main + ")");
            if (request.options().jvmFilter() != null
                    && !request.options().jvmFilter().matcher(main).find()) {
                continue;
            }
            ProfileSummary.Jvm jvm = keep(request, dir, work, pid, main, one, own, notes);
            total += jvm.totalWeight();
            kept.add(jvm);
            if (placed.async() != null) {
                JvmProfiles.delete(List.of(dir.resolve(jvm.directory()).resolve(Profiler.ASYNC_RECORDING)));
            }
        }
        deleteTree(jvmsDir);
        if (recordings.isEmpty()) {
            if (request.options().jvmFilter() != null) {
                throw PerfException.badInput(
                        "--jvm-filter '" + request.options().jvmFilter().pattern()
                                + "': the command started no JVM (or cleared JAVA_TOOL_OPTIONS for them)");
            }
            notes.add("the command started no JVM that read JAVA_TOOL_OPTIONS: resource timeline only");
        } else if (kept.isEmpty() && !seen.isEmpty()) {
            throw PerfException.badInput(
                    "--jvm-filter '" + request.options().jvmFilter().pattern() + "' matched none of the JVMs that ran: "
                            + String.join(", ", seen));
        }
        kept.sort(Comparator.comparingLong(ProfileSummary.Jvm::pid));
        ProfileSummary top = Profiler.summary(
                request, rec.use(), ran.pid(), started, ran.seconds(), null, dir, ran.timeline(), notes);
        return top.with(null, kept).weighing(total);
    }

    private static String mainClass(Path work, CommandRecording.Ran ran, long pid) {
        String main = JvmProfiles.mainFromStacks(StackProfile.read(work.resolve("profile.collapsed"), false));
        return main != null ? main : ran.mainClasses().getOrDefault(pid, "unknown");
    }

    /** Moves one JVM's profile from {@code work} to its {@code PID-MainClass/} directory, named after it. */
    private static ProfileSummary.Jvm keep(
            ProfileRequest request,
            Path dir,
            Path work,
            long pid,
            String main,
            ProfileSummary one,
            List<String> own,
            List<String> notes) {
        Path home = dir.resolve(JvmProfiles.directoryName(pid, main));
        deleteTree(home);
        move(work, home);
        ProfileSummary named = one.about(request.target().describe() + " → " + main, List.of(), own);
        Profiler.write(home, named);
        own.stream().filter(n -> n.startsWith("warning: ")).forEach(n -> notes.add("pid " + pid + ": " + n));
        String top = named.topSelf().isEmpty() ? null : named.topSelf().get(0).method();
        double percent = named.topSelf().isEmpty() ? 0 : named.topSelf().get(0).selfPercent();
        boolean time = request.mode() == ProfileRequest.Mode.cpu || request.mode() == ProfileRequest.Mode.wall;
        Path collapsed = home.resolve("profile.collapsed");
        if (time && Files.exists(collapsed) && named.totalWeight() > 0) {
            // the headline is the hottest Java method, with the JVM's own compiler and GC threads named beside it
            StackProfile stacks = StackProfile.read(collapsed, false);
            StackProfile.MethodWeight hottest = stacks.hottestJava();
            if (hottest != null) {
                top = hottest.method();
                percent = 100.0 * hottest.self() / named.totalWeight();
            }
            double[] vm = stacks.jitAndGcShares();
            if (vm[0] >= 0.01 || vm[1] >= 0.01) {
                notes.add(String.format(
                        java.util.Locale.ROOT,
                        "pid %d: JIT compiler threads %.1f %%, GC threads %.1f %% of the samples",
                        pid,
                        100 * vm[0],
                        100 * vm[1]));
            }
        }
        return new ProfileSummary.Jvm(pid, main, home.getFileName().toString(), named.totalWeight(), top, percent);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PerfException.badInput("cannot move " + from + " to " + to + ": " + e.getMessage());
        }
    }

    /** Deletes {@code dir} and what it holds; what cannot be deleted stays. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind
                }
            });
        } catch (IOException e) {
            // left behind
        }
    }
}
