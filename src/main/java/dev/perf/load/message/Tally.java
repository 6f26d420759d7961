package dev.perf.load.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The message accounting of one measurement, counted from any thread: of the messages sent in it, how many the
 * broker acknowledged, how many were consumed (once, late, again or out of order), lost, or failed; which
 * consumers and partitions received them; and messages of no run of this one's.
 */
final class Tally {
    final LongAdder acked = new LongAdder();
    final LongAdder consumed = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder foreign = new LongAdder();
    final Set<Integer> consumers = ConcurrentHashMap.newKeySet();
    final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

    /**
     * The figures a result carries, as {@code messages.NAME}, and the shares a loop's SLOs may judge: {@code
     * lossRate} (lost or never consumed, of the acknowledged) and {@code duplicateRate}, in %.
     */
    Map<String, Double> figures(boolean partitioned) {
        long ok = acked.sum();
        long in = consumed.sum();
        long gone = lost.sum();
        long unconsumed = Math.max(0, ok - in - gone);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("messages.acked", (double) ok);
        out.put("messages.consumed", (double) in);
        out.put("messages.lost", (double) gone);
        out.put("messages.unconsumed", (double) unconsumed);
        out.put("messages.late", (double) late.sum());
        out.put("messages.duplicated", (double) duplicated.sum());
        out.put("messages.outOfOrder", (double) outOfOrder.sum());
        out.put("messages.foreign", (double) foreign.sum());
        out.put("messages.consumers", (double) consumers.size());
        if (partitioned) {
            out.put("messages.partitions", (double) partitions.size());
        }
        out.put("lossRate", ok == 0 ? 0.0 : 100.0 * (gone + unconsumed) / ok);
        out.put("duplicateRate", ok == 0 ? 0.0 : 100.0 * duplicated.sum() / ok);
        return out;
    }
}
