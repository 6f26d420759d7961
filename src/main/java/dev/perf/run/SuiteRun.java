package dev.perf.run;

import dev.perf.bench.JmhEngine;
import dev.perf.bench.JmhJob;
import dev.perf.bench.JmhPlanner;
import dev.perf.demo.DemoHttpServer;
import dev.perf.host.EnvironmentProbe;
import dev.perf.host.GitProbe;
import dev.perf.load.LoadEngine;
import dev.perf.load.LoadListener;
import dev.perf.load.LoadPlan;
import dev.perf.merge.LoadMerge;
import dev.perf.metrics.LiveMetrics;
import dev.perf.metrics.MetricsOptions;
import dev.perf.report.ReportFormat;
import dev.perf.report.Reports;
import dev.perf.report.Subject;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.FailOn;
import dev.perf.result.PerfException;
import dev.perf.result.PerfVersion;
import dev.perf.result.Printable;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.suite.BenchmarkEntry;
import dev.perf.suite.JmhOptions;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Matrix;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code perf run} capability: loads the suite, plans every entry, checks the outputs are writable,
 * runs the benchmarks while showing progress, and writes the result file (atomically), the log and the
 * summaries. If the JVM is asked to stop mid-run (Ctrl-C), the benchmarks finished so far are written,
 * marked interrupted, and the process exits with 130.
 */
public final class SuiteRun {
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * What a run produced.
     *
     * @param result the result as written
     * @param resultFile where it was written
     * @param logFile JMH's raw output
     */
    public record Outcome(RunResult result, Path resultFile, Path logFile) {
        /**
         * The exit code of the run, with one line on {@code err} for each reason: 1 when a benchmark failed,
         * or when the SLO verdicts trip {@code failOn} (a loop aborted by {@code abortOnFail} counts as a failed
         * target, whatever its final verdicts); else 0.
         */
        public int exitCode(FailOn failOn, PrintStream err) {
            long failed = result.failedCount();
            List<String> breached = result.failedTargets();
            List<String> warned = result.targets("warn");
            List<String> undecided = result.targets("inconclusive");
            List<String> aborted = result.abortedLoops();
            if (!aborted.isEmpty()) {
                err.println("perf: " + aborted.size() + " load loop(s) aborted: "
                        + Printable.of(String.join("; ", aborted)));
            }
            if (!breached.isEmpty()) {
                err.println("perf: " + breached.size() + " SLO target(s) failed: "
                        + Printable.of(String.join(", ", breached)));
            }
            if (!undecided.isEmpty()) {
                err.println("perf: " + undecided.size() + " SLO target(s) inconclusive: "
                        + Printable.of(String.join(", ", undecided)));
            }
            if (failed > 0) {
                err.println("perf: " + failed + " benchmark(s) failed; their errors are in " + resultFile + " and "
                        + logFile);
                return PerfException.Kind.FINDING.exitCode();
            }
            boolean finding = failOn.trips(breached.size() + aborted.size(), warned.size(), undecided.size());
            if (finding && breached.isEmpty() && aborted.isEmpty()) {
                err.println("perf: exit 1 by --fail-on " + failOn + ": "
                        + Printable.of(String.join(", ", warned.isEmpty() ? undecided : warned)));
            }
            return finding ? PerfException.Kind.FINDING.exitCode() : 0;
        }
    }

    private SuiteRun() {}

    /** Runs {@code request}; progress and notices go to {@code err}, the summary table to {@code out}. */
    public static Outcome execute(RunRequest request, PrintStream out, PrintStream err) {
        // --classpath: the jars load loops may use, as the planning thread's context class loader (what a
        // java target's class and an sql target's driver are looked up in)
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        URLClassLoader extra = classpath(request.what().classpath());
        thread.setContextClassLoader(extra);
        try {
            return executeSuite(request, out, err);
        } finally {
            thread.setContextClassLoader(previous);
            try {
                extra.close();
            } catch (java.io.IOException ignored) {
                // the run is over; a jar that cannot be closed costs a file handle until the process exits
            }
        }
    }

