package dev.perf.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

class NumbersTest {
    @Test
    @ResourceLock("java.util.Locale")
    void everyFormUsesAPointWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.fixed(1234.56789, 3)).isEqualTo("1234.568");
            assertThat(Numbers.percent(0.1234)).isEqualTo("12.3%");
            assertThat(Numbers.change(0.1234)).isEqualTo("+12.34%");
            assertThat(Numbers.change(-0.5)).isEqualTo("-50.00%");
            assertThat(Numbers.changeBound(0.012)).isEqualTo("+1.2%");
            assertThat(Numbers.significant(1718.4)).isEqualTo("1718");
            assertThat(Numbers.significant(0.0012345)).isEqualTo("0.001235");
            assertThat(Numbers.significant(71_301_234.5)).isEqualTo("71,301,235");
            assertThat(Numbers.label(2.50)).isEqualTo("2.5");
            assertThat(Numbers.threeDigits(0.05)).isEqualTo("0.05");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void nonFiniteValuesAreWords() {
        assertThat(Numbers.fixed(Double.NaN, 3)).isEqualTo("NaN");
        assertThat(Numbers.fixed(Double.POSITIVE_INFINITY, 1)).isEqualTo("∞");
        assertThat(Numbers.change(Double.NaN)).isEqualTo("?");
        assertThat(Numbers.changeBound(Double.NEGATIVE_INFINITY)).isEqualTo("-∞");
        assertThat(Numbers.plain(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.threeDigits(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    @Test
    void plainAndDurations() {
        assertThat(Numbers.plain(0.05)).isEqualTo("0.05");
        assertThat(Numbers.plain(1000.0)).isEqualTo("1000");
        assertThat(Numbers.duration(45.4)).isEqualTo("45s");
        assertThat(Numbers.duration(125)).isEqualTo("2m 05s");
    }

    /** #34 saw scores as {@code 7.130e+07} and reasons carrying {@code 0.000130725129623322}. */
    @Test
    void significant_readsWithoutAnExponentFromANanoToAQuadrillion() {
        assertThat(Numbers.significant(7.13e7)).isEqualTo("71,300,000");
        assertThat(Numbers.significant(0.000130725129623322)).isEqualTo("0.0001307");
        assertThat(Numbers.significant(-0.5)).isEqualTo("-0.5000");
        assertThat(Numbers.significant(999_999.9)).isEqualTo("1000000"); // just under a million: whole units
        assertThat(Numbers.significant(1.5e-10)).isEqualTo("1.500e-10");
        assertThat(Numbers.significant(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    @Test
    void scale_bringsJmhTimeUnitsToAFewDigits_likeJmhsTimeUnitOption() {
        assertThat(Numbers.scale("ops/s", 7.13e7)).isEqualTo(new Numbers.Scale("ops/us", 1e-6));
        assertThat(Numbers.scale("ms/op", 0.000130725)).isEqualTo(new Numbers.Scale("ns/op", 1e6));
        assertThat(Numbers.scale("ns/op", 7.13e7)).isEqualTo(new Numbers.Scale("ms/op", 1e-6));
        // readable as it is: unchanged; not a time unit: never scaled; no unit beyond ns or s
        assertThat(Numbers.scale("ns/op", 1718)).isEqualTo(Numbers.Scale.of("ns/op"));
        assertThat(Numbers.scale("ops/s", 20_000)).isEqualTo(Numbers.Scale.of("ops/s"));
        assertThat(Numbers.scale("B/op", 0.00016)).isEqualTo(Numbers.Scale.of("B/op"));
        assertThat(Numbers.scale("ns/op", 0.0005)).isEqualTo(Numbers.Scale.of("ns/op"));
        assertThat(Numbers.scale("s/op", 5e6)).isEqualTo(Numbers.Scale.of("s/op"));
    }

    /** Over many values and every JMH unit: a scaled value is the same quantity, and reads in 1–1000 where it can. */
    @Test
    void scale_keepsTheQuantity_andReadsInAFewDigitsWhereAUnitAllows() {
        java.util.List<String> times = java.util.List.of("ns", "us", "ms", "s");
        java.util.Random random = new java.util.Random(34);
        for (int i = 0; i < 10_000; i++) {
            String t = times.get(random.nextInt(4));
            boolean perOp = random.nextBoolean();
            String unit = perOp ? t + "/op" : "ops/" + t;
            double v = Math.pow(10, -12 + 24 * random.nextDouble());
            Numbers.Scale s = Numbers.scale(unit, v);
            String shown = perOp
                    ? s.unit().substring(0, s.unit().indexOf('/'))
                    : s.unit().substring(4);
            double seconds = Math.pow(1000, times.indexOf(t) - 3);
            double shownSeconds = Math.pow(1000, times.indexOf(shown) - 3);
            // the same quantity: a time per op in seconds, or ops per second
            double before = perOp ? v * seconds : v / seconds;
            double after = perOp ? v * s.factor() * shownSeconds : v * s.factor() / shownSeconds;
            assertThat(after)
                    .as("%s %s", v, unit)
                    .isCloseTo(before, org.assertj.core.api.Assertions.within(1e-9 * before));
            double scaled = v * s.factor();
            boolean plain = v >= 1e-3 && v < 1e6;
            boolean edge = shown.equals(perOp ? "s" : "ns") && scaled >= 1000
                    || shown.equals(perOp ? "ns" : "s") && scaled < 1;
            if (!plain && !edge) {
                assertThat(scaled).as("%s %s → %s", v, unit, s).isBetween(1.0, 1000.0);
            }
        }
    }
}
