package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.CliRun;
import dev.perf.testing.RabbitMq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rabbitmq target against a real RabbitMQ node the test starts from a temporary directory (Debian's
 * rabbitmq-server) and stops: every message published is confirmed and consumed exactly once, matched to its
 * send; several consumers share a queue; a broker that is not running fails every message.
 */
@Tag("slow") // load loops against the wall clock and a real broker
class RabbitTargetTest {
    private static RabbitMq rabbit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        if (!RabbitMq.installed()) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "rabbitmq-server is not installed");
            throw new IllegalStateException("rabbitmq-server is not installed: .ci/run must install it");
        }
        rabbit = RabbitMq.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    private static String suite(String target, String load, String targets) {
        return "name: mq\nbenchmarks:\n  - load:\n      name: mq\n      target:\n        rabbitmq:\n"
                + target.indent(10)
                + "      load: " + load + "\n"
                + "      targets: " + targets + "\n";
    }

    private BenchmarkResult run(String target, String load, String targets) throws IOException {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(file, suite(target, load, targets));
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        List<BenchmarkResult> results = new LoadEngine()
                .runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), LoadListener.NONE);
        return results.get(0);
    }

    private static double figure(BenchmarkResult r, String name) {
        Double v = r.load().overall().get(name);
        assertThat(v).as("%s in %s", name, r.load().overall()).isNotNull();
        return v;
    }

    @Test
    void at2000PerSecondFor5s_everyMessageIsConfirmedAndConsumedOnce() throws IOException {
        BenchmarkResult loop = run(
                "uri: " + rabbit.uri() + "\nqueue: exact\nsize: 256B\n",
                "{ rate: 2000/s, duration: 5s, warmup: 1s }",
                "{ p99: { target: 1s }, lossRate: { target: 0% }, duplicateRate: { target: 0% } }");
        assertThat(loop.status()).as("%s", loop.error()).isEqualTo(BenchmarkResult.Status.ok);
        LoadDetails.Counters c = loop.load().counters();
        assertThat(c.sent()).isEqualTo(10_000);
        assertThat(c.ok()).as("%s", c).isEqualTo(10_000);
        assertThat(figure(loop, "messages.acked")).isEqualTo(10_000);
        assertThat(figure(loop, "messages.consumed")).isEqualTo(10_000);
        assertThat(figure(loop, "messages.unconsumed")).isZero();
        assertThat(figure(loop, "messages.duplicated")).isZero();
        assertThat(figure(loop, "messages.outOfOrder")).isZero();
        assertThat(loop.load().overall()).doesNotContainKey("messages.partitions");
        assertThat(loop.load().targets()).allMatch(t -> t.status().equals("pass"), "every target passes");
        assertThat(loop.load().target()).startsWith("rabbitmq:exact@amqp://guest:");
    }

    @Test
    void threeConsumersOfAQuorumQueueBehindAnExchange_shareItsMessages() throws IOException {
        BenchmarkResult loop = run(
                "uri: " + rabbit.uri() + "\nexchange: orders\nroutingKey: new\nqueue: shared\nquorum: true\n"
                        + "consumers: 3\nprefetch: 10\npersistent: true\npayload: '{\"n\": ${seq}}'\n",
                "{ rate: 600/s, duration: 2s, warmup: 1s }",
                "{}");
        assertThat(figure(loop, "messages.consumed")).isEqualTo(1_200);
        assertThat(figure(loop, "messages.consumers")).isEqualTo(3);
        assertThat(figure(loop, "messages.duplicated")).isZero();
        assertThat(loop.load().target()).contains("3 consumers");
    }

    @Test
    void aBrokerThatIsNotRunning_failsEveryMessage_andTheErrorSloExitsOne() throws Exception {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(
                file,
                suite(
                        "uri: amqp://guest:secret@127.0.0.1:9\nqueue: nowhere\n",
                        "{ rate: 100/s, duration: 1s }",
                        "{ errorRate: { target: 0% } }"));
        CliRun r = CliRun.perf(
                "run", "-s", file.toString(), "-o", dir.resolve("out.json").toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out() + r.err())
                .contains("rabbitmq: cannot connect to amqp://guest:")
                .doesNotContain("secret");
    }
}
