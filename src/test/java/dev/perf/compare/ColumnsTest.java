package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.Loaded;
import dev.perf.result.PerfException;
import dev.perf.result.ResultReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** benchstat's N-way view: columns by input, benchmark or parameter, each against the first; --row; --filter. */
class ColumnsTest {
    private static final Loaded OLD = ResultReader.read(Path.of("src/test/resources/benchstat/old.txt"));
    private static final Loaded NEW = ResultReader.read(Path.of("src/test/resources/benchstat/new.txt"));
    private static final Loaded NEWER = ResultReader.read(Path.of("src/test/resources/compare/newer.txt"));
    private static final Loaded PARAMS = ResultReader.read(Path.of("src/test/resources/compare/params.json"));

    @Test
    void threeInputs_eachColumnIsTheTwoInputComparisonAgainstTheFirst() {
        ComparisonTable t =
                Columns.compare(List.of(OLD, NEW, NEWER), Projection.INPUT, List.of(), CompareOptions.DEFAULTS);

        assertThat(t.columns()).containsExactly(OLD.label(), NEW.label(), NEWER.label());
        assertThat(t.comparisons().get(0)).isEqualTo(Comparer.compare(OLD, NEW, CompareOptions.DEFAULTS));
        assertThat(t.comparisons().get(1)).isEqualTo(Comparer.compare(OLD, NEWER, CompareOptions.DEFAULTS));
        assertThat(t.lines())
                .extracting(ComparisonTable.Line::displayName)
                .containsExactly("Encode/format=json-48", "Encode/format=gob-48");
        ComparisonTable.Line json = t.lines().get(0);
        assertThat(json.cells()).extracting(Comparison.Row::verdict).containsExactly(Verdict.IMPROVED, Verdict.WARN);
        assertThat(json.base().median()).isEqualTo(1718.0);
        assertThat(t.count(Verdict.WARN)).isEqualTo(1);
        assertThat(t.count(Verdict.UNCHANGED)).isEqualTo(2);
    }

    @Test
    void colParam_oneResult_columnsAreTheParameterValuesAndTheParameterLeavesTheLine() {
        ComparisonTable t = Columns.compare(
                List.of(PARAMS), new Projection(Projection.Kind.PARAM, "size"), List.of(), CompareOptions.DEFAULTS);

        assertThat(t.columns()).containsExactly("size=10", "size=1000");
        assertThat(t.lines())
                .extracting(ComparisonTable.Line::displayName)
                .containsExactly("fixture.Codec.encode", "fixture.Codec.decode");
        Comparison.Row encode = t.lines().get(0).cells().get(0);
        assertThat(encode.change()).isGreaterThan(50); // size=1000 is ~93x size=10 in the fixture
        assertThat(encode.params()).isEmpty();
    }

    @Test
    void colParam_severalInputs_keepTheInputInTheLineSoNothingPools() {
        Loaded again = new Loaded("again.json", PARAMS.format(), PARAMS.benchmarks(), null, null, null, null, null);
        ComparisonTable t = Columns.compare(
                List.of(PARAMS, again),
                new Projection(Projection.Kind.PARAM, "size"),
                List.of(Projection.INPUT),
                CompareOptions.DEFAULTS);

        assertThat(t.lines()).hasSize(4);
        assertThat(t.lines())
                .extracting(l -> l.params().get("input"))
                .containsExactly(PARAMS.label(), PARAMS.label(), "again.json", "again.json");
        assertThat(t.lines().get(0).cells().get(0).base().n()).isEqualTo(4); // one input's forks, not both
    }

    @Test
    void colBenchmark_linesPairTheBenchmarksByParameters() {
        ComparisonTable t = Columns.compare(
                List.of(PARAMS), new Projection(Projection.Kind.BENCHMARK, null), List.of(), CompareOptions.DEFAULTS);

        assertThat(t.columns()).containsExactly("fixture.Codec.encode", "fixture.Codec.decode");
        assertThat(t.lines())
                .extracting(ComparisonTable.Line::params)
                .containsExactly(Map.of("size", "10"), Map.of("size", "1000"));
        assertThat(t.lines().get(0).cells().get(0).change()).isBetween(0.5, 0.7); // decode is 1.6x encode
    }

