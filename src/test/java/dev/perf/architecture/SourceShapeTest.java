package dev.perf.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main sources: a command does flags → request → one call in under ~90 lines, and perf's own
 * classes are imported rather than named inline. Methods are held to their length by {@link MethodShapeTest}.
 */
class SourceShapeTest {
    private static final Path MAIN = Path.of("src/main/java/dev/perf");
    private static final Pattern INLINE_PERF_NAME = Pattern.compile("(?<![\\w.\"])dev\\.perf\\.[a-z]+\\.[A-Z]");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static long lines(Path p) throws IOException {
        return Files.readAllLines(p).size();
    }

    @Test
    void commandsAreThin() throws IOException {
        for (Path p : sources()) {
            if (p.getFileName().toString().endsWith("Command.java")) {
                assertThat(lines(p)).as(p.toString()).isLessThanOrEqualTo(90);
            }
        }
    }

    @Test
    void perfClassesAreImportedNotNamedInline() throws IOException {
        for (Path p : sources()) {
            for (String line : Files.readAllLines(p)) {
                String code = line.strip().replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                if (code.startsWith("import ")
                        || code.startsWith("*")
                        || code.startsWith("/*")
                        || code.startsWith("//")) {
                    continue;
                }
                assertThat(INLINE_PERF_NAME.matcher(code).find())
                        .as(p + ": " + code)
                        .isFalse();
            }
        }
    }
}
