package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.perf.suite.SuiteLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's suite entries ({@code - load:} and {@code - jmh:} blocks) are what perf accepts: each is parsed
 * as the one entry of a suite, so that an example cannot drift from the loader's keys and rules.
 */
class ReadmeExamplesTest {
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static List<String> entries() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = YAML.matcher(readme);
        while (m.find()) {
            String block = m.group(1);
            if (block.startsWith("- load:") || block.startsWith("- jmh:")) {
                out.add(block);
            }
        }
        return out;
    }

    @Test
    void everySuiteEntryInTheReadme_loads() throws IOException {
        List<String> entries = entries();
        assertThat(entries).anyMatch(e -> e.contains("scenario:"));
        for (String entry : entries) {
            String suite = "name: readme\nbenchmarks:\n" + entry.indent(2);
            assertThatCode(() -> SuiteLoader.parse(suite.getBytes(StandardCharsets.UTF_8), "README.md"))
                    .as(entry)
                    .doesNotThrowAnyException();
        }
    }
}
