package dev.perf.cli;

import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import dev.perf.run.RunRequest;
import dev.perf.suite.Quantity;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for what users type: durations ({@code 5s}, through {@link Quantity}, the parser
 * perf.yaml uses too; picocli's own accepts only ISO-8601), regular expressions, {@code --shard I/N},
 * {@code --threshold NAME=WARN%/FAIL%} and probabilities. A bad value is a usage error naming the flag.
 */
final class Converters {
    private Converters() {}

    /** {@code 250ms}, {@code 5s}, {@code 2m}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Quantity.duration(value);
            } catch (PerfException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A Java regular expression, rejected at parse time when invalid. */
    static final class RegexConverter implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new TypeConversionException(
                        "invalid regex '" + value + "': " + e.getDescription() + " (use a Java regular expression)");
            }
        }
    }

    /** An RFC 3339 time with its offset, e.g. {@code 2026-05-01T12:00:00Z}. */
    static final class InstantConverter implements ITypeConverter<java.time.Instant> {
        @Override
        public java.time.Instant convert(String value) {
            try {
                return java.time.OffsetDateTime.parse(value.trim()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("invalid time '" + value
                        + "': use RFC 3339 with an offset, e.g. 2026-05-01T12:00:00Z or 2026-05-01T14:00:00+02:00");
            }
        }
    }

    /** {@code I/N}: shard I of N. */
    static final class ShardConverter implements ITypeConverter<RunRequest.Shard> {
        @Override
        public RunRequest.Shard convert(String value) {
            try {
                return RunRequest.Shard.parse(value, "shard");
            } catch (PerfException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code NAME=WARN%/FAIL%}: a threshold for a metric class (time, tail, memory) or one metric. */
    static final class ThresholdConverter implements ITypeConverter<Map.Entry<String, Thresholds.Limit>> {
        @Override
        public Map.Entry<String, Thresholds.Limit> convert(String value) {
            int eq = value.indexOf('=');
            int slash = value.indexOf('/', eq + 1);
            if (eq <= 0 || slash < 0) {
                throw new TypeConversionException(
                        "invalid threshold '" + value + "': use NAME=WARN%/FAIL%, e.g. time=5%/10%");
            }
            try {
                return Map.entry(
                        value.substring(0, eq).trim(),
                        new Thresholds.Limit(value.substring(eq + 1, slash), value.substring(slash + 1)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("invalid threshold '" + value + "': " + e.getMessage());
            }
        }
    }

    /** A probability strictly between 0 and 1, e.g. a significance level. */
    static final class ProbabilityConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double p;
            try {
                p = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!(p > 0 && p < 1)) {
                throw new TypeConversionException("must be between 0 and 1, was " + value);
            }
            return p;
        }
    }
}
