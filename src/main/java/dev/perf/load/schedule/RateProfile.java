package dev.perf.load.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An arrival-rate profile over time made of segments whose rate changes linearly (constant when both ends
 * are equal): constant rate, ramps, stages, spikes and bursts are all such profiles.
 *
 * <p>The intended start of the i-th operation (0-based) is the earliest time t at which the integral of the
 * rate from 0 to t reaches i: t₀ = 0, and within a segment the inverse of the integral is closed-form (a
 * linear or quadratic root), rounded up to the next nanosecond. Schedules are therefore pure functions of
 * (profile, index): no clock, no state, no drift. Immutable and thread-safe.
 */
public final class RateProfile {
    private final List<Segment> segments;
    private final double[] startCounts; // operations due before each segment starts
    private final long totalNanos;
    private final long totalOperations;

    /**
     * A stretch of time whose rate goes linearly from {@code fromPerSec} to {@code toPerSec}.
     *
     * @param durationNanos length of the segment
     * @param fromPerSec rate at its start, operations per second
     * @param toPerSec rate at its end
     */
    public record Segment(long durationNanos, double fromPerSec, double toPerSec) {
        public Segment {
            if (durationNanos <= 0) {
                throw new IllegalArgumentException("a load segment needs a positive duration");
            }
            if (!(fromPerSec >= 0)
                    || !(toPerSec >= 0)
                    || Double.isInfinite(fromPerSec)
                    || Double.isInfinite(toPerSec)) {
                throw new IllegalArgumentException(
                        "rates must be finite and not negative: " + fromPerSec + ", " + toPerSec);
            }
            if (fromPerSec > 1e9 || toPerSec > 1e9) {
                throw new IllegalArgumentException("rates above 1e9/s cannot be scheduled in nanoseconds");
            }
        }

        /** Operations due within the first {@code nanos} of this segment: the integral of the rate. */
        double countAt(double nanos) {
            double seconds = nanos / 1e9;
            double slope = (toPerSec - fromPerSec) / (durationNanos / 1e9);
            return fromPerSec * seconds + slope * seconds * seconds / 2;
        }

        /** Operations due within the whole segment. */
        double count() {
            return (fromPerSec + toPerSec) / 2 * (durationNanos / 1e9);
        }

        /** The offset into the segment (ns, not rounded) at which {@code k} operations are due. */
        double inverse(double k) {
            double seconds;
            double slope = (toPerSec - fromPerSec) / (durationNanos / 1e9);
            if (Math.abs(slope) < 1e-12) {
                seconds = k / fromPerSec;
            } else {
                // from·s + slope·s²/2 = k  ->  s = (−from + √(from² + 2·slope·k)) / slope
                double disc = Math.max(0, fromPerSec * fromPerSec + 2 * slope * k);
                seconds = (Math.sqrt(disc) - fromPerSec) / slope;
                if (slope < 0) {
                    // the smaller root; numerically stable form for a decreasing rate
                    seconds = 2 * k / (fromPerSec + Math.sqrt(disc));
                }
            }
            return seconds * 1e9;
        }
    }

    public RateProfile(List<Segment> segments) {
        Objects.requireNonNull(segments, "segments");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a rate profile needs at least one segment");
        }
        this.segments = List.copyOf(segments);
        this.startCounts = new double[segments.size() + 1];
        long nanos = 0;
        for (int i = 0; i < segments.size(); i++) {
            startCounts[i + 1] = startCounts[i] + segments.get(i).count();
            nanos += segments.get(i).durationNanos();
        }
        this.totalNanos = nanos;
        this.totalOperations = (long) Math.floor(startCounts[segments.size()] + 1e-9);
    }

    /** The highest rate anywhere in the profile, per second. */
    public double peakPerSec() {
        return segments.stream()
                .mapToDouble(s -> Math.max(s.fromPerSec(), s.toPerSec()))
                .max()
                .orElse(0);
    }

    /** A constant rate for {@code durationNanos}. */
    public static RateProfile constant(double perSec, long durationNanos) {
        return new RateProfile(List.of(new Segment(durationNanos, perSec, perSec)));
    }

    /** A linear ramp from {@code fromPerSec} to {@code toPerSec}. */
    public static RateProfile ramp(double fromPerSec, double toPerSec, long durationNanos) {
        return new RateProfile(List.of(new Segment(durationNanos, fromPerSec, toPerSec)));
    }

    /**
     * A spike: {@code basePerSec} until {@code atNanos}, {@code peakPerSec} for {@code holdNanos}, then the base
     * rate again until {@code durationNanos}.
     */
    public static RateProfile spike(
            double basePerSec, double peakPerSec, long atNanos, long holdNanos, long durationNanos) {
        List<Segment> s = new ArrayList<>();
        if (atNanos > 0) {
            s.add(new Segment(atNanos, basePerSec, basePerSec));
        }
        long hold = Math.min(holdNanos, durationNanos - atNanos);
        if (hold > 0) {
            s.add(new Segment(hold, peakPerSec, peakPerSec));
        }
        long rest = durationNanos - atNanos - hold;
        if (rest > 0) {
            s.add(new Segment(rest, basePerSec, basePerSec));
        }
        return new RateProfile(s);
    }

    /** Periodic bursts: every {@code everyNanos}, {@code burstPerSec} for {@code lengthNanos}, else the base rate. */
    public static RateProfile burst(
            double basePerSec, double burstPerSec, long everyNanos, long lengthNanos, long durationNanos) {
        if (lengthNanos >= everyNanos) {
            throw new IllegalArgumentException("a burst must be shorter than its period");
        }
        List<Segment> s = new ArrayList<>();
        long t = 0;
        while (t < durationNanos) {
            long burst = Math.min(lengthNanos, durationNanos - t);
            s.add(new Segment(burst, burstPerSec, burstPerSec));
            t += burst;
            long quiet = Math.min(everyNanos - lengthNanos, durationNanos - t);
            if (quiet > 0) {
                s.add(new Segment(quiet, basePerSec, basePerSec));
                t += quiet;
            }
        }
        return new RateProfile(s);
    }

    /** Total length in nanoseconds. */
    public long durationNanos() {
        return totalNanos;
    }

    /** How many operations the profile schedules (indices 0 .. count−1). */
    public long operations() {
        return totalOperations;
    }

    /** Operations due in [0, nanos): the integral of the rate, as a real number. */
    public double countBefore(long nanos) {
        long offset = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (nanos <= offset + s.durationNanos()) {
                return startCounts[i] + s.countAt((double) Math.max(0, nanos - offset));
            }
            offset += s.durationNanos();
        }
        return startCounts[segments.size()];
    }

    /** The intended start of operation {@code index}, in ns from the start of the run. */
    public long startNanos(long index) {
        if (index < 0 || index >= totalOperations) {
            throw new IndexOutOfBoundsException("operation " + index + " of " + totalOperations);
        }
        if (index == 0) {
            return 0;
        }
        long offset = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (index <= startCounts[i + 1] + 1e-9 && s.count() > 0) {
                double within = s.inverse(index - startCounts[i]);
                return offset + (long) Math.ceil(Math.min(within, (double) s.durationNanos()) - 1e-6);
            }
            offset += s.durationNanos();
        }
        return totalNanos;
    }
}
