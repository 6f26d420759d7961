package dev.perf.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code docs/architecture.md} stays true: its table names every package, and every class it names exists. */
class ArchitectureDocTest {
    private static final Path MAIN = Path.of("src/main/java/dev/perf");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z.]+)` \\|", Pattern.MULTILINE);
    private static final Pattern CLASS_NAME = Pattern.compile("`((?:[a-z]+\\.)+)([A-Z]\\w*)");

    private static String doc() throws IOException {
        return Files.readString(Path.of("docs/architecture.md"));
    }

    private static Set<String> packages() throws IOException {
        try (Stream<Path> walk = Files.walk(MAIN)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> MAIN.relativize(p.getParent()).toString().replace('/', '.'))
                    .filter(p -> !p.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theTableNamesEveryPackageAndNoOther() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher m = TABLE_ROW.matcher(doc());
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named)
                .as("the packages in docs/architecture.md's table against src/main/java/dev/perf")
                .isEqualTo(packages());
    }

    @Test
    void everyQualifiedClassItNamesExists() throws IOException {
        Matcher m = CLASS_NAME.matcher(doc());
        int seen = 0;
        while (m.find()) {
            String pkg = m.group(1).substring(0, m.group(1).length() - 1);
            Path file = MAIN.resolve(pkg.replace('.', '/')).resolve(m.group(2) + ".java");
            assertThat(file)
                    .as("docs/architecture.md names %s.%s", pkg, m.group(2))
                    .exists();
            seen++;
        }
        assertThat(seen).isGreaterThan(10);
    }
}
