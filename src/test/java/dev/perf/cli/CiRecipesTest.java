package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.perf.testing.CommandWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The CI recipes users copy (the GitHub workflow, the GitLab job, the shell script): valid YAML (or bash), and
 * every perf command line in them parses with perf's own parser, so a renamed flag breaks this test first.
 */
class CiRecipesTest {
    /** A perf invocation: {@code $PERF} or {@code "$perf"}, up to the end of the command. */
    private static final Pattern INVOCATION = Pattern.compile("(?:\\$PERF|\"\\$perf\")\\s+([^)|&\\n]*)");

    @ParameterizedTest
    @ValueSource(strings = {".github/workflows/perf-gate.yml", "samples/ci/gitlab-ci.yml", "samples/ci/perf-gate.sh"})
    void everyPerfCommandLineParses(String file) throws Exception {
        String text = Files.readString(Path.of(file));
        if (file.endsWith(".yml")) {
            JsonNode yaml = new YAMLMapper().readTree(text);
            assertThat(yaml.isObject()).as("%s is a YAML mapping", file).isTrue();
        } else {
            Process p = new ProcessBuilder("bash", "-n", file)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        Matcher m = INVOCATION.matcher(text);
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertThat(commands).as(file).hasSizeGreaterThanOrEqualTo(4);
        for (String command : commands) {
            new CommandLine(new Perf())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(CommandWords.of(command));
        }
        assertThat(String.join("\n", commands)).contains("run quick", "compare", "--junit", "report merge --rounds");
        assertThat(text)
                .as("%s interleaves base and head in alternating order", file)
                .contains("head base");
    }
}
