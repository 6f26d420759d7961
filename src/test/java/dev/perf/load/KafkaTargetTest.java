package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.PerfException;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.CliRun;
import dev.perf.testing.Kafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka target against a real single-node KRaft broker the test starts from Kafka's Maven jars (its own JVM,
 * stopped by its PID). Every message carries its identity, so the truth is exact: each one sent is consumed once,
 * in order, and a pause of the broker shows in the end-to-end latency as the analytic distribution says.
 */
@Tag("slow") // load loops against the wall clock and a real broker
class KafkaTargetTest {
    private static Kafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = Kafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private Map<String, BenchmarkResult> run(String target, String load, String targets) throws IOException {
        return run(target, load, targets, LoadListener.NONE);
    }

    private Map<String, BenchmarkResult> run(String target, String load, String targets, LoadListener listener)
            throws IOException {
        return MessagingLoops.run(dir, suite(target, load, targets), listener);
    }

    private static String suite(String target, String load, String targets) {
        return MessagingLoops.suite("kafka", target, load, targets);
    }

    @Test
    void at1000PerSecondFor5s_everyMessageIsConsumedOnceInOrderAndMatched() throws IOException {
        // 1 000/s, not 2 000: beside two CPU hogs this 2-core machine's broker fell 5 s behind at 2 000/s (a true
        // p99 of 4 991 ms, the machine's, not perf's), and the counts below are what this test is about
        BenchmarkResult loop = run(
                        "bootstrap: " + kafka.bootstrap() + "\ntopic: exact\nkey: \"k-${seq}\"\nsize: 256B\n",
                        "{ rate: 1000/s, duration: 5s, warmup: 1s }",
                        "{ p99: { target: 1s }, lossRate: { target: 0% }, steps.send.p99: { target: 1s } }")
                .get("mq");
        assertThat(loop.status()).as("%s", loop.error()).isEqualTo(BenchmarkResult.Status.ok);
        LoadDetails.Counters c = loop.load().counters();
        assertThat(c.sent()).isEqualTo(5_000);
        assertThat(c.ok()).as("%s", c).isEqualTo(5_000);
        assertThat(MessagingLoops.figure(loop, "messages.acked")).isEqualTo(5_000);
        assertThat(MessagingLoops.figure(loop, "messages.consumed")).isEqualTo(5_000);
        assertThat(MessagingLoops.figure(loop, "messages.lost")).isZero();
        assertThat(MessagingLoops.figure(loop, "messages.unconsumed")).isZero();
        assertThat(MessagingLoops.figure(loop, "messages.duplicated")).isZero();
        assertThat(MessagingLoops.figure(loop, "messages.outOfOrder")).isZero();
        assertThat(MessagingLoops.figure(loop, "lossRate")).isZero();
        assertThat(MessagingLoops.figure(loop, "p99")).isPositive().isLessThan(1000);
        assertThat(loop.load().target()).startsWith("kafka:exact@" + kafka.bootstrap());
        assertThat(loop.load().targets()).allMatch(t -> t.status().equals("pass"), "every target passes");
    }

