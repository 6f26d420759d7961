package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Numbers;
import dev.perf.result.Observed;
import dev.perf.result.RunResult;
import dev.perf.result.Traces;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run shows of the service behind its loops, as every report shows it: the slowest sampled requests
 * with their trace ids and links into the tracing UI ({@code trace:}), and the service's own figures ({@code
 * observe:}). The text, Markdown and HTML reports share the headers and cells; the last cell of a trace row
 * is its link (empty without {@code trace.url}). Pure.
 */
final class ServiceRows {
    static final String[] TRACE_HEADER = {"Slowest requests", "#", "Response ms", "Second", "Trace id", "Link"};
    static final int[] TRACE_NUMBERS = {1, 2, 3};
    static final String[] OBSERVED_HEADER = {"Service", "Series", "Whole run", "Unit", "Seconds read", "Note"};
    static final int[] OBSERVED_NUMBERS = {2, 4};

    private ServiceRows() {}

    /** The slowest requests of each traced loop, slowest first. */
    static List<String[]> traces(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            Traces t = b.load() == null ? null : b.load().traces();
            if (t == null) {
                continue;
            }
            int rank = 1;
            for (Traces.Exemplar e : t.slowest()) {
                String link = t.link(e);
                rows.add(new String[] {
                    b.displayName(),
                    Integer.toString(rank++),
                    Numbers.fixed(e.ms(), 1),
                    Long.toString(e.second()),
                    e.traceId() + (e.failed() ? " (failed)" : ""),
                    link == null ? "" : link
                });
            }
        }
        return rows;
    }

    /** The service's figures of each observing loop. */
    static List<String[]> observed(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() == null) {
                continue;
            }
            for (Observed o : b.load().observed()) {
                rows.add(new String[] {
                    b.displayName(),
                    o.name(),
                    Double.isNaN(o.value()) ? "n/a" : Numbers.fixed(o.value(), 4),
                    o.unit(),
                    o.readSeconds().size() + "/" + o.perSecond().size(),
                    o.warning() == null ? "" : o.warning()
                });
            }
        }
        return rows;
    }
}
