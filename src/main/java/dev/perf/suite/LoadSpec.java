package dev.perf.suite;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.perf.result.PerfException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code load:} suite entry: a load loop against a target, with a load pattern and SLO targets. Immutable.
 *
 * @param name name of the benchmark in results
 * @param target what each operation does; null when {@code mix} is given
 * @param mix weighted operations, chosen deterministically over the operations' global index; null for one
 *     target
 * @param load the load pattern (open model by default)
 * @param monitor processes to sample besides perf (e.g. the server under test and its database); one entry or
 *     a list, empty for none
 * @param targets SLOs by metric: {@code p50 p90 p95 p99 p99.9 max mean} (durations), {@code throughput}
 *     (a rate), {@code errorRate} (a percentage); for a scenario, {@code iteration.METRIC} (the same as METRIC:
 *     the iterations) and {@code steps.STEP.METRIC} (one request step)
 * @param findMaxRate search for the highest rate that meets an SLO instead of running one pattern; null for
 *     none
 * @param data tables of request values by name, for {@code ${data.NAME.COLUMN}} in http targets
 * @param trace W3C trace context on every request and the slowest requests' trace ids kept (http, grpc and
 *     scenario targets); null for none
 * @param observe the service's own metrics read while the loop runs (a scrape or PromQL), stored per second
 *     and usable in {@code targets}; null for none
 */
