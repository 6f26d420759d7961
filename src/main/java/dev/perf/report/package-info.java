/**
 * Reports: runs, comparisons and histories rendered as text, Markdown, JSON and self-contained HTML, and
 * the recommendations drawn from a run. One axis: each format's writer writes every subject, from files
 * named by format and subject ({@code TextTable}, {@code MarkdownScaling}, {@code HtmlRun}, ...); what every
 * format shows alike sits in the {@code *Cells} classes. May import {@code result}, {@code compare}, {@code
 * suite} and {@code stats}; it measures and merges nothing.
 */
package dev.perf.report;