    @Test
    void aBrokerPausedFor1s_showsInEndToEndP99AsTheAnalyticValue() throws Exception {
        // at a constant rate R for 5 s, a pause of P = 1 s holds every message sent in it until it ends: their
        // latencies spread evenly over (0, P], a fifth of all messages; the p99 of all is the one exceeded by
        // 1 % of 5R, i.e. P - 0.05 s (0.95 s for the 1 s asked; plus the broker's own few milliseconds)
        // the pause really lasts from the STOP's delivery to the CONT's: between these bounds, measured (starting
        // a kill process takes tens of ms on a busy machine, and 1.05 s of pause made the p99 1.0 s in CI)
        long[] bounds = new long[4];
        Thread pauser = new Thread(() -> {
            try {
                bounds[0] = System.nanoTime();
                new ProcessBuilder("kill", "-STOP", Long.toString(kafka.pid()))
                        .start()
                        .waitFor();
                bounds[1] = System.nanoTime();
                Thread.sleep(1_000);
                bounds[2] = System.nanoTime();
                new ProcessBuilder("kill", "-CONT", Long.toString(kafka.pid()))
                        .start()
                        .waitFor();
                bounds[3] = System.nanoTime();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        LoadListener oneSecondIn = new LoadListener() {
            @Override
            public void loadSecond(String name, long elapsed, long total, double rate, double p99, long errors) {
                if (elapsed == 1) {
                    pauser.start();
                }
            }
        };
        BenchmarkResult loop;
        try {
            loop = run(
                            "bootstrap: " + kafka.bootstrap() + "\ntopic: paused\nsize: 128B\n",
                            "{ rate: 1000/s, duration: 5s, warmup: 1s }",
                            "{}",
                            oneSecondIn)
                    .get("mq");
        } finally {
            pauser.join();
        }
        assertThat(MessagingLoops.figure(loop, "messages.consumed")).isEqualTo(5_000);
        double shortest = (bounds[2] - bounds[1]) / 1e6; // ms: the pause lasted at least this
        double longest = (bounds[3] - bounds[0]) / 1e6; // and at most this
        // on top of the pause, each held message still takes the machine's normal end-to-end time once the broker
        // runs again (a few ms when quiet, tens beside two CPU hogs, varying from second to second): the worse p99
        // of the two seconds the pause cannot have touched, the first (the pause starts after it) and the last (the
        // broker resumed, and drained its backlog, seconds before it)
        List<LoadDetails.Second> seconds = loop.load().timeSeries();
        double normal = Math.max(
                        seconds.get(0).p99Micros(),
                        seconds.get(seconds.size() - 1).p99Micros())
                / 1e3;
        assertThat(MessagingLoops.figure(loop, "p99"))
                .as("end-to-end p99 ms, pause between %.1f and %.1f ms, normal p99 %.1f ms", shortest, longest, normal)
                .isBetween((shortest - 50) * 0.95, (longest - 50) * 1.05 + normal);
    }

    @Test
    void aConsumerGroupOfThree_sharesThePartitions() throws IOException {
        BenchmarkResult loop = run(
                        "bootstrap: " + kafka.bootstrap() + "\ntopic: shared\npartitions: 3\nconsumers: 3\n"
                                + "consumerProperties: { max.poll.records: \"50\", fetch.min.bytes: \"1\" }\n"
                                + "key: \"${seq}\"\n",
                        "{ rate: 600/s, duration: 2s, warmup: 1s }",
                        "{}")
                .get("mq");
        assertThat(MessagingLoops.figure(loop, "messages.consumed")).isEqualTo(1_200);
        assertThat(MessagingLoops.figure(loop, "messages.consumers")).isEqualTo(3);
        assertThat(MessagingLoops.figure(loop, "messages.partitions")).isEqualTo(3);
        assertThat(MessagingLoops.figure(loop, "messages.duplicated")).isZero();
        assertThat(MessagingLoops.figure(loop, "messages.outOfOrder")).isZero();
        assertThat(loop.load().target()).contains("3 partitions, 3 consumers in one group");
    }

    @Test
    void users_eachWaitForTheirMessageToBeConsumed_andFindMaxRateFindsTheRateWhoseEndToEndP99MeetsTheSlo()
            throws IOException {
        BenchmarkResult closed = run(
                        "bootstrap: " + kafka.bootstrap() + "\ntopic: closed\nsize: 64B\n",
                        "{ users: 4, duration: 2s, warmup: 1s }",
                        "{}")
                .get("mq");
        LoadDetails.Counters c = closed.load().counters();
        assertThat(c.ok()).isPositive().isEqualTo(c.sent());
        assertThat(MessagingLoops.figure(closed, "messages.consumed")).isEqualTo(c.ok());

        BenchmarkResult knee = run(
                        "bootstrap: " + kafka.bootstrap() + "\ntopic: knee\nsize: 64B\nlingerMs: 1\n",
                        "{ duration: 1s, warmup: 2s, timeout: 5s }\n      findMaxRate: { from: 50/s, to: 200/s, step: 2s, steps: 3, slo: { p99: 2s } }",
                        "{}")
                .get("mq");
        assertThat(knee.load().curve())
                .as("%s", knee.load().generatorBoundReason())
                .hasSize(3);
        assertThat(knee.metric("maxRate").orElseThrow().summary().mean()).isEqualTo(200.0);
        assertThat(MessagingLoops.figure(knee, "lossRate")).isZero();
        assertThat(MessagingLoops.figure(knee, "messages.consumed"))
                .isEqualTo(knee.load().counters().ok());
    }

    @Test
    void produceOnly_endsEachMessageAtTheAcknowledgement() throws IOException {
        BenchmarkResult loop = run(
                        "bootstrap: " + kafka.bootstrap() + "\ntopic: produce-only\nconsume: false\nacks: \"1\"\n"
                                + "lingerMs: 5\nbatchSize: 32KiB\ncompression: lz4\n",
                        "{ rate: 1000/s, duration: 1s }",
                        "{}")
                .get("mq");
        assertThat(loop.load().counters().ok()).isEqualTo(1_000);
        assertThat(loop.load().overall()).doesNotContainKey("messages.consumed");
    }

    @Test
    void aBrokerThatIsNotRunning_failsEveryMessage_andTheErrorSloExitsOne() throws Exception {
        CliRun r = MessagingLoops.cli(
                dir,
                suite(
                        "bootstrap: 127.0.0.1:9\ntopic: nowhere\n",
                        "{ rate: 100/s, duration: 1s }",
                        "{ errorRate: { target: 0% } }"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("kafka: no broker answered at 127.0.0.1:9");
    }

    @Test
    void settingsKafkaRefuses_areBadInputNamingTheLoopAndKey() throws IOException {
        Path file = dir.resolve("perf.yaml");
        for (String[] c : new String[][] {
            {"properties: { linger.msec: \"5\" }", "load mq: kafka.properties.linger.msec is not a Kafka producer"},
            {"properties: { buffer.memory: lots }", "load mq: kafka: Invalid value lots for configuration buffer.memory"
            },
        }) {
            Files.writeString(
                    file,
                    suite(
                            "bootstrap: " + kafka.bootstrap() + "\ntopic: t\n" + c[0] + "\n",
                            "{ rate: 10/s, duration: 1s }",
                            "{}"));
            SuiteSource source = SuiteLoader.load(file);
            LoadSpec spec = source.suite().benchmarks().get(0).load();
            assertThatThrownBy(() -> LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source))
                    .isInstanceOf(PerfException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
