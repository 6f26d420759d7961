package dev.perf.result;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * How perf writes a number, in one place: in reasons, table cells, tooltips and axis labels. Always a point
 * as decimal separator ({@link Locale#ROOT}); NaN as {@code NaN} and infinities as {@code ∞} unless a
 * method says otherwise. Pure.
 */
public final class Numbers {
    private Numbers() {}

    /** A fraction as a percentage with one decimal: 0.123 → {@code 12.3%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A relative change as a signed percentage with two decimals: {@code +12.34%}; {@code ?} when NaN. */
    public static String change(double fraction) {
        if (Double.isNaN(fraction)) {
            return "?";
        }
        if (fraction == 0) {
            return "0.00%";
        }
        return String.format(Locale.ROOT, "%+.2f%%", fraction * 100);
    }

    /** A bound of an interval of a change: {@code +1.2%}, {@code -∞}. */
    public static String changeBound(double fraction) {
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "+∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    /** The shortest exact decimal of {@code v}: 0.05, 1000, 1.5 (no exponent, no trailing zeros). */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** {@code v} rounded to three significant digits, without trailing zeros: 0.00123, 45.6, 1230. */
    public static String threeDigits(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** {@code v} with {@code decimals} decimals: {@code fixed(2.5, 3)} → {@code 2.500}. */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * Four significant digits as a reader compares them: {@code 1718}, {@code 12.35}, {@code 0.0001307}; from a
     * million in groups of three ({@code 71,300,000}); an exponent only below 10⁻⁹ or from 10¹⁵.
     */
    public static String significant(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return nonFinite(v);
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e15 || abs < 1e-9) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(abs)));
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /**
     * A unit of JMH's time units ({@code ns/op} … {@code s/op}, {@code ops/s} … {@code ops/ns}) in which a value
     * reads in a few digits, as JMH's {@code -tu} would give it: {@code factor} turns a value in the original unit
     * into {@code unit}.
     *
     * @param unit the unit to show
     * @param factor what a value in the original unit is multiplied by
     */
    public record Scale(String unit, double factor) {
        /** The unit unchanged. */
        public static Scale of(String unit) {
            return new Scale(unit, 1);
        }
    }

    private static final List<String> TIMES = List.of("ns", "us", "ms", "s");

    /**
     * The scale for values around {@code reference} in {@code unit}: unchanged while {@link #significant} writes
     * it plainly in up to seven digits (0.001 to a million), else the time unit that brings it between 1 and 1000
     * where one does ({@code 71,300,000 ops/s} → {@code 71.30 ops/us}, {@code 0.00013 ms/op} → {@code 130.0
     * ns/op}); units that are not JMH's time units are never scaled.
     */
    public static Scale scale(String unit, double reference) {
        double abs = Math.abs(reference);
        if (unit == null || !Double.isFinite(reference) || abs == 0 || (abs >= 1e-3 && abs < 1e6)) {
            return Scale.of(unit);
        }
        String[] parts = unit.split("/", -1);
        if (parts.length != 2) {
            return Scale.of(unit);
        }
        boolean perOp = parts[1].equals("op") && TIMES.contains(parts[0]);
        boolean rate = parts[0].equals("ops") && TIMES.contains(parts[1]);
        if (!perOp && !rate) {
            return Scale.of(unit);
        }
        int at = TIMES.indexOf(perOp ? parts[0] : parts[1]);
        // a time per op reads smaller in a longer unit, a rate in a shorter one
        int best = at;
        double value = abs;
        while (value >= 1000 && (perOp ? best < TIMES.size() - 1 : best > 0)) {
            best += perOp ? 1 : -1;
            value /= 1000;
        }
        while (value < 1 && (perOp ? best > 0 : best < TIMES.size() - 1)) {
            best += perOp ? -1 : 1;
            value *= 1000;
        }
        double factor = Math.pow(1000, perOp ? at - best : best - at);
        return new Scale(perOp ? TIMES.get(best) + "/op" : "ops/" + TIMES.get(best), factor);
    }

    /**
     * A score, its error or a count per operation as JMH writes them, made readable: three decimals, in groups of
     * three from ten thousand ({@code 12,345.678}), and four significant digits below 0.001 (where three
     * decimals read {@code 0.000}).
     */
    public static String score(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        double abs = Math.abs(v);
        if (abs != 0 && abs < 1e-3) {
            return significant(v);
        }
        return String.format(Locale.ROOT, abs >= 1e4 ? "%,.3f" : "%.3f", v);
    }

    /** A number for a chart tick or tooltip: up to 4 decimals by magnitude, no exponent, no trailing zeros. */
    public static String label(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        double a = Math.abs(v);
        int decimals = a >= 1000 || a == 0 ? 0 : a >= 10 ? 1 : a >= 0.1 ? 2 : 4;
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A duration in whole seconds, minutes from 60 s: {@code 45s}, {@code 2m 05s}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "-∞";
    }
}
