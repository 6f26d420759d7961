package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void of_matchesHandComputedStatistics() {
        Summary s = Summary.of(new double[] {4, 1, 3, 2}, 0.95);
        assertThat(s.n()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.stddev()).isCloseTo(Math.sqrt(5.0 / 3), offset(1e-12));
        // t(0.975, 3) = 3.182446305284263
        double half = 3.182446305284263 * Math.sqrt(5.0 / 3) / 2;
        assertThat(s.ci().lower()).isCloseTo(2.5 - half, offset(1e-9));
        assertThat(s.ci().upper()).isCloseTo(2.5 + half, offset(1e-9));
    }

    @Test
    void of_reproducesJmhScoreErrorAtItsLevel() {
        // rawData and scoreError of src/test/resources/jmh-json/good.json, written by JMH 1.37
        double[] raw = {
            15.96757376828521,
            32.63201461122263,
            13.472213615122243,
            15.446505958412773,
            19.31571186853064,
            11.170425211826755
        };
        Summary s = Summary.of(raw, Summary.JMH_LEVEL);
        assertThat(s.mean()).isCloseTo(18.00074083890004, offset(1e-12));
        assertThat(s.ci().halfWidth()).isCloseTo(21.48899997800636, offset(1e-9));
    }

    @Test
    void of_oddCountMedianIsTheMiddleValue() {
        assertThat(Summary.of(new double[] {9, 1, 5}, 0.99).median()).isEqualTo(5);
    }

    @Test
    void of_singleValueHasNoSpreadAndNoInterval() {
        Summary s = Summary.of(new double[] {7}, 0.999);
        assertThat(s.mean()).isEqualTo(7);
        assertThat(s.stddev()).isNaN();
        assertThat(s.ci().lower()).isNaN();
    }

    @Test
    void of_emptyIsAllNaN() {
        Summary s = Summary.of(new double[0], 0.999);
        assertThat(s.n()).isZero();
        assertThat(s.mean()).isNaN();
        assertThat(s.median()).isNaN();
    }
}