    /** A class loader over {@code jars} (perf's own classes first); bad input naming a jar that is not there. */
    private static URLClassLoader classpath(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            if (!Files.isRegularFile(jar) && !Files.isDirectory(jar)) {
                throw PerfException.badInput("--classpath: " + jar + " does not exist; give jars separated by ':'");
            }
            try {
                urls[i] = jar.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw PerfException.badInput("--classpath: cannot use " + jar + ": " + e.getMessage());
            }
        }
        return new URLClassLoader(urls, SuiteRun.class.getClassLoader());
    }

    private static Outcome executeSuite(RunRequest request, PrintStream out, PrintStream err) {
        SuiteSource source = request.what().jmhJar() != null
                ? SuiteLoader.forJar(request.what().jmhJar())
                : loadSuite(request, err);
        // Fingerprinting the machine (OSHI) and asking git take a few hundred ms: do it while JMH starts.
        CompletableFuture<Environment> environment = CompletableFuture.supplyAsync(EnvironmentProbe::capture);
        CompletableFuture<RunInfo.Git> git = CompletableFuture.supplyAsync(() -> GitProbe.probe(source.baseDir()));
        DemoHttpServer demoServer = DemoHttpServer.startIfNeeded(source.suite());
        try {
            return execute(request, out, err, source, demoServer, environment, git);
        } finally {
            if (demoServer != null) {
                demoServer.close();
            }
        }
    }

    private static Outcome execute(
            RunRequest request,
            PrintStream out,
            PrintStream err,
            SuiteSource source,
            DemoHttpServer demoServer,
            CompletableFuture<Environment> environment,
            CompletableFuture<RunInfo.Git> git) {
        Profile profile = source.suite().profile(request.what().profile());
        JmhOptions options = profile.jmh().overlay(request.jmhRun().overrides());
        // Every entry is planned (code found, classes loaded, schedules built) before anything runs.
        List<Step> steps = plan(request, source, options, profile, demoServer);
        long planned = steps.stream().mapToLong(Step::plannedUnits).sum()
                * request.what().repeat();
        RunRequest.Shard shard = request.what().shard();
        // planned (and checked) first, then the wait: a first load loop's own, after its set-up
        Instant loadStart = StartAt.beforeFirst(request, startsWithLoad(steps), err);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path resultFile = writableFiles(request.files(), start);
        Path logFile = sibling(resultFile, ".log");
        String id = ID_STAMP.format(start) + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Path workDir = tempDir();
        MetricsOptions metrics =
                MetricsOptions.of(request.metrics(), source.suite().metrics(), System.getenv());
        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
                Progress progress = progress(request.display(), planned, err);
                LiveMetrics live = LiveMetrics.start(
                        metrics, source.suite().name(), id, shard.index() + "/" + shard.count(), err)) {
            JmhEngine engine = jmhEngine(request, workDir, log, progress, err);
            LoadEngine load = loadEngine(shard, loadStart);
            LoadsDone loadsDone = new LoadsDone();
            RunResult result;
            Function<List<BenchmarkResult>, RunResult> partialOf =
                    finished -> result(id, start, request, source, git, withForks(environment, engine), finished, true);
            try (Interruption interruption =
                    new Interruption(() -> keepFinished(engine, load, loadsDone, partialOf, resultFile, err))) {
                List<BenchmarkResult> results = new ArrayList<>();
                for (Step step : steps) {
                    if (loadsDone.stopping()) {
                        break; // interrupted: no step starts after that (no JMH child the hook would orphan)
                    }
                    results.addAll(step(step, request.what().repeat(), engine, load, progress, live, loadsDone));
                }
                result = result(id, start, request, source, git, withForks(environment, engine), results, false);
                if (!interruption.complete(() -> ResultFiles.write(resultFile, result))) {
                    throw PerfException.interrupted("interrupted");
                }
            }
            progress.finish();
            log.flush();
            summaries(result, resultFile, logFile, request, out, err);
            return new Outcome(result, resultFile, logFile);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + logFile + ": " + e.getMessage(), e);
        } finally {
            deleteTree(workDir);
        }
    }

    /**
     * On an interrupt: stops both engines and writes what finished as a partial result — JMH's finished forks
     * pooled under their benchmark, the finished load loops, and the loop that was running, kept with what it
     * measured and marked interrupted; a previous result at the path stays as it was when nothing finished,
     * never replaced by an empty one.
     */
    private static void keepFinished(
            JmhEngine engine,
            LoadEngine load,
            LoadsDone loadsDone,
            Function<List<BenchmarkResult>, RunResult> partialOf,
            Path resultFile,
            PrintStream err) {
        engine.cancel();
        load.stop();
        List<BenchmarkResult> loads = loadsDone.stopAndWait(INTERRUPTED_LOOP_WAIT);
        // a JMH job's forks run in rounds, each round its own entries: pooled as the whole run would have them
        List<BenchmarkResult> finished = new ArrayList<>(
                repeats(engine.completed().stream().map(List::of).toList()));
        finished.addAll(loads);
        if (finished.isEmpty()) {
            err.println("perf: interrupted before any benchmark finished; nothing written"
                    + (Files.exists(resultFile) ? " (" + resultFile + " is left as it was)" : ""));
            return;
        }
        RunResult partial = partialOf.apply(finished);
        ResultFiles.write(resultFile, partial);
        err.println("perf: interrupted; " + partial.benchmarks().size() + " finished benchmark(s) written to "
                + resultFile);
    }

    /** How long an interrupt waits for the running load loop to hand over what it measured. */
    private static final Duration INTERRUPTED_LOOP_WAIT = Duration.ofSeconds(10);

    /** Progress on {@code err}: none when quiet or asked not to, a bar on a terminal, else plain lines. */
    private static Progress progress(RunRequest.Display display, long planned, PrintStream err) {
        return Progress.create(err, planned, display.quiet() || !display.progress(), display.terminal());
    }

    /** The JMH engine of this run: its log, its raw output when verbose, how long it waits for JMH's lock. */
    private static JmhEngine jmhEngine(
            RunRequest request, Path workDir, Writer log, Progress progress, PrintStream err) {
        boolean quiet = request.display().quiet();
        return new JmhEngine(workDir, log, request.display().verbose() ? err : null, progress)
                .waitingForTheLock(request.jmhRun().lockTimeout(), quiet ? line -> {} : err::println);
    }

    /** The result file (asked for, or stamped with {@code start}), checked writable with the reports asked for. */
    private static Path writableFiles(RunRequest.Files files, Instant start) {
        Path resultFile =
                files.output() != null ? files.output() : Path.of("perf-results", FILE_STAMP.format(start) + ".json");
        checkWritable(resultFile, "-o");
        if (files.markdown() != null) {
            checkWritable(files.markdown(), "--md");
        }
        if (files.html() != null) {
            checkWritable(files.html(), "--html");
        }
        return resultFile;
    }

    /**
     * The load engine of this shard; with {@code --start-at} ahead ({@code loadStart}, null when none), every
     * shard's first load loop starts (its warm-up, else its measurement) at that moment, set up before it.
     */
    private static LoadEngine loadEngine(RunRequest.Shard shard, Instant loadStart) {
        LoadEngine load = new LoadEngine(shard.slice());
        if (loadStart != null) {
            load.startNextLoopAt(loadStart);
        }
        return load;
    }

    private static boolean startsWithLoad(List<Step> steps) {
        return !steps.isEmpty() && steps.get(0) instanceof Step.Load;
    }

    /** One step; a load step's results are handed to {@code loadsDone} for an interrupt to keep. */
    private static List<BenchmarkResult> step(
            Step step,
            int repeat,
            JmhEngine engine,
            LoadEngine load,
            Progress progress,
            LiveMetrics live,
            LoadsDone loadsDone) {
        return step instanceof Step.Jmh
                ? runStep(step, repeat, engine, load, progress, live)
                : loadsDone.run(() -> runStep(step, repeat, engine, load, progress, live));
    }

    private static List<BenchmarkResult> runStep(
            Step step, int repeat, JmhEngine engine, LoadEngine load, Progress progress, LiveMetrics live) {
        List<List<BenchmarkResult>> runs = new ArrayList<>();
        for (int k = 0; k < repeat; k++) {
            if (step instanceof Step.Jmh jmh) {
                runs.addAll(ForkRounds.run(engine, jmh.job(), progress));
            } else if (step instanceof Step.Parallel parallel) {
                runs.add(ParallelLoops.run(parallel.plans(), plan -> loop(plan, load, progress, live)));
            } else {
                runs.add(loop(((Step.Load) step).plan(), load, progress, live));
            }
        }
        List<BenchmarkResult> merged = repeats(runs);
        live.finished(merged);
        return merged;
    }

    /** One load loop's results (its own, its entries', its steps'), the progress told it finished. */
    private static List<BenchmarkResult> loop(LoadPlan plan, LoadEngine load, Progress progress, LiveMetrics live) {
        List<BenchmarkResult> results = Matrix.identified(load.runAll(plan, LoadListener.both(progress, live)));
        BenchmarkResult r = results.get(0);
        progress.benchmarkFinished(r.name(), r.status() == BenchmarkResult.Status.ok, 0);
        return results;
    }

    /** The Markdown, HTML and interval-log files asked for, and the summary on the terminal. */
    private static void summaries(
            RunResult result, Path resultFile, Path logFile, RunRequest request, PrintStream out, PrintStream err) {
        Subject report = Subject.run(result, resultFile.toString());
        if (request.files().markdown() != null) {
            ResultFiles.writeAtomically(
                    request.files().markdown(),
                    Reports.write(report, ReportFormat.md).getBytes(StandardCharsets.UTF_8));
        }
        if (request.files().hlog()) {
            for (Path hlog : IntervalLogs.write(result, resultFile)) {
                if (!request.display().quiet()) {
                    err.println("perf: interval log " + hlog);
                }
            }
        }
        if (request.files().html() != null) {
            ResultFiles.writeAtomically(
                    request.files().html(),
                    Reports.write(report, ReportFormat.html).getBytes(StandardCharsets.UTF_8));
        }
        if (!request.display().quiet()) {
            out.print(Reports.write(report, ReportFormat.text));
            out.println();
            out.println("Result: " + resultFile + "  (JMH log: " + logFile + ")");
            if (request.files().markdown() != null) {
                out.println("Markdown: " + request.files().markdown());
            }
            if (request.files().html() != null) {
                out.println("HTML: " + request.files().html());
            }
        }
    }

    /**
     * The steps of the run: each suite entry's JMH benchmarks (this shard's share, selected by {@code --only})
     * and load loops, planned in full before anything runs; bad input when nothing is selected.
     */
    private static List<Step> plan(
            RunRequest request, SuiteSource source, JmhOptions options, Profile profile, DemoHttpServer demoServer) {
        try {
            return planEntries(request, source, options, profile, demoServer);
        } catch (PerfException e) {
            // a problem found while planning an entry (a class, a jar) is a problem of the suite file: name it
            if (e.kind() == PerfException.Kind.BAD_INPUT && !e.getMessage().startsWith(source.label())) {
                throw PerfException.badInput(source.label() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static List<Step> planEntries(
            RunRequest request, SuiteSource source, JmhOptions options, Profile profile, DemoHttpServer demoServer) {
        List<Step> steps = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        int position = 0;
        RunRequest.Shard shard = request.what().shard();
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            if (entry.jmh() != null) {
                JmhPlanner.Plan plan = JmhPlanner.plan(
                        source,
                        request.jmhRun().extras().applyTo(entry.jmh()),
                        options,
                        request.what().only());
                available.addAll(plan.available());
                List<String> mine = new ArrayList<>();
                for (String name : plan.job().benchmarks()) {
                    if (shard.owns(position++)) {
                        mine.add(name);
                    }
                }
                if (!mine.isEmpty()) {
                    JmhJob job = plan.job()
                            .withBenchmarks(mine)
                            .withExtraArguments(request.jmhRun().extras().arguments(options.gcProfilerEnabled()));
                    steps.add(new Step.Jmh(job));
                }
            } else {
                List<LoadPlan> plans = new ArrayList<>();
                for (LoadSpec loop : entry.loads()) {
                    available.add(loop.name());
                    if (request.what().only() == null
                            || request.what().only().matcher(loop.name()).find()) {
                        plans.add(LoadPlan.of(
                                loop, profile.load(), source, demoServer == null ? null : demoServer.address()));
                    }
                }
                if (entry.parallel() != null && plans.size() > 1) {
                    steps.add(new Step.Parallel(plans));
                } else {
                    plans.forEach(plan -> steps.add(new Step.Load(plan)));
                }
            }
        }
        if (steps.isEmpty()) {
            String what = request.what().only() == null
                    ? "the suite's include patterns match no benchmark"
                    : "--only '" + request.what().only().pattern() + "' matches no benchmark";
            throw PerfException.badInput(what + "; available: " + String.join(", ", available));
        }
        return steps;
    }

    /** The repeats of one step merged benchmark by benchmark (one repeat: as they are). */
    private static List<BenchmarkResult> repeats(List<List<BenchmarkResult>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Map<String, List<BenchmarkResult>> byName = new LinkedHashMap<>();
        for (List<BenchmarkResult> run : runs) {
            for (BenchmarkResult b : run) {
                byName.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(b);
            }
        }
        List<BenchmarkResult> out = new ArrayList<>();
        byName.values().forEach(same -> out.add(LoadMerge.merge(same, LoadMerge.Mode.SEQUENTIAL)));
        return out;
    }

    /** The machine with the JVM JMH's forks ran on, once the engine has seen it. */
    private static CompletableFuture<Environment> withForks(CompletableFuture<Environment> env, JmhEngine engine) {
        return env.thenApply(e -> engine.forks() == null ? e : e.withForks(engine.forks()));
    }

    private static RunResult result(
            String id,
            Instant start,
            RunRequest request,
            SuiteSource source,
            CompletableFuture<RunInfo.Git> git,
            CompletableFuture<Environment> environment,
            List<BenchmarkResult> results,
            boolean interrupted) {
        RunInfo.Git gitInfo = git.join();
        Environment env = environment.join();
        RunInfo info = new RunInfo(
                id,
                start,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                request.what().profile(),
                source.suite().name(),
                source.label(),
                interrupted,
                gitInfo,
                request.what().shard().label(),
                request.jmhRun().extras().asTyped());
        return new RunResult(
                RunResult.SCHEMA, PerfVersion.get(), info, env, source.suite().thresholds(), results);
    }

    /**
     * {@code perf run --list}: what the run would run, one line each — JMH benchmarks (with their params)
     * matching {@code --only}, then load loops — on {@code out}; exit 0.
     */
    public static int list(RunRequest request, PrintStream out, PrintStream err) {
        SuiteSource source = request.what().jmhJar() != null
                ? SuiteLoader.forJar(request.what().jmhJar())
                : loadSuite(request, err);
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            if (entry.jmh() != null) {
                JmhPlanner.listing(
                                source,
                                request.jmhRun().extras().applyTo(entry.jmh()),
                                request.what().only())
                        .forEach(line -> out.println(Printable.of(line)));
            } else {
                for (LoadSpec loop : entry.loads()) {
                    if (request.what().only() == null
                            || request.what().only().matcher(loop.name()).find()) {
                        out.println(Printable.of(loop.name()) + " (load"
                                + (entry.parallel() != null ? ", parallel" : "") + ")");
                    }
                }
            }
        }
        return 0;
    }

    private static SuiteSource loadSuite(RunRequest request, PrintStream err) {
        SuiteSource source = request.what().suiteFile() != null
                ? SuiteLoader.load(request.what().suiteFile())
                : SuiteLoader.inWorkingDirectory();
        Matrix.checkSize(source.suite(), request.what().force(), source.label());
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            for (LoadSpec loop : entry.loads()) {
                boolean written = loop.operations().stream()
                        .anyMatch(o ->
                                o.target().sql() != null && o.target().sql().passwordWritten());
                if (written) {
                    err.println("perf: warning: load " + Printable.of(loop.name()) + ": sql.password is written in "
                            + source.label() + "; give it as ${env.NAME} to keep it out of the file (perf writes it"
                            + " nowhere)");
                }
            }
        }
        if (source.label().equals(SuiteSource.BUILT_IN)) {
            // said even with -q: a user who meant to run their suite must not get a minute of the demo silently
            err.println("perf: no " + String.join(", ", SuiteLoader.DEFAULT_FILES)
                    + " in this directory; running the built-in demo suite (see samples/perf.yaml to write your own)");
        }
        return source;
    }

    /** Fails with bad input, before anything runs, when {@code file}'s directory cannot be written. */
    static void checkWritable(Path file, String flag) {
        if (Files.isDirectory(file)) {
            throw PerfException.badInput(
                    "cannot write " + file + ": it is a directory (give a file name with " + flag + ")");
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".perf-write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw PerfException.badInput(
                    "cannot write to " + dir + ": permission denied (choose a writable path with " + flag + ")");
        } catch (IOException | SecurityException e) {
            throw PerfException.badInput(
                    "cannot write to " + dir + ": " + e.getMessage() + " (choose a writable path with " + flag + ")");
        }
    }

    private static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(base + extension);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("perf-jmh-");
        } catch (IOException e) {
            throw PerfException.badInput("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
