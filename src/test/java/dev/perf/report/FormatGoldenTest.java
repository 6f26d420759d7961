package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.Columns;
import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.Projection;
import dev.perf.result.ResultFiles;
import dev.perf.result.ResultReader;
import dev.perf.result.RunResult;
import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output format of every subject (a run, a comparison, a history) against a golden file, so that
 * moving the writers cannot change a byte unnoticed. Update with {@code -Dperf.updateGolden=true}.
 */
class FormatGoldenTest {
    private static final Path BENCHSTAT = Path.of("src/test/resources/benchstat");

    @TempDir
    Path dir;

    private static Comparison benchstatComparison() {
        return Comparer.compare(
                ResultReader.read(BENCHSTAT.resolve("old.txt")),
                ResultReader.read(BENCHSTAT.resolve("new.txt")),
                CompareOptions.DEFAULTS);
    }

    private static void golden(String name, String actual) throws IOException {
        String normalized = actual.replace(BENCHSTAT.toString(), "testdata");
        assertThat(normalized).isEqualTo(Golden.of(name, normalized));
    }

    @Test
    void run_inEveryFormat() throws IOException {
        RunResult demo = SampleResults.demo();
        golden("run.txt", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.text));
        golden("run.md", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.md));
        golden("run.json", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.json));
        golden("run.html", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.html));
    }

    @Test
    void comparison_inEveryFormat() throws IOException {
        Comparison c = benchstatComparison();
        golden("compare.txt", Reports.write(Subject.comparison(c), ReportFormat.text));
        golden("compare.md", Reports.write(Subject.comparison(c), ReportFormat.md));
        golden("compare.json", Reports.write(Subject.comparison(c), ReportFormat.json));
        golden("compare.junit.xml", Reports.write(Subject.comparison(c), ReportFormat.junit));
        RunResult current = SampleResults.demo();
        golden("compare.html", Reports.write(Subject.comparison(c, current), ReportFormat.html));
    }

    @Test
    void regression_inTheCiFormats() throws IOException {
        Path compare = Path.of("src/test/resources/compare");
        Comparison c = Comparer.compare(
                ResultReader.read(compare.resolve("hyperfine.json")),
                ResultReader.read(compare.resolve("hyperfine-slower.json")),
                CompareOptions.DEFAULTS);
        golden("regressed.txt", Reports.write(Subject.comparison(c), ReportFormat.text));
        golden("regressed.md", Reports.write(Subject.comparison(c), ReportFormat.md));
        golden("regressed.junit.xml", Reports.write(Subject.comparison(c), ReportFormat.junit));
        golden(
                "regressed-warn-fails.junit.xml",
                Reports.write(Subject.comparison(c), ReportFormat.junit, new ReportOptions(false, true)));
        golden("regressed.github.txt", Reports.write(Subject.comparison(c), ReportFormat.github));
    }

    @Test
    void runSlos_inTheCiFormats() throws IOException {
        RunResult demo = SampleResults.demo();
        golden("run.junit.xml", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.junit));
        golden("run.github.txt", Reports.write(Subject.run(demo, "demo.json"), ReportFormat.github));
    }

    @Test
    void history_inEveryFormat() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            RunResult r = HistoryTest.nightly(i, i < 6 ? 100 : 130, random);
            ResultFiles.write(dir.resolve(String.format("run-%02d.json", i)), r);
        }
        History h = History.read(dir);
        for (ReportFormat f : List.of(ReportFormat.md, ReportFormat.json, ReportFormat.html)) {
            golden(
                    "history." + f.extension(),
                    Reports.write(Subject.history(h), f).replace(dir.toString(), "DIR"));
        }
    }

    @Test
    void severalRuns_inMarkdownJsonAndHtml() throws IOException {
        List<RunResult> runs = new ArrayList<>(List.of(SampleResults.demo(), SampleResults.demo()));
        List<String> labels = List.of("a.json", "b.json");
        for (ReportFormat f : List.of(ReportFormat.md, ReportFormat.json, ReportFormat.html)) {
            golden("runs." + f.extension(), Reports.write(Subject.runs(runs, labels), f));
        }
    }

    @Test
    void threeInputs_benchstatNWay_inEveryFormat() throws IOException {
        Path compare = Path.of("src/test/resources/compare");
        ComparisonTable t = Columns.compare(
                List.of(
                        ResultReader.read(BENCHSTAT.resolve("old.txt")),
                        ResultReader.read(BENCHSTAT.resolve("new.txt")),
                        ResultReader.read(compare.resolve("newer.txt"))),
                Projection.INPUT,
                List.of(),
                CompareOptions.DEFAULTS);
        for (ReportFormat f : ReportFormat.values()) {
            String name = "compare3." + (f == ReportFormat.github ? "github." : f == ReportFormat.junit ? "junit." : "")
                    + f.extension();
            golden(name, Reports.write(Subject.table(t), f).replace(compare.toString(), "testdata"));
        }
    }

    @Test
    void oneInput_byParameter_inTextAndMarkdown() throws IOException {
        ComparisonTable t = Columns.compare(
                List.of(ResultReader.read(Path.of("src/test/resources/compare/params.json"))),
                new Projection(Projection.Kind.PARAM, "size"),
                List.of(),
                CompareOptions.DEFAULTS);
        golden("compare-by-size.txt", Reports.write(Subject.table(t), ReportFormat.text));
        golden("compare-by-size.md", Reports.write(Subject.table(t), ReportFormat.md));
    }
}
