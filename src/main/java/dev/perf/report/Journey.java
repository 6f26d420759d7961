package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's journey as a report draws it: its request steps in order, each with its median and p99 and
 * where it starts when every earlier step took its median, and the iteration's own median and p99 — what the
 * steps' medians leave of it is the pauses and the waits between steps. Pure.
 *
 * @param name the loop's (or a mix entry's) result name
 * @param steps the request steps, in order
 * @param iterationP50 the iteration's median, ms
 * @param iterationP99 the iteration's p99, ms
 */
record Journey(String name, List<Step> steps, double iterationP50, double iterationP99) {
    /**
     * One request step.
     *
     * @param name its name
     * @param offset where it starts on the waterfall: the sum of the earlier steps' medians, ms
     * @param p50 its median, ms
     * @param p99 its p99, ms
     */
    record Step(String name, double offset, double p50, double p99) {}

    /** The prefix of a scenario's target line: {@code scenario:login,list,checkout}. */
    static final String TARGET = "scenario:";

    /**
     * The journey of {@code loop} when it is a scenario whose every step's result is in {@code byName}
     * ({@code loop/step}), else null.
     */
    static Journey of(BenchmarkResult loop, Map<String, BenchmarkResult> byName) {
        if (loop.load() == null
                || loop.load().target() == null
                || !loop.load().target().startsWith(TARGET)) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        double offset = 0;
        for (String step : loop.load().target().substring(TARGET.length()).split(",", -1)) {
            BenchmarkResult r = byName.get(loop.name() + "/" + step);
            if (r == null || r.load() == null) {
                return null;
            }
            double p50 = r.load().overall().getOrDefault("p50", Double.NaN);
            double p99 = r.load().overall().getOrDefault("p99", Double.NaN);
            steps.add(new Step(step, offset, p50, p99));
            offset += Double.isNaN(p50) ? 0 : p50;
        }
        return new Journey(
                loop.name(),
                List.copyOf(steps),
                loop.load().overall().getOrDefault("p50", Double.NaN),
                loop.load().overall().getOrDefault("p99", Double.NaN));
    }

    /** The iteration's median less its steps' medians: the pauses and the waits between steps, ms (≥ 0). */
    double betweenSteps() {
        double sum = steps.stream()
                .mapToDouble(s -> Double.isNaN(s.p50()) ? 0 : s.p50())
                .sum();
        return Math.max(0, iterationP50 - sum);
    }

    /** The longest time the waterfall shows, ms. */
    double span() {
        double most = Double.isNaN(iterationP99) ? 0 : iterationP99;
        for (Step s : steps) {
            if (!Double.isNaN(s.p99())) {
                most = Math.max(most, s.offset() + s.p99());
            }
        }
        return most;
    }
}
