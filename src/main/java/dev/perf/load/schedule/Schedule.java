package dev.perf.load.schedule;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The intended start times of one generator's operations: a pure function of (profile, {@link Slice shard}). Shard
 * k of N takes the global operations k, k+N, k+2N, ...; the N shards together send exactly what one
 * process would. With {@code poissonSeed} set, inter-arrival gaps are exponential (memoryless arrivals) at
 * the profile's rate instead of evenly spaced. Immutable apart from the Poisson generator, which {@link
 * #fireTimes()} guards.
 */
public final class Schedule {
    private final RateProfile profile;
    private final Slice slice;
    private final Long poissonSeed;
    private final Random poisson;
    private double poissonCount;

    /**
     * @param profile the global rate profile
     * @param slice this generator's shard of the run
     * @param poissonSeed seed of the exponential gaps, or null for evenly spaced arrivals
     */
    public Schedule(RateProfile profile, Slice slice, Long poissonSeed) {
        this.profile = profile;
        this.slice = slice;
        this.poissonSeed = poissonSeed;
        // each shard draws its own gaps: with one seed for all, the shards' arrivals would coincide
        this.poisson = poissonSeed == null ? null : new Random(poissonSeed + slice.index() * 0x9E3779B97F4A7C15L);
    }

    /**
     * Stripe {@code stripe} of this schedule ({@link Slice#within}), so the stripes together send exactly this
     * schedule's operations (with even spacing; Poisson stripes superpose to its rate).
     */
    public Schedule stripe(Slice stripe) {
        if (stripe.of() == 1) {
            return this;
        }
        return new Schedule(profile, slice.within(stripe), poissonSeed);
    }

    /** The length of the schedule, ns from the run's start. */
    public long durationNanos() {
        return profile.durationNanos();
    }

    /** Operations of this shard. */
    public long operations() {
        return slice.count(profile.operations());
    }

    /** The global index of this shard's {@code local}-th operation. */
    public long globalIndex(long local) {
        return slice.global(local);
    }

    /** The intended start of this shard's {@code local}-th evenly spaced operation, ns from the run's start. */
    public long startNanos(long local) {
        return profile.startNanos(globalIndex(local));
    }

    /**
     * The fire times in order, ending with −1. Evenly spaced: {@link #startNanos} for local = 0, 1, 2, ...
     * Poisson: each shard draws gaps of N·Exp(1) operations of the global profile (a Poisson process at 1/N of
     * the profile's rate; the N shards superpose to the full rate), mapped through the profile's inverse
     * integral so the arrival rate follows ramps and stages. Thread-safe: workers claim fire times from it
     * concurrently, lock-free for even spacing.
     */
    public FireTimes fireTimes() {
        if (poisson == null) {
            long total = operations();
            AtomicLong next = new AtomicLong();
            return claim -> {
                long local = next.getAndIncrement();
                if (local >= total) {
                    return false;
                }
                claim.index = globalIndex(local);
                claim.nanos = startNanos(local);
                return true;
            };
        }
        Object lock = new Object();
        long[] arrivals = {0};
        return claim -> {
            synchronized (lock) {
                poissonCount += slice.of() * -Math.log(1 - poisson.nextDouble());
                long index = (long) Math.floor(poissonCount);
                if (index >= profile.operations()) {
                    return false;
                }
                long a = profile.startNanos(index);
                long b = index + 1 < profile.operations() ? profile.startNanos(index + 1) : profile.durationNanos();
                claim.nanos = a + (long) Math.ceil((poissonCount - index) * (b - a));
                // the k-th arrival of shard s is global arrival s + kN, as with even spacing
                claim.index = globalIndex(arrivals[0]++);
                return true;
            }
        };
    }

    /** One claimed operation: its global index and intended start. Reused by one thread, so nothing allocates. */
    public static final class Claim {
        /** Global index of the operation (over all shards). */
        public long index;
        /** Intended start, ns from the run's start. */
        public long nanos;
    }

    /** A stream of operations in order. Thread-safe: workers claim from it concurrently. */
    @FunctionalInterface
    public interface FireTimes {
        /** Claims the next operation into {@code claim}; false when there are no more. */
        boolean next(Claim claim);

        /** The next intended start in ns from the run's start, or −1 (allocates a claim: for tests). */
        default long next() {
            Claim c = new Claim();
            return next(c) ? c.nanos : -1;
        }
    }
}
