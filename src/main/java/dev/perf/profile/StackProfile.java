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

    /**
     * The Java method most often innermost on a stack (its own time and the native or kernel frames it called),
     * with its weight; null without Java frames. A headline of a profile names it, not a kernel frame such as
     * {@code pvm_irq_enable} that a JVM's compiler threads happened to end in (#34).
     */
    MethodWeight hottestJava() {
        Map<String, Long> inner = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : stacks.entrySet()) {
            String[] frames = e.getKey().split(";", -1);
            for (int i = frames.length - (leafIsType && frames.length > 1 ? 2 : 1); i >= 0; i--) {
                String f = method(frames[i]);
                if (f != null && isJava(f)) {
                    inner.merge(f, e.getValue(), Long::sum);
                    break;
                }
            }
        }
        return inner.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(e -> new MethodWeight(e.getKey(), e.getValue(), e.getValue()))
                .orElse(null);
    }

    /**
     * The shares of the weight (0–1) spent in the JVM's JIT compiler threads and in its garbage collector's
     * threads, known by their frames ({@code CompileBroker::}, {@code C2Compiler::}; GC worker and concurrent
     * threads): {jit, gc}.
     */
    double[] jitAndGcShares() {
        long jit = 0;
        long gc = 0;
        for (Map.Entry<String, Long> e : stacks.entrySet()) {
            String stack = e.getKey();
            if (JIT.matcher(stack).find()) {
                jit += e.getValue();
            } else if (GC.matcher(stack).find()) {
                gc += e.getValue();
            }
        }
        return total == 0 ? new double[] {0, 0} : new double[] {(double) jit / total, (double) gc / total};
    }

    private static final java.util.regex.Pattern JIT =
            java.util.regex.Pattern.compile("CompileBroker::|C2Compiler::|Compiler::compile|CompilerThread");

    private static final java.util.regex.Pattern GC = java.util.regex.Pattern.compile(
            "GCTaskThread|WorkerThread::run|GangWorker::loop|ConcurrentGCThread::run|G1ConcurrentRefineThread"
                    + "|G1ServiceThread|G1YoungCollector|ParallelScavenge|ZDriver|ShenandoahControlThread");

    /**
     * Whether a frame names a Java method ({@code pkg.Class.method}): not a C++ frame ({@code ::}), a native
     * library ({@code libjvm.so}), a kernel or C function (no dot) or an unknown one.
     */
    static boolean isJava(String frame) {
        return frame.indexOf('.') > 0
                && !frame.contains("::")
                && !frame.contains(".so")
                && !frame.startsWith("[")
                && !frame.contains(" ");
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
