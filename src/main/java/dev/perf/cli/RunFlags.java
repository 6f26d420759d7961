package dev.perf.cli;

import dev.perf.bench.JmhExtras;
import dev.perf.metrics.MetricsOptions;
import dev.perf.result.PerfException;
import dev.perf.run.RunRequest;
import dev.perf.suite.JmhOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The option groups of {@code perf run}, as {@code --help} shows them. */
final class RunFlags {
    private RunFlags() {}

    /** What to run. */
    static final class Selection {
        @Option(
                names = {"-s", "--suite"},
                paramLabel = "FILE",
                description = "Suite file (YAML or JSON). Default: ./perf.yaml, else the demo suite.")
        Path suite;

        @Option(
                names = "--jmh-jar",
                paramLabel = "JAR",
                description = "Run the benchmarks of this JMH uber-jar (with its own JMH) instead of a suite.")
        Path jmhJar;

        @Option(
                names = "--classpath",
                paramLabel = "JARS",
                split = ":",
                description = "Jars (':'-separated) whose classes load loops may use: JDBC drivers for sql targets,"
                        + " Workload classes for java targets.")
        List<Path> classpath = List.of();

        @Option(
                names = "--list",
                description = "List what the run would run, one per line (JMH benchmarks with their params, then load"
                        + " loops), and exit.")
        boolean list;

        @Option(
                names = "--only",
                paramLabel = "REGEX",
                converter = Converters.RegexConverter.class,
                description = "Run only benchmarks whose name matches.")
        Pattern only;

        @Option(
                names = "--shard",
                paramLabel = "I/N",
                converter = Converters.ShardConverter.class,
                description = "Run shard I of N (e.g. 1/3 on each of 3 machines): JMH benchmarks are dealt out, load"
                        + " loops send a striped slice of their schedule. Combine with perf report merge. Without"
                        + " it: PERF_SHARD=I/N, else a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based)"
                        + " with PERF_SHARDS=N.")
        RunRequest.Shard shard;

        @Option(
                names = "--start-at",
                paramLabel = "TIME",
                converter = Converters.InstantConverter.class,
                description = "Wait until this RFC 3339 time (e.g. 2026-05-01T12:00:00Z) before the first"
                        + " benchmark: shards started apart line up their schedules.")
        java.time.Instant startAt;

        @Option(
                names = "--repeat",
                paramLabel = "N",
                defaultValue = "1",
                description = "Run every benchmark N times (default 1): load loops then have N replicates.")
        int repeat;
    }

    /** Where results go. */
    static final class Files {
        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Result file. Default: perf-results/<timestamp>.json")
        Path output;

        @Option(names = "--md", paramLabel = "FILE", description = "Also write a GitHub-flavoured Markdown summary.")
        Path markdown;

        @Option(
                names = "--html",
                paramLabel = "FILE",
                description = "Also write a self-contained HTML report with charts.")
        Path html;

        @Option(
                names = "--hlog",
                description = "Also write each load loop's per-second response times as an HdrHistogram log.")
        boolean hlog;

        @Option(
                names = "--force",
                description =
                        "Replace an -o file that is not a perf result; run a load matrix of more than 1000 loops.")
        boolean force;

        @Option(
                names = "--metrics-push",
                paramLabel = "URL",
                description = "Send live metrics every second by Prometheus remote write to URL (Prometheus,"
                        + " Mimir, VictoriaMetrics...); perf.yaml's metrics: block may add headers.")
        String metricsPush;

        @Option(
                names = "--metrics-listen",
                paramLabel = "HOST:PORT",
                description = "Serve live metrics at http://HOST:PORT/metrics (Prometheus text) while the run lasts.")
        String metricsListen;

        @Option(
                names = "--metrics-linger",
                paramLabel = "DURATION",
                converter = Converters.DurationConverter.class,
                description = "Keep /metrics up this long after the run for a last scrape (default 5s).")
        Duration metricsLinger;

        /** The live-metrics flags given (the suite's metrics: block fills the rest). */
        MetricsOptions metrics() {
            return new MetricsOptions(
                    metricsPush == null ? null : MetricsOptions.pushUrl(metricsPush, "--metrics-push"),
                    Map.of(),
                    metricsListen == null ? null : MetricsOptions.listenAddress(metricsListen, "--metrics-listen"),
                    metricsLinger);
        }

        @Option(names = "--no-progress", description = "Do not show progress.")
        boolean noProgress;
    }

    /** JMH settings that override the profile's. */
    static final class Jmh {
        @Option(
                names = {"-f", "--forks"},
                paramLabel = "N",
                description = "JMH forks.")
        Integer forks;

        @Option(
                names = {"-wi", "--warmup-iterations"},
                paramLabel = "N",
                description = "Warm-up iterations per fork.")
        Integer warmupIterations;

        @Option(
                names = {"-w", "--warmup-time"},
                paramLabel = "DURATION",
                converter = Converters.DurationConverter.class,
                description = "Duration of one warm-up iteration, e.g. 1s, 500ms.")
        Duration warmupTime;

        @Option(
                names = {"-i", "--iterations"},
                paramLabel = "N",
                description = "Measurement iterations per fork.")
        Integer iterations;

        @Option(
                names = {"-r", "--time"},
                paramLabel = "DURATION",
                converter = Converters.DurationConverter.class,
                description = "Duration of one measurement iteration, e.g. 1s, 200ms.")
        Duration time;

        @Option(
                names = {"-t", "--threads"},
                paramLabel = "N",
                description = "Benchmark threads.")
        Integer threads;

        @Option(
                names = "--jvm-args",
                paramLabel = "ARG",
                split = " ",
                description = "Extra JVM arguments for each fork.")
        List<String> jvmArgs;

        @Option(names = "--no-gc-profiler", description = "Do not run JMH's GC profiler (no B/op figures).")
        boolean noGcProfiler;

        @Option(
                names = "-p",
                paramLabel = "NAME=V1,V2",
                description = "A JMH @Param's values (repeatable), over the suite's.")
        List<String> params;

        @Option(
                names = "-prof",
                paramLabel = "PROFILER",
                description = "A JMH profiler with its options, e.g. stack, gc, jfr, perfasm (repeatable); its"
                        + " secondary metrics go into the result.")
        List<String> profilers;

        @Option(
                names = "-bm",
                split = ",",
                paramLabel = "MODE",
                description = "JMH benchmark modes instead of the benchmarks' own: thrpt, avgt, sample, ss, all.")
        List<String> modes;

        @Option(names = "-tu", paramLabel = "UNIT", description = "JMH output time unit: ns, us, ms, s or m.")
        String timeUnit;

        @Option(
                names = "-jvmArgsPrepend",
                paramLabel = "ARGS",
                description = "JVM arguments put before each JMH fork's own.")
        String jvmArgsPrepend;

        /** The JMH options passed through as given; a bad value is a usage error. */
        JmhExtras extras() {
            return new JmhExtras(JmhExtras.parseParams(params), profilers, modes, timeUnit, jvmArgsPrepend);
        }

        /** These settings as overrides of the profile's; a bad value is a usage error. */
        JmhOptions options() {
            try {
                return new JmhOptions(
                        forks,
                        warmupIterations,
                        warmupTime,
                        iterations,
                        time,
                        threads,
                        jvmArgs,
                        noGcProfiler ? false : null);
            } catch (IllegalArgumentException e) {
                throw PerfException.usage(e.getMessage());
            }
        }
    }
}
