package dev.perf.profile;

import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVMs a launcher started, each from its own recording in {@code jvms/}: its main class (from its stacks'
 * {@code main} frame, else its command line), kept or dropped by {@code --jvm-filter}, and moved into a
 * directory of its own, {@code PID-MainClass/}, where the outputs are written.
 */
final class JvmProfiles {
    private JvmProfiles() {}

    private static final Pattern ASYNC_FILE = Pattern.compile("async-(\\d+)\\.jfr");
    private static final Pattern JFR_FILE = Pattern.compile("hotspot-pid-(\\d+)-.*\\.jfr");

    /** Options of the {@code java} launcher that take a value (the token after them is not the main class). */
    private static final List<String> WITH_VALUE = List.of(
            "-cp",
            "-classpath",
            "--class-path",
            "-p",
            "--module-path",
            "--upgrade-module-path",
            "--add-modules",
            "--limit-modules",
            "--add-reads",
            "--add-exports",
            "--add-opens",
            "--patch-module",
            "--source");

    /**
     * A JVM that ran.
     *
     * @param pid its process id
     * @param mainClass its main class, or the jar it ran, or {@code unknown}
     * @param directory where its outputs go
     * @param recording its JFR recording (GC, CPU load; every event for JFR)
     * @param async its async-profiler recording, null for the JFR engine
     */
    record Jvm(long pid, String mainClass, Path directory, Path recording, Path async) {}

    /** The main class a {@code java} command line runs: after {@code -jar} the jar, after {@code -m} the class. */
    static String mainClass(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-jar") || a.equals("-m") || a.equals("--module")) && i + 1 < args.size()) {
                String next = args.get(i + 1);
                return a.equals("-jar")
                        ? Path.of(next).getFileName().toString()
                        : next.substring(next.indexOf('/') + 1);
            }
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-") && !a.startsWith("@")) {
                return a;
            }
        }
        return "unknown";
    }

    /** The recordings the JVMs wrote into {@code jvms}, by pid: {JFR's, async-profiler's}. */
    static Map<Long, Path[]> recordings(Path jvms) {
        Map<Long, Path[]> out = new TreeMap<>();
        if (!Files.isDirectory(jvms)) {
            return out;
        }
        try (Stream<Path> files = Files.list(jvms)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Matcher jfr = JFR_FILE.matcher(name);
                Matcher async = ASYNC_FILE.matcher(name);
                if (jfr.matches()) {
                    out.computeIfAbsent(Long.parseLong(jfr.group(1)), k -> new Path[2])[0] = f;
                } else if (async.matches()) {
                    out.computeIfAbsent(Long.parseLong(async.group(1)), k -> new Path[2])[1] = f;
                }
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot list " + jvms + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * The main class of a JVM from its stacks: the heaviest bottom frame that is a {@code main} method; null
     * when no stack reaches one.
     */
    static String mainFromStacks(StackProfile stacks) {
        Map<String, Long> bottoms = new TreeMap<>();
        stacks.stacks().forEach((stack, weight) -> {
            String bottom = StackProfile.method(stack.split(";", 2)[0]);
            if (bottom != null && bottom.endsWith(".main")) {
                bottoms.merge(bottom.substring(0, bottom.length() - ".main".length()), weight, Long::sum);
            }
        });
        return bottoms.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** A directory name for a JVM: {@code PID-SimpleName}. */
    static String directoryName(long pid, String mainClass) {
        String simple = mainClass
                .substring(mainClass.lastIndexOf(
                                '.', mainClass.endsWith(".jar") ? mainClass.length() - 5 : mainClass.length())
                        + 1)
                .replaceAll("[^A-Za-z0-9_$.-]", "_");
        return pid + "-" + (simple.isEmpty() ? "unknown" : simple);
    }

    /** Moves a JVM's recordings into {@code dir} under the names a single profile uses. */
    static Jvm place(long pid, String mainClass, Path[] files, Path dir) {
        try {
            Files.createDirectories(dir);
            Path jfr = files[0] == null ? null : dir.resolve(Profiler.RECORDING);
            Path async = files[1] == null ? null : dir.resolve(Profiler.ASYNC_RECORDING);
            if (jfr != null) {
                Files.move(files[0], jfr, StandardCopyOption.REPLACE_EXISTING);
            }
            if (async != null) {
                Files.move(files[1], async, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Jvm(pid, mainClass, dir, jfr, async);
        } catch (IOException e) {
            throw PerfException.badInput(
                    "cannot move the recording of pid " + pid + " into " + dir + ": " + e.getMessage());
        }
    }

    /** Deletes recordings no output needs (a JVM the filter dropped, the emptied {@code jvms/}). */
    static void delete(List<Path> files) {
        for (Path f : files) {
            try {
                if (f != null) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // left behind: harmless
            }
        }
    }
}
