package dev.perf.result;

import java.math.BigDecimal;
import java.math.MathContext;
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

    /** Four significant digits as a reader compares them; an exponent below 0.001 and from a million. */
    public static String significant(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e6 || abs < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(abs)));
        return String.format(Locale.ROOT, "%." + digits + "f", v);
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
