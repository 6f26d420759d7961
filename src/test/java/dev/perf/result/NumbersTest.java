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
}
