package dev.perf.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.PerfException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * BenchmarkList lines of older JMH versions. The 1.13–1.23 lines are written here the way JMH 1.16's
 * {@code TestLineWriter} wrote them (a tag, then each value as its length and text; {@code @Param} values raw),
 * which today's reader refuses when a benchmark has parameters.
 */
class LegacyBenchmarkListTest {
    /** A value as JMH 1.16 wrote it: its length, a space, the text, a space. */
    private static String v(String text) {
        return text.length() + " " + text + " ";
    }

    /** A JMH 1.16 line for {@code fixture.Old.run} in average-time mode with {@code params} and 2 forks. */
    static String line116(Map<String, List<String>> params) {
        StringBuilder sb = new StringBuilder("JMH ");
        sb.append("S ").append(v("fixture.Old"));
        sb.append("S ").append(v("fixture.generated.Old_run_jmhTest"));
        sb.append("S ").append(v("run"));
        sb.append("S ").append(v("AverageTime"));
        sb.append("E "); // threads
        sb.append("A 1 ").append(v("1")); // thread groups
        sb.append("E E E E E E E "); // labels, warm-up iterations/time/batch, measurement iterations/time/batch
        sb.append("I ").append(v("2")); // forks
        sb.append("E E E E E "); // warm-up forks, jvm, jvmArgs, prepend, append
        if (params.isEmpty()) {
            sb.append("E ");
        } else {
            sb.append("M ").append(params.size()).append(' ');
            params.forEach((k, values) -> {
                sb.append(v(k)).append(values.size()).append(' ');
                values.forEach(x -> sb.append(v(x)));
            });
        }
        sb.append("U ").append(v("NANOSECONDS"));
        sb.append("E E "); // ops per invocation, timeout
        return sb.toString();
    }

