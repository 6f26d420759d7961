package dev.perf.load.record;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The slowest operations of an interval by index, for the trace ids a result links to: the {@code top} slowest
 * overall and the slowest in each latency bucket ({@link #bound}, the classic histogram buckets perf
 * serves on {@code /metrics}). Recording is a few comparisons and no allocation; one writer thread at a time,
 * read after a swap, like the histograms beside it.
 */
public final class Exemplars {
    /** The buckets' upper bounds, ns; a last bucket holds everything slower. */
    private static final long[] BOUNDS_NANOS = {
        100_000L,
        250_000L,
        500_000L,
        1_000_000L,
        2_500_000L,
        5_000_000L,
        10_000_000L,
        25_000_000L,
        50_000_000L,
        100_000_000L,
        250_000_000L,
        500_000_000L,
        1_000_000_000L,
        2_500_000_000L,
        5_000_000_000L,
        10_000_000_000L
    };

    /**
     * One kept operation.
     *
     * @param seq its global index (its trace id is drawn from it)
     * @param nanos its response time from the intended start, ns
     * @param second the window it completed in (0-based), or the window count for the tail after the last
     * @param failed whether it failed
     */
    public record Exemplar(long seq, long nanos, long second, boolean failed) {
        /** The bucket of {@link #bound} it falls in ({@code BOUNDS_NANOS.length}: above the last bound). */
        public int bucket() {
            return bucketOf(nanos);
        }
    }

    private final int top;
    private final long[] topNanos;
    private final long[] topSeq;
    private final long[] topSecond;
    private final boolean[] topFailed;
    private int topCount;
    /** Where the fastest of the kept top sits, once the top is full. */
    private int topMin;

    private final long[] bucketNanos = new long[BOUNDS_NANOS.length + 1];
    private final long[] bucketSeq = new long[BOUNDS_NANOS.length + 1];
    private final long[] bucketSecond = new long[BOUNDS_NANOS.length + 1];
    private final boolean[] bucketFailed = new boolean[BOUNDS_NANOS.length + 1];

    /** Keeps the {@code top} slowest (at least 1) and one per bucket. */
    public Exemplars(int top) {
        this.top = Math.max(1, top);
        this.topNanos = new long[this.top];
        this.topSeq = new long[this.top];
        this.topSecond = new long[this.top];
        this.topFailed = new boolean[this.top];
        reset();
    }

    /** How many bounded buckets there are; bucket {@code bounds()} holds everything above the last bound. */
    public static int bounds() {
        return BOUNDS_NANOS.length;
    }

    /** The upper bound of bucket {@code b}, ns ({@code Long.MAX_VALUE} for the last, unbounded one). */
    public static long bound(int b) {
        return b < BOUNDS_NANOS.length ? BOUNDS_NANOS[b] : Long.MAX_VALUE;
    }

    /**
     * The upper bound of bucket {@code b} as Prometheus writes its {@code le} label: seconds, the shortest
     * decimal ({@code 0.00025}, {@code 1}), {@code +Inf} for the last.
     */
    public static String le(int b) {
        if (b >= BOUNDS_NANOS.length) {
            return "+Inf";
        }
        return BigDecimal.valueOf(BOUNDS_NANOS[b])
                .movePointLeft(9)
                .stripTrailingZeros()
                .toPlainString();
    }

    static int bucketOf(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        return i;
    }

    /** Forgets everything. */
    public void reset() {
        topCount = 0;
        topMin = 0;
        java.util.Arrays.fill(bucketSeq, -1);
        java.util.Arrays.fill(bucketNanos, -1);
    }

    /** Keeps operation {@code seq} of {@code nanos} completed in window {@code second} if it is among the slowest. */
    public void record(long seq, long nanos, long second, boolean failed) {
        int b = bucketOf(nanos);
        if (nanos > bucketNanos[b]) {
            bucketNanos[b] = nanos;
            bucketSeq[b] = seq;
            bucketSecond[b] = second;
            bucketFailed[b] = failed;
        }
        if (topCount < top) {
            put(topCount++, seq, nanos, second, failed);
            if (topCount == top) {
                findMin();
            }
        } else if (nanos > topNanos[topMin]) {
            put(topMin, seq, nanos, second, failed);
            findMin();
        }
    }

    private void put(int i, long seq, long nanos, long second, boolean failed) {
        topNanos[i] = nanos;
        topSeq[i] = seq;
        topSecond[i] = second;
        topFailed[i] = failed;
    }

    private void findMin() {
        int min = 0;
        for (int i = 1; i < topCount; i++) {
            if (topNanos[i] < topNanos[min]) {
                min = i;
            }
        }
        topMin = min;
    }

    /** Adds what {@code other} kept, with {@code second} for the window of those that have none (−1). */
    public void add(Exemplars other, long second) {
        for (int i = 0; i < other.topCount; i++) {
            record(other.topSeq[i], other.topNanos[i], pick(other.topSecond[i], second), other.topFailed[i]);
        }
        for (int b = 0; b < other.bucketSeq.length; b++) {
            if (other.bucketSeq[b] >= 0 && other.bucketNanos[b] > bucketNanos[b]) {
                bucketNanos[b] = other.bucketNanos[b];
                bucketSeq[b] = other.bucketSeq[b];
                bucketSecond[b] = pick(other.bucketSecond[b], second);
                bucketFailed[b] = other.bucketFailed[b];
            }
        }
    }

    private static long pick(long own, long second) {
        return own >= 0 ? own : second;
    }

    /** The slowest kept, slowest first (ties by index). */
    public List<Exemplar> slowest() {
        List<Exemplar> out = new ArrayList<>();
        for (int i = 0; i < topCount; i++) {
            out.add(new Exemplar(topSeq[i], topNanos[i], topSecond[i], topFailed[i]));
        }
        out.sort(Comparator.comparingLong(Exemplar::nanos).reversed().thenComparingLong(Exemplar::seq));
        return out;
    }

    /** The slowest of each bucket that holds any, fastest bucket first. */
    public List<Exemplar> buckets() {
        List<Exemplar> out = new ArrayList<>();
        for (int b = 0; b < bucketSeq.length; b++) {
            if (bucketSeq[b] >= 0) {
                out.add(new Exemplar(bucketSeq[b], bucketNanos[b], bucketSecond[b], bucketFailed[b]));
            }
        }
        return out;
    }

    /** Whether nothing was kept. */
    public boolean isEmpty() {
        return topCount == 0;
    }
}
