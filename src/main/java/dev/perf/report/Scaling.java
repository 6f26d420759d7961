package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import dev.perf.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Scalability curves of a load matrix: for every numeric parameter with at least 3 values, one curve per
 * combination of the other parameters — throughput and p99 against it (with the spread of repeats where
 * {@code --repeat} gave several), the knee where scaling stops, and from 4 points a Universal Scalability
 * Law fit. The knee and the fit read throughput against concurrency: they are made only where the parameter is
 * the loop's users or connections (the fit) or its asked rate (the knee, where the achieved throughput stops
 * following it); an open-model throughput follows its rate by construction, and a payload size is not a load.
 * Pure.
 */
final class Scaling {
    private Scaling() {}

    /** Throughput must still grow by this share of the parameter's own growth for a step to scale. */
    static final double KNEE_EFFICIENCY = 0.5;

    /** A step whose p99 is more than this multiple of the curve's first p99 has passed the knee. */
    static final double KNEE_P99_FACTOR = 2;

    /** What a curve's parameter is to its loop. */
    enum Axis {
        /** The loop's users (closed model) or connections at every point: knee and USL fit. */
        CONCURRENCY,
        /** The open model's asked rate at every point: the knee only. */
        RATE,
        /** Anything else (a size, a pool, a flag): the curve only. */
        OTHER
    }

    /**
     * One curve.
     *
     * @param loop the loop's name
     * @param parameter the parameter on the x axis
     * @param axis what the parameter is to the loop
     * @param fixed the other parameters' values
     * @param points the points in increasing parameter order
     * @param knee the last parameter value that still scaled, null when every step did
     * @param kneeReason why the next step did not scale, null without a knee
     * @param usl the Universal Scalability Law fit, null with fewer than 4 points or no fit
     */
    record Curve(
            String loop,
            String parameter,
            Axis axis,
            Map<String, String> fixed,
            List<Point> points,
            Double knee,
            String kneeReason,
            Usl usl) {}

    /**
     * One point of a curve.
     *
     * @param x the parameter's value
     * @param throughput whole-run throughput, ops/s (the median of repeats)
     * @param throughputLow the lowest repeat's throughput (equal to {@code throughput} without repeats)
     * @param throughputHigh the highest repeat's
     * @param p99Ms whole-run p99, ms (the median of repeats)
     * @param p99Low the lowest repeat's p99 (equal to {@code p99Ms} without repeats)
     * @param p99High the highest repeat's
     */
    record Point(
            double x,
            double throughput,
            double throughputLow,
            double throughputHigh,
            double p99Ms,
            double p99Low,
            double p99High) {}

    /**
     * X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), fitted by least squares on N / X(N), which is linear in the
     * three coefficients.
     *
     * @param lambda throughput of one unit of concurrency, ops/s
     * @param sigma contention (serialisation), 0 to 1
     * @param kappa coherency (crosstalk)
     * @param peakAt the concurrency of the predicted peak, √((1 − σ)/κ); NaN when κ ≤ 0
     * @param peakThroughput the predicted peak throughput, NaN with it
     */
    record Usl(double lambda, double sigma, double kappa, double peakAt, double peakThroughput) {}