public record LoadSpec(
        String name,
        LoadTarget target,
        List<MixEntry> mix,
        Pattern load,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Monitor> monitor,
        Map<String, Slo> targets,
        FindMaxRate findMaxRate,
        Map<String, DataFile> data,
        TraceSpec trace,
        ObserveSpec observe) {

    /** A load loop without trace context or observed metrics. */
    public LoadSpec(
            String name,
            LoadTarget target,
            List<MixEntry> mix,
            Pattern load,
            List<Monitor> monitor,
            Map<String, Slo> targets,
            FindMaxRate findMaxRate,
            Map<String, DataFile> data) {
        this(name, target, mix, load, monitor, targets, findMaxRate, data, null, null);
    }

    /** A load loop with one target and no search. */
    public LoadSpec(String name, LoadTarget target, Pattern load, Monitor monitor, Map<String, Slo> targets) {
        this(name, target, null, load, monitor == null ? null : List.of(monitor), targets, null, null);
    }

    /** A load loop without data files. */
    public LoadSpec(
            String name,
            LoadTarget target,
            List<MixEntry> mix,
            Pattern load,
            Monitor monitor,
            Map<String, Slo> targets,
            FindMaxRate findMaxRate) {
        this(name, target, mix, load, monitor == null ? null : List.of(monitor), targets, findMaxRate, null);
    }

    /**
     * One weighted operation of a mix.
     *
     * @param name its name: results list it as {@code loop/name}
     * @param weight its share of the operations, relative to the other weights
     * @param target what it does
     */
    public record MixEntry(String name, Integer weight, LoadTarget target) {
        public MixEntry {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("a mix entry needs a name: (without '/'), e.g. name: search");
            }
            if (weight == null || weight < 1) {
                throw new IllegalArgumentException("mix entry " + name + " needs a weight of at least 1");
            }
            if (target == null) {
                throw new IllegalArgumentException("mix entry " + name + " needs a target:");
            }
        }
    }

    /**
     * A search for the knee: short steps at fixed rates, doubling from {@code from} until a step misses the
     * SLO or {@code to} is reached, then bisecting between the last rate that met it and the first that did not.
     *
     * @param from first rate, e.g. {@code 100/s}
     * @param to highest rate tried
     * @param step how long each step runs (measured; the loop's warm-up runs once before the first)
     * @param slo limits a step must meet, by metric as in {@code targets}, e.g. {@code p99: 50ms}
     * @param steps most steps in all (default 12)
     */
    public record FindMaxRate(String from, String to, Duration step, Map<String, String> slo, Integer steps) {
        public FindMaxRate {
            checkRate("findMaxRate.from", from);
            checkRate("findMaxRate.to", to);
            if (step == null || step.isZero() || step.isNegative()) {
                throw new IllegalArgumentException("findMaxRate.step is required, e.g. step: 5s");
            }
            if (slo == null || slo.isEmpty()) {
                throw new IllegalArgumentException(
                        "findMaxRate.slo is required, e.g. slo: { p99: 50ms, errorRate: 1% }");
            }
            slo = Collections.unmodifiableMap(new LinkedHashMap<>(slo));
            for (Map.Entry<String, String> e : slo.entrySet()) {
                SloKind kind = SloKind.of(e.getKey());
                try {
                    kind.value(e.getValue());
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException("findMaxRate.slo." + e.getKey() + ": " + ex.getMessage());
                }
            }
            if (Quantity.ratePerSec(to) < Quantity.ratePerSec(from)) {
                throw new IllegalArgumentException("findMaxRate.to (" + to + ") is below from (" + from + ")");
            }
            steps = steps == null ? 12 : steps;
            if (steps < 2) {
                throw new IllegalArgumentException("findMaxRate.steps must be at least 2, was " + steps);
            }
        }
    }

    /** The operations: the one target (weight 1, named after the loop), or the mix's entries. */
    public List<MixEntry> operations() {
        return mix == null ? List.of(new MixEntry(name.replace('/', '-'), 1, target)) : mix;
    }

    public LoadSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("load.name is required: the benchmark's name in results");
        }
        if (name.indexOf('[') >= 0 && !Matrix.Identity.isExpanded(name)) {
            throw new IllegalArgumentException("load.name '" + name + "' contains [: it marks a matrix combination"
                    + " (publish[clients=8]); give the entry a matrix: or drop the brackets");
        }
        if ((target == null) == (mix == null)) {
            throw new IllegalArgumentException(
                    "load needs target: (e.g. target: { java: { class: com.acme.MyWorkload } }) or mix: [...], one of"
                            + " them");
        }
        if (mix != null) {
            if (mix.isEmpty()) {
                throw new IllegalArgumentException("mix is empty: list at least one { name, weight, target }");
            }
            mix = List.copyOf(mix);
            if (mix.stream().map(MixEntry::name).distinct().count() != mix.size()) {
                throw new IllegalArgumentException("mix entries need distinct names");
            }
        }
        if (findMaxRate != null) {
            if (load != null && load.shapes() > 0) {
                throw new IllegalArgumentException("findMaxRate sets the rates itself: drop rate, ramp, stages, spike,"
                        + " burst and users from load:");
            }
            if (load == null) {
                load = new Pattern(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            }
        } else if (load == null || load.shapes() == 0) {
            throw new IllegalArgumentException(
                    "load.load needs a shape: rate: 1000/s, ramp, stages, spike, burst, or users: N (closed model)");
        }
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        monitor = monitor == null ? List.of() : List.copyOf(monitor);
        if (monitor.stream().map(Monitor::label).distinct().count() != monitor.size()) {
            throw new IllegalArgumentException("monitor lists one process twice: give each entry a distinct name:");
        }
        targets = targets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        if (observe != null) {
            observe.checkNotEmpty();
        }
        checkTargets(targets, stepNames(target, mix), observe);
        if (trace != null) {
            checkTraced(target, mix);
        }
        boolean perUser = (mix == null
                        ? List.of(target)
                        : mix.stream().map(MixEntry::target).toList())
                .stream().anyMatch(t -> t.scenario() != null && t.scenario().dataPerUser());
        if (perUser && !load.closed()) {
            throw new IllegalArgumentException("scenario.data: perUser binds a data row to a virtual user: give users:"
                    + " N (the closed model), or drop it for the open model's perIteration");
        }
    }

    /**
     * The names a {@code steps.NAME.METRIC} target may give: a target's parts (a scenario's request steps such
     * as {@code login}, sql's {@code acquire}, statements and {@code commit}), or in a mix {@code ENTRY/STEP}.
     */
    private static List<String> stepNames(LoadTarget target, List<MixEntry> mix) {
        List<String> out = new ArrayList<>();
        if (mix == null) {
            target.parts().forEach(p -> out.add(p.name()));
            return out;
        }
        for (MixEntry m : mix) {
            m.target().parts().forEach(p -> out.add(m.name() + "/" + p.name()));
        }
        return out;
    }

    /**
     * The metric of target {@code key}: the key itself, or what follows {@code iteration.} or {@code
     * steps.NAME.} — a step's latency, throughput or error rate; bad input when the step is not one of {@code
     * steps} or the loop has no scenario.
     */
    private static String sloMetric(String key, List<String> steps, ObserveSpec observe) {
        if (key.startsWith("iteration.")) {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("targets." + key + ": iteration targets apply to a scenario or"
                        + " sql (whose operations have steps); this loop has none: give "
                        + key.substring("iteration.".length()));
            }
            return key.substring("iteration.".length());
        }
        if (!key.startsWith("steps.")) {
            if (observe != null) {
                try {
                    SloKind.of(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + ", or a series of observe: ("
                            + String.join(", ", observe.series().keySet()) + ")");
                }
            }
            return key;
        }
        String rest = key.substring("steps.".length());
        int dot = rest.indexOf('.');
        String step = dot < 0 ? rest : rest.substring(0, dot);
        if (!steps.contains(step)) {
            throw new IllegalArgumentException("targets." + key + ": '" + step + "' is not a step of this loop (a"
                    + " scenario's request step, sql's acquire, statement or commit, a grpc stream's firstMessage, or"
                    + " send and consumeLag of a kafka or rabbitmq loop that consumes)"
                    + (steps.isEmpty() ? " (it has none)" : "; its steps: " + String.join(", ", steps))
                    + "; write steps.STEP.METRIC, e.g. steps." + (steps.isEmpty() ? "login" : steps.get(0)) + ".p95");
        }
        String metric = dot < 0 ? "" : rest.substring(dot + 1);
        SloKind kind = SloKind.of(metric);
        if (kind != SloKind.LATENCY && kind != SloKind.THROUGHPUT && kind != SloKind.ERROR_RATE) {
            throw new IllegalArgumentException("targets." + key + ": a step is judged on its latency, throughput"
                    + " or errorRate; " + metric + " applies to the whole loop");
        }
        return metric;
    }

    /**
     * The targets the loop's own result (a scenario's iterations) is judged by, {@code iteration.} dropped; the
     * targets on observed series are {@link #observedTargets}.
     */
    public Map<String, Slo> loopTargets() {
        Map<String, Slo> out = new LinkedHashMap<>();
        targets.forEach((key, slo) -> {
            if (key.startsWith("iteration.")) {
                out.put(key.substring("iteration.".length()), slo);
            } else if (!key.startsWith("steps.") && !observedTargets().containsKey(key)) {
                out.put(key, slo);
            }
        });
        return out;
    }

    /** The targets on series of {@code observe:}, by series name. */
    public Map<String, Slo> observedTargets() {
        Map<String, Slo> out = new LinkedHashMap<>();
        if (observe != null) {
            targets.forEach((key, slo) -> {
                if (observe.series().containsKey(key)) {
                    out.put(key, slo);
                }
            });
        }
        return out;
    }

    /** Checks each target against perf's own figures, a step's, or a series of {@code observe}. */
    private static void checkTargets(Map<String, Slo> targets, List<String> steps, ObserveSpec observe) {
        for (Map.Entry<String, Slo> e : targets.entrySet()) {
            ObserveSpec.Series observed =
                    observe == null ? null : observe.series().get(e.getKey());
            if (observed != null) {
                e.getValue().validateFor(e.getKey(), observed);
            } else {
                e.getValue().validateFor(sloMetric(e.getKey(), steps, observe));
            }
        }
    }

    /** A trace context travels on http, grpc and scenario requests only. */
    private static void checkTraced(LoadTarget target, List<MixEntry> mix) {
        List<LoadTarget> all = mix == null
                ? List.of(target)
                : mix.stream().map(MixEntry::target).toList();
        for (LoadTarget t : all) {
            if (t.http() == null && t.grpc() == null && t.scenario() == null) {
                throw new IllegalArgumentException("trace: propagates a W3C trace context on http, grpc and scenario"
                        + " requests; this loop's target is " + t.describe() + ": drop trace:");
            }
        }
    }

    /** The targets step {@code step} ({@code login}, or {@code ENTRY/STEP} in a mix) is judged by. */
    public Map<String, Slo> stepTargets(String step) {
        Map<String, Slo> out = new LinkedHashMap<>();
        String prefix = "steps." + step + ".";
        targets.forEach((key, slo) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), slo);
            }
        });
        return out;
    }

    /** The longest {@code precision}: beyond it the bursts are a load shape of their own. */
    private static final Duration MAX_PRECISION = Duration.ofMillis(10);

    /**
     * The load pattern. Open model (arrivals at a rate, independent of responses) unless {@code users} is set.
     *
     * @param rate constant arrival rate, e.g. {@code 1000/s}
     * @param duration measured duration (after warm-up); default from the profile
     * @param warmup warm-up before measuring (not recorded); default from the profile
     * @param maxInFlight the older name of {@code connections}
     * @param connections operations in flight at once (http: connections; Java and commands: workers); default
     *     16
     * @param timeout an operation slower than this counts as a timeout (at this value); default 10s
     * @param ramp linear ramp from one rate to another over the duration
     * @param stages piecewise stages; each ramps from the previous stage's rate to its own
     * @param spike a base rate with one spike
     * @param burst a base rate with periodic bursts
     * @param poissonSeed exponential inter-arrival gaps (seeded) instead of even spacing
     * @param users closed model: this many virtual users, each calling back to back
     * @param thinkTime closed model: pause between a user's response and its next call
     * @param pacing closed model: a user starts a call at most once per this interval (k6's and
     *     LoadRunner's pacing), however fast the responses
     * @param precision open model: operations due within this much of a send leave with it, early (each timed
     *     from its own send); fewer wake-ups of perf and of the target, in bursts of up to rate × precision;
     *     default 0 (each operation at its own time), at most 10ms; targets on perf's event loops only
     *     (synchronous Java, commands and SQL alone: each worker waits for its own operation)
     */
    public record Pattern(
            String rate,
            Duration duration,
            Duration warmup,
            Integer maxInFlight,
            Duration timeout,
            Ramp ramp,
            List<Stage> stages,
            Spike spike,
            Burst burst,
            Long poissonSeed,
            Integer users,
            Duration thinkTime,
            Duration pacing,
            Integer connections,
            Duration precision) {
        public Pattern {
            if (connections != null && maxInFlight != null && !connections.equals(maxInFlight)) {
                throw new IllegalArgumentException("connections (" + connections + ") and maxInFlight (" + maxInFlight
                        + ") name the same pool: give connections only (maxInFlight is its older name)");
            }
            maxInFlight = maxInFlight != null ? maxInFlight : connections;
            connections = maxInFlight;
            int shapes = (rate != null ? 1 : 0)
                    + (ramp != null ? 1 : 0)
                    + (stages != null ? 1 : 0)
                    + (spike != null ? 1 : 0)
                    + (burst != null ? 1 : 0)
                    + (users != null ? 1 : 0);
            if (shapes > 1) {
                throw new IllegalArgumentException("give one load shape: rate, ramp, stages, spike, burst or users");
            }
            if (rate != null) {
                checkRate("rate", rate);
            }
            checkDuration("duration", duration, false);
            checkDuration("warmup", warmup, true);
            checkDuration("timeout", timeout, false);
            if (maxInFlight != null && maxInFlight < 1) {
                throw new IllegalArgumentException("connections must be at least 1, was " + maxInFlight);
            }
            if (users != null && users < 1) {
                throw new IllegalArgumentException("users must be at least 1, was " + users);
            }
            checkDuration("thinkTime", thinkTime, true);
            checkDuration("pacing", pacing, true);
            if (users == null && (thinkTime != null || pacing != null)) {
                throw new IllegalArgumentException((thinkTime != null ? "thinkTime" : "pacing")
                        + " applies to the closed model: give users: N with it, or drop it for a rate");
            }
            checkDuration("precision", precision, true);
            if (precision != null && precision.compareTo(MAX_PRECISION) > 0) {
                throw new IllegalArgumentException("precision " + Quantity.format(precision)
                        + " is more than 10ms: bursts that long are a load shape of their own (burst:); give at most"
                        + " 10ms");
            }
            if (users != null && precision != null) {
                throw new IllegalArgumentException(
                        "precision applies to the open model (a rate); users call when their previous call ended:"
                                + " drop it");
            }
            if (users != null && maxInFlight != null) {
                throw new IllegalArgumentException("connections (maxInFlight) applies to the open model; with users: "
                        + users + " there are exactly " + users + " operations in flight: drop it");
            }
            if (stages != null && stages.isEmpty()) {
                throw new IllegalArgumentException("stages is empty: list at least one { duration: 10s, rate: 100/s }");
            }
            stages = stages == null ? null : List.copyOf(stages);
        }

        /** How many load shapes are given (exactly one is valid). */
        public int shapes() {
            return (rate != null ? 1 : 0)
                    + (ramp != null ? 1 : 0)
                    + (stages != null ? 1 : 0)
                    + (spike != null ? 1 : 0)
                    + (burst != null ? 1 : 0)
                    + (users != null ? 1 : 0);
        }

        /** Whether this is the closed model. */
        public boolean closed() {
            return users != null;
        }

        /** How early an operation may leave to go with an earlier one, ns (0: each at its own time). */
        public long precisionNanos() {
            return precision == null ? 0 : precision.toNanos();
        }
    }

    /**
     * @param from start rate
     * @param to end rate
     */
    public record Ramp(String from, String to) {
        public Ramp {
            checkRate("ramp.from", from);
            checkRate("ramp.to", to);
        }
    }

    /**
     * @param duration length of the stage
     * @param rate rate reached at its end
     */
    public record Stage(Duration duration, String rate) {
        public Stage {
            if (duration == null) {
                throw new IllegalArgumentException("a stage needs a duration");
            }
            checkRate("stage rate", rate);
        }
    }

    /**
     * @param base base rate
     * @param peak rate during the spike
     * @param at start of the spike
     * @param hold its length
     */
    public record Spike(String base, String peak, Duration at, Duration hold) {
        public Spike {
            checkRate("spike.base", base);
            checkRate("spike.peak", peak);
            if (at == null || hold == null) {
                throw new IllegalArgumentException("a spike needs at: and hold: durations");
            }
        }
    }

    /**
     * @param base base rate
     * @param rate rate during a burst
     * @param every period
     * @param length burst length
     */
    public record Burst(String base, String rate, Duration every, Duration length) {
        public Burst {
            checkRate("burst.base", base);
            checkRate("burst.rate", rate);
            if (every == null || length == null) {
                throw new IllegalArgumentException("a burst needs every: and length: durations");
            }
        }
    }

    /**
     * A service-level objective: meeting {@code target} passes, meeting only {@code acceptable} warns, else
     * it fails. On a series of {@code observe:}, {@code min} and {@code max} are bounds the whole-run value must
     * keep (a plain number in the series' unit).
     *
     * @param target the goal, e.g. {@code 50ms}, {@code 1000/s}, {@code 0.1%}
     * @param acceptable the limit; required when {@code target} is absent
     * @param abortOnFail stop the loop as soon as a whole second shows the run so far failing this target
     *     (beyond {@code acceptable}, or {@code target} when no acceptable is given); the result is kept,
     *     marked aborted
     * @param after grace from the start of the measurement before {@code abortOnFail} applies; default 0
     * @param min an observed series: the lowest whole-run value that passes
     * @param max an observed series: the highest whole-run value that passes
     */
    public record Slo(String target, String acceptable, Boolean abortOnFail, Duration after, Double min, Double max) {
        public Slo {
            if (target == null && acceptable == null && min == null && max == null) {
                throw new IllegalArgumentException(
                        "a target needs target: or acceptable: (or, on an observed series," + " min: or max:)");
            }
            abortOnFail = abortOnFail != null && abortOnFail;
            if (after != null && !abortOnFail) {
                throw new IllegalArgumentException("after: is the grace before abortOnFail: true applies; give both");
            }
            checkDuration("after", after, true);
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min: " + min + " is above max: " + max + ": swap them");
            }
        }

        /** A target that never aborts the loop. */
        public Slo(String target, String acceptable) {
            this(target, acceptable, null, null, null, null);
        }

        /** A target with no bounds of an observed series. */
        public Slo(String target, String acceptable, Boolean abortOnFail, Duration after) {
            this(target, acceptable, abortOnFail, after, null, null);
        }

        /** Checks a target on observed series {@code name}: its limits in the series' unit, no abort. */
        void validateFor(String name, ObserveSpec.Series series) {
            if (abortOnFail) {
                throw new IllegalArgumentException("targets." + name + ": abortOnFail watches perf's own figures each"
                        + " second; an observed series is judged once, on the whole run: drop abortOnFail");
            }
            for (String v : new String[] {target, acceptable}) {
                if (v != null) {
                    series.value("targets." + name, v);
                }
            }
        }

        void validateFor(String metric) {
            if (min != null || max != null) {
                throw new IllegalArgumentException("targets." + metric + ": min: and max: bound a series of observe:;"
                        + " for " + metric + " give target: and acceptable:");
            }
            if (target == null && acceptable == null) {
                throw new IllegalArgumentException("targets." + metric + " needs target: or acceptable:");
            }
            for (String v : new String[] {target, acceptable}) {
                if (v == null) {
                    continue;
                }
                try {
                    switch (SloKind.of(metric)) {
                        case LATENCY -> Quantity.duration(v);
                        case THROUGHPUT -> Quantity.ratePerSec(v);
                        case ERROR_RATE -> {
                            double share = Quantity.percent(v);
                            if (share < 0 || share > 1) {
                                throw new IllegalArgumentException("targets." + metric + ": " + v
                                        + " is not a share of operations: give 0% to 100%");
                            }
                        }
                        case GROWTH -> Quantity.bytesPerHour(v);
                        case DRIFT -> Quantity.percentPerHour(v);
                    }
                } catch (PerfException e) {
                    throw new IllegalArgumentException("targets." + metric + ": " + e.getMessage());
                }
            }
            if (target != null && acceptable != null) {
                SloKind kind = SloKind.of(metric);
                double t = kind.value(target);
                double a = kind.value(acceptable);
                if (kind.higherIsBetter() ? t < a : t > a) {
                    throw new IllegalArgumentException("targets." + metric + ": target " + target + " is "
                            + (kind.higherIsBetter() ? "below" : "above") + " acceptable " + acceptable
                            + ": the target is the better value, acceptable the limit (swap them)");
                }
            }
        }
    }

    /** The highest rate a loop may ask for: ten times what one machine can send, whatever the target. */
    public static final double MAX_RATE_PER_SEC = 10_000_000;

    /** The longest duration, warm-up or timeout a suite may give: a day. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    static void checkRate(String field, String rate) {
        if (rate == null) {
            throw new IllegalArgumentException(field + " is required, e.g. 1000/s");
        }
        double perSec;
        try {
            perSec = Quantity.ratePerSec(rate);
        } catch (PerfException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
        if (!(perSec > 0) || perSec > MAX_RATE_PER_SEC) {
            throw new IllegalArgumentException(field + " " + rate
                    + " is out of range: give a rate above 0/s and at most " + Math.round(MAX_RATE_PER_SEC) + "/s");
        }
    }

    static void checkDuration(String field, Duration d, boolean zeroAllowed) {
        if (d == null) {
            return;
        }
        if (d.isNegative() || (!zeroAllowed && d.isZero()) || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(field + " " + Quantity.format(d) + " is out of range: give "
                    + (zeroAllowed ? "0s" : "more than 0s") + " up to 24h");
        }
    }
}
