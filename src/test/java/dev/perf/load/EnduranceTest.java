package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perf.fixtures.LeakyServer;
import dev.perf.report.Recommendations;
import dev.perf.report.ReportFormat;
import dev.perf.report.Reports;
import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leak and drift detection over a run: a fixture server that keeps 8 KiB of native memory per request is
 * monitored by pid and by port (beside a pid that does not exist, which is noted) — the leak is flagged and its Theil–Sen slope is within 20 % of the true rate — and the same
 * server keeping nothing is not flagged. Each run is 20 s of 200/s on 127.0.0.1 after a 3 s warm-up.
 */
@Tag("slow")
class EnduranceTest {
    private static final int KEPT_BYTES = 8192;

    @TempDir
    Path dir;

    /** Runs the fixture keeping {@code perRequest} bytes; {@code monitor} may name {@code PID} and {@code PORT}. */
    private RunResult run(int perRequest, String monitor, String targets) throws Exception {
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms32m",
                        "-Xmx32m",
                        "-XX:+AlwaysPreTouch",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:MaxDirectMemorySize=1g",
                        "-Dsun.net.httpserver.nodelay=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LeakyServer.class.getName(),
                        Integer.toString(perRequest),
                        "90")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());
            Path suite = dir.resolve("endurance-" + perRequest + ".yaml");
            Files.writeString(
                    suite,
                    "name: endurance\nbenchmarks:\n  - load:\n      name: service\n"
                            + "      target: { http: { url: \"http://127.0.0.1:" + port + "/\" } }\n"
                            + "      load: { rate: 200/s, duration: 20s, warmup: 3s, maxInFlight: 8 }\n"
                            + "      monitor: "
                            + monitor.replace("PID", Long.toString(server.pid()))
                                    .replace("PORT", Integer.toString(port))
                            + "\n"
                            + targets);
            Path result = dir.resolve("endurance-" + perRequest + ".json");
            CliRun r = CliRun.perf("run", "-s", suite.toString(), "-o", result.toString(), "--no-progress");
            assertThat(r.err()).doesNotContain("Exception");
            return ResultFiles.read(result);
        } finally {
            server.getOutputStream().close(); // the fixture halts when its stdin closes
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void aLeakingService_isFlaggedWithItsRate_andItsSloFails() throws Exception {
        // the service watched twice (by pid and by the port it listens on), beside a process that does not exist
        RunResult result = run(
                KEPT_BYTES,
                "[ { pid: PID, name: service }, { port: PORT }, { pid: 2147483646, name: gone } ]",
                "      targets: { rssGrowth: { acceptable: 1GB/h } }\n");
        LoadDetails d = result.benchmarks().get(0).load();
        assertThat(d.monitors()).hasSize(3);
        MonitoredProcess service = d.monitors().get(0);
        MonitoredProcess byPort = d.monitors().get(1);
        assertThat(service.label()).isEqualTo("service");
        assertThat(byPort.label()).startsWith("port ");
        assertThat(byPort.pid()).isEqualTo(service.pid());
        assertThat(service.note()).isNull();
        // the fixture is a JVM: its heap in use is read from its counters, and trended
        assertThat(service.samples()).isNotEmpty().allSatisfy(x -> assertThat(x.heapUsedBytes())
                .isPositive());
        assertThat(service.trends()).containsKeys("rssGrowth", "heapGrowth", "heapGrowth.lower", "heapGrowth.windows");
        assertThat(d.monitors().get(2).note()).isEqualTo("not found: no such process; not sampled");
        assertThat(Reports.write(
                        Reports.subject(List.of(dir.resolve("endurance-" + KEPT_BYTES + ".json"))), ReportFormat.text))
                .contains("service: monitor gone: not found: no such process; not sampled");
        double trueRate = KEPT_BYTES * d.overall().get("throughput") * 3600;
        System.out.printf(
                "leak: rssGrowth %.1f MB/h [%.1f, %.1f], true %.1f MB/h%n",
                d.overall().get("rssGrowth") / 1e6,
                d.overall().get("rssGrowth.lower") / 1e6,
                d.overall().get("rssGrowth.upper") / 1e6,
                trueRate / 1e6);
        assertThat(d.overall().get("rssGrowth.windows")).isGreaterThanOrEqualTo(15.0);
        assertThat(d.overall().get("rssGrowth"))
                .as("B/h, true %.0f", trueRate)
                .isCloseTo(trueRate, within(0.2 * trueRate));
        assertThat(d.overall().get("rssGrowth.lower")).isPositive();
        String html = Reports.write(
                Reports.subject(List.of(dir.resolve("endurance-" + KEPT_BYTES + ".json"))), ReportFormat.html);
        assertThat(html).contains("service RSS trend (Theil–Sen, +", "service heap in use");
        List<Recommendations.Recommendation> advice = Recommendations.of(result);
        assertThat(advice).anySatisfy(a -> assertThat(a.evidence())
                .startsWith("monitored service (pid " + service.pid() + ", java) grew")
                .contains("its Java heap in use grew"));
        assertThat(d.targets()).singleElement().satisfies(t -> {
            assertThat(t.metric()).isEqualTo("rssGrowth");
            assertThat(t.status()).isEqualTo("fail");
            assertThat(t.unit()).isEqualTo("B/h");
        });
    }

    @Test
    void aServiceThatKeepsNothing_isNotFlagged() throws Exception {
        RunResult result = run(0, "{ pid: PID }", "");
        LoadDetails d = result.benchmarks().get(0).load();
        System.out.printf(
                "no leak: rssGrowth %.1f MB/h [%.1f, %.1f]%n",
                d.overall().get("rssGrowth") / 1e6,
                d.overall().get("rssGrowth.lower") / 1e6,
                d.overall().get("rssGrowth.upper") / 1e6);
        assertThat(d.overall().get("rssGrowth.windows")).isGreaterThanOrEqualTo(15.0);
        assertThat(Recommendations.of(result))
                .noneSatisfy(a -> assertThat(a.evidence()).startsWith("the monitored process grew"));
        assertThat(d.overall().get("p99Drift.windows")).isGreaterThanOrEqualTo(15.0);
        assertThat(d.overall()).containsKeys("p99Drift", "p99Drift.lower", "p99Drift.upper", "throughputDrift");
    }
}
