package dev.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The interval log keeps every response: the seconds' windows, then what came back after the last one. */
class IntervalLogsTest {
    private static LoadDetails loop(List<Histogram> seconds, Histogram whole) {
        List<LoadDetails.Second> series = new java.util.ArrayList<>();
        for (int i = 0; i < seconds.size(); i++) {
            series.add(new LoadDetails.Second(i, 1, 1, 1, 0, HistogramCodec.encode(seconds.get(i))));
        }
        String w = HistogramCodec.encode(whole);
        return LoadDetails.builder("open", new LoadDetails.Counters(3, 3, 0, 3, 0, 0, 0, 0, 0, Map.of(), null))
                .durationNanos(2_300_000_000L)
                .timeSeries(series)
                .histograms(new LoadDetails.Histograms(w, w, HistogramCodec.encode(new Histogram(3))))
                .build();
    }

    private static Histogram of(long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void theResponsesAfterTheLastWholeSecond_areTheTail() {
        Histogram tail = IntervalLogs.tail(loop(List.of(of(1_000), of(2_000)), of(1_000, 2_000, 7_000_000)));
        assertThat(tail.getTotalCount()).isEqualTo(1);
        assertThat(tail.getMaxValue()).isEqualTo(tail.highestEquivalentValue(7_000_000));
        assertThat(IntervalLogs.tail(loop(List.of(of(1_000), of(2_000)), of(1_000, 2_000))))
                .isNull();
        // windows that are not parts of the whole (a merged file): no tail rather than a wrong one
        assertThat(IntervalLogs.tail(loop(List.of(of(1_000), of(5_000)), of(1_000, 2_000))))
                .isNull();
    }
}
