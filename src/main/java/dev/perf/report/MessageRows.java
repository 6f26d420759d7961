package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The message accounting of a run's messaging loops (kafka, rabbitmq) as every report shows it: of the messages
 * the broker acknowledged, how many were consumed, lost, never consumed, duplicated or reordered, and the loss
 * rate. One row per loop whose result carries {@code messages.*} figures; the text and Markdown reports share
 * its header and cells. Pure.
 */
final class MessageRows {
    /** The table's header. */
    static final String[] HEADER = {
        "Messages",
        "Acked",
        "Consumed",
        "Lost",
        "Unconsumed",
        "Duplicated",
        "Out of order",
        "Late",
        "Consumers",
        "Loss %"
    };

    /** The columns aligned to the right: every count. */
    static final int[] NUMBERS = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private MessageRows() {}

    /** The rows of {@code result}'s messaging loops, in run order; none when it has none. */
    static List<String[]> of(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() == null || !b.load().overall().containsKey("messages.acked")) {
                continue;
            }
            Map<String, Double> o = b.load().overall();
            rows.add(new String[] {
                b.displayName(),
                count(o, "messages.acked"),
                count(o, "messages.consumed"),
                count(o, "messages.lost"),
                count(o, "messages.unconsumed"),
                count(o, "messages.duplicated"),
                count(o, "messages.outOfOrder"),
                count(o, "messages.late"),
                count(o, "messages.consumers"),
                Numbers.fixed(o.getOrDefault("lossRate", Double.NaN), 3)
            });
        }
        return rows;
    }

    private static String count(Map<String, Double> o, String key) {
        Double v = o.get(key);
        return v == null || v.isNaN() ? "" : Long.toString(Math.round(v));
    }
}
