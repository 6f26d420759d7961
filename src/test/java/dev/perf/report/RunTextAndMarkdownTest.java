package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The run as terminal text and Markdown: locale, hostile names (goldens in {@link FormatGoldenTest}). */
class RunTextAndMarkdownTest {

    @Test
    void markdown_matchesGolden() throws IOException {
        String md = md();
        assertThat(md).isEqualTo(Golden.of("run.md", md));
    }

    @Test
    void text_matchesGolden() throws IOException {
        String text = text();
        assertThat(text).isEqualTo(Golden.of("run.txt", text));
    }

    @Test
    @ResourceLock("java.util.Locale")
    void markdownAndText_doNotDependOnTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(md()).isEqualTo(Golden.of("run.md", null));
            assertThat(text()).isEqualTo(Golden.of("run.txt", null));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void markdown_escapesHostileNamesAndErrors() {
        String md = md();
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

    private static String md() {
        return Reports.write(Subject.run(SampleResults.demo(), "demo.json"), ReportFormat.md);
    }

    private static String text() {
        return Reports.write(Subject.run(SampleResults.demo(), "demo.json"), ReportFormat.text);
    }
}
