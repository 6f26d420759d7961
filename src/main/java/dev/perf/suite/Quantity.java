package dev.perf.suite;

import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the quantities users type in flags and suite files: durations ({@code 250ms}, {@code 5s},
 * {@code 2m}), rates ({@code 1000/s}) and sizes ({@code 64KiB}). One implementation serves the command line
 * and perf.yaml so both accept exactly the same forms. Pure and thread-safe.
 */
public final class Quantity {
    /** Shown to the user whenever a duration cannot be parsed. */
    public static final String DURATION_FORMS = "a number with a unit: 500ms, 5s, 1.5s, 2m, 1h (also ns, us)";
    /** Shown to the user whenever a rate cannot be parsed. */
    public static final String RATE_FORMS = "a number per time unit: 1000/s, 60/m, 3600/h";
    /** Shown to the user whenever a size cannot be parsed. */
    public static final String SIZE_FORMS = "a number of bytes with an optional unit: 512, 64KB, 64KiB, 16MB, 1GiB";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|sec|m|min|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib|k|m|g)?");

    private Quantity() {}

    /** Parses a duration such as {@code 250ms}; a usage failure listing the accepted forms otherwise. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw PerfException.usage("invalid duration '" + text + "': use " + DURATION_FORMS);
        }
        double value = Double.parseDouble(m.group(1));
        double nanosPerUnit =
                switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
        double nanos = value * nanosPerUnit;
        if (nanos > Long.MAX_VALUE) {
            throw PerfException.usage("invalid duration '" + text + "': too long");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Parses a rate such as {@code 1000/s} into operations per second. */
    public static double ratePerSec(String text) {
        Matcher m = RATE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw PerfException.usage("invalid rate '" + text + "': use " + RATE_FORMS);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "s", "sec" -> value;
            case "m", "min" -> value / 60;
            default -> value / 3600;
        };
    }

    /** Parses a size such as {@code 64KiB} into bytes (KB = 1000, KiB = 1024). */
    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw PerfException.usage("invalid size '" + text + "': use " + SIZE_FORMS);
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        double factor =
                switch (unit) {
                    case "b" -> 1;
                    case "kb" -> 1e3;
                    case "kib", "k" -> 1024;
                    case "mb" -> 1e6;
                    case "mib", "m" -> 1024.0 * 1024;
                    case "gb" -> 1e9;
                    default -> 1024.0 * 1024 * 1024;
                };
        return Math.round(value * factor);
    }

    /** Parses a percentage such as {@code 10%} (or a bare {@code 10}) into a fraction (0.10). */
    public static double percent(String text) {
        try {
            return Thresholds.percent(text);
        } catch (IllegalArgumentException e) {
            throw PerfException.usage(e.getMessage());
        }
    }

    /** Parses a growth such as {@code 50MB/h} (a size per hour) into bytes per hour. */
    public static double bytesPerHour(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.toLowerCase(Locale.ROOT).endsWith("/h")) {
            throw PerfException.usage("invalid growth '" + text + "': a size per hour, e.g. 50MB/h");
        }
        return bytes(t.substring(0, t.length() - 2));
    }

    /** Parses a drift such as {@code 10%/h} into a fraction per hour (0.10). */
    public static double percentPerHour(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.toLowerCase(Locale.ROOT).endsWith("/h")) {
            throw PerfException.usage("invalid drift '" + text + "': a percentage per hour, e.g. 10%/h");
        }
        return percent(t.substring(0, t.length() - 2));
    }

    /** Formats a duration the way users type it: {@code 1s}, {@code 200ms}, {@code 1.5s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 3_600_000_000_000L == 0 && nanos > 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0 && nanos > 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}
