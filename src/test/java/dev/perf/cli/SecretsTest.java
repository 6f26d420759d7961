package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL with a password and a token, given to a load loop, appears in no output file and no message. */
class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void run_aUrlWithSecrets_leavesThemOutOfTheResultReportsAndMessages() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                """
                name: secrets
                benchmarks:
                  - load:
                      name: hello
                      target: { http: { url: "http://alice:hunter2@{demo-server}/hello?access_token=tok3n&q=1" } }
                      load: { rate: 20/s, duration: 1s, warmup: 0s }
                """);
        CliRun r = CliRun.perf(
                "run",
                "-s",
                suite.toString(),
                "-o",
                dir.resolve("r.json").toString(),
                "--md",
                dir.resolve("r.md").toString(),
                "--html",
                dir.resolve("r.html").toString(),
                "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("hunter2").doesNotContain("tok3n");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("perf.yaml"))
                    .toList()) {
                assertThat(Files.readString(f))
                        .as(f.toString())
                        .doesNotContain("hunter2")
                        .doesNotContain("tok3n");
            }
        }
        assertThat(Files.readString(dir.resolve("r.json")))
                .contains("alice:***@")
                .contains("access_token=***");
    }
}
