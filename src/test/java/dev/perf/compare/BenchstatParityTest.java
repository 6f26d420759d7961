package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.Comparison.Row;
import dev.perf.result.GoBenchText;
import dev.perf.result.Loaded;
import dev.perf.result.Numbers;
import dev.perf.result.ResultReader;
import dev.perf.stats.MultipleTesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with Go's benchstat on its own golden cases (src/test/resources/benchstat, BSD-3-Clause, see its README and LICENSE): every
 * row's centres, CI half-widths, delta (or ~), p-value and n, every geomean and every warning footnote.
 * The expected values are parsed from benchstat's output files, so nothing here is retyped by hand.
 */
class BenchstatParityTest {
    private static final Path DATA = Path.of("src/test/resources/benchstat");
    private static final CompareOptions RAW_P = CompareOptions.DEFAULTS.withDecision(0.05, MultipleTesting.Method.NONE);

    /** One expected row of a benchstat table. */
    private record Expected(
            String name,
            String base,
            String baseCi,
            String current,
            String currentCi,
            String delta,
            String p,
            String n) {}

    private static Comparison compareNoteColumns(String file) throws IOException {
        String text = Files.readString(DATA.resolve(file), StandardCharsets.UTF_8);
        GoBenchText.Parsed parsed = GoBenchText.parse(text);
        Map<String, List<GoBenchText.Line>> byNote = new LinkedHashMap<>();
        for (GoBenchText.Line r : parsed.records()) {
            byNote.computeIfAbsent(r.config().getOrDefault("note", ""), k -> new ArrayList<>())
                    .add(r);
        }
        Loaded before = loaded("before", byNote.get("before"), parsed);
        Loaded after = loaded("after", byNote.get("after"), parsed);
        return Comparer.compare(before, after, RAW_P);
    }

