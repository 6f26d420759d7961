package dev.perf.profile;

import dev.perf.bench.JmhEngine;
import dev.perf.bench.JmhJob;
import dev.perf.bench.JmhListener;
import dev.perf.bench.JmhPlanner;
import dev.perf.host.EnvironmentProbe;
import dev.perf.host.ProcessSampler;
import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.suite.BenchmarkEntry;
import dev.perf.suite.JmhOptions;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The {@code profile} capability: records a pid, a command or JMH benchmarks with JDK Flight Recorder or
 * async-profiler, then writes {@code flame.html}, {@code profile.collapsed}, the JFR recordings and {@code
 * summary.md} / {@code summary.json} (hot methods, GC, the process's CPU, RSS and threads over time).
 */
public final class Profiler {
    /** The JDK Flight Recorder recording: every event for the JFR engine, GC and CPU load for async-profiler. */
    static final String RECORDING = "recording.jfr";
    /** async-profiler's samples, in JFR format. */
    static final String ASYNC_RECORDING = "async-profiler.jfr";
    /** Default duration for a pid. */
    public static final Duration DEFAULT_PID_DURATION = Duration.ofSeconds(30);

    private Profiler() {}

    private enum Use {
        JFR,
        ASYNC,
        NONE
    }

    /** Why async-profiler cannot sample {@code mode} here, or null when it can. */
    public static String asyncProfilerProblem(ProfileRequest.Mode mode) {
        return AsyncProfilerLibrary.check(mode.name()).problem();
    }

    /** Profiles as {@code request} says; one-line notices (fallbacks) go to {@code err}. */
    public static ProfileOutcome run(ProfileRequest request, PrintStream err) {
        Path dir = request.outputDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw PerfException.badInput("cannot create " + dir + ": " + e.getMessage() + " (choose another -o)");
        }
        List<String> notes = new ArrayList<>();
        boolean jvm;
        if (request.target() instanceof ProfileRequest.Target.Pid pid) {
            if (ProcessHandle.of(pid.pid()).filter(ProcessHandle::isAlive).isEmpty()) {
                throw PerfException.badInput("no process with pid " + pid.pid() + " (is it still running?)");
            }
            jvm = Jcmd.isJvm(pid.pid());
            if (!jvm) {
                notes.add("pid " + pid.pid() + " is not a JVM that perf can attach to (or it runs as another user):"
                        + " resource timeline only");
            }
        } else if (request.target() instanceof ProfileRequest.Target.Command c) {
            jvm = isJava(c.argv().get(0));
            if (!jvm) {
                notes.add(c.argv().get(0) + " is not a java command: resource timeline only (run it with java, or"
                        + " attach to its JVM with --pid)");
            }
        } else {
            jvm = true;
        }
        Use use = Use.NONE;
        Path library = null;
        if (jvm && EnvironmentProbe.nativeImage()) {
            throw PerfException.badInput("profiling a JVM needs the JVM build of perf (attach, JFR): run java -jar"
                    + " perf.jar profile ...; this native binary gives non-JVM processes their resource timeline");
        }
        if (jvm) {
            if (request.engine() == ProfileRequest.Engine.jfr) {
                use = Use.JFR;
            } else {
                AsyncProfilerLibrary.Availability a =
                        AsyncProfilerLibrary.check(request.mode().name());
                if (a.path() != null) {
                    use = Use.ASYNC;
                    library = a.path();
                } else if (request.engine() == ProfileRequest.Engine.async) {
                    throw PerfException.badInput(a.problem() + "; use --engine jfr");
                } else {
                    use = Use.JFR;
                    notes.add("using JFR: " + a.problem());
                }
            }
        }
        for (String note : notes) {
            err.println("perf: " + note);
        }
        Path settings = JfrSettings.write(use == Use.JFR ? request.mode() : null, dir.resolve("perf.jfc"));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Long pid = null;
        List<ProcessSampler.Sample> timeline = List.of();
        Path samples = dir.resolve(use == Use.ASYNC ? ASYNC_RECORDING : RECORDING);
        Recording recording =
                new Recording(use, library, settings, dir.resolve(RECORDING), dir.resolve(ASYNC_RECORDING));
        if (request.target() instanceof ProfileRequest.Target.Pid p) {
            pid = p.pid();
            timeline = profilePid(p.pid(), request, recording, notes);
        } else if (request.target() instanceof ProfileRequest.Target.Command c) {
            Result r = profileCommand(c.argv(), request, recording, notes);
            pid = r.pid;
            timeline = r.timeline;
        } else if (request.target() instanceof ProfileRequest.Target.Jmh j) {
            samples = profileJmh(j, request, recording, notes);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        StackProfile stacks = null;
        if (use != Use.NONE && samples != null && Files.isRegularFile(samples)) {
            stacks = FlameGraphs.render(samples, dir, request);
            // async-profiler's recording holds the JVM's command line and system properties (secrets too); its
            // samples are in profile.collapsed and flame.html now, so it goes
            try {
                Files.deleteIfExists(dir.resolve(ASYNC_RECORDING));
            } catch (IOException e) {
                notes.add("could not remove " + ASYNC_RECORDING + ": " + e.getMessage());
            }
        } else if (use != Use.NONE) {
            notes.add("no recording was written (the target ended before the profiler could dump it)");
        }
        ProfileSummary summary = summary(request, use, pid, started, seconds, stacks, dir, timeline, notes);
        ResultFiles.writeAtomically(
                dir.resolve("summary.json"), Json.write(summary).getBytes(StandardCharsets.UTF_8));
        ResultFiles.writeAtomically(
                dir.resolve("summary.md"), summary.markdown().getBytes(StandardCharsets.UTF_8));
        return new ProfileOutcome(dir, summary);
    }

    /** What the engine needs: its library, the JFR settings and where recordings go. */
    private record Recording(Use use, Path library, Path settings, Path jfr, Path async) {}

    private record Result(Long pid, List<ProcessSampler.Sample> timeline) {}

    private static List<ProcessSampler.Sample> profilePid(
            long pid, ProfileRequest request, Recording rec, List<String> notes) {
        Duration duration = request.duration() != null ? request.duration() : DEFAULT_PID_DURATION;
        ProcessSampler sampler = ProcessSampler.start(pid);
        String name = "perf-profile-" + ProcessHandle.current().pid();
        if (rec.use() != Use.NONE) {
            Jcmd.send(
                    pid,
                    "JFR.start",
                    "name=" + name,
                    "settings=" + rec.settings().toAbsolutePath(),
                    "filename=" + rec.jfr().toAbsolutePath(),
                    "dumponexit=true");
        }
        if (rec.use() == Use.ASYNC) {
            Jcmd.send(
                    pid,
                    "JVMTI.agent_load",
                    rec.library().toString(),
                    // quoted: jcmd would read the '=' in the options as its own name=value syntax
                    quoted(asyncOptions(request.mode(), "start") + ",file="
                            + rec.async().toAbsolutePath()));
        }
        long deadline = System.nanoTime() + duration.toNanos();
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        while (System.nanoTime() < deadline
                && handle.map(ProcessHandle::isAlive).orElse(false)) {
            sleep(100);
        }
        if (handle.map(ProcessHandle::isAlive).orElse(false)) {
            if (rec.use() == Use.ASYNC) {
                Jcmd.send(
                        pid,
                        "JVMTI.agent_load",
                        rec.library().toString(),
                        quoted("stop,jfr,file=" + rec.async().toAbsolutePath()));
            }
            if (rec.use() != Use.NONE) {
                Jcmd.send(
                        pid, "JFR.stop", "name=" + name, "filename=" + rec.jfr().toAbsolutePath());
            }
        } else {
            notes.add("process " + pid + " exited during the recording");
        }
        return sampler.stop();
    }

    private static Result profileCommand(List<String> argv, ProfileRequest request, Recording rec, List<String> notes) {
        List<String> command = new ArrayList<>();
        command.add(argv.get(0));
        if (rec.use() != Use.NONE) {
            // inlined frames are attributed correctly only with debug info at every instruction
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:+DebugNonSafepoints");
            command.add("-Xlog:jfr+startup=warning");
            command.add("-XX:StartFlightRecording=filename=" + rec.jfr().toAbsolutePath() + ",settings="
                    + rec.settings().toAbsolutePath() + ",dumponexit=true");
        }
        if (rec.use() == Use.ASYNC) {
            command.add("-agentpath:" + rec.library() + "=" + asyncOptions(request.mode(), "start") + ",file="
                    + rec.async().toAbsolutePath());
        }
        command.addAll(argv.subList(1, argv.size()));
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw PerfException.badInput("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        ProcessSampler sampler = ProcessSampler.start(process.pid());
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
                process.destroy(); // SIGTERM: the JVM's shutdown writes the recordings
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    notes.add("the command did not stop within 30 s of SIGTERM and was killed");
                }
            } else if (process.exitValue() != 0) {
                notes.add("the command exited with status " + process.exitValue());
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted");
        }
        return new Result(process.pid(), sampler.stop());
    }

    private static Path profileJmh(
            ProfileRequest.Target.Jmh jmh, ProfileRequest request, Recording rec, List<String> notes) {
        String regex = jmh.regex();
        SuiteSource source = jmh.suite() == null ? SuiteLoader.inWorkingDirectory() : SuiteLoader.load(jmh.suite());
        Pattern only;
        try {
            only = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw PerfException.usage("--jmh '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
        Path jmhDir = rec.jfr().resolveSibling("jmh");
        JmhOptions quick = source.suite().profile("quick").jmh();
        List<String> jvmArgs = new ArrayList<>(quick.jvmArgs() == null ? List.of() : quick.jvmArgs());
        List<String> profiler = List.of();
        if (rec.use() == Use.ASYNC) {
            // the agent in each fork (warm-up included): JMH's own async profiler binding cannot share the
            // library perf has already loaded to check it
            jvmArgs.add("-agentpath:" + rec.library() + "=" + asyncOptions(request.mode(), "start") + ",file="
                    + jmhDir.toAbsolutePath() + "/fork-%p.jfr");
            notes.add("async-profiler records each JMH fork from its start, warm-up included");
        } else {
            profiler = List.of(
                    "-prof",
                    "jfr:dir=" + jmhDir.toAbsolutePath() + ";configName="
                            + rec.settings().toAbsolutePath());
        }
        try {
            Files.createDirectories(jmhDir);
        } catch (IOException e) {
            throw PerfException.badInput("cannot create " + jmhDir + ": " + e.getMessage());
        }
        // one fork is enough to profile, without the GC profiler; the rest comes from the quick profile
        JmhOptions options = quick.overlay(new JmhOptions(1, null, null, null, null, null, jvmArgs, false));
        List<JmhJob> jobs = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            if (entry.jmh() != null) {
                JmhPlanner.Plan plan = JmhPlanner.plan(source, entry.jmh(), options, only);
                available.addAll(plan.available());
                if (!plan.job().benchmarks().isEmpty()) {
                    jobs.add(plan.job().withExtraArguments(profiler));
                }
            }
        }
        if (jobs.isEmpty()) {
            throw PerfException.badInput("--jmh '" + regex + "' matches no benchmark of " + source.label()
                    + "; available: " + String.join(", ", available));
        }
        Path work;
        try {
            work = Files.createTempDirectory("perf-profile-jmh-");
        } catch (IOException e) {
            throw PerfException.badInput("cannot create a temporary directory: " + e.getMessage());
        }
        try (Writer log = Files.newBufferedWriter(rec.jfr().resolveSibling("jmh.log"), StandardCharsets.UTF_8)) {
            JmhEngine engine = new JmhEngine(work, log, null, new JmhListener() {});
            for (JmhJob job : jobs) {
                engine.run(job);
            }
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + rec.jfr().resolveSibling("jmh.log") + ": " + e.getMessage());
        }
        List<Path> recordings = jfrFiles(jmhDir);
        if (recordings.isEmpty()) {
            notes.add("JMH wrote no recording; see jmh.log");
            return null;
        }
        if (recordings.size() > 1) {
            notes.add(recordings.size() + " benchmarks matched; the summary is of the first, " + recordings.get(0)
                    + "; every recording is under jmh/");
        }
        Path target = rec.use() == Use.ASYNC ? rec.async() : rec.jfr();
        try {
            Files.copy(recordings.get(0), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw PerfException.badInput("cannot copy " + recordings.get(0) + ": " + e.getMessage());
        }
        return target;
    }

    private static List<Path> jfrFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".jfr"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** async-profiler's agent options for {@code mode}: JFR output, 10 ms sampling for cpu and wall. */
    static String asyncOptions(ProfileRequest.Mode mode, String action) {
        String options = action + ",jfr,event=" + mode.name();
        return mode == ProfileRequest.Mode.cpu || mode == ProfileRequest.Mode.wall
                ? options + ",interval=10ms"
                : options;
    }

    private static String quoted(String jcmdArgument) {
        return '"' + jcmdArgument + '"';
    }

    /** Whether {@code executable} is a {@code java} launcher. */
    static boolean isJava(String executable) {
        String name = Path.of(executable).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    private static ProfileSummary summary(
            ProfileRequest request,
            Use use,
            Long pid,
            Instant started,
            double seconds,
            StackProfile stacks,
            Path dir,
            List<ProcessSampler.Sample> timeline,
            List<String> notes) {
        String unit =
                switch (request.mode()) {
                    case cpu, wall -> "samples";
                    case alloc -> "bytes";
                    case lock -> "ns";
                };
        String settings =
                switch (use) {
                    case NONE -> "no profiler (not a JVM)";
                    case JFR -> switch (request.mode()) {
                        case cpu -> "JFR jdk.ExecutionSample every " + JfrSettings.SAMPLING_PERIOD;
                        case wall -> "JFR jdk.ExecutionSample and jdk.NativeMethodSample every "
                                + JfrSettings.SAMPLING_PERIOD + " (threads in Java or native code; not parked ones)";
                        case alloc -> "JFR jdk.ObjectAllocationSample, at most " + JfrSettings.ALLOCATION_THROTTLE
                                + ", weighted by bytes";
                        case lock -> "JFR jdk.JavaMonitorEnter and jdk.ThreadPark over " + JfrSettings.LOCK_THRESHOLD;
                    };
                    case ASYNC -> "async-profiler "
                            + asyncOptions(request.mode(), "").substring(1);
                };
        List<ProfileSummary.Method> self = new ArrayList<>();
        List<ProfileSummary.Method> total = new ArrayList<>();
        long weight = 0;
        if (stacks != null) {
            weight = stacks.total();
            double all = Math.max(1, weight);
            for (StackProfile.MethodWeight m : stacks.topSelf(request.top())) {
                self.add(new ProfileSummary.Method(
                        m.method(), m.self(), 100 * m.self() / all, m.total(), 100 * m.total() / all));
            }
            for (StackProfile.MethodWeight m : stacks.topTotal(request.top())) {
                total.add(new ProfileSummary.Method(
                        m.method(), m.self(), 100 * m.self() / all, m.total(), 100 * m.total() / all));
            }
        }
        return new ProfileSummary(
                ProfileSummary.SCHEMA,
                request.target().describe(),
                pid,
                switch (use) {
                    case JFR -> "jfr";
                    case ASYNC -> "async-profiler";
                    case NONE -> "none";
                },
                request.mode().name(),
                unit,
                settings,
                started,
                seconds,
                weight,
                self,
                total,
                use == Use.NONE ? null : GcEvents.read(dir.resolve(RECORDING)),
                timeline,
                notes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted");
        }
    }
}
