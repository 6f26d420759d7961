package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Loaded;
import dev.perf.result.ResultReader;
import dev.perf.result.Thresholds;
import dev.perf.testing.SampleResults;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The gate's truth table across input formats: the same replicates written as perf JSON, JMH JSON (avgt,
 * inverted as thrpt, sample mode, in us/op and changing unit between the runs), Go benchmark text and
 * hyperfine JSON, read back through {@link ResultReader}, get the same
 * verdict in every format; a known slowdown of twice the fail threshold at five or more quiet replicates
 * always fails, and an A/A pair never fails.
 */
class FormatTruthTableTest {

    /** n replicates around 100 with the noise shape, CV and scale, rounded to 0.1 as every format can hold. */
    private static double[] replicates(Random random, int n, double cv, double scale, int shape) {
        double[] x = List.of(VerdictPolicyTest.Noise.values()).get(shape).draw(random, n, cv, scale);
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(x[i] * 10) / 10.0;
        }
        return x;
    }

    private static String jmhJson(double[] forks, String mode) {
        boolean thrpt = mode.equals("thrpt");
        StringJoiner raw = new StringJoiner(",", "[", "]");
        for (double f : forks) {
            raw.add("[" + (thrpt ? Double.toString(1000 / f) : Double.toString(f)) + "]");
        }
        return "[{\"benchmark\":\"a.B.c\",\"mode\":\"" + mode + "\",\"forks\":" + forks.length
                + ",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"" + (thrpt ? "ops/us" : "ns/op")
                + "\",\"rawData\":" + raw + "}}]";
    }

    /** JMH's sample mode: each fork one iteration whose histogram holds the value once. */
    private static String jmhSample(double[] forks) {
        StringJoiner raw = new StringJoiner(",", "[", "]");
        for (double f : forks) {
            raw.add("[[[" + f + ",1]]]");
        }
        return "[{\"benchmark\":\"a.B.c\",\"mode\":\"sample\",\"forks\":" + forks.length
                + ",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"ns/op\",\"rawDataHistogram\":" + raw + "}}]";
    }

    /** JMH avgt in microseconds per operation. */
    private static String jmhMicros(double[] forks) {
        StringJoiner raw = new StringJoiner(",", "[", "]");
        for (double f : forks) {
            raw.add("[" + f / 1000 + "]");
        }
        return "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"forks\":" + forks.length
                + ",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"us/op\",\"rawData\":" + raw + "}}]";
    }

    private static String goText(double[] values) {
        StringBuilder sb = new StringBuilder("goos: linux\ngoarch: amd64\npkg: example.com/b\n");
        for (double v : values) {
            sb.append(String.format(Locale.ROOT, "BenchmarkC-8   \t 1000000\t %.1f ns/op%n", v));
        }
        return sb.toString();
    }

    private static String hyperfineJson(double[] values) {
        StringJoiner times = new StringJoiner(",", "[", "]");
        StringJoiner codes = new StringJoiner(",", "[", "]");
        for (double v : values) {
            times.add(Double.toString(v));
            codes.add("0");
        }
        return "{\"results\":[{\"command\":\"./c\",\"mean\":1,\"times\":" + times + ",\"exit_codes\":" + codes + "}]}";
    }

    private static Verdict verdict(String base, String current, String label) {
        Loaded b = ResultReader.parse(base.getBytes(StandardCharsets.UTF_8), "base." + label);
        Loaded c = ResultReader.parse(current.getBytes(StandardCharsets.UTF_8), "current." + label);
        return Comparer.compare(b, c, CompareOptions.DEFAULTS).rows().get(0).verdict();
    }

    /** The verdict of every format for the pair. */
    static Map<String, Verdict> verdicts(double[] base, double[] current) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        out.put(
                "perf",
                verdict(
                        SampleResults.oneBenchmark(Thresholds.DEFAULTS, base),
                        SampleResults.oneBenchmark(Thresholds.DEFAULTS, current),
                        "json"));
        out.put("jmh avgt", verdict(jmhJson(base, "avgt"), jmhJson(current, "avgt"), "json"));
        out.put("jmh thrpt", verdict(jmhJson(base, "thrpt"), jmhJson(current, "thrpt"), "json"));
        out.put("jmh sample", verdict(jmhSample(base), jmhSample(current), "json"));
        out.put("jmh us/op", verdict(jmhMicros(base), jmhMicros(current), "json"));
        out.put("jmh ns/op to us/op", verdict(jmhJson(base, "avgt"), jmhMicros(current), "json"));
        out.put("go", verdict(goText(base), goText(current), "txt"));
        out.put("hyperfine", verdict(hyperfineJson(base), hyperfineJson(current), "json"));
        return out;
    }

    @Property(tries = 150, seed = "2026")
    void everyFormatGivesTheSameVerdict(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 10) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.15) double cv,
            @ForAll @DoubleRange(min = 0.6, max = 1.6) double effect,
            @ForAll @IntRange(min = 0, max = 3) int shape) {
        Random random = new Random(seed);
        double[] base = replicates(random, n, cv, 1, shape);
        double[] current = replicates(random, n, cv, effect, shape);
        Map<String, Verdict> v = verdicts(base, current);
        // JMH with one fork says "1 fork", the others "need 3 samples": both inconclusive
        assertThat(v.values()).as("%s", v).containsOnly(v.get("perf"));
    }

    @Property(tries = 60, seed = "2027")
    void aKnownSlowdownFails_andAnAaNeverFails_inEveryFormat(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 5, max = 10) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.04) double cv) {
        Random random = new Random(seed);
        double[] base = replicates(random, n, cv, 1, 0);
        Map<String, Verdict> slower = verdicts(base, replicates(random, n, cv, 1.4, 0));
        assertThat(slower.values()).as("+40 %%: %s", slower).containsOnly(Verdict.FAIL);
        Map<String, Verdict> same = verdicts(base, replicates(random, n, cv, 1, 0));
        assertThat(same.values()).as("A/A: %s", same).doesNotContain(Verdict.FAIL);
    }
}
