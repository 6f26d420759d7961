package dev.perf.profile;

import dev.perf.result.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile as collapsed stacks ({@code frame;frame;...;leaf weight} per line, the format of flamegraph.pl
 * and speedscope): the weight of each distinct stack, and from them every method's self weight (it was the
 * leaf) and total weight (it was anywhere on the stack, counted once per stack). Thread frames ({@code
 * [name tid=…]}) are kept in stacks but are not methods. Immutable once built.
 */
final class StackProfile {
    private final Map<String, Long> stacks;
    private final long total;
    private final boolean leafIsType;

    private StackProfile(Map<String, Long> stacks, boolean leafIsType) {
        this.stacks = stacks;
        this.total = stacks.values().stream().mapToLong(Long::longValue).sum();
        this.leafIsType = leafIsType;
    }

    /** Parses collapsed-stack text whose leaves are methods; malformed lines are skipped. */
    static StackProfile parse(String collapsed) {
        return parse(collapsed, false);
    }

    /**
     * Parses collapsed-stack text; with {@code leafIsType} each stack ends in a type (the allocated class of
     * an allocation profile, the lock's class of a lock profile), so the method below it — the allocation
     * site, the contended call — takes the self weight.
     */
    static StackProfile parse(String collapsed, boolean leafIsType) {
        Map<String, Long> stacks = new LinkedHashMap<>();
        for (String line : collapsed.lines().toList()) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                long weight = Long.parseLong(line.substring(space + 1).strip());
                stacks.merge(line.substring(0, space), weight, Long::sum);
            } catch (NumberFormatException e) {
                // not a collapsed-stack line
            }
        }
        return new StackProfile(stacks, leafIsType);
    }

    static StackProfile read(Path file, boolean leafIsType) {
        try {
            return parse(
                    new String(InputFiles.read(file, InputFiles.MAX_RESULT_BYTES), StandardCharsets.UTF_8), leafIsType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Long> stacks() {
        return stacks;
    }

    long total() {
        return total;
    }

    /**
     * A method's weight.
     *
     * @param method the frame, e.g. {@code com.acme.Cache.get}
     * @param self weight where it was the leaf
     * @param total weight of stacks it was on
     */
    record MethodWeight(String method, long self, long total) {}

    /** Every method with its self and total weight. */
    List<MethodWeight> methods() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : stacks.entrySet()) {
            String[] all = e.getKey().split(";");
            String[] frames = leafIsType && all.length > 1 ? Arrays.copyOf(all, all.length - 1) : all;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < frames.length; i++) {
                String f = method(frames[i]);
                if (f == null) {
                    continue;
                }
                long[] w = m.computeIfAbsent(f, k -> new long[2]);
                if (seen.add(f)) {
                    w[1] += e.getValue();
                }
                if (i == frames.length - 1) {
                    w[0] += e.getValue();
                }
            }
        }
        List<MethodWeight> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new MethodWeight(k, v[0], v[1])));
        return out;
    }

    /** The {@code n} heaviest methods by self weight (ties by name). */
    List<MethodWeight> topSelf(int n) {
        return methods().stream()
                .filter(w -> w.self() > 0)
                .sorted(Comparator.comparingLong(MethodWeight::self).reversed().thenComparing(MethodWeight::method))
                .limit(n)
                .toList();
    }

    /** The {@code n} heaviest methods by total weight (ties by name). */
    List<MethodWeight> topTotal(int n) {
        return methods().stream()
                .sorted(Comparator.comparingLong(MethodWeight::total).reversed().thenComparing(MethodWeight::method))
                .limit(n)
                .toList();
    }

    /** A frame as a method name: annotations like {@code _[j]} removed; null for thread frames. */
    static String method(String frame) {
        String f = frame.strip();
        if (f.startsWith("[") && f.endsWith("]")) {
            return null;
        }
        if (f.length() > 4 && f.charAt(f.length() - 4) == '_' && f.charAt(f.length() - 3) == '[' && f.endsWith("]")) {
            f = f.substring(0, f.length() - 4);
        }
        return f;
    }
}
