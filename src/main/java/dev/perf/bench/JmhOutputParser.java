package dev.perf.bench;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Environment;
import dev.perf.result.JmhJson;
import dev.perf.result.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows JMH's human-readable output line by line: which benchmark runs, its iterations, failures and
 * crashed forks.
 *
 * <p>It drives the progress display, supplies the error text of failed benchmarks (JMH's JSON simply
 * leaves them out) and, when a run is interrupted before JMH writes its JSON, the iteration scores of the
 * benchmarks that did finish. Scores printed as text are rounded by JMH, so JSON is preferred whenever it
 * exists. Not thread-safe: feed it from one thread; {@link #finished()} is synchronized for a reader on
 * another thread (the interrupt handler).
 */
public final class JmhOutputParser {
    private static final Pattern BENCHMARK = Pattern.compile("^# Benchmark: (\\S+)");
    private static final Pattern MODE = Pattern.compile("^# Benchmark mode: ([^,]+)");
    private static final Pattern PARAMETERS = Pattern.compile("^# Parameters: \\((.*)\\)\\s*$");
    private static final Pattern WARMUP_ITERATION = Pattern.compile("^# Warmup Iteration\\s+\\d+: (.*)$");
    private static final Pattern ITERATION = Pattern.compile("^Iteration\\s+(\\d+): (.*)$");
    private static final Pattern SECONDARY = Pattern.compile("^\\s+(?:·)?([\\w.:·-]+):\\s+(.+?)\\s+(\\S+)\\s*$");
    private static final Pattern FORK = Pattern.compile("^# (?:Warmup )?Fork: (\\d+) of (\\d+)");
    private static final Pattern JMH_VERSION = Pattern.compile("^# JMH (?:version: )?(\\d[\\w.-]*)");
    private static final Pattern VM_VERSION = Pattern.compile("^# VM version: JDK ([^,]+), (?:VM |(.+), )?(.+)$");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final String VM_OPTIONS = "# VM options: ";
    private static final Pattern VALUE = Pattern.compile("^([-+]?[\\d.,]+(?:[eE][-+]?\\d+)?|NaN|≈[^ ]*) (\\S+)");

    /**
     * A benchmark that started, as the text output told it.
     *
     * @param name benchmark name
     * @param mode short JMH mode, null if not printed
     * @param params parameters
     * @param error error text when it failed or did not finish, otherwise null
     */
    public record Seen(String name, String mode, Map<String, String> params, String error) {
        public Seen {
            params = Map.copyOf(params);
        }
    }

    private final JmhListener listener;
    private final int iterationsPerBenchmark;
    private int iterationsSeen;
    private final List<Observed> finished = new ArrayList<>();
    private Observed current;
    private String pendingMode;
    private boolean inFailure;
    /** Set when perf stops the run: a benchmark cut short by it is interrupted, not failed. */
    private volatile boolean cut;

    private boolean inMeasurementFork = true;
    private String headerJmh;
    private String headerJdk;
    private String headerVmName;
    private String headerVm;
    private List<String> headerArgs = List.of();

    /** A benchmark as seen in JMH's text output. */
    private static final class Observed {
        final String name;
        String mode;
        final Map<String, String> params = new LinkedHashMap<>();
        String unit = "";
        final List<List<Double>> primary = new ArrayList<>();
        final Map<String, List<List<Double>>> secondary = new LinkedHashMap<>();
        final Map<String, String> secondaryUnits = new LinkedHashMap<>();
        final StringBuilder error = new StringBuilder();
        boolean failed;
        boolean complete;
        boolean lastWasMeasurement;

        Observed(String name) {
            this.name = name;
        }

        String displayName() {
            return new BenchmarkResult(name, "jmh", mode, params, BenchmarkResult.Status.ok, null, List.of())
                    .displayName();
        }
    }

    /**
     * @param listener receives progress events
     * @param iterationsPerBenchmark iterations planned for each benchmark, so that a benchmark that stops
     *     early reports how many it skipped
     */
    public JmhOutputParser(JmhListener listener, int iterationsPerBenchmark) {
        this.listener = listener;
        this.iterationsPerBenchmark = iterationsPerBenchmark;
    }

    /** Feeds one line of JMH output (without its line terminator). */
    public void accept(String line) {
        Matcher m;
        if ((m = MODE.matcher(line)).find()) {
            pendingMode = modeOf(m.group(1).trim());
            return;
        }
        if ((m = BENCHMARK.matcher(line)).find()) {
            closeCurrent();
            current = new Observed(m.group(1));
            current.mode = pendingMode;
            iterationsSeen = 0;
            inFailure = false;
            return;
        }
        if (current == null) {
            header(line);
            return;
        }
        if ((m = PARAMETERS.matcher(line)).find()) {
            for (String pair : m.group(1).split(", ", -1)) {
                int eq = pair.indexOf(" = ");
                if (eq > 0) {
                    current.params.put(
                            pair.substring(0, eq).trim(), pair.substring(eq + 3).trim());
                }
            }
            return;
        }
        if (line.startsWith("# Run progress:")) {
            if (current.primary.isEmpty() && !current.failed && current.error.length() == 0) {
                listener.benchmarkStarted(current.displayName());
            }
            inFailure = false;
            return;
        }
        if ((m = FORK.matcher(line)).find()) {
            inMeasurementFork = !line.startsWith("# Warmup Fork");
            if (inMeasurementFork) {
                current.primary.add(new ArrayList<>());
            }
            inFailure = false;
            return;
        }
        if (line.startsWith("# Fork: N/A")) {
            inMeasurementFork = true;
            current.primary.add(new ArrayList<>());
            return;
        }
        if ((m = WARMUP_ITERATION.matcher(line)).find()) {
            current.lastWasMeasurement = false;
            if (failureIn(m.group(1))) {
                startFailure();
            } else {
                iterationsSeen++;
                listener.iterationFinished(current.displayName(), true);
            }
            return;
        }
        if ((m = ITERATION.matcher(line)).find()) {
            current.lastWasMeasurement = inMeasurementFork;
            if (failureIn(m.group(2))) {
                startFailure();
                return;
            }
            Matcher v = VALUE.matcher(m.group(2).trim());
            if (v.find() && inMeasurementFork) {
                current.unit = v.group(2);
                lastFork(current.primary).add(number(v.group(1)));
            }
            iterationsSeen++;
            listener.iterationFinished(current.displayName(), false);
            return;
        }
        if (line.startsWith("<failure>")) {
            startFailure();
            return;
        }
        if (line.startsWith("<forked VM failed")) {
            failureIn(line);
            startFailure();
            return;
        }
        if (line.startsWith("Result \"") && !current.failed) {
            current.complete = true;
            return;
        }
        if (inFailure) {
            if (line.startsWith("# ") || line.startsWith("Benchmark had encountered error")) {
                inFailure = false;
            } else if (!line.isBlank() && !line.startsWith("<")) {
                appendError(line);
            }
            return;
        }
        if (current.lastWasMeasurement && (m = SECONDARY.matcher(line)).find()) {
            secondary(m.group(1).replace("·", ""), number(m.group(2)), m.group(3));
        }
    }

    /** A secondary metric's value (a profiler's) printed under the current measurement iteration. */
    private void secondary(String metric, double value, String unit) {
        List<List<Double>> groups = current.secondary.computeIfAbsent(metric, k -> new ArrayList<>());
        while (groups.size() < current.primary.size()) {
            groups.add(new ArrayList<>());
        }
        if (!groups.isEmpty()) {
            lastFork(groups).add(value);
        }
        current.secondaryUnits.put(metric, unit);
    }

    /**
     * The JVM of JMH's forks as its header says ({@code # JMH 1.16}, {@code # VM version: JDK 17.0.15, VM ...},
     * {@code # VM options: ...}): what an older JMH, whose JSON does not say, ran on; null before any header.
     */
    public Environment.Forks header() {
        return headerJmh == null
                ? null
                : new Environment.Forks(headerJmh, headerJdk, headerVmName, headerVm, headerArgs);
    }

    private void header(String line) {
        Matcher m;
        if ((m = JMH_VERSION.matcher(line)).find()) {
            headerJmh = m.group(1);
        } else if ((m = VM_VERSION.matcher(line)).find()) {
            headerJdk = m.group(1).trim();
            headerVmName = m.group(2);
            headerVm = m.group(3).trim();
        } else if (line.startsWith(VM_OPTIONS)) {
            String options = line.substring(VM_OPTIONS.length()).trim();
            headerArgs = options.equals("<none>") || options.isEmpty() ? List.of() : List.of(SPACES.split(options));
        }
    }

    /** Signals the end of JMH's output. */
    public void end() {
        closeCurrent();
    }

    /** Whether an iteration's text reports a failure, recording a crashed fork's message. */
    private boolean failureIn(String text) {
        int crash = text.indexOf("<forked VM failed");
        if (crash >= 0) {
            appendError(text.substring(crash).replace("<", "").replace(">", ""));
            return true;
        }
        return text.contains("<failure>");
    }

    private void startFailure() {
        current.failed = true;
        inFailure = true;
    }

    private void appendError(String line) {
        if (current.error.length() < 8_000) {
            if (current.error.length() > 0) {
                current.error.append('\n');
            }
            current.error.append(line.strip());
        }
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        synchronized (this) {
            finished.add(current);
        }
        int skipped = Math.max(0, iterationsPerBenchmark - iterationsSeen);
        if (cut && !current.complete) {
            listener.benchmarkInterrupted(current.displayName(), skipped);
        } else {
            listener.benchmarkFinished(current.displayName(), !current.failed && current.complete, skipped);
        }
        current = null;
    }

    /** Marks the run as stopped by perf: the benchmark it reads now ends interrupted, not failed. */
    public void cut() {
        cut = true;
    }

    /** Every benchmark that started, in run order, with its error text when it failed. */
    public synchronized List<Seen> started() {
        List<Seen> out = new ArrayList<>();
        for (Observed o : finished) {
            String error = null;
            if (o.failed || !o.complete) {
                error = o.error.length() > 0 ? o.error.toString() : "no result: the benchmark did not finish";
            }
            out.add(new Seen(o.name, o.mode, o.params, error));
        }
        return out;
    }

    /**
     * Benchmarks that completed, rebuilt from the printed iteration scores (rounded as JMH prints them);
     * used only when JMH's JSON is not available, e.g. after an interrupt.
     */
    public synchronized List<BenchmarkResult> finished() {
        List<BenchmarkResult> out = new ArrayList<>();
        for (Observed o : finished) {
            if (o.complete && !o.failed) {
                out.add(toResult(o));
            }
        }
        return out;
    }

    private static BenchmarkResult toResult(Observed o) {
        String mode = o.mode == null ? "avgt" : o.mode;
        Better better = JmhJson.betterFor(mode);
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.of("score", o.unit, better, nonEmpty(o.primary)));
        o.secondary.forEach((name, groups) -> metrics.add(Metric.of(
                name,
                o.secondaryUnits.getOrDefault(name, ""),
                name.startsWith("gc.") ? Better.LOWER : better,
                nonEmpty(groups))));
        return new BenchmarkResult(o.name, "jmh", mode, o.params, BenchmarkResult.Status.ok, null, metrics);
    }

    private static List<List<Double>> nonEmpty(List<List<Double>> groups) {
        return groups.stream().filter(g -> !g.isEmpty()).toList();
    }

    private static List<Double> lastFork(List<List<Double>> groups) {
        if (groups.isEmpty()) {
            groups.add(new ArrayList<>());
        }
        return groups.get(groups.size() - 1);
    }

    /** JMH's long mode names, as printed in "# Benchmark mode:", mapped to their short forms. */
    static String modeOf(String longName) {
        if (longName.startsWith("Throughput")) {
            return "thrpt";
        }
        if (longName.startsWith("Average")) {
            return "avgt";
        }
        if (longName.startsWith("Sampling")) {
            return "sample";
        }
        if (longName.startsWith("Single shot")) {
            return "ss";
        }
        return null;
    }

    /** A number as JMH prints it: locale decimal comma or point; "≈ 10⁻⁴" and NaN become NaN. */
    static double number(String text) {
        String t = text.trim();
        if (t.startsWith("≈") || t.equals("NaN")) {
            return Double.NaN;
        }
        if (t.indexOf(',') >= 0 && t.indexOf('.') < 0) {
            t = t.replace(',', '.');
        } else {
            t = t.replace(",", "");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
