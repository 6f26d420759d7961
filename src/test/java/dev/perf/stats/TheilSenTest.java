package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Theil–Sen slope, Sen's interval and the intercept against SciPy's theilslopes on seeded series. */
class TheilSenTest {
    private static double[] numbers(String line) {
        return Arrays.stream(line.substring(line.indexOf('=') + 1).split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    @Test
    void matchesScipy_withOutliersTiesAndAFlatSeries() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/trends/theilsen-scipy.txt")).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(lines).hasSize(12);
        for (int i = 0; i < lines.size(); i += 3) {
            double[] x = numbers(lines.get(i));
            double[] y = numbers(lines.get(i + 1));
            double[] expected = numbers(lines.get(i + 2));
            TheilSen.Fit fit = TheilSen.fit(x, y, 0.95);
            double scale = Math.max(1, Math.abs(expected[0]));
            assertThat(fit.slope()).as("slope %d", i / 3).isCloseTo(expected[0], within(1e-9 * scale));
            assertThat(fit.lower()).as("lower %d", i / 3).isCloseTo(expected[1], within(1e-9 * scale));
            assertThat(fit.upper()).as("upper %d", i / 3).isCloseTo(expected[2], within(1e-9 * scale));
            assertThat(fit.intercept())
                    .as("intercept %d", i / 3)
                    .isCloseTo(expected[3], within(1e-9 * Math.max(1, Math.abs(expected[3]))));
        }
    }

    @Test
    void tooFewPoints_areRefused() {
        assertThatThrownBy(() -> TheilSen.fit(new double[] {1, 2}, new double[] {1, 2}, 0.95))
                .hasMessageContaining("at least 3 points");
    }
}
