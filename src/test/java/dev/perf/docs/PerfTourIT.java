package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.PerfJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's five-minute tour, first step, as a new user runs it: {@code perf run quick} through the shaded jar
 * in a directory without a suite (the demo suite, here with a short JMH profile), its printed lines compared with
 * the README's one by one. Only what the machine decides may differ: numbers (and the time unit perf scales to
 * them), an SLO's status and the reason beside it, and the note a generator-bound loop adds (a busy machine's,
 * not the format's).
 */
class PerfTourIT {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[-+]?\\d[\\d,.]*(?:e[-+]?\\d+)?|\\d+");
    /** A time unit, which perf scales to the numbers (JMH's -tu): ns/op or ms/op, ops/us or ops/s. */
    private static final Pattern TIME_UNIT =
            Pattern.compile("\\b(?:ns|us|µs|ms|s|min)/op\\b|\\bops/(?:ns|us|µs|ms|s|min)\\b");

    private static final Pattern STATUS = Pattern.compile("\\b(pass|warn|fail|inconclusive)\\b( \\(.*\\))?$");
    private static final Pattern MACHINE_NOTE = Pattern.compile("^\\S+: generator-bound .*");

    @TempDir
    Path dir;

    /** A printed line with what the machine decides replaced; null for a line only a busy machine prints. */
    static String shape(String line) {
        if (MACHINE_NOTE.matcher(line).matches()) {
            return null;
        }
        String s = TIME_UNIT.matcher(STATUS.matcher(line).replaceAll("STATUS")).replaceAll("UNIT");
        return NUMBER.matcher(s).replaceAll("#").replaceAll("\\s+", " ").trim();
    }

    static List<String> shapes(String text) {
        return text.lines().map(PerfTourIT::shape).filter(s -> s != null).toList();
    }

    @Test
    void runQuick_printsTheLinesTheReadmeShows() throws Exception {
        Process p = new ProcessBuilder(PerfJar.command(
                        "run", "quick", "-f", "2", "-wi", "0", "-i", "1", "-r", "100ms", "--no-progress"))
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isIn(0, 1); // 1: an SLO missed on this machine, which the tour allows
        assertThat(shapes(out))
                .as("perf run quick printed:%n%s%nregenerate the README's block with scripts/docs/refresh.sh", out)
                .containsExactlyElementsOf(shapes(DocsTest.refreshed("run-quick")));
    }

    @Test
    void shape_keepsWordsAndDropsWhatTheMachineDecides() {
        assertThat(shape("demo-server-hello  p95         10ms          50ms            12.870 ms  warn (met though"
                        + " generator-bound: perf sent its whole schedule)"))
                .isEqualTo("demo-server-hello p# #ms #ms # ms STATUS");
        assertThat(shape("dev.perf.demo.JsonCodecBench.serialize avgt 8 173.719 ± 18,277.227 ms/op 1.5"))
                .isEqualTo(shape("dev.perf.demo.JsonCodecBench.serialize avgt 2 854.094 ± 388.007 ns/op 848.052"));
        assertThat(shape("demo-server-hello: generator-bound (SLO verdicts inconclusive): x"))
                .isNull();
        assertThat(shape("Result: perf-results/2026-12-07T01-27-35Z.json  (JMH log: perf-results/x.log)"))
                .isEqualTo("Result: perf-results/#-#-#T#-#-#Z.json (JMH log: perf-results/x.log)");
    }
}
