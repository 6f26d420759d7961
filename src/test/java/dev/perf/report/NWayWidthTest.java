package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.Columns;
import dev.perf.compare.CompareOptions;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.Projection;
import dev.perf.result.Loaded;
import dev.perf.result.ResultReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The N-way text table fits a 120-column terminal whatever the number of inputs (#34 saw ~230 columns): the
 * inputs' column groups go on in blocks below, each repeating the benchmark, metric and base columns, and a
 * {@code ±∞} cell gets its footnote. Generated tables of 2–9 inputs with names of every length.
 */
class NWayWidthTest {
    private static Loaded input(Random random, String label, List<String> names, double shift) {
        StringBuilder sb = new StringBuilder("goos: linux\ngoarch: amd64\n");
        for (String name : names) {
            for (int i = 0; i < 4 + random.nextInt(8); i++) {
                sb.append("Benchmark")
                        .append(name)
                        .append("-8 \t 1000\t ")
                        .append(Math.round(1000 * shift * (1 + 0.02 * random.nextGaussian())))
                        .append(" ns/op\n");
            }
        }
        return ResultReader.parse(sb.toString().getBytes(StandardCharsets.UTF_8), label);
    }

    private static String word(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @Test
    void everyTableLineFits120Columns_andEveryInputIsShown() {
        Random random = new Random(120);
        for (int round = 0; round < 60; round++) {
            List<String> names = new ArrayList<>();
            for (int b = 0; b < 1 + random.nextInt(3); b++) {
                names.add(word(random, 3 + random.nextInt(30)));
            }
            List<Loaded> inputs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            int n = 2 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                String label = word(random, 3 + random.nextInt(28)) + k + ".txt";
                labels.add(label);
                inputs.add(input(random, label, names, 1 + 0.1 * random.nextInt(5)));
            }
            ComparisonTable t = Columns.compare(inputs, Projection.INPUT, List.of(), CompareOptions.DEFAULTS);
            String text = Reports.write(Subject.table(t), ReportFormat.text);
            List<String> table = text.lines()
                    .skip(1)
                    .takeWhile(l -> labels.stream().skip(1).noneMatch(x -> l.startsWith(x + ": ")))
                    .toList();
            // a block may pass 120 only when it holds one input's group: the benchmark, metric and base columns and
            // that group (its verdict at its widest) are the least a block can hold
            int limit = TextTable.WIDTH;
            for (String line : table) {
                if (line.startsWith("Benchmark ")) {
                    limit = Math.max(TextTable.WIDTH, line.indexOf("verdict") + "inconclusive".length());
                }
                assertThat(line.length())
                        .as("round %d, %d inputs: %s", round, n, line)
                        .isLessThanOrEqualTo(limit);
            }
            for (String label : labels) {
                assertThat(table).as("round %d", round).anyMatch(l -> l.contains(label));
            }
            boolean infinite = table.stream().anyMatch(l -> l.contains("±∞ "));
            assertThat(text.contains(TextTable.INFINITE_SPREAD)).isEqualTo(infinite || text.contains(" ±∞\n"));
        }
    }
}
