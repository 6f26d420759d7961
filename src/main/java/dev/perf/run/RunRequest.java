package dev.perf.run;

import dev.perf.bench.JmhExtras;
import dev.perf.load.schedule.Slice;
import dev.perf.metrics.MetricsOptions;
import dev.perf.result.PerfException;
import dev.perf.suite.JmhOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code perf run} was asked to do, composed of what to run, which files to write, how to talk to the
 * user, JMH's settings and live metrics. Immutable.
 *
 * @param what which suite or jar, which benchmarks, which shard and how often
 * @param files what is written besides the run's log
 * @param display how the run talks to the user
 * @param jmhRun how the JMH child JVMs run
 * @param metrics live metrics from the command line ({@code --metrics-push}, {@code --metrics-listen});
 *     the suite's {@code metrics:} block fills what they leave out
 */
public record RunRequest(What what, Files files, Display display, JmhRun jmhRun, MetricsOptions metrics) {
    public RunRequest {
        Objects.requireNonNull(what, "what");
        files = files == null ? Files.DEFAULT : files;
        display = display == null ? Display.QUIET : display;
        jmhRun = jmhRun == null ? JmhRun.DEFAULT : jmhRun;
        metrics = metrics == null ? MetricsOptions.NONE : metrics;
    }

    /**
     * Which benchmarks to run and how often.
     *
     * @param profile profile name ({@code quick}, {@code full} or one the suite defines)
     * @param suiteFile suite file given with {@code -s}; null to look for perf.yaml, then use the demo
     * @param jmhJar a JMH uber-jar given with {@code --jmh-jar}: run its benchmarks instead of a suite
     * @param only filter on benchmark names (find semantics); null for all
     * @param shard which slice of the suite to run ({@code --shard I/N}); {@link Shard#WHOLE} for all of it
     * @param repeat how many times each benchmark runs ({@code --repeat N}); the runs are merged, load loops
     *     keeping each run's whole-run values as replicate samples
     * @param startAt the wall-clock instant to start at ({@code --start-at}): shards started apart wait for one
     *     moment so that their schedules line up; null to start at once
     * @param force run a load matrix of more than 1 000 loops ({@code --force})
     * @param classpath jars whose classes load loops may use ({@code --classpath}): JDBC drivers, Workload classes
     */
    public record What(
            String profile,
            Path suiteFile,
            Path jmhJar,
            Pattern only,
            Shard shard,
            int repeat,
            Instant startAt,
            boolean force,
            List<Path> classpath) {
        public What {
            classpath = classpath == null ? List.of() : List.copyOf(classpath);
            Objects.requireNonNull(profile, "profile");
            shard = shard == null ? Shard.WHOLE : shard;
            if (repeat < 1) {
                throw PerfException.usage("--repeat must be at least 1, was " + repeat);
            }
            if (suiteFile != null && jmhJar != null) {
                throw PerfException.usage("give either -s SUITE or --jmh-jar JAR, not both");
            }
        }
    }

    /**
     * The files a run writes besides its log.
     *
     * @param output result file; null for {@code perf-results/<timestamp>.json}
     * @param markdown Markdown report file; null for none
     * @param html HTML report file; null for none
     * @param hlog also write each load loop's per-second response-time histograms as an HdrHistogram interval
     *     log ({@code <result>-<loop>.hlog})
     */
    public record Files(Path output, Path markdown, Path html, boolean hlog) {
        /** The result file in its default place, no reports, no interval logs. */
        public static final Files DEFAULT = new Files(null, null, null, false);
    }

    /**
     * How a run talks to the user.
     *
     * @param verbose copy JMH's raw output to stderr
     * @param quiet no progress and no summary table
     * @param progress show progress (false with {@code --no-progress})
     * @param terminal stderr is a terminal (a bar instead of plain lines)
     */
    public record Display(boolean verbose, boolean quiet, boolean progress, boolean terminal) {
        /** Nothing but errors. */
        public static final Display QUIET = new Display(false, true, false, false);
    }

