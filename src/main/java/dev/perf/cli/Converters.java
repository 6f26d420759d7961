package dev.perf.cli;

import dev.perf.result.PerfException;
import dev.perf.suite.Quantity;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the quantities users type ({@code 5s}, {@code 1000/s}, {@code 64KiB}). They
 * delegate to {@link Quantity}, the one parser perf.yaml uses too; picocli's own {@code Duration} converter
 * accepts only ISO-8601 ({@code PT5S}).
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

    /** {@code 1000/s}: operations per second. */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return Quantity.ratePerSec(value);
            } catch (PerfException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 64KiB}: bytes. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantity.bytes(value);
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
}
