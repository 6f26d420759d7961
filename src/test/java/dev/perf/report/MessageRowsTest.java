package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A messaging loop's accounting as the terminal, Markdown and HTML reports show it; other loops add no row. */
class MessageRowsTest {
    private static BenchmarkResult loop(String name, Map<String, Double> overall) {
        LoadDetails.Counters counters = new LoadDetails.Counters(10, 10, 0, 9, 1, 0, 0, 0, 0, Map.of(), null);
        LoadDetails d = LoadDetails.builder("open", counters)
                .target("kafka:t@127.0.0.1:9092")
                .overall(overall)
                .build();
        return new BenchmarkResult(name, "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    private static RunResult run(List<BenchmarkResult> benchmarks) {
        RunResult demo = SampleResults.demo();
        return new RunResult(
                demo.schema(), demo.perfVersion(), demo.run(), demo.environment(), demo.thresholds(), benchmarks);
    }

    @Test
    void aMessagingLoopHasItsRow_inEveryReport() {
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("p99", 4.0);
        o.put("messages.acked", 10.0);
        o.put("messages.consumed", 9.0);
        o.put("messages.lost", 1.0);
        o.put("messages.unconsumed", 0.0);
        o.put("messages.late", 0.0);
        o.put("messages.duplicated", 2.0);
        o.put("messages.outOfOrder", 3.0);
        o.put("messages.consumers", 3.0);
        o.put("lossRate", 10.0);
        RunResult r = run(List.of(loop("orders", o), loop("plain", Map.of("p99", 1.0))));
        assertThat(MessageRows.of(r)).singleElement().satisfies(row -> assertThat(row)
                .containsExactly("orders", "10", "9", "1", "0", "2", "3", "0", "3", "10.000"));
        assertThat(TextWriter.run(r, RunReport.of(r)))
                .containsPattern("Messages +Acked +Consumed +Lost")
                .containsPattern("orders +10 +9 +1 +0 +2 +3 +0 +3 +10\\.000");
        assertThat(MarkdownRun.run(r))
                .contains("### Messages")
                .contains("| orders | 10 | 9 | 1 | 0 | 2 | 3 | 0 | 3 | 10.000 |");
        StringBuilder html = new StringBuilder();
        HtmlRun.messages(html, MessageRows.of(r));
        assertThat(html.toString()).contains("<section id=\"messages\">").contains("<td>orders</td>");
    }

    @Test
    void aRunWithoutMessagingLoops_hasNoMessagesTable() {
        RunResult r = run(List.of(loop("plain", Map.of("p99", 1.0))));
        assertThat(MessageRows.of(r)).isEmpty();
        assertThat(MarkdownRun.run(r)).doesNotContain("### Messages");
    }
}