    private static Loaded loaded(String label, List<GoBenchText.Line> records, GoBenchText.Parsed parsed) {
        return new Loaded(
                label,
                "go",
                GoBenchText.toBenchmarks(records, parsed.higherIsBetter()),
                null,
                null,
                parsed.exactUnits(),
                null,
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csvOldNew", "issue19634", "smallSample", "units", "zero", "issue19565"})
    void everyRowGeomeanAndWarningMatchesBenchstat(String name) throws IOException {
        assertThat(DATA)
                .as("benchstat test data (src/test/resources/benchstat)")
                .isDirectory();
        Comparison ours = name.equals("csvOldNew")
                ? Comparer.compare(
                        ResultReader.read(DATA.resolve("old.txt")), ResultReader.read(DATA.resolve("new.txt")), RAW_P)
                : compareNoteColumns(name + ".txt");
        String expected = Files.readString(DATA.resolve(name + ".stdout"), StandardCharsets.UTF_8);
        Map<String, List<Expected>> expectedByUnit = name.equals("csvOldNew") ? csvRows(expected) : tableRows(expected);
        Map<String, String> expectedGeomeans =
                name.equals("csvOldNew") ? csvGeomeans(expected) : tableGeomeans(expected);
        int checked = 0;
        int geomeans = 0;
        for (Map.Entry<String, List<Expected>> unit : expectedByUnit.entrySet()) {
            for (Expected e : unit.getValue()) {
                Row r = ours.rows().stream()
                        .filter(x -> x.benchmark().equals(e.name()) && sameUnit(x.unit(), unit.getKey()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no row for " + e.name() + " in " + unit.getKey()));
                String context = name + " " + e.name() + " " + unit.getKey();
                if (e.base() != null) {
                    assertThat(r.base()).as(context).isNotNull();
                    assertClose(r.base().median() * scale(unit.getKey()), e.base(), context + " base");
                    assertThat(ciPercent(r.base())).as(context + " base CI").isEqualTo(e.baseCi());
                } else {
                    assertThat(r.verdict()).as(context).isEqualTo(Verdict.NEW);
                }
                if (e.current() != null) {
                    assertThat(r.current()).as(context).isNotNull();
                    assertClose(r.current().median() * scale(unit.getKey()), e.current(), context + " current");
                    assertThat(ciPercent(r.current()))
                            .as(context + " current CI")
                            .isEqualTo(e.currentCi());
                } else {
                    assertThat(r.verdict()).as(context).isEqualTo(Verdict.MISSING);
                }
                if (e.delta() != null) {
                    String delta = !Double.isNaN(r.p()) && r.p() > 0.05 ? "~" : Numbers.change(r.change());
                    assertThat(delta).as(context + " delta").isEqualTo(e.delta());
                    assertThat(e.p() == null ? null : String.format(Locale.ROOT, "%.3f", r.p()))
                            .as(context + " p")
                            .isEqualTo(e.p());
                    String n = r.base().n() == r.current().n()
                            ? "" + r.base().n()
                            : r.base().n() + "+" + r.current().n();
                    assertThat(n).as(context + " n").isEqualTo(e.n());
                }
                checked++;
            }
            String geo = expectedGeomeans.get(unit.getKey());
            if (geo != null) {
                List<Row> rows = ours.rows().stream()
                        .filter(x -> sameUnit(x.unit(), unit.getKey()))
                        .toList();
                Comparison.Geomean g = Comparer.geomean(rows, 0.95);
                String ourGeo =
                        Double.isNaN(g.change()) ? "?" : String.format(Locale.ROOT, "%+.2f%%", g.change() * 100);
                assertThat(ourGeo).as(name + " geomean " + unit.getKey()).isEqualTo(geo);
                geomeans++;
            }
        }
        // every row and geomean of benchstat's output was found and checked
        Map<String, int[]> counts = Map.of(
                "csvOldNew", new int[] {2, 1},
                "issue19634", new int[] {1, 0},
                "smallSample", new int[] {1, 0},
                "units", new int[] {2, 1},
                "zero", new int[] {10, 5},
                "issue19565", new int[] {3, 1});
        assertThat(new int[] {checked, geomeans})
                .as(name + " rows and geomeans checked")
                .containsExactly(counts.get(name));
        assertThat(ourWarnings(ours)).as(name + " warnings").isEqualTo(footnotes(expected));
    }

    // ---- our side ----

    private static String ciPercent(Comparison.Side side) {
        if (Double.isInfinite(side.medianLower()) || Double.isInfinite(side.medianUpper())) {
            return "∞";
        }
        if (side.median() == 0) {
            return "0%";
        }
        double pct = Math.max(side.medianUpper() / side.median() - 1, 1 - side.medianLower() / side.median());
        return String.format(Locale.ROOT, "%.0f%%", 100 * pct);
    }

    /** Our notes in benchstat's words. */
    private static Set<String> ourWarnings(Comparison c) {
        Set<String> out = new TreeSet<>();
        boolean setsDiffer = false;
        for (Row r : c.rows()) {
            setsDiffer |= r.verdict() == Verdict.MISSING || r.verdict() == Verdict.NEW;
            for (String note : r.notes()) {
                out.add(note.replaceAll(
                                "need >= (\\d+) samples for a confidence interval of the median at 95%",
                                "need >= $1 samples for confidence interval at level 0.95")
                        .replaceAll(
                                "need >= (\\d+) samples per side to detect a difference at α=(\\S+)",
                                "need >= $1 samples to detect a difference at alpha level $2")
                        .replaceAll("but (base|current) values range", "but values range"));
            }
        }
        Map<String, List<Row>> byUnit = new LinkedHashMap<>();
        c.rows().forEach(r -> byUnit.computeIfAbsent(r.unit(), k -> new ArrayList<>())
                .add(r));
        for (List<Row> rows : byUnit.values()) {
            if (rows.size() > 1) {
                Comparison.Geomean g = Comparer.geomean(rows, 0.95);
                if (g.note() != null) {
                    out.add(g.note()
                            .replace(
                                    "medians must be > 0 to compute a geomean",
                                    "summaries must be >0 to compute geomean"));
                }
            }
        }
        if (setsDiffer) {
            out.add("benchmark set differs from baseline; geomeans may not be comparable");
        }
        return out;
    }

    // ---- benchstat's side ----

    private static final Pattern FOOTNOTE = Pattern.compile("^[¹²³⁴⁵] (.*)$");
    private static final Pattern UNIT_HEADER = Pattern.compile("^\\s*│\\s*(\\S+)\\s*│\\s*(\\S+)\\s+vs base\\s*│\\s*$");
    private static final Pattern TWO_SIDED = Pattern.compile(
            "^(\\S+)\\s+(\\S+) ± (\\S+)(?: [¹²³⁴⁵])?\\s+(\\S+) ± (\\S+)(?: [¹²³⁴⁵])?\\s+(~|\\?|[+-]?\\d+\\.\\d+%)"
                    + " \\((?:p=(\\d\\.\\d+) )?n=(\\d+(?:\\+\\d+)?)\\)(?: [¹²³⁴⁵])?\\s*$");
    private static final Pattern ONE_SIDED = Pattern.compile("^(\\S+)(\\s+)(\\S+) ± (\\S+)(?: [¹²³⁴⁵])?\\s*$");

    private static Set<String> footnotes(String text) {
        Set<String> out = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher m = FOOTNOTE.matcher(line);
            if (m.matches()) {
                out.add(m.group(1).strip());
            }
        }
        return out;
    }

    private static Map<String, List<Expected>> tableRows(String text) {
        Map<String, List<Expected>> out = new LinkedHashMap<>();
        String unit = null;
        int afterColumn = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher h = UNIT_HEADER.matcher(line);
            if (h.matches()) {
                unit = h.group(1);
                String top = lines[i - 1];
                afterColumn = top.indexOf('│', top.indexOf('│') + 1);
                out.put(unit, new ArrayList<>());
                continue;
            }
            if (unit == null || line.startsWith("geomean") || line.isBlank()) {
                continue;
            }
            Matcher m = TWO_SIDED.matcher(line);
            if (m.matches()) {
                out.get(unit)
                        .add(new Expected(
                                m.group(1),
                                m.group(2),
                                m.group(3),
                                m.group(4),
                                m.group(5),
                                m.group(6),
                                m.group(7),
                                m.group(8)));
                continue;
            }
            Matcher one = ONE_SIDED.matcher(line);
            if (one.matches()) {
                boolean after = one.group(1).length() + one.group(2).length() > afterColumn;
                out.get(unit)
                        .add(
                                after
                                        ? new Expected(
                                                one.group(1), null, null, one.group(3), one.group(4), null, null, null)
                                        : new Expected(
                                                one.group(1),
                                                one.group(3),
                                                one.group(4),
                                                null,
                                                null,
                                                null,
                                                null,
                                                null));
            }
        }
        return out;
    }

    private static Map<String, String> tableGeomeans(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String unit = null;
        for (String line : text.split("\n")) {
            Matcher h = UNIT_HEADER.matcher(line);
            if (h.matches()) {
                unit = h.group(1);
            } else if (line.startsWith("geomean") && unit != null) {
                Matcher d = Pattern.compile("(\\?|[+-]\\d+\\.\\d+%)").matcher(line);
                String last = null;
                while (d.find()) {
                    last = d.group(1);
                }
                out.put(unit, last);
            }
        }
        return out;
    }

    private static Map<String, List<Expected>> csvRows(String text) {
        Map<String, List<Expected>> out = new LinkedHashMap<>();
        String unit = null;
        for (String line : text.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length == 7 && f[0].isEmpty() && f[2].equals("CI")) {
                unit = f[1];
                out.put(unit, new ArrayList<>());
            } else if (unit != null && f.length == 7 && !f[0].isEmpty() && !f[0].equals("geomean")) {
                Matcher pn = Pattern.compile("(?:p=(\\d\\.\\d+) )?n=(\\S+)").matcher(f[6]);
                assertThat(pn.find()).isTrue();
                out.get(unit).add(new Expected(f[0], f[1], f[2], f[3], f[4], f[5], pn.group(1), pn.group(2)));
            }
        }
        return out;
    }

    private static Map<String, String> csvGeomeans(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String unit = null;
        for (String line : text.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length == 7 && f[0].isEmpty() && f[2].equals("CI")) {
                unit = f[1];
            } else if (unit != null && f[0].equals("geomean")) {
                out.put(unit, f[5]);
            }
        }
        return out;
    }

