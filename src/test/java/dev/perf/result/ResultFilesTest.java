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
    void read_rejectsOtherSchemasAndBrokenFiles() throws IOException {
        Path other = Files.writeString(dir.resolve("o.json"), "{\"schema\": \"perf-result/9\"}");
        assertThatThrownBy(() -> ResultFiles.read(other))
                .hasMessageContaining("it is perf-result/9, this perf reads perf-result/1");
        Path truncated = Files.writeString(dir.resolve("t.json"), "{\"schema\": \"perf-result/1\", \"run\": {");
        assertThatThrownBy(() -> ResultFiles.read(truncated)).hasMessageContaining("cannot read " + truncated);
        assertThatThrownBy(() -> ResultFiles.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }
}
