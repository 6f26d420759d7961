package dev.perf.result;

import java.util.Map;

/**
 * Why a load loop was generator-bound and what it still proves. perf's own trouble — waiting for a CPU, busy
 * or late event loops, a JVM pause — only ever adds to the response times it measures (the open model times a
 * response from its intended start), and a starved perf can send less than it was asked to. So some verdicts of a
 * bound run still hold, and the SLO judges keep them:
 *
 * <ul>
 *   <li>a latency target missed even with all perf can have added taken off ({@code addedAtMostMs}) fails;
 *   <li>when perf sent its whole schedule ({@code delivered}: the open model, nothing dropped) the service was
 *       offered the asked load, so a latency or error-rate target met is met, and the service's own figures
 *       (memory growth, observed series) are the service's;
 *   <li>a throughput target met is met (the completions happened), a memory-growth target missed is missed
 *       (less load than asked grows memory no faster);
 *   <li>everything else is inconclusive.
 * </ul>
 *
 * @param reason why the generator, not the target, set the pace
 * @param delivered whether the open model sent every operation of its schedule (none dropped)
 * @param addedAtMostMs the most perf can have added to any one response (ms); NaN when unknown
 */
public record GeneratorBound(String reason, boolean delivered, double addedAtMostMs) {
    /**
     * The overall key of {@link #addedAtMostMs}: present when perf's delays were only waits (for a CPU, a quota, a
     * pause below the stall limit) and could be read.
     */
    public static final String ADDED_AT_MOST = "generator.addedAtMostMs";

    /** A bound known only by its reason (e.g. a merge of shards): nothing of it still holds but growth misses. */
    public static GeneratorBound of(String reason) {
        return reason == null ? null : new GeneratorBound(reason, false, Double.NaN);
    }

    /** The bound of a loop from its parts; null when {@code reason} is. */
    public static GeneratorBound of(
            String reason, boolean closed, LoadDetails.Counters counters, Map<String, Double> overall) {
        if (reason == null) {
            return null;
        }
        boolean delivered = !closed && counters.dropped() == 0 && counters.sent() > 0;
        return new GeneratorBound(reason, delivered, overall.getOrDefault(ADDED_AT_MOST, Double.NaN));
    }

    /** The bound of a measured loop; null when it was not bound. */
    public static GeneratorBound of(LoadDetails d) {
        return d.generatorBound()
                ? of(d.generatorBoundReason(), "closed".equals(d.model()), d.counters(), d.overall())
                : null;
    }
}
