package dev.perf.report;

import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report where the user asked: to a file (atomically) or to the terminal, and beside it JUnit XML
 * and GitHub Actions output (annotations on stdout, Markdown appended to {@code $GITHUB_STEP_SUMMARY}).
 */
public final class Publish {
    private Publish() {}

    /**
     * Where a report goes.
     *
     * @param format the main report's format
     * @param output its file, null for {@code out}
     * @param junit a JUnit XML file to write as well, or null
     * @param github whether to print GitHub annotations and append Markdown to the step summary
     * @param options colour and what counts as a failure
     */
    public record Destination(ReportFormat format, Path output, Path junit, boolean github, ReportOptions options) {}

    /** Writes {@code subject} to {@code to}; notices go to {@code err}. */
    public static void subject(Subject subject, Destination to, PrintStream out, PrintStream err) {
        String report = Reports.write(subject, to.format(), to.options());
        if (to.output() != null) {
            ResultFiles.writeAtomically(to.output(), report.getBytes(StandardCharsets.UTF_8));
            err.println("perf: report written to " + to.output());
        } else {
            out.print(report);
        }
        if (to.junit() != null) {
            ResultFiles.writeAtomically(
                    to.junit(),
                    Reports.write(subject, ReportFormat.junit, to.options()).getBytes(StandardCharsets.UTF_8));
        }
        if (to.github()) {
            out.print(Reports.write(subject, ReportFormat.github, to.options()));
            appendStepSummary(Reports.write(subject, ReportFormat.md, to.options()), err);
        }
    }

    /** Appends {@code markdown} to the file GitHub Actions names in {@code GITHUB_STEP_SUMMARY}. */
    private static void appendStepSummary(String markdown, PrintStream err) {
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary == null || summary.isBlank()) {
            err.println("perf: --github: GITHUB_STEP_SUMMARY is not set, so no step summary was written");
            return;
        }
        try {
            Files.writeString(
                    Path.of(summary),
                    markdown,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw PerfException.badInput("cannot append to $GITHUB_STEP_SUMMARY (" + summary + "): " + e.getMessage());
        }
    }
}
