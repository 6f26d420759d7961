package dev.perf.compare;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.GoBenchText;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which benchmark of the base is which of the current: the key is name, parameters and JMH mode (modes are
 * never paired), and the names a report shows for benchmarks measured in several modes. Pure.
 */
public final class Pairing {
    private Pairing() {}

    /**
     * Benchmarks by {@link BenchmarkResult#key()} (name, parameters and JMH mode: modes are never paired with
     * each other). A name that appears in several modes shows its mode as a parameter, e.g. {@code
     * Bench.x(mode=thrpt)}, so that its rows can be told apart. Context parameters in {@code shared} (Go's
     * package, OS, architecture and CPU when every benchmark of both inputs has the same) are left out of the
     * name. Entries with one identity are pooled: their replicates (forks, runs) become one sample, and their
     * names are in {@code pooled}.
     */
    static Map<String, BenchmarkResult> index(
            Loaded input, Set<String> multiMode, Map<String, String> shared, Set<String> pooled) {
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        for (BenchmarkResult raw : input.benchmarks()) {
            BenchmarkResult b = withoutShared(raw, shared);
            BenchmarkResult shown = multiMode.contains(b.kind() + "\u0000" + b.displayName()) ? withMode(b) : b;
            BenchmarkResult before = byKey.get(b.key());
            if (before == null) {
                byKey.put(b.key(), shown);
            } else {
                byKey.put(b.key(), pool(before, shown));
                pooled.add(shown.displayName());
            }
        }
        return byKey;
    }

    /**
     * The context parameters ({@link GoBenchText#IDENTITY}) that every benchmark of the inputs has with one
     * value: they identify nothing within the comparison, so names leave them out.
     */
    static Map<String, String> sharedContext(Loaded... inputs) {
        Map<String, String> shared = new TreeMap<>();
        for (String key : GoBenchText.IDENTITY) {
            Set<String> values = new HashSet<>();
            boolean everywhere = true;
            for (Loaded input : inputs) {
                for (BenchmarkResult b : input.benchmarks()) {
                    String v = b.params().get(key);
                    everywhere &= v != null;
                    values.add(v);
                }
            }
            if (everywhere && values.size() == 1) {
                shared.put(key, values.iterator().next());
            }
        }
        return shared;
    }

    private static BenchmarkResult withoutShared(BenchmarkResult b, Map<String, String> shared) {
        if (shared.isEmpty() || !"go".equals(b.kind())) {
            return b;
        }
        Map<String, String> params = new LinkedHashMap<>(b.params());
        shared.keySet().forEach(params::remove);
        return new BenchmarkResult(b.name(), b.kind(), b.mode(), params, b.status(), b.error(), b.metrics(), b.load());
    }

    /**
     * Two entries of one benchmark as one: each metric's replicate groups (JMH forks, runs) side by side,
     * failed when either failed; the first entry's load details.
     */
    private static BenchmarkResult pool(BenchmarkResult a, BenchmarkResult b) {
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : a.metrics()) {
            Metric other = b.metric(m.name()).orElse(null);
            if (other == null || !other.unit().equals(m.unit())) {
                metrics.add(m);
                continue;
            }
            List<List<Double>> groups = new ArrayList<>(m.samples());
            groups.addAll(other.samples());
            metrics.add(Metric.of(m.name(), m.unit(), m.better(), groups));
        }
        for (Metric m : b.metrics()) {
            if (a.metric(m.name()).isEmpty()) {
                metrics.add(m);
            }
        }
        boolean failed = a.status() == BenchmarkResult.Status.failed || b.status() == BenchmarkResult.Status.failed;
        String error = failed ? (a.error() != null ? a.error() : b.error()) : null;
        return new BenchmarkResult(
                a.name(),
                a.kind(),
                a.mode(),
                a.params(),
                failed ? BenchmarkResult.Status.failed : BenchmarkResult.Status.ok,
                error,
                metrics,
                a.load());
    }

    /** Kind and display name of every benchmark that appears in more than one mode across the inputs. */
    static Set<String> multiMode(Loaded... inputs) {
        Map<String, Set<String>> modes = new LinkedHashMap<>();
        for (Loaded input : inputs) {
            for (BenchmarkResult b : input.benchmarks()) {
                modes.computeIfAbsent(b.kind() + "\u0000" + b.displayName(), k -> new TreeSet<>())
                        .add(String.valueOf(b.mode()));
            }
        }
        Set<String> out = new HashSet<>();
        modes.forEach((name, m) -> {
            if (m.size() > 1) {
                out.add(name);
            }
        });
        return out;
    }

    /** The name a report shows for {@code b}: with its mode when {@code all} has it in several modes. */
    public static String shownName(BenchmarkResult b, List<BenchmarkResult> all) {
        boolean several = all.stream()
                .anyMatch(o -> o.kind().equals(b.kind())
                        && o.displayName().equals(b.displayName())
                        && !Objects.equals(o.mode(), b.mode()));
        return several ? withMode(b).displayName() : b.displayName();
    }

    private static BenchmarkResult withMode(BenchmarkResult b) {
        Map<String, String> params = new LinkedHashMap<>(b.params());
        params.put("mode", String.valueOf(b.mode()));
        return new BenchmarkResult(b.name(), b.kind(), b.mode(), params, b.status(), b.error(), b.metrics(), b.load());
    }

    /** Why a benchmark has no partner: the other input has it in another mode, or not at all. */
    static String unpaired(BenchmarkResult b, Map<String, BenchmarkResult> other, String side) {
        List<String> modes = other.values().stream()
                .filter(o -> o.kind().equals(b.kind()) && plainName(o).equals(plainName(b)))
                .map(o -> String.valueOf(o.mode()))
                .toList();
        return modes.isEmpty()
                ? ""
                : " (" + side + " has it in mode " + String.join(", ", modes) + " only: results of different modes "
                        + "are not paired)";
    }

    /** Name and parameters without the mode that {@link #withMode} shows. */
    private static String plainName(BenchmarkResult b) {
        Map<String, String> params = new TreeMap<>(b.params());
        params.remove("mode");
        return BenchmarkResult.displayName(b.name(), params);
    }

    static String names(Map<String, BenchmarkResult> byKey) {
        List<String> names =
                byKey.values().stream().map(BenchmarkResult::displayName).toList();
        return names.isEmpty()
                ? "(none)"
                : String.join(", ", names.size() > 20 ? names.subList(0, 20) : names)
                        + (names.size() > 20 ? ", ... (" + names.size() + " in all)" : "");
    }
}