    /**
     * How JMH's child JVMs run.
     *
     * @param overrides JMH options from the command line, applied over the profile
     * @param extras JMH options passed through to every {@code jmh:} entry ({@code -p -prof -bm -tu
     *     -jvmArgsPrepend})
     * @param lockTimeout how long to wait for JMH's lock file while another JMH holds it
     */
    public record JmhRun(JmhOptions overrides, JmhExtras extras, Duration lockTimeout) {
        /** The profile's options, nothing passed through, JMH's lock waited for 60 s. */
        public static final JmhRun DEFAULT = new JmhRun(JmhOptions.NONE, JmhExtras.NONE, null);

        public JmhRun {
            overrides = overrides == null ? JmhOptions.NONE : overrides;
            extras = extras == null ? JmhExtras.NONE : extras;
            lockTimeout = lockTimeout == null ? Duration.ofSeconds(60) : lockTimeout;
        }
    }

    /**
     * Shard {@code index} of {@code count} as the user writes it, 1-based ({@link #slice()} is the 0-based form
     * everything below the command line uses): JMH benchmarks are dealt out round-robin, and every load
     * loop runs a striped slice of its one global schedule (closed-model users are split), so that the shards
     * together do what one run would.
     *
     * @param index this shard, 1..count
     * @param count number of shards
     */
    public record Shard(int index, int count) {
        /** The whole suite. */
        public static final Shard WHOLE = new Shard(1, 1);

        private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw PerfException.usage("--shard must be I/N with 1 <= I <= N, e.g. 1/3; was " + index + "/" + count);
            }
        }

        /** This shard as every layer below the command line numbers it: a 0-based slice. */
        public Slice slice() {
            return new Slice(index - 1, count);
        }

        /** Whether the benchmark at global position {@code position} (0-based) belongs to this shard. */
        public boolean owns(int position) {
            return slice().owns(position);
        }

        /** {@code I/N} as written after {@code where} (a flag or variable, for the message). */
        public static Shard parse(String value, String where) {
            java.util.regex.Matcher m = FORM.matcher(value.trim());
            if (!m.matches()) {
                throw PerfException.usage("invalid " + where + " '" + value + "': use I/N, e.g. 2/3");
            }
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        /**
         * The shard the environment names when {@code --shard} is not given: {@code PERF_SHARD=I/N}; else
         * Kubernetes' {@code JOB_COMPLETION_INDEX} (0-based, set in every pod of an Indexed Job) with {@code
         * PERF_SHARDS=N}; else the whole suite. An index without {@code PERF_SHARDS} is a usage error: N pods
         * would each run everything.
         */
        public static Shard fromEnvironment(java.util.Map<String, String> env) {
            String shard = env.get("PERF_SHARD");
            if (shard != null && !shard.isBlank()) {
                return parse(shard, "PERF_SHARD");
            }
            String index = env.get("JOB_COMPLETION_INDEX");
            if (index == null || index.isBlank()) {
                return WHOLE;
            }
            String count = env.get("PERF_SHARDS");
            if (count == null || count.isBlank()) {
                throw PerfException.usage("JOB_COMPLETION_INDEX=" + index.trim() + " is set but PERF_SHARDS is not:"
                        + " set PERF_SHARDS to the Job's completions, or --shard I/N");
            }
            if (!index.trim().matches("\\d{1,9}") || !count.trim().matches("\\d{1,9}")) {
                throw PerfException.usage("JOB_COMPLETION_INDEX='" + index + "' and PERF_SHARDS='" + count
                        + "' must be whole numbers (the index is 0-based)");
            }
            return new Shard(Integer.parseInt(index.trim()) + 1, Integer.parseInt(count.trim()));
        }

        /** {@code I/N}, or null for the whole suite. */
        public String label() {
            return count == 1 ? null : index + "/" + count;
        }
    }
}
