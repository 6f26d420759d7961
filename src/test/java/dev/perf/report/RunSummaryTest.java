package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Golden summaries. To update after an intended change, run with -Dperf.updateGolden=true and review the
 * diff of src/test/resources/golden.
 */
class RunSummaryTest {

    static String golden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (actual != null && Boolean.getBoolean("perf.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.exists(file)
                ? Files.readString(file, StandardCharsets.UTF_8)
                : "<missing golden file " + file + ">";
    }

    @Test
    void markdown_matchesGolden() throws IOException {
        String md = RunSummary.markdown(SampleResults.demo());
        assertThat(md).isEqualTo(golden("summary.md", md));
    }

    @Test
    void text_matchesGolden() throws IOException {
        String text = RunSummary.text(SampleResults.demo());
        assertThat(text).isEqualTo(golden("summary.txt", text));
    }

    @Test
    @ResourceLock("java.util.Locale")
    void markdownAndText_doNotDependOnTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(RunSummary.markdown(SampleResults.demo())).isEqualTo(golden("summary.md", null));
            assertThat(RunSummary.text(SampleResults.demo())).isEqualTo(golden("summary.txt", null));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void markdown_escapesHostileNamesAndErrors() {
        String md = RunSummary.markdown(SampleResults.demo());
        assertThat(md)
                .contains("bad\\|name&lt;script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("<b>");
        assertThat(md.lines().filter(l -> l.startsWith("|")).allMatch(l -> l.split("(?<!\\\\)\\|", -1).length == 9))
                .as("every table row keeps its 7 cells")
                .isTrue();
    }

    @Test
    void number_usesPointAndThreeDecimals() {
        assertThat(RunSummary.number(1234.56789)).isEqualTo("1234.568");
        assertThat(RunSummary.number(Double.NaN)).isEqualTo("NaN");
    }
}
