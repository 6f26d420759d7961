package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.OtlpReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar against an HTTPS/HTTP/2 server this test starts on 127.0.0.1, as a user runs it: varied
 * requests from a CSV file and the environment, body checks, and a second loop aborted by its SLO.
 */
class HttpsJarIT {
    private static final Path JAR =
            Path.of(System.getProperty("perf.jar", "target/perf.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void https_h2_withDataAndChecks_thenAnAbortedLoop_exits1_andNeverWritesTheEnvValue() throws Exception {
        String secret = "it-secret-7d41c2";
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS);
                OtlpReceiver otlp = new OtlpReceiver()) {
            Files.writeString(dir.resolve("users.csv"), "id\nada\ngrace\nlinus\n");
            Files.writeString(
                    dir.resolve("perf.yaml"),
                    """
                    name: https-it
                    seed: 3
                    benchmarks:
                      - load:
                          name: users-h2
                          target:
                            http:
                              url: "https://localhost:%1$d/users/${data.users.id}/${seq}"
                              version: "2"
                              tls: { ca: "%2$s" }
                              headers: { X-Token: "${env.PERF_IT_TOKEN}" }
                              check: { bodyContains: "hello /users/", header: { x-served-by: "perf-.*" } }
                          data: { users: { csv: users.csv } }
                          load: { rate: 100/s, duration: 2s, warmup: 500ms, connections: 1 }
                          trace: { propagate: w3c, export: otlp, endpoint: "%3$s" }
                          targets:
                            errorRate: { acceptable: 1%% }
                      - load:
                          name: failing
                          target: { http: { url: "https://localhost:%1$d/status/503", tls: { ca: "%2$s" } } }
                          load: { rate: 50/s, duration: 30s, warmup: 500ms }
                          targets:
                            errorRate: { acceptable: 1%%, abortOnFail: true }
                    """
                            .formatted(
                                    server.port(), TlsTestServer.file("ca.pem").getPath(), otlp.endpoint()));
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            JAR.toString(),
                            "run",
                            "-s",
                            "perf.yaml",
                            "-o",
                            "out/r.json",
                            "--md",
                            "out/r.md",
                            "--html",
                            "out/r.html",
                            "--no-progress")
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PERF_IT_TOKEN", secret);
            long start = System.nanoTime();
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(p.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("1 load loop(s) aborted: failing: aborted after 1 s: errorRate was");
            assertThat(seconds).as("the 30 s loop stopped at its first second").isLessThan(25);

            RunResult result = ResultFiles.read(dir.resolve("out/r.json"));
            var users = result.benchmarks().get(0).load();
            assertThat(users.counters().ok())
                    .isEqualTo(200)
                    .isEqualTo(users.counters().sent());
            assertThat(users.target()).contains("(TLS: ");
            if (System.getProperty("os.arch").equals("amd64")) {
                assertThat(users.target()).contains("BoringSSL");
            }
            assertThat(users.overall()).containsKey("tlsHandshake.p99");
            // the jar's OTLP exporter (found through its service file) sent one client span per measured request
            assertThat(users.traces().export().exported())
                    .as("%s", users.traces().export())
                    .isEqualTo(200);
            assertThat(otlp.spans()).hasSize(200);
            assertThat(otlp.problems()).isEmpty();
            assertThat(server.seen.stream().filter(s -> s.path().startsWith("/users/")))
                    .allMatch(s -> s.protocol().equals("h2") && secret.equals(s.token()))
                    .allMatch(s -> {
                        String[] part = s.path().split("/");
                        return part[2].equals(
                                List.of("ada", "grace", "linus").get((int) (Long.parseLong(part[3]) % 3)));
                    });
            var failing = result.benchmarks().get(1).load();
            assertThat(failing.aborted()).startsWith("aborted after 1 s");
            assertThat(failing.counters().checks().get("status").failed()).isPositive();
            assertThat(dir.resolve("out/r.md")).content().contains("failing: aborted after 1 s");
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                for (Path f : files.toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
                }
            }
            assertThat(output).doesNotContain(secret);
        }
    }
}
