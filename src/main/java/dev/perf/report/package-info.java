/**
 * Reports: runs, comparisons and histories rendered as text, Markdown, JSON and self-contained HTML, and
 * the recommendations drawn from a run. May import {@code result}, {@code compare}, {@code suite} and {@code
 * stats}; it measures and merges nothing.
 */
package dev.perf.report;