    /** The curves of {@code result}'s load loops; none without a matrix. */
    static List<Curve> of(RunResult result) {
        Map<String, List<BenchmarkResult>> byLoop = new LinkedHashMap<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() != null && !b.params().isEmpty() && b.status() == BenchmarkResult.Status.ok) {
                byLoop.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(b);
            }
        }
        List<Curve> out = new ArrayList<>();
        byLoop.forEach((loop, runs) -> {
            for (String parameter : new TreeMap<>(runs.get(0).params()).keySet()) {
                Map<Map<String, String>, List<BenchmarkResult>> byRest = new LinkedHashMap<>();
                boolean numeric = true;
                for (BenchmarkResult b : runs) {
                    numeric &= number(b.params().get(parameter)) != null;
                    Map<String, String> rest = new TreeMap<>(b.params());
                    rest.remove(parameter);
                    byRest.computeIfAbsent(rest, k -> new ArrayList<>()).add(b);
                }
                if (!numeric) {
                    continue;
                }
                byRest.forEach((rest, same) -> {
                    if (same.size() >= 3) {
                        out.add(curve(loop, parameter, rest, same));
                    }
                });
            }
        });
        return out;
    }

    /**
     * A loop's {@code metric} as {median, lowest, highest} over its repeats ({@code perf run --repeat}), or its
     * whole-run value three times without repeats.
     */
    private static double[] spread(BenchmarkResult b, String metric) {
        double whole = b.load().overall().getOrDefault(metric, Double.NaN);
        Metric m = b.metric(metric).orElse(null);
        if (m != null && "repeated runs".equals(b.load().samplesAre())) {
            double[] v = m.samples().stream()
                    .flatMap(List::stream)
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            if (v.length > 0) {
                return new double[] {v[v.length / 2], v[0], v[v.length - 1]};
            }
        }
        return new double[] {whole, whole, whole};
    }

    private static Double number(String s) {
        try {
            return s == null ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Curve curve(String loop, String parameter, Map<String, String> fixed, List<BenchmarkResult> runs) {
        List<Point> points = new ArrayList<>();
        for (BenchmarkResult b : runs) {
            double[] throughput = spread(b, "throughput");
            double[] p99 = spread(b, "p99");
            points.add(new Point(
                    Double.parseDouble(b.params().get(parameter)),
                    throughput[0],
                    throughput[1],
                    throughput[2],
                    p99[0],
                    p99[1],
                    p99[2]));
        }
        points.sort((a, b) -> Double.compare(a.x(), b.x()));
        Axis axis = axis(parameter, runs);
        Double knee = null;
        String reason = null;
        for (int i = 1; i < points.size() && knee == null && axis != Axis.OTHER; i++) {
            Point before = points.get(i - 1);
            Point p = points.get(i);
            double grew = p.throughput() / before.throughput() - 1;
            double asked = p.x() / before.x() - 1;
            if (asked > 0 && grew < KNEE_EFFICIENCY * asked) {
                knee = before.x();
                reason = String.format(
                        Locale.ROOT,
                        "%s %s → %s: throughput %+.0f %% for %+.0f %%",
                        parameter,
                        label(before.x()),
                        label(p.x()),
                        100 * grew,
                        100 * asked);
            } else if (p.p99Ms() > KNEE_P99_FACTOR * points.get(0).p99Ms()) {
                knee = before.x();
                reason = String.format(
                        Locale.ROOT,
                        "%s %s → %s: p99 %.3f ms, over %.0f× the first point's %.3f ms",
                        parameter,
                        label(before.x()),
                        label(p.x()),
                        p.p99Ms(),
                        KNEE_P99_FACTOR,
                        points.get(0).p99Ms());
            }
        }
        return new Curve(
                loop,
                parameter,
                axis,
                fixed,
                points,
                knee,
                reason,
                axis == Axis.CONCURRENCY && points.size() >= 4 ? usl(points) : null);
    }

    /**
     * What {@code parameter} is to the loop: its concurrency where every run's {@code concurrency} (users, or
     * connections of the open model) equals it, its rate where every run was open with that asked rate.
     */
    static Axis axis(String parameter, List<BenchmarkResult> runs) {
        boolean concurrency = true;
        boolean rate = true;
        for (BenchmarkResult b : runs) {
            double x = Double.parseDouble(b.params().get(parameter));
            concurrency &= b.load().overall().getOrDefault("concurrency", Double.NaN) == x;
            double asked = b.load().targetRatePerSec();
            rate &= "open".equals(b.load().model()) && Math.abs(asked - x) <= 0.005 * x;
        }
        return concurrency ? Axis.CONCURRENCY : rate ? Axis.RATE : Axis.OTHER;
    }

    static String label(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Least squares of y = N / X(N) on 1, (N − 1), N(N − 1); null when it does not determine a positive λ. */
    static Usl usl(List<Point> points) {
        double[][] a = new double[3][3];
        double[] b = new double[3];
        for (Point p : points) {
            double n = p.x();
            double y = n / p.throughput();
            double[] f = {1, n - 1, n * (n - 1)};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    a[i][j] += f[i] * f[j];
                }
                b[i] += f[i] * y;
            }
        }
        double[] c = solve(a, b);
        if (c == null || !(c[0] > 0)) {
            return null;
        }
        double lambda = 1 / c[0];
        double sigma = c[1] / c[0];
        double kappa = c[2] / c[0];
        double peakAt = kappa > 0 && sigma < 1 ? Math.sqrt((1 - sigma) / kappa) : Double.NaN;
        double peak = Double.isNaN(peakAt)
                ? Double.NaN
                : lambda * peakAt / (1 + sigma * (peakAt - 1) + kappa * peakAt * (peakAt - 1));
        return new Usl(lambda, sigma, kappa, peakAt, peak);
    }

    /** The solution of {@code a·x = b} by LU decomposition with partial pivoting; null when singular. */
    private static double[] solve(double[][] a, double[] b) {
        DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-300).getSolver();
        if (!solver.isNonSingular()) {
            return null;
        }
        return solver.solve(new ArrayRealVector(b, false)).toArray();
    }
}
