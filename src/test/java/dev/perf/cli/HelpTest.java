package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.PerfException;
import dev.perf.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's help: exit 0, no picocli warning, and the exit codes listed from their one definition. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "run", "compare", "report", "report merge", "profile", "profile diff", "completion"})
    void help_isCleanAndListsTheExitCodes(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ", -1);
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--help";
        // picocli's own warnings (a description it cannot format) go to System.err, not to perf's streams
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CliRun r;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            r = CliRun.perf(args);
        } finally {
            System.setErr(systemErr);
        }
        assertThat(r.exitCode()).isZero();
        assertThat(r.out() + r.err() + warnings.toString(StandardCharsets.UTF_8))
                .doesNotContain("[picocli WARN]")
                .doesNotContain("picocli");
        assertThat(r.out()).contains("Exit codes:");
        for (PerfException.Kind kind : PerfException.Kind.values()) {
            assertThat(r.out())
                    .contains(kind.exitCode() + "")
                    .contains(kind.meaning().substring(0, 15));
        }
    }
}
