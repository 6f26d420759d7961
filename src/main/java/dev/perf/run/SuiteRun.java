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
import dev.perf.suite.Matrix;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
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
        SuiteSource source = request.jmhJar() != null ? SuiteLoader.forJar(request.jmhJar()) : loadSuite(request, err);
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
        Profile profile = source.suite().profile(request.profile());
        JmhOptions options = profile.jmh().overlay(request.overrides());
        // Every entry is planned (code found, classes loaded, schedules built) before anything runs.
        List<Step> steps = plan(request, source, options, profile, demoServer);
        long planned = steps.stream().mapToLong(Step::plannedUnits).sum() * request.repeat();
        RunRequest.Shard shard = request.shard();

        StartAt.await(request.startAt(), err, request.quiet()); // planned (and checked) first, then the wait
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path resultFile = request.output() != null
                ? request.output()
                : Path.of("perf-results", FILE_STAMP.format(start) + ".json");
        checkWritable(resultFile, "-o");
        if (request.markdown() != null) {
            checkWritable(request.markdown(), "--md");
        }
        if (request.html() != null) {
            checkWritable(request.html(), "--html");
        }
        Path logFile = sibling(resultFile, ".log");

        String id = ID_STAMP.format(start) + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Path workDir = tempDir();

        MetricsOptions metrics =
                MetricsOptions.of(request.metrics(), source.suite().metrics(), System.getenv());
        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
                Progress progress =
                        Progress.create(err, planned, request.quiet() || !request.progress(), request.terminal());
                LiveMetrics live = LiveMetrics.start(
                        metrics, source.suite().name(), id, shard.index() + "/" + shard.count(), err)) {
            JmhEngine engine = new JmhEngine(workDir, log, request.verbose() ? err : null, progress)
                    .waitingForTheLock(request.lockTimeout(), request.quiet() ? line -> {} : err::println);
            LoadEngine load = new LoadEngine(shard.slice());
            if (request.startAt() != null && !steps.isEmpty() && steps.get(0) instanceof Step.Load first) {
                // every shard's first load loop starts measuring at one moment, whatever its own set-up took
                load.alignFirstMeasurementTo(request.startAt()
                        .plus(StartAt.SET_UP_ALLOWANCE)
                        .plusNanos(first.plan().warmupNanos()));
            }
            List<BenchmarkResult> loadsDone = new CopyOnWriteArrayList<>();
            RunResult result;
            try (Interruption interruption = new Interruption(() -> {
                engine.cancel();
                load.stop();
                List<BenchmarkResult> finished = new ArrayList<>(engine.completed());
                finished.addAll(loadsDone);
                if (finished.isEmpty()) {
                    // nothing to keep: a previous result at the path stays as it was, never replaced by an empty one
                    err.println("perf: interrupted before any benchmark finished; nothing written"
                            + (Files.exists(resultFile) ? " (" + resultFile + " is left as it was)" : ""));
                    return;
                }
                RunResult partial = result(id, start, request, source, git, environment, finished, true);
                ResultFiles.write(resultFile, partial);
                err.println("perf: interrupted; " + partial.benchmarks().size() + " finished benchmark(s) written to "
                        + resultFile);
            })) {
                List<BenchmarkResult> results = new ArrayList<>();
                for (Step step : steps) {
                    List<List<BenchmarkResult>> runs = new ArrayList<>();
                    for (int k = 0; k < request.repeat(); k++) {
                        if (step instanceof Step.Jmh jmh) {
                            runs.addAll(ForkRounds.run(engine, jmh.job()));
                        } else {
                            List<BenchmarkResult> loop = Matrix.identified(
                                    load.runAll(((Step.Load) step).plan(), LoadListener.both(progress, live)));
                            BenchmarkResult r = loop.get(0);
                            progress.benchmarkFinished(r.name(), r.status() == BenchmarkResult.Status.ok, 0);
                            runs.add(loop);
                        }
                    }
                    List<BenchmarkResult> merged = repeats(runs);
                    live.finished(merged);
                    if (step instanceof Step.Load) {
                        loadsDone.addAll(merged);
                    }
                    results.addAll(merged);
                }
                result = result(id, start, request, source, git, environment, results, false);
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

    /** The Markdown, HTML and interval-log files asked for, and the summary on the terminal. */
    private static void summaries(
            RunResult result, Path resultFile, Path logFile, RunRequest request, PrintStream out, PrintStream err) {
        Subject report = Subject.run(result, resultFile.toString());
        if (request.markdown() != null) {
            ResultFiles.writeAtomically(
                    request.markdown(), Reports.write(report, ReportFormat.md).getBytes(StandardCharsets.UTF_8));
        }
        if (request.hlog()) {
            for (Path hlog : IntervalLogs.write(result, resultFile)) {
                if (!request.quiet()) {
                    err.println("perf: interval log " + hlog);
                }
            }
        }
        if (request.html() != null) {
            ResultFiles.writeAtomically(
                    request.html(), Reports.write(report, ReportFormat.html).getBytes(StandardCharsets.UTF_8));
        }
        if (!request.quiet()) {
            out.print(Reports.write(report, ReportFormat.text));
            out.println();
            out.println("Result: " + resultFile + "  (JMH log: " + logFile + ")");
            if (request.markdown() != null) {
                out.println("Markdown: " + request.markdown());
            }
            if (request.html() != null) {
                out.println("HTML: " + request.html());
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
        RunRequest.Shard shard = request.shard();
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            if (entry.jmh() != null) {
                JmhPlanner.Plan plan =
                        JmhPlanner.plan(source, request.jmh().applyTo(entry.jmh()), options, request.only());
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
                            .withExtraArguments(request.jmh().arguments(options.gcProfilerEnabled()));
                    steps.add(new Step.Jmh(job));
                }
            } else {
                available.add(entry.load().name());
                if (request.only() == null
                        || request.only().matcher(entry.load().name()).find()) {
                    LoadPlan plan = LoadPlan.of(
                            entry.load(), profile.load(), source, demoServer == null ? null : demoServer.address());
                    steps.add(new Step.Load(plan));
                }
            }
        }
        if (steps.isEmpty()) {
            String what = request.only() == null
                    ? "the suite's include patterns match no benchmark"
                    : "--only '" + request.only().pattern() + "' matches no benchmark";
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
                request.profile(),
                source.suite().name(),
                source.label(),
                interrupted,
                gitInfo,
                request.shard().label(),
                request.jmh().asTyped());
        return new RunResult(
                RunResult.SCHEMA, PerfVersion.get(), info, env, source.suite().thresholds(), results);
    }

    /**
     * {@code perf run --list}: what the run would run, one line each — JMH benchmarks (with their params)
     * matching {@code --only}, then load loops — on {@code out}; exit 0.
     */
    public static int list(RunRequest request, PrintStream out, PrintStream err) {
        SuiteSource source = request.jmhJar() != null ? SuiteLoader.forJar(request.jmhJar()) : loadSuite(request, err);
        for (BenchmarkEntry entry : source.suite().benchmarks()) {
            if (entry.jmh() != null) {
                JmhPlanner.listing(source, request.jmh().applyTo(entry.jmh()), request.only())
                        .forEach(line -> out.println(Printable.of(line)));
            } else if (request.only() == null
                    || request.only().matcher(entry.load().name()).find()) {
                out.println(Printable.of(entry.load().name()) + " (load)");
            }
        }
        return 0;
    }

    private static SuiteSource loadSuite(RunRequest request, PrintStream err) {
        SuiteSource source =
                request.suiteFile() != null ? SuiteLoader.load(request.suiteFile()) : SuiteLoader.inWorkingDirectory();
        Matrix.checkSize(source.suite(), request.force(), source.label());
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
