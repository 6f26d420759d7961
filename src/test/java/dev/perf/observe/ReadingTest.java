package dev.perf.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.perf.suite.ObserveSpec;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadingTest {
    private static ObserveSpec.Series metric(String m, Double q) {
        return new ObserveSpec.Series(m, q, null, null, "lower");
    }

    @Test
    void aCounterBecomesARateAGaugeItsValueAndLabelsSelect() {
        PromText.Page a = PromText.parse("# TYPE hits_total counter\nhits_total{r=\"a\"} 10\nhits_total{r=\"b\"} 5\n"
                + "# TYPE temp gauge\ntemp 3.5 1700000000000\nhits_total{r=\"c\",x=\"1\"} 1 # {trace_id=\"ab\"} 1\n");
        PromText.Page b = PromText.parse(
                "hits_total{r=\"a\"} 30\nhits_total{r=\"b\"} 5\ntemp 4\n" + "hits_total{r=\"c\",x=\"1\"} 2\n");
        ObserveSpec.Series all = metric("hits_total", null);
        assertThat(Reading.between(Reading.of(a, all), Reading.of(b, all), 1, null))
                .isEqualTo(21);
        ObserveSpec.Series onlyA = metric("hits_total{r=\"a\"}", null);
        assertThat(Reading.between(Reading.of(a, onlyA), Reading.of(b, onlyA), 2, null))
                .isEqualTo(10);
        assertThat(Reading.between(Reading.of(a, metric("temp", null)), Reading.of(b, metric("temp", null)), 1, null))
                .isEqualTo(4);
        // a counter that went down was reset: the new value is the increase
        assertThat(Reading.between(Reading.of(b, onlyA), Reading.of(a, onlyA), 1, null))
                .isEqualTo(10);
        assertThat(Reading.of(a, metric("absent", null))).isNull();
    }

    @Test
    void aHistogramsQuantileIsTheOneOfTheObservationsInBetween_asPrometheusInterpolates() {
        Random random = new Random(7);
        double[] bounds = {0.01, 0.05, 0.1, 0.5, 1};
        for (int round = 0; round < 200; round++) {
            TreeMap<Double, Double> before = new TreeMap<>();
            TreeMap<Double, Double> after = new TreeMap<>();
            double cumBefore = 0;
            double cumAfter = 0;
            double[] perBucket = new double[bounds.length];
            for (int i = 0; i < bounds.length; i++) {
                cumBefore += random.nextInt(50);
                perBucket[i] = random.nextInt(20) + (i == 0 ? 1 : 0);
                cumAfter += perBucket[i];
                before.put(bounds[i], cumBefore);
                after.put(bounds[i], cumBefore + cumAfter);
            }
            before.put(Double.POSITIVE_INFINITY, cumBefore);
            after.put(Double.POSITIVE_INFINITY, cumBefore + cumAfter);
            double q = random.nextDouble();
            // the known truth: walk the in-between counts to the rank, interpolate in that bucket
            double rank = q * cumAfter;
            double seen = 0;
            double lower = 0;
            double expected = Double.NaN;
            for (int i = 0; i < bounds.length; i++) {
                if (seen + perBucket[i] >= rank) {
                    expected =
                            perBucket[i] == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - seen) / perBucket[i];
                    break;
                }
                seen += perBucket[i];
                lower = bounds[i];
            }
            assertThat(Reading.quantile(before, after, q)).isCloseTo(expected, offset(1e-12));
        }
    }

    @Test
    void aLineThatIsNoSampleIsNamed() {
        assertThatThrownBy(() -> PromText.parse("ok 1\nbroken{a=\"x} 2\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PromText.parse("x notanumber\n")).hasMessageContaining("line 1");
    }
}
