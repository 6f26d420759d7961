package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void escape_neutralizesTableBreakersAndMarkup() {
        assertThat(Markdown.escape("a|b")).isEqualTo("a\\|b");
        assertThat(Markdown.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Markdown.escape("line1\nline2")).isEqualTo("line1 line2");
        assertThat(Markdown.escape("*bold* _it_ `code` [x](y) #h"))
                .isEqualTo("\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y) \\#h");
        assertThat(Markdown.escape(null)).isEmpty();
    }

    @Test
    void code_removesBackticksAndNewlines() {
        assertThat(Markdown.code("a`b\nc")).isEqualTo("a'b c");
    }
}
