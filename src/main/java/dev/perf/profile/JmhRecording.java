package dev.perf.profile;

import dev.perf.bench.JmhEngine;
import dev.perf.bench.JmhJob;
import dev.perf.bench.JmhListener;
import dev.perf.bench.JmhPlanner;
import dev.perf.result.PerfException;
import dev.perf.suite.BenchmarkEntry;
import dev.perf.suite.JmhOptions;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Profiles JMH benchmarks of a suite: one fork each, JMH's JFR profiler or async-profiler's agent in the fork
 * (its messages in perf's log, not in JMH's output), the first benchmark's recording taken for the outputs.
 */
final class JmhRecording {
    private JmhRecording() {}

    static Path run(ProfileRequest.Target.Jmh jmh, ProfileRequest request, Recording rec, List<String> notes) {
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
        if (rec.use() == Recording.Use.ASYNC) {
            // the agent in each fork (warm-up included): JMH's own async profiler binding cannot share the
            // library perf has already loaded to check it
            jvmArgs.add("-agentpath:" + rec.library() + "="
                    + AgentOptions.async(request, "start", jmhDir.resolve("fork-%p.jfr"), rec.log()));
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
        List<Path> recordings = Profiler.jfrFiles(jmhDir);
        if (recordings.isEmpty()) {
            notes.add("JMH wrote no recording; see jmh.log");
            return null;
        }
        if (recordings.size() > 1) {
            notes.add(recordings.size() + " benchmarks matched; the summary is of the first, " + recordings.get(0)
                    + "; every recording is under jmh/");
        }
        Path target = rec.use() == Recording.Use.ASYNC ? rec.async() : rec.jfr();
        try {
            Files.copy(recordings.get(0), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw PerfException.badInput("cannot copy " + recordings.get(0) + ": " + e.getMessage());
        }
        return target;
    }
}
