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
        pb.command(command);
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw PerfException.badInput("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        Map<Long, String> mains = new ConcurrentHashMap<>();
        Thread watch = java ? null : watch(process, mains);
        ProcessSampler sampler = ProcessSampler.start(process.pid());
        Integer status = null;
        try {
            boolean exited;
            if (request.duration() == null) {
                process.waitFor();
                exited = true;
            } else {
                exited = process.waitFor(request.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!exited) {
                notes.add("stopped the command after --duration "
                        + request.duration().toSeconds() + " s");
                process.descendants().forEach(ProcessHandle::destroy); // SIGTERM: each JVM writes its recording
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    notes.add("the command did not stop within 30 s of SIGTERM and was killed");
                }
            } else {
                status = process.exitValue();
                if (status != 0) {
                    notes.add("the command exited with status " + status);
                }
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted");
        } finally {
            if (watch != null) {
                watch.interrupt();
            }
        }
        return new Ran(process.pid(), sampler.stop(), status, (System.nanoTime() - t0) / 1e9, Map.copyOf(mains));
    }

    /** Notes the main class of each JVM among the command's descendants, ten times a second, until interrupted. */
    private static Thread watch(Process process, Map<Long, String> mains) {
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        process.descendants().forEach(h -> {
                            if (!mains.containsKey(h.pid())) {
                                h.info()
                                        .command()
                                        .filter(Profiler::isJava)
                                        .flatMap(c -> h.info().arguments())
                                        .map(a -> JvmProfiles.mainClass(List.of(a)))
                                        .ifPresent(m -> mains.put(h.pid(), m));
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
