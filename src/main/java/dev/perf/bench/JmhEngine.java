package dev.perf.bench;

import dev.perf.host.EnvironmentProbe;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.JmhJson;
import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link JmhJob}s and turns what JMH reports into {@link BenchmarkResult}s.
 *
 * <p>Every route produces the same two things: JMH's text output (parsed for progress and failures, and
 * copied to the log) and JMH's JSON result file (read for the numbers). Benchmarks on perf's own classpath
 * run through JMH's {@link Runner} inside this JVM; a user's jar or classpath runs in a child JVM. A failing
 * benchmark or crashing fork becomes a {@code failed} result with JMH's error text; the others still run.
 *
 * <p>{@link #completed()} and {@link #cancel()} may be called from another thread (the interrupt handler);
 * {@link #run} is called from one thread at a time.
 */
public final class JmhEngine {
    private static final int TAIL_LINES = 20;

    private final Path workDir;
    private final Writer log;
    private final PrintStream echo;
    private final JmhListener listener;
    private final List<BenchmarkResult> completed = new ArrayList<>();
    /** The JVM the last job's forks ran on, as JMH's result said; null until one said it. */
    private Environment.Forks forks;

    private JmhOutputParser currentParser;
    private Process child;
    private Duration lockTimeout = Duration.ofSeconds(60);
    private Consumer<String> notice = line -> {};

    /**
     * @param workDir directory for JMH's temporary JSON files
     * @param log receives JMH's raw text output
     * @param echo also receives the raw text when non-null ({@code --verbose})
     * @param listener progress events
     */
    public JmhEngine(Path workDir, Writer log, PrintStream echo, JmhListener listener) {
        this.workDir = workDir;
        this.log = log;
        this.echo = echo;
        this.listener = listener;
    }

    /**
     * How long to wait for JMH's lock file when another JMH holds it, and where to say that it waits.
     *
     * @return this engine
     */
    public JmhEngine waitingForTheLock(Duration timeout, Consumer<String> say) {
        this.lockTimeout = timeout;
        this.notice = say;
        return this;
    }

    /** Runs {@code job} and returns one result per benchmark and parameter combination, in run order. */
    public List<BenchmarkResult> run(JmhJob job) {
        if (job.benchmarks().isEmpty()) {
            return List.of();
        }
        if (EnvironmentProbe.nativeImage()) {
            throw PerfException.badInput("JMH benchmarks need the JVM build of perf (JMH forks JVMs): run"
                    + " java -jar perf.jar run ... for them; this native binary runs compare, report and load loops");
        }
        JmhLock.await(JmhLock.file(), lockTimeout, notice);
        JmhOutputParser parser = new JmhOutputParser(listener, job.iterationsPerBenchmark());
        synchronized (this) {
            currentParser = parser;
        }
        Deque<String> tail = new ArrayDeque<>();
        Consumer<String> lines = line -> {
            parser.accept(line);
            writeLog(line);
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        };
        Path json;
        try {
            Files.createDirectories(workDir);
            json = Files.createTempFile(workDir, "jmh-", ".json");
            Files.delete(json);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write to " + workDir + ": " + e.getMessage(), e);
        }
        List<String> args = job.jmhArguments(json);
        try {
            if (job.route() instanceof JmhJob.Route.Own) {
                runInProcess(args, lines);
            } else {
                runChild(job.route(), args, lines, tail);
            }
            parser.end();
            List<BenchmarkResult> results = collect(parser, json, job, tail);
            synchronized (this) {
                completed.addAll(results);
                currentParser = null;
            }
            return results;
        } finally {
            try {
                Files.deleteIfExists(json);
            } catch (IOException ignored) {
                // a stray temp file is harmless; the results are already read
            }
        }
    }

    /**
     * Results of every finished job plus the benchmarks of the running job that finished (rebuilt from JMH's
     * printed scores); what an interrupted run writes.
     */
    /** The JVM JMH's forks ran on, as its result file said (the last job's); null when none said it. */
    public synchronized Environment.Forks forks() {
        return forks;
    }

    public synchronized List<BenchmarkResult> completed() {
        List<BenchmarkResult> all = new ArrayList<>(completed);
        if (currentParser != null) {
            all.addAll(currentParser.finished());
        }
        return all;
    }

    /** Stops the running child JVM and JMH's forks, if any. */
    public synchronized void cancel() {
        if (currentParser != null) {
            currentParser.cut(); // what it reads from now on ends because of us, not the benchmark
        }
        if (child != null) {
            child.descendants().forEach(ProcessHandle::destroy);
            child.destroy();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    }

    private void runInProcess(List<String> jobArgs, Consumer<String> lines) {
        List<String> args = new ArrayList<>(ForkOptions.jmhArguments(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        args.addAll(jobArgs);
        try (LineSink sink = new LineSink(lines);
                PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            OutputFormat format = OutputFormatFactory.createFormatInstance(stream, VerboseMode.NORMAL);
            new Runner(new CommandLineOptions(args.toArray(String[]::new)), format).run();
        } catch (CommandLineOptionException e) {
            throw PerfException.badInput("JMH rejected the options " + String.join(" ", args) + ": " + e.getMessage());
        } catch (RunnerException e) {
            lines.accept("<failure>");
            lines.accept(String.valueOf(e.getMessage()));
        }
    }

    private void runChild(JmhJob.Route route, List<String> args, Consumer<String> lines, Deque<String> tail) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        if (route instanceof JmhJob.Route.Jar jar) {
            command.addAll(BenchmarkCatalog.hostOptions(jar.jar()));
            command.add("-jar");
            command.add(jar.jar().toString());
        } else if (route instanceof JmhJob.Route.Classpath cp) {
            List<String> entries = new ArrayList<>();
            cp.entries().forEach(p -> entries.add(p.toString()));
            // perf's own classpath (with its JMH) goes last, so that the user's META-INF/BenchmarkList is the
            // one JMH finds first.
            entries.add(System.getProperty("java.class.path"));
            command.add("-cp");
            command.add(String.join(File.pathSeparator, entries));
            command.add("org.openjdk.jmh.Main");
        }
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw PerfException.badInput("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        synchronized (this) {
            child = process;
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
            int exit = process.waitFor();
            if (exit != 0 && tail.stream().noneMatch(l -> l.startsWith("# Benchmark:"))) {
                lines.accept("<child JMH exited with code " + exit + ">");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted while JMH was running");
        } finally {
            synchronized (this) {
                child = null;
            }
        }
    }

    /**
     * The forks' JVM as JMH's JSON says, with what only its printed header says where the JSON is silent: JMH
     * before 1.19 wrote neither its own version nor the JVM's into the JSON.
     */
    static Environment.Forks withHeader(Environment.Forks json, Environment.Forks header) {
        if (json == null || header == null) {
            return json == null ? header : json;
        }
        return new Environment.Forks(
                json.jmhVersion() != null ? json.jmhVersion() : header.jmhVersion(),
                json.jdkVersion() != null ? json.jdkVersion() : header.jdkVersion(),
                json.vmName() != null ? json.vmName() : header.vmName(),
                json.vmVersion() != null ? json.vmVersion() : header.vmVersion(),
                json.jvmArgs().isEmpty() ? header.jvmArgs() : json.jvmArgs());
    }

    private List<BenchmarkResult> collect(JmhOutputParser parser, Path json, JmhJob job, Deque<String> tail) {
        Map<String, BenchmarkResult> measured = new LinkedHashMap<>();
        if (Files.isRegularFile(json)) {
            try {
                byte[] bytes = Files.readAllBytes(json);
                Environment.Forks seen = withHeader(JmhJson.forks(bytes), parser.header());
                if (seen != null) {
                    synchronized (this) {
                        forks = seen;
                    }
                }
                for (BenchmarkResult r : JmhJson.parse(bytes, "JMH's result file")) {
                    measured.put(r.key(), r);
                }
            } catch (IOException e) {
                throw PerfException.internal("cannot read JMH's result file " + json + ": " + e.getMessage(), e);
            }
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (JmhOutputParser.Seen seen : parser.started()) {
            String key = new BenchmarkResult(
                            seen.name(), "jmh", seen.mode(), seen.params(), BenchmarkResult.Status.ok, null, List.of())
                    .key();
            BenchmarkResult r = measured.remove(key);
            if (r != null) {
                results.add(r);
            } else if (seen.error() != null) {
                results.add(failed(seen.name(), seen.mode(), seen.params(), seen.error()));
            }
        }
        results.addAll(measured.values());
        if (results.isEmpty()) {
            // JMH stopped before any benchmark started: an option it rejected, a jar that is not JMH, ...
            String reason = String.join("\n", tail).strip();
            for (String name : job.benchmarks()) {
                results.add(failed(name, null, Map.of(), reason.isEmpty() ? "JMH produced no output" : reason));
            }
        }
        return results;
    }

    private static BenchmarkResult failed(String name, String mode, Map<String, String> params, String error) {
        return new BenchmarkResult(name, "jmh", mode, params, BenchmarkResult.Status.failed, error, List.of());
    }

    private void writeLog(String line) {
        try {
            log.write(line);
            log.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (echo != null) {
            echo.println(Printable.of(line));
        }
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
