package dev.perf.suite;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A named set of run options; {@code quick}, {@code full} and {@code endurance} are built in and a suite may override either
 * field by field. Immutable.
 *
 * @param jmh JMH options
 * @param load default durations of load loops
 */
public record Profile(JmhOptions jmh, LoadDefaults load) {
    public Profile {
        jmh = jmh == null ? JmhOptions.NONE : jmh;
        load = load == null ? new LoadDefaults(null, null) : load;
    }

    /**
     * Durations a load loop uses when its entry does not set them.
     *
     * @param duration measured duration
     * @param warmup warm-up before measuring
     */
    public record LoadDefaults(Duration duration, Duration warmup) {
        /** This with the fields {@code over} sets replaced. */
        public LoadDefaults overlay(LoadDefaults over) {
            return over == null
                    ? this
                    : new LoadDefaults(
                            over.duration != null ? over.duration : duration,
                            over.warmup != null ? over.warmup : warmup);
        }
    }

    /**
     * quick: 4 forks, each 1 × 500 ms warm-up and 2 × 500 ms measurement — about 8 s per benchmark, as the
     * former one-fork quick profile took. The fork is the replicate (iterations of one fork share its JIT
     * decisions and memory layout), and 4 per side is what the compare policy is calibrated for: a lone
     * +30 % regression in a 20-benchmark suite at 5 % CV fails in ≥ 90 % of suites, an A/A suite in ≤ 5 %.
     */
    public static final Profile QUICK = new Profile(
            new JmhOptions(4, 1, Duration.ofMillis(500), 2, Duration.ofMillis(500), 1, List.of(), true),
            new LoadDefaults(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    /**
     * full: 10 forks, each 2 × 1 s warm-up and 3 × 1 s measurement — about 55 s per benchmark. Ten replicates
     * per side catch a +20 % change (twice the warn threshold) as warn or fail in ≥ 90 % of suites at 5 % CV.
     */
    public static final Profile FULL = new Profile(
            new JmhOptions(10, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), 1, List.of(), true),
            new LoadDefaults(Duration.ofSeconds(60), Duration.ofSeconds(10)));

    /**
     * endurance: load loops that set no duration run 30 minutes after a 1-minute warm-up, long enough for the
     * trends (rssGrowth, p99Drift, throughputDrift) to say something per hour; JMH entries run as in quick.
     */
    public static final Profile ENDURANCE =
            new Profile(QUICK.jmh(), new LoadDefaults(Duration.ofMinutes(30), Duration.ofMinutes(1)));

    /** The built-in profiles by name. */
    public static final Map<String, Profile> BUILT_IN = Map.of("quick", QUICK, "full", FULL, "endurance", ENDURANCE);

    /** This profile with every field {@code over} sets replaced. */
    public Profile overlay(Profile over) {
        return over == null ? this : new Profile(jmh.overlay(over.jmh), load.overlay(over.load));
    }
}
