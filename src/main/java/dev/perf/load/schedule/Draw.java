package dev.perf.load.schedule;

/**
 * Deterministic draws: a function of the suite's seed, an operation's global index and what is drawn (its
 * ordinal), never of time or thread, so that every run and every shard draws the same for the same index.
 * Pure.
 */
public final class Draw {
    private Draw() {}

    /** A 64-bit draw from the seed, the index and the ordinal (SplitMix64's finaliser). */
    public static long mix(long seed, long seq, int ordinal) {
        long z = seed + seq * 0x9E3779B97F4A7C15L + (ordinal + 1L) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform draw in [0, 1) from the seed, the index and the ordinal. */
    public static double uniform(long seed, long seq, int ordinal) {
        return (mix(seed, seq, ordinal) >>> 11) * 0x1.0p-53;
    }
}
