package dev.perf.load.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.Workload;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.RateProfile;
import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@code precision:} lets an operation leave early with an earlier one, never more than the precision
 * early, never late for it, and times it from its own send: the response times are the target's, whatever
 * the precision. A target that answers in exactly {@value #ANSWER_MS} ms is measured at that, not less.
 */
class PrecisionTest {
    private static final long MS = 1_000_000L;
    private static final int ANSWER_MS = 3;
    private static final int RATE = 1_000;
    private static final int OPS = 600;
    /** The response-time median an operation timed from its own send stays under: the answer plus 2 ms. */
    private static final long CEILING = (ANSWER_MS + 2) * MS;

    /** Answers every call {@value #ANSWER_MS} ms after it, and notes when each was sent. */
    static final class Timed implements Workload {
        final ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();

        @Override
        public void call() {}

        @Override
        public boolean async() {
            return true;
        }

        @Override
        public CompletionStage<?> callAsync() {
            sent.add(System.nanoTime());
            return CompletableFuture.supplyAsync(
                    () -> null, CompletableFuture.delayedExecutor(ANSWER_MS, TimeUnit.MILLISECONDS));
        }
    }

    record Run(long[] earliness, int wakes, Histogram response) {}

    /** One loop at {@value #RATE}/s for {@value #OPS} operations with {@code precisionNanos}. */
    private static Run run(long precisionNanos) {
        Timed target = new Timed();
        Operations ops = Operations.single(target);
        LoadRecorder rec = new LoadRecorder();
        long base;
        try (EventLoopDriver loops = new EventLoopDriver(ops, 1, 64, false, 2_000_000_000L)) {
            Schedule schedule =
                    new Schedule(RateProfile.constant(RATE, OPS * 1_000_000_000L / RATE), Slice.WHOLE, null);
            base = System.nanoTime() + 50 * MS;
            loops.drive(new Model.Open(schedule, base, precisionNanos), ops, rec, () -> false);
        }
        rec.closeTail();
        Long[] sent = target.sent.toArray(new Long[0]);
        assertThat(sent).hasSize(OPS);
        long[] earliness = new long[OPS];
        int wakes = 0;
        for (int k = 0; k < OPS; k++) {
            // one loop sends in the schedule's order: the k-th send is operation k, due k ms after the base
            earliness[k] = base + k * (1_000_000_000L / RATE) - sent[k];
            if (k == 0 || sent[k] - sent[k - 1] > MS / 2) {
                wakes++;
            }
        }
        return new Run(earliness, wakes, rec.totalResponse());
    }

    @Test
    void withoutPrecision_noOperationLeavesEarly() {
        Run r = run(0);
        assertThat(Arrays.stream(r.earliness()).max().orElseThrow()).isLessThanOrEqualTo(0);
        assertThat(r.response().getMinValue()).isGreaterThanOrEqualTo(ANSWER_MS * MS);
    }

    @Test
    void withPrecision_operationsLeaveTogetherAtMostThatEarly_andAreTimedFromTheirSend() {
        long precision = 3 * MS;
        List<String> missed = new ArrayList<>();
        // The bounds hold in every run. Grouping and the median's ceiling are wall-clock figures, which a
        // loaded or noisy machine can spoil for a whole run (a CI run saw a median of 19 ms, a VM whose timer
        // wake-ups ran p99 3 ms late grouped only 99 of 600): a defect would spoil every run, so one run of
        // three that shows them is the property.
        for (int attempt = 0; attempt < 3 && missed.size() == attempt; attempt++) {
            Run r = run(precision);
            assertThat(Arrays.stream(r.earliness()).max().orElseThrow()).isLessThanOrEqualTo(precision);
            // timed from its own send, an early operation is never credited with its earliness
            assertThat(r.response().getTotalCount()).isEqualTo(OPS);
            assertThat(r.response().getMinValue()).isGreaterThanOrEqualTo(ANSWER_MS * MS);
            long early = Arrays.stream(r.earliness()).filter(e -> e > 0).count();
            long median = r.response().getValueAtPercentile(50);
            // operations 1 ms apart go in groups of up to four: far fewer sends apart than operations, most of
            // them early; nor is one charged with time before its send (the group's first due time, the base)
            if (r.wakes() >= OPS / 2 || early <= OPS / 2 || median >= CEILING) {
                missed.add(r.wakes() + " sends apart, " + early + " early, median " + median / 1e6 + " ms");
            }
        }
        assertThat(missed)
                .as("runs that missed grouping or the median's ceiling")
                .hasSizeLessThan(3);
    }
}
