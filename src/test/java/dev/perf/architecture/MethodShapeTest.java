package dev.perf.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main sources at their seams, not at a line count: no method over {@link #LIMIT} lines (a
 * method that long holds two steps; the methods that were longer when the limit came in are listed in {@code
 * architecture/long-methods.txt} with the length they may not exceed, and the list only shrinks), and a size
 * report per package in the test's output and {@code target/package-sizes.txt}, so that a room that grows is
 * seen growing.
 */
class MethodShapeTest {
    static final int LIMIT = 60;
    private static final Path MAIN = Path.of("src/main/java/dev/perf");

    /** One method with a body: its file (relative to {@code dev/perf}), name, first line and length. */
    record Method(String file, String name, long line, long lines) {
        String key() {
            return file + "#" + name;
        }
    }

    private static List<Method> methods;

    @BeforeAll
    static void parseMain() throws IOException {
        methods = parse(MAIN);
    }

    /** Every method and constructor with a body under {@code dir}, parsed by javac (nothing compiled). */
    static List<Method> parse(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        JavacTask task = (JavacTask)
                javac.getTask(null, fm, null, List.of("-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Method> out = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            LineMap lines = unit.getLineMap();
            String file = dir.toAbsolutePath()
                    .relativize(Path.of(unit.getSourceFile().toUri()))
                    .toString();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethod(MethodTree m, Void unused) {
                    if (m.getBody() != null) {
                        long first = lines.getLineNumber(positions.getStartPosition(unit, m));
                        long last = lines.getLineNumber(positions.getEndPosition(unit, m));
                        out.add(new Method(file, m.getName().toString(), first, last - first + 1));
                    }
                    return super.visitMethod(m, unused);
                }
            }.scan(unit, null);
        }
        return out;
    }

    private static Map<String, Long> listed() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/architecture/long-methods.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.trim().split(" ", -1);
                out.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return out;
    }

    @Test
    void theParserSeesEveryMethod() throws IOException {
        assertThat(methods).hasSizeGreaterThan(1000);
        assertThat(methods)
                .anySatisfy(m -> assertThat(m.key()).isEqualTo("load/LoadEngine.java#runAll"))
                .allSatisfy(m -> assertThat(m.lines()).isPositive());
    }

    @Test
    void noMethodIsOverTheLimit_butThoseListedWhenItCameIn_andNoneOfThemGrows() throws IOException {
        Map<String, Long> listed = listed();
        for (Method m : methods) {
            if (m.lines() > LIMIT) {
                assertThat(listed)
                        .as(
                                "%s:%d %s is %d lines, over %d: split it at a seam",
                                m.file(), m.line(), m.name(), m.lines(), LIMIT)
                        .containsKey(m.key());
                assertThat(m.lines())
                        .as("%s:%d %s grew past its listed length", m.file(), m.line(), m.name())
                        .isLessThanOrEqualTo(listed.get(m.key()));
            }
        }
    }

    @Test
    void theListOnlyShrinks() throws IOException {
        for (String key : listed().keySet()) {
            assertThat(methods)
                    .as(
                            "%s is listed in long-methods.txt but is now at most %d lines (or gone): remove its line",
                            key, LIMIT)
                    .anySatisfy(m -> {
                        assertThat(m.key()).isEqualTo(key);
                        assertThat(m.lines()).isGreaterThan(LIMIT);
                    });
        }
    }

    /** Files, lines and the longest method per package, printed and written to {@code target/package-sizes.txt}. */
    @Test
    void reportsThePackagesSizes() throws IOException {
        Map<String, long[]> byPackage = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(p.getParent()).toString().replace('/', '.');
                long[] sum = byPackage.computeIfAbsent(pkg.isEmpty() ? "(root)" : pkg, k -> new long[3]);
                sum[0]++;
                sum[1] += Files.readAllLines(p).size();
            }
        }
        for (Method m : methods) {
            String pkg = m.file().contains("/") ? m.file().substring(0, m.file().lastIndexOf('/')) : "(root)";
            long[] sum = byPackage.get(pkg.replace('/', '.'));
            sum[2] = Math.max(sum[2], m.lines());
        }
        StringBuilder report = new StringBuilder("perf's packages (files, lines, longest method):\n");
        byPackage.forEach((pkg, s) -> report.append(String.format("  %-16s %4d %6d %4d%n", pkg, s[0], s[1], s[2])));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/package-sizes.txt"), report);
        assertThat(byPackage).containsKeys("load", "load.schedule", "load.drive", "load.record", "load.http");
    }
}