    // ---- units and numbers ----

    private static boolean sameUnit(String ours, String benchstat) {
        return ours.equals(benchstat) || (ours.equals("ns/op") && benchstat.equals("sec/op"));
    }

    private static double scale(String benchstatUnit) {
        return benchstatUnit.equals("sec/op") ? 1e-9 : 1;
    }

    private static final Map<String, Double> SUFFIX = new LinkedHashMap<>();

    static {
        SUFFIX.put("Ki", 1024.0);
        SUFFIX.put("Mi", 1024.0 * 1024);
        SUFFIX.put("Gi", 1024.0 * 1024 * 1024);
        SUFFIX.put("Ti", Math.pow(1024, 4));
        SUFFIX.put("n", 1e-9);
        SUFFIX.put("µ", 1e-6);
        SUFFIX.put("m", 1e-3);
        SUFFIX.put("k", 1e3);
        SUFFIX.put("M", 1e6);
        SUFFIX.put("G", 1e9);
    }

    private static void assertClose(double ours, String shown, String context) {
        double expected = parse(shown);
        if (expected == 0) {
            assertThat(ours).as(context).isZero();
        } else {
            // benchstat shows 4 significant digits
            assertThat(Math.abs(ours / expected - 1))
                    .as(context + ": ours " + ours + " vs " + shown)
                    .isLessThan(6e-4);
        }
    }

    private static double parse(String shown) {
        for (Map.Entry<String, Double> s : SUFFIX.entrySet()) {
            if (shown.endsWith(s.getKey())) {
                return Double.parseDouble(
                                shown.substring(0, shown.length() - s.getKey().length()))
                        * s.getValue();
            }
        }
        return Double.parseDouble(shown);
    }
}
