package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.PerfException;
import dev.perf.testing.CliRun;
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
        CliRun r = CliRun.perf(args);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("[picocli WARN]").doesNotContain("picocli");
        assertThat(r.out()).contains("Exit codes:");
        for (PerfException.Kind kind : PerfException.Kind.values()) {
            assertThat(r.out())
                    .contains(kind.exitCode() + "")
                    .contains(kind.meaning().substring(0, 15));
        }
    }
}
