package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perf completion}: a script bash accepts and that completes perf's commands and options. */
class CompletionTest {
    /** What bash offers after {@code line} (words split on spaces; the last one is being completed). */
    private static String complete(Path script, String line) throws Exception {
        String[] words = line.split(" ", -1);
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=("
                + String.join(
                        " ",
                        java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList()) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_perf\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        Process p = new ProcessBuilder("bash", "-c", program)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void bash_completesCommandsAndOptions(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.perf("completion", "bash");
        assertThat(r.exitCode()).isZero();
        Path script = dir.resolve("perf.bash");
        Files.writeString(script, r.out());
        assertThat(complete(script, "perf co")).contains("compare", "completion");
        assertThat(complete(script, "perf compare --fail")).contains("--fail-on");
        assertThat(complete(script, "perf run --no-")).contains("--no-progress");
    }

    @Test
    void zsh_isTheSameScript_whichLoadsBashcompinitUnderZsh() {
        String zsh = CliRun.perf("completion", "zsh").out();
        assertThat(zsh).isEqualTo(CliRun.perf("completion", "bash").out()).contains("bashcompinit");
    }

    @Test
    void anotherShell_isAUsageError() {
        CliRun r = CliRun.perf("completion", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("expected one of [bash, zsh]");
    }
}
