package dev.perf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeThenRead_roundTripsLosslessly() {
        RunResult original = SampleResults.demo();
        Path file = dir.resolve("sub/r.json");
        ResultFiles.write(file, original);
        RunResult read = ResultFiles.read(file);
        assertThat(read).isEqualTo(original);
        assertThat(ResultFiles.serialize(read)).isEqualTo(ResultFiles.serialize(original));
    }

    @Test
    void write_nonFiniteValuesSurviveTheRoundTrip() {
        RunResult withNaN = SampleResults.withScores(Double.NaN, Double.POSITIVE_INFINITY, 1.0);
        Path file = dir.resolve("r.json");
        ResultFiles.write(file, withNaN);
        assertThat(ResultFiles.read(file)).isEqualTo(withNaN);
    }

    @Test
    void write_leavesNoTemporaryFileAndReplacesTheOldOne() throws IOException {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "old");
        ResultFiles.write(file, SampleResults.demo());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(Files.readString(file)).startsWith("{").contains("\"schema\" : \"perf-result/1\"");
    }

    @Test
    void write_intoAPathBelowAFileIsBadInputAndWritesNothing() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> ResultFiles.write(blocker.resolve("r.json"), SampleResults.demo()))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("cannot write");
    }

    @Test
    void writeAtomically_toACharacterDevice_writesThroughAndKeepsTheNode() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null on this platform");
        ResultFiles.writeAtomically(devNull, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.isRegularFile(devNull))
                .as("/dev/null must stay a device")
                .isFalse();
        assertThat(Files.exists(devNull)).isTrue();
    }

    @Test
    void writeAtomically_toAFullDevice_isBadInputNamingIt() {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "no /dev/full on this platform");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        ResultFiles.writeAtomically(devFull, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("cannot write /dev/full")
                .hasMessageContaining("No space left on device");
        assertThat(Files.isRegularFile(devFull)).isFalse();
    }

    @Test
    void writeAtomically_throughASymlink_replacesTheTargetAndKeepsTheLink() throws IOException {
        Path target = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        ResultFiles.writeAtomically(link, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void writeAtomically_ontoADirectory_isBadInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultFiles.writeAtomically(dir, new byte[] {1}))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("it is a directory");
    }

    @Test
    void read_rejectsOtherSchemasAndBrokenFiles() throws IOException {
        Path other = Files.writeString(dir.resolve("o.json"), "{\"schema\": \"perf-result/9\"}");
        assertThatThrownBy(() -> ResultFiles.read(other))
                .hasMessageContaining("it is perf-result/9, this perf reads perf-result/1");
        Path truncated = Files.writeString(dir.resolve("t.json"), "{\"schema\": \"perf-result/1\", \"run\": {");
        assertThatThrownBy(() -> ResultFiles.read(truncated)).hasMessageContaining("cannot read " + truncated);
        assertThatThrownBy(() -> ResultFiles.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }
}
