package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Golden summaries (see {@link Golden} to update them). */
class RunSummaryTest {

    @Test
    void markdown_matchesGolden() throws IOException {
        String md = RunSummary.markdown(SampleResults.demo());
        assertThat(md).isEqualTo(Golden.of("summary.md", md));
    }

    @Test
    void text_matchesGolden() throws IOException {
        String text = RunSummary.text(SampleResults.demo());
        assertThat(text).isEqualTo(Golden.of("summary.txt", text));
    }

    @Test
    @ResourceLock("java.util.Locale")
    void markdownAndText_doNotDependOnTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(RunSummary.markdown(SampleResults.demo())).isEqualTo(Golden.of("summary.md", null));
            assertThat(RunSummary.text(SampleResults.demo())).isEqualTo(Golden.of("summary.txt", null));
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
        // every row of every table keeps as many cells as its header
        int expected = -1;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                expected = -1;
                continue;
            }
            int cells = line.split("(?<!\\\\)\\|", -1).length;
            if (expected < 0) {
                expected = cells;
            }
            assertThat(cells).as(line).isEqualTo(expected);
        }
    }

    @Test
    void number_usesPointAndThreeDecimals() {
        assertThat(RunSummary.number(1234.56789)).isEqualTo("1234.568");
        assertThat(RunSummary.number(Double.NaN)).isEqualTo("NaN");
    }
}
