package dev.perf.suite;

import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A benchmark suite as written in perf.yaml. Immutable.
 *
 * @param name suite name, stored in every result
 * @param profiles overrides of the built-in {@code quick} and {@code full} profiles (or new profiles)
 * @param thresholds regression thresholds for {@code perf compare}
 * @param benchmarks what to run, in order
 * @param seed seeds what is drawn per request ({@code ${random}}, {@code ${uuid}}, shuffled data rows), so
 *     that every run and every shard sends the same requests; default 1
 * @param metrics live metrics while the run lasts (remote write, a scrape endpoint); null for none
 * @param observe the service's figures every load loop reads (a loop's own {@code observe:} adds series and may
 *     replace its addresses); already merged into each loop's when loaded; null for none
 */
public record Suite(
        String name,
        Map<String, Profile> profiles,
        Thresholds thresholds,
        List<BenchmarkEntry> benchmarks,
        Long seed,
        MetricsConfig metrics,
        ObserveSpec observe) {

    /** A suite with the default seed. */
    public Suite(String name, Map<String, Profile> profiles, Thresholds thresholds, List<BenchmarkEntry> benchmarks) {
        this(name, profiles, thresholds, benchmarks, null, null, null);
    }

    /** A suite without live metrics. */
    public Suite(
            String name,
            Map<String, Profile> profiles,
            Thresholds thresholds,
            List<BenchmarkEntry> benchmarks,
            Long seed) {
        this(name, profiles, thresholds, benchmarks, seed, null, null);
    }

    public Suite {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: a short name for the suite");
        }
        if (benchmarks == null || benchmarks.isEmpty()) {
            throw new IllegalArgumentException("benchmarks is empty: list at least one, e.g. - jmh: { include: ... }");
        }
        profiles = profiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
        benchmarks = List.copyOf(benchmarks);
        seed = seed == null ? 1L : seed;
        Set<String> loops = new HashSet<>();
        for (BenchmarkEntry e : benchmarks) {
            for (LoadSpec l : e.loads()) {
                if (!loops.add(l.name())) {
                    throw new IllegalArgumentException("two load loops are named '" + l.name()
                            + "': a loop's name identifies it in results and comparisons; give each its own");
                }
            }
        }
    }

    /** The effective profile: the built-in one (if any) overlaid with this suite's override. */
    public Profile profile(String profileName) {
        Profile builtIn = Profile.BUILT_IN.get(profileName);
        Profile own = profiles.get(profileName);
        if (builtIn == null && own == null) {
            Set<String> known = new TreeSet<>(Profile.BUILT_IN.keySet());
            known.addAll(profiles.keySet());
            throw PerfException.usage("unknown profile '" + profileName + "': use one of " + String.join(", ", known));
        }
        return builtIn == null ? Profile.QUICK.overlay(own) : builtIn.overlay(own);
    }
}
