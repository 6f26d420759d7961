package dev.perf.suite;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A named set of run options; {@code quick} and {@code full} are built in and a suite may override either
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
    public record LoadDefaults(java.time.Duration duration, java.time.Duration warmup) {
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
     * quick: 1 fork, 2 × 1 s warm-up, 5 × 1 s measurement — about 8 s per benchmark. Five samples rather than
     * three because an exact two-sided rank test at α = 0.05 cannot reach significance with fewer than four
     * values per side, so quick results stay comparable with {@code perf compare}.
     */
    public static final Profile QUICK = new Profile(
            new JmhOptions(1, 2, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 1, List.of(), true),
            new LoadDefaults(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    /**
     * full: 3 forks, 5 × 2 s warm-up, 10 × 2 s measurement — about 95 s per benchmark, 30 samples. Several
     * forks matter more than long iterations: run-to-run variance comes mostly from per-JVM effects (JIT
     * decisions, memory layout) that only new forks sample.
     */
    public static final Profile FULL = new Profile(
            new JmhOptions(3, 5, Duration.ofSeconds(2), 10, Duration.ofSeconds(2), 1, List.of(), true),
            new LoadDefaults(Duration.ofSeconds(60), Duration.ofSeconds(10)));

    /** The built-in profiles by name. */
    public static final Map<String, Profile> BUILT_IN = Map.of("quick", QUICK, "full", FULL);

    /** This profile with every field {@code over} sets replaced. */
    public Profile overlay(Profile over) {
        return over == null ? this : new Profile(jmh.overlay(over.jmh), load.overlay(over.load));
    }
}
