package dev.perf.report;

/** Writes a {@link Subject} in one format. One implementation per {@link ReportFormat}; pure. */
@FunctionalInterface
public interface ReportWriter {
    /** The report of {@code subject}; bad usage when this format cannot show it. */
    String write(Subject subject, ReportOptions options);
}
