package dev.perf.load;

import dev.perf.load.record.Exemplars;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.template.TraceContext;
import dev.perf.result.Traces;
import dev.perf.suite.TraceSpec;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** A traced loop's kept operations as trace ids: the slowest, one per bucket above p90, one per window. */
final class TraceExemplars {
    private TraceExemplars() {}

    /**
     * The traces of what {@code rec} kept, with what became of the exported spans ({@code export}, null when none
     * were), or null when the loop sent no trace context.
     */
    static Traces of(TraceSpec spec, TraceContext trace, LoadRecorder rec, Traces.Export export) {
        Exemplars kept = rec.exemplars();
        if (spec == null || trace == null || kept == null) {
            return null;
        }
        Histogram response = rec.totalResponse();
        long p90 = response.getTotalCount() == 0 ? 0 : response.getValueAtPercentile(90);
        List<Traces.Exemplar> buckets = new ArrayList<>();
        for (Exemplars.Exemplar e : kept.buckets()) {
            int b = e.bucket();
            // a bucket holding anything slower than p90: its upper bound lies above it
            if (Exemplars.bound(b) > p90) {
                buckets.add(exemplar(trace, e, Exemplars.le(b)));
            }
        }
        return new Traces(
                spec.propagate(),
                spec.sampleRate(),
                spec.url(),
                kept.slowest().stream().map(e -> exemplar(trace, e, null)).toList(),
                buckets,
                rec.windowExemplars().stream()
                        .map(e -> exemplar(trace, e, null))
                        .toList(),
                export);
    }

    private static Traces.Exemplar exemplar(TraceContext trace, Exemplars.Exemplar e, String le) {
        return new Traces.Exemplar(trace.traceId(e.seq()), e.nanos() / 1e6, e.second(), e.failed(), le);
    }
}
