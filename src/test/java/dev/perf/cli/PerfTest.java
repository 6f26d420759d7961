package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.CliRun;
import org.junit.jupiter.api.Test;

class PerfTest {

    @Test
    void help_listsCommandsExamplesAndExitCodes() {
        CliRun r = CliRun.perf("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run", "Examples:", "Exit codes:", "130", "interrupted", "bad input");
    }

    @Test
    void version_printsPerfAndJvmVersion() {
        CliRun r = CliRun.perf("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("perf ").contains("JVM: ");
    }

    @Test
    void unknownFlag_isUsageError() {
        CliRun r = CliRun.perf("run", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--frobnicate").contains("perf run --help").doesNotContain("Exception");
    }

    @Test
    void unknownCommand_isUsageError() {
        CliRun r = CliRun.perf("frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void badDuration_isUsageErrorListingTheAcceptedForms() {
        CliRun r = CliRun.perf("run", "quick", "-r", "5x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("invalid duration '5x'").contains("500ms, 5s");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void invalidRegex_isUsageError() {
        CliRun r = CliRun.perf("run", "--only", "(unclosed");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("invalid regex '(unclosed'");
    }

    @Test
    void negativeIterations_isUsageError() {
        CliRun r = CliRun.perf("run", "-i", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("iterations must be at least 1");
    }

    @Test
    void internalError_printsOneLineWithoutStackTraceUnlessVerbose() {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Perf.handle(new NullPointerException("x"), err, false);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(buffer.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("internal error")
                .doesNotContain("\tat ");
        buffer.reset();
        Perf.handle(new NullPointerException("x"), err, true);
        assertThat(buffer.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("\tat ");
    }
}
