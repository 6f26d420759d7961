package dev.perf.report;

/**
 * The output formats, each with its writer: adding a format is one constant here and one {@link
 * ReportWriter}. The one dispatch point is {@link Reports#write}.
 */
@SuppressWarnings("ImmutableEnumChecker") // every ReportWriter is stateless and pure
public enum ReportFormat {
    /** Fixed-width tables for a terminal. */
    text("txt", new TextWriter()),
    /** GitHub-flavoured Markdown with Mermaid charts. */
    md("md", new MarkdownWriter()),
    /** perf's JSON report models: a run view, a comparison, a history. */
    json("json", new JsonWriter()),
    /** One self-contained HTML page with inline SVG charts. */
    html("html", new HtmlWriter()),
    /** JUnit XML: one test case per comparison row or SLO. */
    junit("xml", new JUnitWriter()),
    /** GitHub Actions workflow commands: an annotation per fail and warn. */
    github("txt", new GitHubWriter());

    private final String extension;
    private final ReportWriter writer;

    ReportFormat(String extension, ReportWriter writer) {
        this.extension = extension;
        this.writer = writer;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    ReportWriter writer() {
        return writer;
    }
}