    private static List<BenchmarkListEntry> read(String text, String jmhVersion) throws IOException {
        return BenchmarkCatalog.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "old.jar", jmhVersion);
    }

    private static List<BenchmarkListEntry> read(String text) throws IOException {
        return read(text, null);
    }

    @Test
    void aRawValueThatLooksArmored_isReadRight_whenTheJarSaysItsJmhIsOld() throws IOException {
        String line = line116(Map.of("word", List.of("abcdefgh", "8 spaces")));
        assertThat(read(line, "1.16").get(0).getParams().get().get("word")).containsExactly("abcdefgh", "8 spaces");
        // a jar of JMH 1.24+ armors every value: read as it is
        assertThat(BenchmarkCatalog.olderThan124("1.37")).isFalse();
        assertThat(BenchmarkCatalog.olderThan124("1.23")).isTrue();
        assertThat(BenchmarkCatalog.olderThan124(null)).isFalse();
    }

    @Test
    void aJmh116LineWithParams_isRead_withItsValues() throws IOException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("size", List.of("8", "64"));
        params.put("name", List.of("a b", "", "x y z"));
        String line = line116(params);
        // today's reader alone refuses it, as it refused HdrHistogram's benchmarks jar
        assertThatThrownBy(() -> new BenchmarkListEntry(line)).hasMessageContaining("multiple of 8");
        BenchmarkListEntry e = read(line + "\n" + line116(Map.of())).get(0);
        assertThat(e.getUsername()).isEqualTo("fixture.Old.run");
        assertThat(e.getForks().get()).isEqualTo(2);
        assertThat(e.getParams().get().get("size")).containsExactly("8", "64");
        assertThat(e.getParams().get().get("name")).containsExactly("a b", "", "x y z");
        assertThat(e.getTimeUnit().get()).isEqualTo(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Provide
    Arbitrary<Map<String, List<String>>> params() {
        Arbitrary<String> keys = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        // any text a UTF-8 file holds as text on one line (no lone surrogate, no control character)
        Arbitrary<String> values = Arbitraries.strings().all().ofMaxLength(12).filter(s -> s.chars()
                .noneMatch(c -> Character.isSurrogate((char) c) || Character.isISOControl(c)));
        return Arbitraries.maps(keys, values.list().ofMinSize(1).ofMaxSize(4))
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    /** Any parameter values (spaces, unicode, digits that look like lengths) come back exactly. */
    @Property(tries = 300, seed = "17")
    void anyParamValues_comeBackExactly(@ForAll("params") Map<String, List<String>> params) throws IOException {
        BenchmarkListEntry e = read(line116(params), "1.16").get(0);
        params.forEach((k, values) -> assertThat(e.getParams().get().get(k))
                .as(
                        "code points %s",
                        values.stream()
                                .map(x -> x.codePoints()
                                        .mapToObj(Integer::toHexString)
                                        .toList())
                                .toList())
                .containsExactlyElementsOf(values));
    }

    /** The line JMH 1.12's processor wrote for a benchmark with a {@code @Param} (from a real 1.12 build). */
    private static final String JMH_112 = "com.example.ChecksumBench===,===com.example.generated"
            + ".ChecksumBench_crc32c_jmhTest===,===crc32c===,===AverageTime===,===1====,===[]===,===[]===,===[]"
            + "===,===[]===,===[]===,===[]===,===[]===,===[2]===,===[]===,===[]===,===[-Xmx1g===SEP==="
            + "-Da=b===SEP===]===,===[]===,===[]===,===[size===SEP-K===1024===SEP-V===8===SEP-V======PAIR-SEP===word"
            + "===SEP-K======EMPTY-VAL======SEP-V===a b===SEP-V======PAIR-SEP===]===,===[NANOSECONDS]===,===[]"
            + "===,===[]";

    @Test
    void aJmh112Line_isRead_withItsParamsForksAndArguments() throws IOException {
        BenchmarkListEntry e = read(JMH_112 + "\n" + JMH_112.replace("crc32c", "adler32"), "1.12")
                .get(0);
        assertThat(e.getUsername()).isEqualTo("com.example.ChecksumBench.crc32c");
        assertThat(e.generatedTarget())
                .isEqualTo("com.example.generated.ChecksumBench_crc32c_jmhTest.crc32c_AverageTime");
        assertThat(e.getMode()).isEqualTo(org.openjdk.jmh.annotations.Mode.AverageTime);
        assertThat(e.getForks().get()).isEqualTo(2);
        assertThat(e.getThreadGroups()).containsExactly(1);
        assertThat(e.getJvmArgs().get()).containsExactly("-Xmx1g", "-Da=b");
        assertThat(e.getParams().get().get("size")).containsExactly("1024", "8");
        assertThat(e.getParams().get().get("word")).containsExactly("", "a b");
        assertThat(e.getTimeUnit().get()).isEqualTo(java.util.concurrent.TimeUnit.NANOSECONDS);
        assertThat(e.getWarmupIterations().hasValue()).isFalse();
    }

    /** A JMH 1.12 line for {@code fixture.Old.run} with {@code params}, written as JMH 1.12's marshallers write. */
    static String line112(Map<String, List<String>> params) {
        StringBuilder p = new StringBuilder();
        params.forEach((k, values) -> {
            p.append(k).append("===SEP-K===");
            values.forEach(v -> p.append(v.isEmpty() ? "===EMPTY-VAL===" : v).append("===SEP-V==="));
            p.append("===PAIR-SEP===");
        });
        List<String> fields = new java.util.ArrayList<>(
                List.of("fixture.Old", "fixture.generated.Old_run_jmhTest", "run", "AverageTime", "1="));
        for (int i = 5; i < 22; i++) {
            fields.add("[]");
        }
        fields.set(12, "[3]");
        fields.set(18, params.isEmpty() ? "[]" : "[" + p + "]");
        fields.set(19, "[MICROSECONDS]");
        return String.join("===,===", fields);
    }

    /** Any parameter values JMH 1.12 could write (not holding its own separators) come back exactly. */
    @Property(tries = 300, seed = "112")
    void anyParamValuesOfJmh112_comeBackExactly(@ForAll("params") Map<String, List<String>> params) throws IOException {
        Map<String, List<String>> writable = new LinkedHashMap<>();
        params.forEach((k, v) ->
                writable.put(k, v.stream().filter(x -> !x.contains("=")).toList()));
        writable.values().removeIf(List::isEmpty);
        BenchmarkListEntry e = read(line112(writable), "1.12").get(0);
        assertThat(e.getForks().get()).isEqualTo(3);
        assertThat(e.getTimeUnit().get()).isEqualTo(java.util.concurrent.TimeUnit.MICROSECONDS);
        assertThat(e.getParams().hasValue()).isEqualTo(!writable.isEmpty());
        writable.forEach((k, values) -> assertThat(e.getParams().get().get(k)).containsExactlyElementsOf(values));
    }

    @Test
    void aLineOfAnOlderFormatStill_isBadInputSayingToRebuild() {
        String older = "fixture.Old===,===fixture.generated.Old_run_jmhTest===,===run===,===AverageTime===,===[]";
        assertThatThrownBy(() -> read(older))
                .isInstanceOf(PerfException.class)
                .hasMessage("old.jar was built with JMH 1.11 or older, whose META-INF/BenchmarkList perf cannot"
                        + " read (5 fields where JMH 1.12 wrote 22): rebuild it with JMH 1.12 or newer");
        assertThatThrownBy(() -> read(JMH_112.replace("[2]", "[two]"), "1.12"))
                .isInstanceOf(PerfException.class)
                .hasMessageStartingWith("old.jar was built with JMH 1.12, whose META-INF/BenchmarkList perf cannot"
                        + " read (a field does not read as JMH 1.12 wrote it (");
    }

    @Test
    void aBrokenLine_staysTheReadersComplaint() {
        assertThatThrownBy(() -> read("JMH S 99 short")).isNotInstanceOf(PerfException.class);
    }
}
