package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.demo.DemoGrpc;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grpc target against perf's demo catalog, a grpc-java server on 127.0.0.1 built from descriptors; the
 * server's own counts are the truth perf's figures are held to.
 */
@Tag("slow") // load loops against the wall clock and a real server
class GrpcTargetTest {
    @TempDir
    Path dir;

    private DemoGrpc server;

    @BeforeEach
    void start() throws IOException {
        server = DemoGrpc.start(0);
        Files.write(dir.resolve("catalog.protoset"), DemoGrpc.protoset());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, BenchmarkResult> run(String target, String load, String targets) throws IOException {
        Path file = dir.resolve("perf.yaml");
        String yaml = "name: rpc\nbenchmarks:\n  - load:\n      name: rpc\n      target:\n        grpc:\n"
                + target.replace("ADDR", "127.0.0.1:" + server.port()).indent(10)
                + "      data: { ids: { csv: ids.csv } }\n"
                + "      load: " + load + "\n"
                + "      targets: " + targets + "\n";
        Files.writeString(file, yaml);
        Files.writeString(dir.resolve("ids.csv"), "id\n1\n5000\n3\n9999\n");
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        List<BenchmarkResult> results = new LoadEngine()
                .runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), LoadListener.NONE);
        return results.stream().collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
    }

    private static LoadDetails.Counters counters(BenchmarkResult r) {
        return r.load().counters();
    }

    @Test
    void unaryCallsAt500PerSecond_allSucceed_andTheServerAnsweredEachOnce() throws IOException {
        Map<String, BenchmarkResult> r = run(
                """
                target: ADDR
                method: shop.Catalog/GetItem
                protoset: catalog.protoset
                request: '{"id": "${random(1,1000)}"}'
                metadata: { x-user: "u-${seq}" }
                check: { json: { "$.name": "item-\\\\d+" } }
                """,
                "{ rate: 500/s, duration: 1s, warmup: 0s }",
                "{ errorRate: { target: 0% } }");
        BenchmarkResult loop = r.get("rpc");
        assertThat(loop.status()).as("%s", loop.error()).isEqualTo(BenchmarkResult.Status.ok);
        assertThat(loop.load().target()).isEqualTo("grpc:127.0.0.1:" + server.port() + "/shop.Catalog/GetItem");
        assertThat(counters(loop).sent()).isEqualTo(500);
        assertThat(counters(loop).ok()).isEqualTo(500);
        assertThat(server.gets()).isEqualTo(500);
        assertThat(r).containsOnlyKeys("rpc"); // a unary call has no parts
    }

    @Test
    void statusCodesAreCountedByName_orAcceptedWhenTheCheckSaysSo() throws IOException {
        String target =
                """
                target: ADDR
                method: shop.Catalog/GetItem
                protoset: catalog.protoset
                request: '{"id": "${data.ids.id}"}'
                """;
        // the rows 1, 5000, 3, 9999 in turn: every second call asks for an item that does not exist
        LoadDetails.Counters c = counters(
                run(target, "{ rate: 40/s, duration: 1s, warmup: 0s }", "{}").get("rpc"));
        assertThat(c.ok()).isEqualTo(20);
        assertThat(c.errors()).isEqualTo(20);
        assertThat(c.checks()).containsOnlyKeys("grpc.NOT_FOUND");
        assertThat(c.checks().get("grpc.NOT_FOUND").failed()).isEqualTo(20);
        assertThat(c.checks().get("grpc.NOT_FOUND").first())
                .isIn("grpc.NOT_FOUND check failed: no item 5000", "grpc.NOT_FOUND check failed: no item 9999");
        LoadDetails.Counters accepted = counters(
                run(target + "check: { status: [OK, NOT_FOUND] }\n", "{ rate: 40/s, duration: 1s, warmup: 0s }", "{}")
                        .get("rpc"));
        assertThat(accepted.ok()).isEqualTo(40);
    }

    @Test
    void aServerStream_recordsItsFirstMessageApart_andChecksItsLastMessage() throws IOException {
        Map<String, BenchmarkResult> r = run(
                """
                target: ADDR
                method: shop.Catalog/ListItems
                protoset: catalog.protoset
                request: '{"from": 10, "count": 50}'
                check: { json: { "$.id": "59" } }
                """,
                "{ users: 2, duration: 2s, warmup: 0s }",
                "{ steps.firstMessage.p99: { target: 1s } }");
        BenchmarkResult loop = r.get("rpc");
        long calls = counters(loop).ok();
        assertThat(calls).isPositive();
        assertThat(counters(loop).failures()).isZero();
        assertThat(server.lists()).isGreaterThanOrEqualTo(calls);
        BenchmarkResult first = r.get("rpc/firstMessage");
        assertThat(counters(first).ok()).isEqualTo(calls);
        assertThat(counters(first).sent()).isEqualTo(calls);
        assertThat(first.load().overall().get("p50"))
                .isLessThanOrEqualTo(loop.load().overall().get("p50"));
        assertThat(first.load().targets()).singleElement().satisfies(t -> assertThat(t.status())
                .isIn("pass", "inconclusive"));
    }

    /**
     * Two runs of a stream, written by perf run and compared by perf compare as any loop's are. The server runs
     * in a process of its own, as a real one would: in this JVM its CPU would count as perf's, and the gate would
     * rightly call the runs generator-bound.
     */
    @Test
    void twoRunsOfAStream_compareLikeAnyLoop() throws Exception {
        int port = dev.perf.testing.JavaProcess.freePort();
        try (dev.perf.testing.JavaProcess own = dev.perf.testing.JavaProcess.start(
                DemoGrpc.class,
                dir.resolve("server.log"),
                "demo grpc on",
                Integer.toString(port),
                dir.resolve("own.protoset").toString())) {
            Files.writeString(
                    dir.resolve("perf.yaml"),
                    """
                    name: rpc
                    benchmarks:
                      - load:
                          name: list
                          target:
                            grpc:
                              target: 127.0.0.1:PORT
                              method: shop.Catalog/ListItems
                              protoset: own.protoset
                              request: '{"from": 1, "count": 5}'
                          load: { rate: 50/s, duration: 2s, warmup: 1s }
                    """
                            .replace("PORT", Integer.toString(port)));
            for (String run : List.of("a", "b")) {
                dev.perf.testing.CliRun r = dev.perf.testing.CliRun.perf(
                        "run",
                        "-s",
                        dir.resolve("perf.yaml").toString(),
                        "-o",
                        dir.resolve(run + ".json").toString(),
                        "-q",
                        "--no-progress");
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
        }
        dev.perf.testing.CliRun c = dev.perf.testing.CliRun.perf(
                "compare",
                dir.resolve("a.json").toString(),
                dir.resolve("b.json").toString());
        // a run perf itself paced (a busy machine) is no base or current for a verdict: the gate says so, as for
        // any loop; else every row of the loop and of its part compares
        if (c.out().contains("run is invalid: generator-bound")) {
            assertThat(c.out()).doesNotContain("regressed").contains("list/firstMessage  validity");
        } else {
            assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
            assertThat(c.out())
                    .containsPattern("list/firstMessage +p99 \\(ms\\) ")
                    .containsPattern("list/firstMessage +errorRate \\(%\\) +0 +0 +0.00% +100 ");
        }
    }

    @Test
    void aCallPastItsDeadline_countsAsDeadlineExceeded() throws IOException {
        LoadDetails.Counters c = counters(run(
                        """
                        target: ADDR
                        method: shop.Catalog/GetItem
                        protoset: catalog.protoset
                        request: '{"id": 1, "delayMs": 400}'
                        deadline: 50ms
                        """,
                        "{ rate: 20/s, duration: 1s, warmup: 0s }",
                        "{}")
                .get("rpc"));
        assertThat(c.sent()).isEqualTo(20);
        assertThat(c.ok()).isZero();
        assertThat(c.checks()).containsOnlyKeys("grpc.DEADLINE_EXCEEDED");
        assertThat(c.checks().get("grpc.DEADLINE_EXCEEDED").failed()).isEqualTo(20);
    }

    @Test
    void overTls_theServersCertificateIsCheckedAgainstTheGivenCa() throws Exception {
        Path tls = Path.of("src/test/resources/tls").toAbsolutePath();
        for (String f : List.of("ca.pem", "server.pem", "server-key.pem")) {
            Files.copy(tls.resolve(f), dir.resolve(f));
        }
        server.close();
        server = DemoGrpc.startTls(
                0,
                dir.resolve("server.pem").toFile(),
                dir.resolve("server-key.pem").toFile());
        Map<String, BenchmarkResult> r = run(
                """
                target: ADDR
                method: shop.Catalog/GetItem
                protoset: catalog.protoset
                request: '{"id": 7}'
                tls: { ca: ca.pem, serverName: localhost }
                """,
                "{ rate: 20/s, duration: 1s, warmup: 0s }",
                "{}");
        assertThat(counters(r.get("rpc")).ok()).isEqualTo(20);
        assertThat(r.get("rpc").load().target()).endsWith("/shop.Catalog/GetItem (TLS)");
    }

    @Test
    void withoutAProtoset_theServersReflectionDescribesTheMethod() throws IOException {
        server.close();
        server = DemoGrpc.start(
                0,
                (io.grpc.protobuf.ProtoFileDescriptorSupplier) DemoGrpc::descriptor,
                io.grpc.protobuf.services.ProtoReflectionServiceV1.newInstance());
        Map<String, BenchmarkResult> r = run(
                """
                target: ADDR
                method: shop.Catalog/ListItems
                request: '{"from": 1, "count": 3}'
                """,
                "{ rate: 20/s, duration: 1s, warmup: 0s }",
                "{}");
        assertThat(counters(r.get("rpc")).ok()).isEqualTo(20);
        assertThat(r).containsKey("rpc/firstMessage");
        // a server without reflection: one line that says so, and what to give instead
        server.close();
        server = DemoGrpc.start(0);
        assertThatThrownBy(() -> run(
                        """
                        target: ADDR
                        method: shop.Catalog/GetItem
                        """,
                        "{ rate: 20/s, duration: 1s, warmup: 0s }",
                        "{}"))
                .isInstanceOf(dev.perf.result.PerfException.class)
                .hasMessage("load rpc: cannot describe shop.Catalog/GetItem through the reflection of 127.0.0.1:"
                        + server.port() + ": the server does not serve reflection (grpc.reflection.v1) (or give"
                        + " grpc.protoset: FILE)");
    }

    @Test
    void aServerThatIsNotThere_failsTheLoopWithOneClearLine() throws IOException {
        int port = server.port();
        server.close();
        Map<String, BenchmarkResult> r = run(
                """
                target: 127.0.0.1:PORT
                method: shop.Catalog/GetItem
                protoset: catalog.protoset
                """
                        .replace("PORT", Integer.toString(port)),
                "{ rate: 10/s, duration: 1s, warmup: 0s }",
                "{}");
        assertThat(r.get("rpc").status()).isEqualTo(BenchmarkResult.Status.failed);
        assertThat(r.get("rpc").error())
                .startsWith("setUp failed: load rpc: cannot connect to grpc 127.0.0.1:" + port + " (plaintext)")
                .doesNotContain("\n");
    }
}
