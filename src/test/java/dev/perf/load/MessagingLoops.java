package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the messaging targets' tests share: a one-loop suite named {@code mq} of a {@code kafka:} or {@code
 * rabbitmq:} target, run in this process or through the CLI, and a figure of its result.
 */
final class MessagingLoops {
    private MessagingLoops() {}

    /** The suite: loop {@code mq} of target {@code kind} with {@code target}'s keys, {@code load} and {@code targets}. */
    static String suite(String kind, String target, String load, String targets) {
        return "name: mq\nbenchmarks:\n  - load:\n      name: mq\n      target:\n        " + kind + ":\n"
                + target.indent(10)
                + "      load: " + load + "\n"
                + "      targets: " + targets + "\n";
    }

    /** Runs {@code suite} from {@code dir}; its results by name (the loop, then its parts). */
    static Map<String, BenchmarkResult> run(Path dir, String suite, LoadListener listener) throws IOException {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(file, suite);
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        List<BenchmarkResult> results =
                new LoadEngine().runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), listener);
        return results.stream().collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
    }

    /** {@code perf run} of {@code suite} from {@code dir}, as a user runs it. */
    static CliRun cli(Path dir, String suite) throws IOException {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(file, suite);
        return CliRun.perf(
                "run", "-s", file.toString(), "-o", dir.resolve("out.json").toString(), "--no-progress");
    }

    /** Figure {@code name} of {@code r}'s overall figures; it must be there. */
    static double figure(BenchmarkResult r, String name) {
        Double v = r.load().overall().get(name);
        assertThat(v).as("%s in %s", name, r.load().overall()).isNotNull();
        return v;
    }
}
