package dev.perf.profile;

import dev.perf.host.ProcessSampler;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the command to profile. A {@code java} command gets the profiler's flags itself; any other command (mvn,
 * gradle, sbt, a script) gets them through {@code JAVA_TOOL_OPTIONS}, which every JVM it starts reads — each
 * JVM then writes its own recording into {@code jvms/}, named by its pid, and perf watches the command's
 * descendants to learn each JVM's main class.
 */
final class CommandRecording {
    private CommandRecording() {}

    /** Where the JVMs a launcher starts write their recordings. */
    static final String JVMS = "jvms";

    /**
     * What the command did.
     *
     * @param pid the command's process
     * @param timeline the command's process once a second
     * @param exitStatus its exit status; null when perf stopped it at {@code --duration}
     * @param seconds how long it ran, s
     * @param mainClasses the main class of each JVM seen among its descendants, by pid
     */
    record Ran(
            long pid,
            List<ProcessSampler.Sample> timeline,
            Integer exitStatus,
            double seconds,
            Map<Long, String> mainClasses) {}

    static Ran run(List<String> argv, ProfileRequest request, Recording rec, Path dir, List<String> notes) {
        boolean java = Profiler.isJava(argv.get(0));
        ProcessBuilder pb = command(argv, java, request, rec, dir);
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw PerfException.badInput("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        Map<Long, String> mains = new ConcurrentHashMap<>();
        CommandJvms jvms = new CommandJvms();
        if (java) {
            jvms.see(process.toHandle());
        }
        Thread watch = java ? null : watch(process, mains, jvms);
        ProcessSampler sampler = ProcessSampler.start(process.pid());
        Integer status;
        try {
            status = await(process, request, rec.use() != Recording.Use.NONE, jvms, notes);
        } finally {
            if (watch != null) {
                watch.interrupt();
            }
        }
        if (rec.use() != Recording.Use.NONE) {
            Path into = dir.resolve(JVMS);
            if (!java) {
                JvmProfiles.recordings(into).keySet().forEach(jvms::see);
            }
            jvms.settle(
                    status == null, rec, pid -> java ? new Path[] {rec.jfr(), rec.async()} : taken(into, pid), notes);
        }
        return new Ran(process.pid(), sampler.stop(), status, (System.nanoTime() - t0) / 1e9, Map.copyOf(mains));
    }

    /** Where a launched JVM's recordings go when perf takes them through the attach API: {JFR's, async's}. */
    private static Path[] taken(Path jvms, long pid) {
        return new Path[] {jvms.resolve("hotspot-pid-" + pid + "-perf.jfr"), jvms.resolve("async-" + pid + ".jfr")};
    }

    /** The command with the profiler's flags: its own for {@code java}, through {@code JAVA_TOOL_OPTIONS} else. */
    private static ProcessBuilder command(
            List<String> argv, boolean java, ProfileRequest request, Recording rec, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(argv.get(0));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        if (rec.use() != Recording.Use.NONE) {
            if (java) {
                command.addAll(AgentOptions.jvmFlags(
                        request, rec.settings(), rec.jfr(), rec.library(), rec.async(), rec.log()));
            } else {
                Path jvms = dir.resolve(JVMS);
                try {
                    Files.createDirectories(jvms);
                } catch (IOException e) {
                    throw PerfException.badInput("cannot create " + jvms + ": " + e.getMessage());
                }
                List<String> flags = AgentOptions.jvmFlags(
                        request, rec.settings(), jvms, rec.library(), jvms.resolve("async-%p.jfr"), rec.log());
                // deep stacks (build tools, frameworks) keep their bottom frames: the main class is found there
                flags.add("-XX:FlightRecorderOptions=stackdepth=1024");
                pb.environment()
                        .put(
                                "JAVA_TOOL_OPTIONS",
                                AgentOptions.javaToolOptions(
                                        System.getenv("JAVA_TOOL_OPTIONS"), flags, jvms.resolve("jvm.options")));
            }
        }
        command.addAll(argv.subList(1, argv.size()));
        return pb.command(command);
    }

    /**
     * Waits for the command, stopping it (SIGTERM to it and every process under it) at {@code --duration}; its
     * exit status, null when perf stopped it.
     */
    private static Integer await(
            Process process, ProfileRequest request, boolean recording, CommandJvms jvms, List<String> notes) {
        try {
            boolean exited;
            if (request.duration() == null) {
                process.waitFor();
                exited = true;
            } else {
                exited = process.waitFor(request.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (exited) {
                int status = process.exitValue();
                if (status != 0) {
                    notes.add("the command exited with status " + status);
                }
                return status;
            }
            notes.add(
                    "stopped the command after --duration " + request.duration().toSeconds() + " s");
            List<ProcessHandle> java = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .filter(h -> h.info().command().filter(Profiler::isJava).isPresent())
                    .toList();
            java.forEach(jvms::see); // one started since the watch last looked is waited for too
            if (recording) {
                CommandJvms.awaitStarted(java, CommandJvms.START_MS);
            }
            process.descendants().forEach(ProcessHandle::destroy); // SIGTERM: each JVM writes its recording
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                notes.add("the command did not stop within 30 s of SIGTERM and was killed");
            }
            return null;
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted");
        }
    }

    /**
     * Notes the main class of each JVM among the command's descendants, and follows it, ten times a second, until
     * interrupted.
     */
    private static Thread watch(Process process, Map<Long, String> mains, CommandJvms jvms) {
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        // the command itself too: a script that execs a JVM becomes it
                        Stream.concat(Stream.of(process.toHandle()), process.descendants())
                                .forEach(h -> {
                                    if (!mains.containsKey(h.pid())) {
                                        h.info()
                                                .command()
                                                .filter(Profiler::isJava)
                                                .flatMap(c -> h.info().arguments())
                                                .map(a -> JvmProfiles.mainClass(List.of(a)))
                                                .ifPresent(m -> {
                                                    mains.put(h.pid(), m);
                                                    jvms.see(h);
                                                });
                                    }
                                });
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "perf-profile-jvm-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