    @Test
    void row_leadsAndGroupsTheLinesStably() {
        ComparisonTable byMetricThenSize = Columns.compare(
                List.of(PARAMS),
                new Projection(Projection.Kind.BENCHMARK, null),
                List.of(new Projection(Projection.Kind.PARAM, "size")),
                CompareOptions.DEFAULTS);
        assertThat(byMetricThenSize.row()).containsExactly("param:size");

        ComparisonTable plain =
                Columns.compare(List.of(OLD, NEW, NEWER), Projection.INPUT, List.of(), CompareOptions.DEFAULTS);
        ComparisonTable byBenchmark = Columns.compare(
                List.of(OLD, NEW, NEWER),
                Projection.INPUT,
                Projection.parseList("metric,benchmark", "--row"),
                CompareOptions.DEFAULTS);
        assertThat(byBenchmark.lines()).isEqualTo(plain.lines()); // one metric, benchmarks in first-seen order
    }

    @Test
    void filter_comparesOnlyMatchingRows_andSaysWhenNothingMatches() {
        CompareOptions gob = CompareOptions.DEFAULTS.withFilter("gob");
        ComparisonTable t = Columns.compare(List.of(OLD, NEW, NEWER), Projection.INPUT, List.of(), gob);
        assertThat(t.lines()).extracting(ComparisonTable.Line::displayName).containsExactly("Encode/format=gob-48");
        assertThat(t.comparisons().get(1).geomean().count()).isEqualTo(1);

        CompareOptions size = CompareOptions.DEFAULTS.withFilter("^size=1000$");
        assertThat(Comparer.compare(PARAMS, PARAMS, size).rows()).hasSize(2); // a NAME=VALUE parameter matches

        CompareOptions none = CompareOptions.DEFAULTS.withFilter("xml");
        assertThatThrownBy(() -> Comparer.compare(OLD, NEW, none))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("--filter xml matches no row")
                .hasMessageContaining("Encode/format=json-48");
        assertThatThrownBy(() -> CompareOptions.DEFAULTS.withFilter("("))
                .hasMessageContaining("not a regular expression");
    }

    @Test
    void projectionsThatCannotWork_areUsageErrorsThatSayWhy() {
        assertThatThrownBy(() -> Projection.parse("colour", "--col"))
                .hasMessageContaining("input, benchmark, metric or param:NAME");
        assertThatThrownBy(() -> Projection.parseList("metric,metric", "--row")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> Columns.compare(
                        List.of(OLD, NEW),
                        new Projection(Projection.Kind.METRIC, null),
                        List.of(),
                        CompareOptions.DEFAULTS))
                .hasMessageContaining("metrics cannot be columns");
        assertThatThrownBy(() -> Columns.compare(
                        List.of(OLD, NEW), Projection.INPUT, List.of(Projection.INPUT), CompareOptions.DEFAULTS))
                .hasMessageContaining("--col already makes the columns");
        assertThatThrownBy(() -> Columns.compare(
                        List.of(OLD),
                        new Projection(Projection.Kind.PARAM, "size"),
                        List.of(),
                        CompareOptions.DEFAULTS))
                .hasMessageContaining("no benchmark has the parameter size");
        Loaded one = new Loaded("one.txt", "go", OLD.benchmarks().subList(0, 1), null, null, null, null, null);
        assertThatThrownBy(() -> Columns.compare(
                        List.of(one),
                        new Projection(Projection.Kind.BENCHMARK, null),
                        List.of(),
                        CompareOptions.DEFAULTS))
                .hasMessageContaining("gives 1 column (Encode/format=json-48)")
                .satisfies(e -> assertThat(((PerfException) e).kind()).isEqualTo(PerfException.Kind.USAGE));
    }

    @Test
    void theSameFileTwice_isTwoColumnsToldApart() {
        ComparisonTable t =
                Columns.compare(List.of(OLD, OLD, NEW), Projection.INPUT, List.of(), CompareOptions.DEFAULTS);
        assertThat(t.columns()).containsExactly(OLD.label(), OLD.label() + " #2", NEW.label());
        assertThat(t.comparisons().get(0).count(Verdict.UNCHANGED)).isEqualTo(2); // A/A
    }
}
