import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the unit-test coverage figure from JaCoCo's CSV report into the build log: lines and branches of
 * the whole code and of each package. Run by the build ({@code java scripts/build/CoverageFigure.java CSV}).
 */
public final class CoverageFigure {
    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "target/site/jacoco/jacoco.csv");
        if (!Files.isRegularFile(csv)) {
            System.out.println("coverage: no JaCoCo report at " + csv);
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int pkg = header.indexOf("PACKAGE");
        int lm = header.indexOf("LINE_MISSED");
        int lc = header.indexOf("LINE_COVERED");
        int bm = header.indexOf("BRANCH_MISSED");
        int bc = header.indexOf("BRANCH_COVERED");
        long[] total = new long[4];
        Map<String, long[]> byPackage = new TreeMap<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split(",", -1);
            long[] p = byPackage.computeIfAbsent(f[pkg], k -> new long[4]);
            int[] cols = {lm, lc, bm, bc};
            for (int i = 0; i < 4; i++) {
                long v = Long.parseLong(f[cols[i]]);
                p[i] += v;
                total[i] += v;
            }
        }
        System.out.println("coverage (unit tests): " + figure(total));
        byPackage.forEach((name, p) -> System.out.println("  " + name + ": " + figure(p)));
    }

    private static String figure(long[] c) {
        return String.format(
                Locale.ROOT,
                "lines %.1f%% (%d of %d), branches %.1f%% (%d of %d)",
                100.0 * c[1] / Math.max(1, c[0] + c[1]),
                c[1],
                c[0] + c[1],
                100.0 * c[3] / Math.max(1, c[2] + c[3]),
                c[3],
                c[2] + c[3]);
    }
}
