package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No command destroys an input, overwrites one output with another, or replaces a device node. */
class OutputSafetyTest {
    private static final Path OLD = Path.of("src/test/resources/benchstat/old.txt");
    private static final Path NEW = Path.of("src/test/resources/benchstat/new.txt");

    @TempDir
    Path dir;

    private Path copy(Path source) throws IOException {
        return Files.copy(source, dir.resolve(source.getFileName()));
    }

    @Test
    void compare_outputOverAnInput_isAUsageErrorAndTheInputIsKept() throws IOException {
        Path base = copy(OLD);
        Path current = copy(NEW);
        byte[] before = Files.readAllBytes(current);
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "-o", current.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("-o " + current + " is also the input CURRENT")
                .doesNotContain("Exception");
        assertThat(Files.readAllBytes(current)).isEqualTo(before);
    }

    @Test
    void compare_junitAndOutputOnOneFile_isAUsageError() {
        Path same = dir.resolve("x.txt");
        CliRun r = CliRun.perf(
                "compare", OLD.toString(), NEW.toString(), "-o", same.toString(), "--junit", same.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("-o and --junit are the same file");
        assertThat(same).doesNotExist();
    }

    @Test
    void compare_toDevNull_writesThroughAndKeepsTheDevice() {
        CliRun r = CliRun.perf("compare", OLD.toString(), NEW.toString(), "-o", "/dev/null", "--junit", "/dev/null");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
    }

    @Test
    void compare_toAFullDisk_isBadInputNamingTheFile() {
        CliRun r = CliRun.perf("compare", OLD.toString(), NEW.toString(), "-o", "/dev/full");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cannot write /dev/full").contains("No space left on device");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }

    @Test
    void report_outputOverItsInput_isAUsageError() throws IOException {
        Path in = copy(OLD);
        CliRun r = CliRun.perf("report", in.toString(), "-o", in.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is also the input RESULT 1");
    }

    @Test
    void run_resultOverTheSuite_orMarkdownOverTheResult_isAUsageErrorBeforeAnythingRuns() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: x\nbenchmarks:\n  - load: { name: n, target: { java: { class: dev.perf.demo.EventBusWorkload } },"
                        + " load: { rate: 10/s, duration: 1s } }\n");
        String before = Files.readString(suite);
        CliRun r = CliRun.perf("run", "-s", suite.toString(), "-o", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is also the input -s");
        assertThat(Files.readString(suite)).isEqualTo(before);
        Path out = dir.resolve("r.json");
        CliRun both = CliRun.perf("run", "-s", suite.toString(), "-o", out.toString(), "--md", out.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("-o and --md are the same file");
        assertThat(out).doesNotExist();
    }

    @Test
    void run_outputOverAFileThatIsNotAResult_needsForce() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.md"), "# my notes\n");
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: x\nbenchmarks:\n  - load: { name: n, target: { java: { class: dev.perf.demo.EventBusWorkload } },"
                        + " load: { rate: 10/s, duration: 1s } }\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString(), "-o", notes.toString(), "--no-progress");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("exists and is not a perf result: give --force");
        assertThat(notes).hasContent("# my notes");
    }
}
