package dev.perf.profile;

import dev.perf.host.EnvironmentProbe;
import dev.perf.host.ProcessSampler;
import dev.perf.result.Json;
import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import dev.perf.result.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code profile} capability: records a pid, a command (and every JVM it starts) or JMH benchmarks with
 * JDK Flight Recorder or async-profiler, then writes {@code flame.html}, {@code profile.collapsed}, {@code
 * profile.pb.gz}, {@code speedscope.json}, the JFR recording and {@code summary.md} / {@code summary.json} (hot
 * methods, GC, the process's CPU, RSS and threads over time).
 */
public final class Profiler {
    /** The JDK Flight Recorder recording: every event for the JFR engine, GC and CPU load for async-profiler. */
    static final String RECORDING = "recording.jfr";
    /** async-profiler's samples, in JFR format. */
    static final String ASYNC_RECORDING = "async-profiler.jfr";
    /** Where the profiler's own messages go, never the target's stdout or stderr. */
    static final String LOG = "agent.log";
    /** Default duration for a pid. */
    public static final Duration DEFAULT_PID_DURATION = Duration.ofSeconds(30);
    /** Fewer samples than this make shares too coarse to trust: the summary says so. */
    static final long FEW_SAMPLES = 100;

    private Profiler() {}

    /** Why async-profiler cannot sample {@code mode} here, or null when it can. */
    public static String asyncProfilerProblem(ProfileRequest.Mode mode) {
        return AsyncProfilerLibrary.check(mode.name()).problem();
    }

    /** Profiles as {@code request} says; one-line notices (fallbacks, warnings) go to {@code err}. */
    public static ProfileOutcome run(ProfileRequest request, PrintStream err) {
        Path dir = request.outputDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw PerfException.badInput("cannot create " + dir + ": " + e.getMessage() + " (choose another -o)");
        }
        List<String> notes = new ArrayList<>();
        Recording rec = engine(request, jvm(request, notes), dir, notes);
        notes.forEach(n -> err.println("perf: " + Printable.of(n)));
        int told = notes.size();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ProfileSummary summary;
        if (request.target() instanceof ProfileRequest.Target.Pid p
                && request.action() != ProfileRequest.Action.record) {
            summary = session(p.pid(), request, rec, dir, notes);
        } else if (request.target() instanceof ProfileRequest.Target.Pid p) {
            PidRecording.Recorded r = PidRecording.record(p.pid(), request, rec, notes);
            summary = single(request, rec, dir, p.pid(), started, r.recordedSeconds(), r.timeline(), notes, null);
        } else if (request.target() instanceof ProfileRequest.Target.Command c) {
            CommandRecording.Ran ran = CommandRecording.run(c.argv(), request, rec, dir, notes);
            summary = Profiler.isJava(c.argv().get(0)) || rec.use() == Recording.Use.NONE
                    ? single(request, rec, dir, ran.pid(), started, ran.seconds(), ran.timeline(), notes, null)
                    : Launched.index(request, rec, dir, ran, started, notes);
            summary = summary.with(ran.exitStatus(), summary.jvms());
        } else {
            Path samples = JmhRecording.run((ProfileRequest.Target.Jmh) request.target(), request, rec, notes);
            double seconds = (System.nanoTime() - t0) / 1e9;
            summary =
                    single(request, rec, samples == null ? null : dir, null, started, seconds, List.of(), notes, null);
        }
        notes.subList(told, notes.size()).stream()
                .filter(n -> n.startsWith("warning: "))
                .forEach(n -> err.println("perf: " + Printable.of(n)));
        write(dir, summary);
        return new ProfileOutcome(dir, summary);
    }

    /** Writes {@code summary.json} and {@code summary.md} into {@code dir}. */
    static void write(Path dir, ProfileSummary summary) {
        ResultFiles.writeAtomically(
                dir.resolve("summary.json"), Json.write(summary).getBytes(StandardCharsets.UTF_8));
        ResultFiles.writeAtomically(
                dir.resolve("summary.md"), summary.markdown().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the target is (or, for a launcher, may start) a JVM perf can profile; notes why not. */
    private static boolean jvm(ProfileRequest request, List<String> notes) {
        if (request.target() instanceof ProfileRequest.Target.Pid pid) {
            if (ProcessHandle.of(pid.pid()).filter(ProcessHandle::isAlive).isEmpty()) {
                throw PerfException.badInput("no process with pid " + pid.pid() + " (is it still running?)");
            }
            if (request.action() == ProfileRequest.Action.dump || request.action() == ProfileRequest.Action.stop) {
                return true;
            }
            boolean jvm = Jcmd.isJvm(pid.pid());
            if (!jvm && request.action() == ProfileRequest.Action.start) {
                throw PerfException.badInput("pid " + pid.pid() + " is not a JVM that perf can attach to (or it runs"
                        + " as another user): nothing to start");
            }
            if (!jvm) {
                notes.add("pid " + pid.pid() + " is not a JVM that perf can attach to (or it runs as another user):"
                        + " resource timeline only");
            }
            return jvm;
        }
        return true;
    }

    /** The engine: async-profiler when it can sample the event here (or was asked for), JFR otherwise. */
    private static Recording engine(ProfileRequest request, boolean jvm, Path dir, List<String> notes) {
        Recording.Use use = Recording.Use.NONE;
        Path library = null;
        if (jvm && EnvironmentProbe.nativeImage()) {
            throw PerfException.badInput("profiling a JVM needs the JVM build of perf (attach, JFR): run java -jar"
                    + " perf.jar profile ...; this native binary gives non-JVM processes their resource timeline");
        }
        if (jvm && request.engine() == ProfileRequest.Engine.jfr) {
            use = Recording.Use.JFR;
        } else if (jvm) {
            AsyncProfilerLibrary.Availability a = AsyncProfilerLibrary.check(request.event());
            if (a.path() != null) {
                use = Recording.Use.ASYNC;
                library = a.path();
            } else if (request.engine() == ProfileRequest.Engine.async
                    || request.options().event() != null) {
                throw PerfException.badInput(a.problem()
                        + (request.options().event() != null ? "; choose another --event" : "; use --engine jfr"));
            } else {
                use = Recording.Use.JFR;
                notes.add("using JFR: " + a.problem());
            }
        }
        if (use == Recording.Use.JFR && request.options().cstack() != null) {
            throw PerfException.usage("--cstack needs async-profiler, which cannot run here; drop --cstack");
        }
        Path settings = JfrSettings.write(
                use == Recording.Use.JFR ? request.mode() : null,
                request.options().interval(),
                dir.resolve("perf.jfc"));
        return new Recording(
                use, library, settings, dir.resolve(RECORDING), dir.resolve(ASYNC_RECORDING), dir.resolve(LOG));
    }

    /** {@code start}, {@code dump} or {@code stop} of a recording that outlives perf. */
    private static ProfileSummary session(
            long pid, ProfileRequest request, Recording rec, Path dir, List<String> notes) {
        Instant now = Instant.now();
        if (request.action() == ProfileRequest.Action.start) {
            Path home = PidSessions.directory();
            Recording kept = new Recording(
                    rec.use(),
                    rec.library(),
                    JfrSettings.copy(rec.settings(), home.resolve(pid + ".jfc")),
                    home.resolve(pid + "-" + RECORDING),
                    home.resolve(pid + "-" + ASYNC_RECORDING),
                    home.resolve(pid + "-" + LOG));
            PidSessions.start(pid, request, kept);
            notes.add("recording pid " + pid + " until perf profile --pid " + pid + " stop (dump writes the outputs"
                    + " so far)");
            return summary(request, rec.use(), pid, now, 0, null, dir, List.of(), notes);
        }
        PidSessions.Session s = PidSessions.require(pid, request.action());
        Recording here = s.recording().in(dir);
        Duration recorded = PidSessions.collect(pid, s, here, request.action() == ProfileRequest.Action.stop);
        ProfileRequest asStarted = new ProfileRequest(
                request.target(),
                null,
                s.mode(),
                request.engine(),
                dir,
                request.threads(),
                request.include(),
                request.exclude(),
                request.top(),
                request.options(),
                request.action());
        return single(asStarted, here, dir, pid, s.startedAt(), recorded.toNanos() / 1e9, List.of(), notes, null);
    }

    /**
     * The outputs and summary of one recording in {@code dir} (null: none was written); {@code name} names it in
     * the flame graph's title (null: the target).
     */
    static ProfileSummary single(
            ProfileRequest request,
            Recording rec,
            Path dir,
            Long pid,
            Instant started,
            double seconds,
            List<ProcessSampler.Sample> timeline,
            List<String> notes,
            String name) {
        Path out = dir == null ? request.outputDir() : dir;
        Path samples = dir == null ? null : rec.in(dir).samples();
        StackProfile stacks = null;
        if (rec.use() != Recording.Use.NONE && samples != null && Files.isRegularFile(samples)) {
            stacks = FlameGraphs.render(
                    samples,
                    out,
                    request,
                    rec.use() == Recording.Use.ASYNC,
                    name != null ? name : request.target().describe());
            // async-profiler's recording holds the JVM's command line and system properties (secrets too); its
            // samples are in the outputs now, so it goes
            try {
                Files.deleteIfExists(rec.in(out).async());
            } catch (IOException e) {
                notes.add("could not remove " + ASYNC_RECORDING + ": " + e.getMessage());
            }
        } else if (rec.use() != Recording.Use.NONE) {
            notes.add("warning: no recording was written (the target ended before the profiler could dump it)");
        }
        if (stacks != null && FlameGraphs.unit(request.mode()).equals("samples") && stacks.total() < FEW_SAMPLES) {
            notes.add(String.format(
                    Locale.ROOT,
                    "warning: only %d samples: too few for the shares to mean much; record longer or lower"
                            + " --interval",
                    stacks.total()));
        }
        return summary(request, rec.use(), pid, started, seconds, stacks, out, timeline, notes);
    }

    static List<Path> jfrFiles(Path dir) {
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

    /** Whether {@code executable} is a {@code java} launcher. */
    static boolean isJava(String executable) {
        String name = Path.of(executable).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    static ProfileSummary summary(
            ProfileRequest request,
            Recording.Use use,
            Long pid,
            Instant started,
            double seconds,
            StackProfile stacks,
            Path dir,
            List<ProcessSampler.Sample> timeline,
            List<String> notes) {
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
                FlameGraphs.unit(request.mode()),
                settings(request, use),
                started,
                seconds,
                weight,
                self,
                total,
                use == Recording.Use.NONE || !Files.isRegularFile(dir.resolve(RECORDING))
                        ? null
                        : GcEvents.read(dir.resolve(RECORDING)),
                timeline,
                notes,
                null,
                List.of());
    }

    private static String settings(ProfileRequest request, Recording.Use use) {
        String period = JfrSettings.period(request.options().interval());
        return switch (use) {
            case NONE -> "no profiler (not a JVM)";
            case JFR -> switch (request.mode()) {
                case cpu -> "JFR jdk.ExecutionSample every " + period;
                case wall -> "JFR jdk.ExecutionSample and jdk.NativeMethodSample every " + period
                        + " (threads in Java or native code; not parked ones)";
                case alloc -> "JFR jdk.ObjectAllocationSample, at most " + JfrSettings.ALLOCATION_THROTTLE
                        + ", weighted by bytes";
                case lock -> "JFR jdk.JavaMonitorEnter and jdk.ThreadPark over " + JfrSettings.LOCK_THRESHOLD;
            };
            case ASYNC -> "async-profiler "
                    + AgentOptions.sampling(request)
                    + (request.mode() == ProfileRequest.Mode.wall
                                    && !request.options().includeIdle()
                            ? " (running threads only; --include-idle for all)"
                            : "");
        };
    }
}
