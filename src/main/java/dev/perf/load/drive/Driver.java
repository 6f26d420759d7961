package dev.perf.load.drive;

import dev.perf.load.record.LoadRecorder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Puts a loop's operations onto its target, one execution strategy per implementation: {@link ThreadDriver}
 * (a thread per operation in flight, for calls that block) and {@link EventLoopDriver} (event loops that own
 * connections, for asynchronous calls and http). Both run either {@link Model}; a driver lives as long as
 * its loop, so what it opens before the warm-up (connections) serves every measurement after it.
 */
public interface Driver extends AutoCloseable {
    /**
     * Runs one measurement of {@code model}, recording every operation in {@code rec} (and its entry's
     * recorder, for a mix) until the model's end or {@code stop}, then drains as {@link Drain} says.
     */
    Outcome drive(Model model, Operations ops, LoadRecorder rec, BooleanSupplier stop);

    /**
     * Heap bytes the driver's own threads (its event loops, its workers and users, those of measurements that
     * ended included) have allocated so far, or −1 when the JVM does not tell: a loop's allocation apart from
     * another's that runs at the same time ({@code parallel:}).
     */
    long allocatedBytes();

    /** Releases what the driver holds (threads, loops, connections). */
    @Override
    void close();

    /**
     * What a measurement saw of the generator itself.
     *
     * @param firstError the first failure, or null
     * @param lateness how late the generator reached operations it was free to send, ns (empty: not measured)
     * @param queueWait how long sent operations waited for a free connection, ns (empty: not measured)
     * @param busy the share of the measurement the generator's threads were on the CPU, NaN when not measured
     */
    record Outcome(Throwable firstError, Histogram lateness, Histogram queueWait, double busy) {
        /** Only a first failure: the generator's own delays were not measured. */
        static Outcome unmeasured(Throwable firstError) {
            return new Outcome(firstError, new Histogram(3), new Histogram(3), Double.NaN);
        }
    }
}
