package dev.perf.compare;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Loaded;
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
     * Bench.x(mode=thrpt)}, so that its rows can be told apart.
     */
    static Map<String, BenchmarkResult> index(Loaded input, Set<String> multiMode) {
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        for (BenchmarkResult b : input.benchmarks()) {
            byKey.putIfAbsent(b.key(), multiMode.contains(b.kind() + "\u0000" + b.displayName()) ? withMode(b) : b);
        }
        return byKey;
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
