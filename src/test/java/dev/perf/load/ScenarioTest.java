package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.demo.DemoShop;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.Nginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios against the demo shop on 127.0.0.1: login (a token in JSON, a session cookie), a page with a CSRF
 * token, a JSON list, an add-to-cart that needs all three and a checkout that answers an order id. The shop's
 * own counts are the truth perf's figures are held to.
 */
@Tag("slow") // load loops against the wall clock
class ScenarioTest {
    @TempDir
    Path dir;

    private DemoShop shop;

    @BeforeEach
    void start() throws IOException {
        shop = DemoShop.start(0, 4);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    /** The whole journey, {@code think} between the list and the cart, at {@code load}. */
    private String journey(String load, String think, String targets) {
        return journey("http://" + shop.address(), load, think, targets);
    }

    /** The journey to the shop at {@code base} ({@code scheme://host:port}). */
    private static String journey(String base, String load, String think, String targets) {
        return """
                name: shop
                benchmarks:
                  - load:
                      name: shop
                      target:
                        scenario:
                          steps:
                            - name: login
                              http: { url: "BASE/login", method: POST, body: '{"user":"u${seq}"}' }
                              extract: { token: { json: /token }, sid: { cookie: session } }
                            - name: page
                              http: { url: "BASE/page" }
                              extract: { csrf: { regex: 'name="csrf" value="([^"]+)"' } }
                            - name: list
                              http: { url: "BASE/items", headers: { Authorization: "Bearer ${token}" } }
                              extract: { item: { json: "$.items[2].id" } }
                            - think: THINK
                            - name: cart
                              http:
                                url: "BASE/cart"
                                method: POST
                                headers: { Authorization: "Bearer ${token}", X-CSRF-Token: "${csrf}" }
                                body: '{"item":"${item}"}'
                            - name: checkout
                              http:
                                url: "BASE/checkout"
                                method: POST
                                headers: { Authorization: "Bearer ${token}", X-CSRF-Token: "${csrf}" }
                              extract: { order: { json: /orderId } }
                      load: LOAD
                      targets: TARGETS
                """
                .replace("BASE", base)
                .replace("THINK", think)
                .replace("LOAD", load)
                .replace("TARGETS", targets);
    }

    /** The journey for ten iterations in a second, without pauses, whose iterations may fail 1 % at most. */
    private String failing() {
        return journey("{ rate: 10/s, duration: 1s, warmup: 0s }", "0s", "{ iteration.errorRate: { target: 1% } }");
    }

    private Map<String, BenchmarkResult> run(String yaml) throws IOException {
        return run(yaml, LoadListener.NONE);
    }

    private Map<String, BenchmarkResult> run(String yaml, LoadListener listener) throws IOException {
        Path file = dir.resolve("perf.yaml");
        Files.writeString(file, yaml);
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        List<BenchmarkResult> results =
                new LoadEngine().runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), listener);
        return results.stream().collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
    }

    /**
     * The verdict a target must have: {@code judged}, or inconclusive when perf itself set the pace (a loaded
     * machine may delay its event loop: then no verdict is given, whatever the figure).
     */
    /**
     * The statuses a target of {@code r} may have when judged {@code judged}: that alone, or — when the machine
     * bound perf — that or inconclusive (a bound run keeps only what its bound cannot have changed: GeneratorBound).
     */
    private static List<String> verdicts(BenchmarkResult r, String judged) {
        return r.load().generatorBound() ? List.of(judged, "inconclusive") : List.of(judged);
    }

    private static LoadDetails.Counters counters(BenchmarkResult r) {
        return r.load().counters();
    }

    /**
     * A journey run as two shards, merged exactly by perf report merge and compared by perf compare: the steps'
     * results merge and compare like the loop's. The shop runs in a process of its own, as a real one would.
     */
    @Test
    void theStepsOfTwoShards_mergeExactly_andCompare() throws Exception {
        int port = dev.perf.testing.JavaProcess.freePort();
        Map<String, LoadDetails.Counters> merged;
        dev.perf.testing.CliRun compared;
        try (dev.perf.testing.JavaProcess own = dev.perf.testing.JavaProcess.start(
                DemoShop.class, dir.resolve("shop.log"), "demo shop on", Integer.toString(port))) {
            Files.writeString(
                    dir.resolve("perf.yaml"),
                    """
                    name: shop
                    benchmarks:
                      - load:
                          name: shop
                          target:
                            scenario:
                              steps:
                                - name: login
                                  http: { url: "http://127.0.0.1:PORT/login", method: POST, body: '{"user":"u${seq}"}' }
                                - name: page
                                  http: { url: "http://127.0.0.1:PORT/page" }
                          load: { rate: 40/s, duration: 2s, warmup: 0s }
                    """
                            .replace("PORT", Integer.toString(port)));
            for (String shard : List.of("1/2", "2/2")) {
                dev.perf.testing.CliRun r = dev.perf.testing.CliRun.perf(
                        "run",
                        "-s",
                        dir.resolve("perf.yaml").toString(),
                        "--shard",
                        shard,
                        "-o",
                        dir.resolve("s" + shard.charAt(0) + ".json").toString(),
                        "-q",
                        "--no-progress");
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
            dev.perf.testing.CliRun m = dev.perf.testing.CliRun.perf(
                    "report",
                    "merge",
                    dir.resolve("s1.json").toString(),
                    dir.resolve("s2.json").toString(),
                    "-o",
                    dir.resolve("merged.json").toString());
            assertThat(m.exitCode()).as(m.err()).isZero();
            merged = new java.util.LinkedHashMap<>();
            for (BenchmarkResult b :
                    dev.perf.result.ResultFiles.read(dir.resolve("merged.json")).benchmarks()) {
                merged.put(b.name(), b.load().counters());
            }
            compared = dev.perf.testing.CliRun.perf(
                    "compare",
                    dir.resolve("s1.json").toString(),
                    dir.resolve("s2.json").toString());
        }
        // 80 journeys in all, 40 in each shard: the merge holds every one, of the loop and of each step
        assertThat(merged).containsOnlyKeys("shop", "shop/login", "shop/page");
        merged.forEach((name, c) -> {
            assertThat(c.sent()).as(name).isEqualTo(80);
            assertThat(c.ok()).as(name).isEqualTo(80);
        });
        assertThat(compared.out()).contains("shop/login").contains("shop/page");
        assertThat(compared.out()).doesNotContain("regressed");
    }

    @Test
    void atAFixedIterationRate_everyIterationCompletes_andTheShopCountsAsManyOrders() throws IOException {
        Map<String, BenchmarkResult> r = run(journey(
                "{ rate: 20/s, duration: 3s, warmup: 1s, connections: 16 }",
                "100ms",
                "{ iteration.errorRate: { target: 0% }, steps.login.p99: { target: 2s } }"));
        BenchmarkResult loop = r.get("shop");
        assertThat(loop.load().target()).isEqualTo("scenario:login,page,list,cart,checkout");
        assertThat(counters(loop).sent()).isEqualTo(60);
        assertThat(counters(loop).ok()).isEqualTo(60);
        // the warm-up's second at 20/s ran 20 whole journeys before the measured 60
        assertThat(shop.orders()).isEqualTo(80);
        assertThat(shop.logins()).isEqualTo(80);
        assertThat(shop.mismatches()).isZero();
        for (String step : List.of("login", "page", "list", "cart", "checkout")) {
            BenchmarkResult s = r.get("shop/" + step);
            assertThat(s).as(step).isNotNull();
            assertThat(counters(s).sent()).as(step).isEqualTo(60);
            assertThat(counters(s).ok()).as(step).isEqualTo(60);
        }
        // the iteration takes at least the pause: its median is above 100 ms, each step's far below it
        assertThat(loop.load().overall().get("p50")).isGreaterThanOrEqualTo(100.0);
        assertThat(r.get("shop/cart").load().overall().get("p50")).isLessThan(100.0);
        assertThat(loop.load().targets()).singleElement().satisfies(t -> {
            assertThat(t.current()).isZero();
            assertThat(t.status()).isIn(verdicts(loop, "pass"));
        });
        assertThat(r.get("shop/login").load().targets()).hasSize(1);
    }

    /**
     * The journey over HTTP/2 and TLS, through nginx in front of the shop (as a browser meets a service): the
     * iterations share a few connections, each step on a stream of its own, and yet every session keeps its
     * own cookie and tokens — the shop sees no request whose token and cookie belong to different logins.
     */
    @Test
    void overHttp2ThroughNginx_iterationsShareConnections_butNotSessions() throws Exception {
        if (!Nginx.installed()) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "nginx is not installed");
            throw new IllegalStateException("nginx is not installed: .ci/run must install nginx-light");
        }
        Path cert = TlsTestServer.file("server.pem").toPath();
        Path key = TlsTestServer.file("server-key.pem").toPath();
        try (Nginx nginx = Nginx.start(dir, shop.address(), cert, key)) {
            String ca = TlsTestServer.file("ca.pem").getAbsolutePath();
            String h2 = "version: \"2\", tls: { ca: \"" + ca + "\" }";
            String yaml = journey(
                            "https://localhost:" + nginx.port(),
                            "{ rate: 20/s, duration: 3s, warmup: 1s, connections: 16 }",
                            "100ms",
                            "{ iteration.errorRate: { target: 0% } }")
                    .replace("http: { url:", "http: { " + h2 + ", url:")
                    .replace(
                            "http:\n                url:",
                            "http:\n                version: \"2\"\n                tls: { ca: \"" + ca
                                    + "\" }\n                url:");
            assertThat(yaml.split("version: \"2\"", -1)).as(yaml).hasSize(6);
            Map<String, BenchmarkResult> r = run(yaml);
            BenchmarkResult loop = r.get("shop");
            assertThat(counters(loop).failures())
                    .as(String.valueOf(loop.load().counters().checks()))
                    .isZero();
            assertThat(counters(loop).ok()).isEqualTo(60);
            assertThat(shop.orders()).isEqualTo(80);
            assertThat(shop.logins()).isEqualTo(80);
            assertThat(shop.mismatches()).isZero();
            for (String step : List.of("login", "page", "list", "cart", "checkout")) {
                assertThat(counters(r.get("shop/" + step)).ok()).as(step).isEqualTo(60);
            }
            List<String> log = nginx.accessLog();
            assertThat(log).hasSize(5 * 80).allSatisfy(line -> assertThat(line).contains(" HTTP/2.0 "));
            // 16 iterations in flight over HTTP/1.1 would hold 16 connections; over h2 they share one per event
            // loop (of the warm-up's lanes and the measurement's)
            assertThat(log.stream().map(line -> line.split(" ")[0]).distinct().count())
                    .isBetween(1L, 4L);
            assertThat(nginx.errors()).doesNotContain("[error]");
        }
    }

    @Test
    void withClosedUsers_eachSessionKeepsItsOwnTokens_andThinkTimeIsHonoured() throws IOException {
        Map<String, BenchmarkResult> r = run(
                journey("{ users: 4, duration: 3s, warmup: 0s }", "200ms", "{ iteration.errorRate: { target: 0% } }"));
        BenchmarkResult loop = r.get("shop");
        long iterations = counters(loop).ok();
        assertThat(counters(loop).failures()).isZero();
        assertThat(shop.orders()).isEqualTo(iterations);
        assertThat(shop.mismatches()).isZero();
        // 4 users, each iteration ≥ 200 ms of pause: at most 4 × 3 s / 0.2 s iterations (and a few in flight)
        assertThat(iterations).isBetween(8L, 64L);
        double meanMs = loop.load().overall().get("mean");
        // the pause is 200 ms ± 5 %; the five requests on loopback add a few ms
        assertThat(meanMs).isBetween(190.0, 260.0);
    }

    @Test
    void aWrongJsonPath_failsThatStep_andTheIteration_throughTheSlo() throws IOException {
        String yaml = failing().replace("$.items[2].id", "$.items[9].id");
        Map<String, BenchmarkResult> r = run(yaml);
        BenchmarkResult list = r.get("shop/list");
        assertThat(counters(list).failures()).isEqualTo(10);
        assertThat(list.load().counters().checks()).containsKey("extract.item");
        assertThat(counters(r.get("shop/cart")).sent()).isZero();
        BenchmarkResult loop = r.get("shop");
        assertThat(loop.load().counters().checks()).containsKey("list.extract.item");
        assertThat(loop.load().targets()).singleElement().satisfies(t -> {
            assertThat(t.current()).isEqualTo(100.0);
            assertThat(t.status()).isIn(verdicts(loop, "fail"));
        });
        assertThat(shop.orders()).isZero();
    }

    @Test
    void aMissingCookie_andA401_failTheRightSteps() throws IOException {
        String noCookie = failing().replace("sid: { cookie: session }", "sid: { cookie: basket }");
        Map<String, BenchmarkResult> r = run(noCookie);
        assertThat(r.get("shop/login").load().counters().checks()).containsKey("extract.sid");
        assertThat(counters(r.get("shop/page")).sent()).isZero();

        String badToken = failing()
                .replace(
                        "headers: { Authorization: \"Bearer ${token}\" }",
                        "headers: { Authorization: \"Bearer x${token}\" }");
        Map<String, BenchmarkResult> r2 = run(badToken);
        BenchmarkResult list = r2.get("shop/list");
        assertThat(list.load().counters().checks()).containsKey("status");
        assertThat(counters(list).httpErrors()).isEqualTo(10);
        assertThat(r2.get("shop").load().counters().checks()).containsKey("list.status");
    }

    @Test
    void onFailureContinue_runsTheLaterSteps_butTheIterationStillFails() throws IOException {
        String yaml = journey("{ rate: 10/s, duration: 1s, warmup: 0s }", "0s", "{}")
                .replace(
                        "extract: { item: { json: \"$.items[2].id\" } }",
                        "extract: { item: { json: \"$.items[2].id\" }, missing: { header: X-Nope } }\n"
                                + "              onFailure: continue");
        Map<String, BenchmarkResult> r = run(yaml);
        assertThat(counters(r.get("shop/checkout")).sent()).isEqualTo(10);
        assertThat(shop.orders()).isEqualTo(10);
        assertThat(counters(r.get("shop")).failures()).isEqualTo(10);
    }

    @Test
    void aSlowLogin_showsInTheIteration_andOnlyInTheLoginStep() throws IOException {
        shop.loginDelay(150);
        Map<String, BenchmarkResult> r =
                run(journey("{ rate: 10/s, duration: 2s, warmup: 0s, connections: 8 }", "0s", "{}"));
        assertThat(r.get("shop/login").load().overall().get("p50")).isGreaterThanOrEqualTo(150.0);
        assertThat(r.get("shop/list").load().overall().get("p50")).isLessThan(100.0);
        assertThat(r.get("shop").load().overall().get("p50")).isGreaterThanOrEqualTo(150.0);
        assertThat(shop.orders()).isEqualTo(20);
    }

    @Test
    void liveWindows_comeForTheIterationsAndForEveryStep() throws IOException {
        List<LoadWindow> windows = new java.util.concurrent.CopyOnWriteArrayList<>();
        LoadListener listener = new LoadListener() {
            @Override
            public boolean wantsWindows() {
                return true;
            }

            @Override
            public void loadWindow(LoadWindow window) {
                windows.add(window);
            }
        };
        run(journey("{ rate: 10/s, duration: 2s, warmup: 0s }", "0s", "{}"), listener);
        assertThat(windows.stream().map(w -> String.valueOf(w.operation())).distinct())
                .containsExactlyInAnyOrder("null", "login", "page", "list", "cart", "checkout");
        LoadWindow lastCheckout = windows.stream()
                .filter(w -> "checkout".equals(w.operation()))
                .reduce((a, b) -> b)
                .orElseThrow();
        // totals are cumulative: the last window shows what had completed by its second (at most all 20)
        assertThat(lastCheckout.totals().ok()).isPositive().isLessThanOrEqualTo(20);
    }

    @Test
    void dataPerUser_keepsEachUsersRow_perIteration_movesOn() throws IOException {
        Files.writeString(dir.resolve("users.csv"), "name\nada\ngrace\nbarbara\nedsger\nleslie\n");
        String base = "http://" + shop.address();
        String yaml =
                """
                name: rows
                benchmarks:
                  - load:
                      name: rows
                      target:
                        scenario:
                          data: BINDING
                          steps:
                            - name: login
                              http: { url: "BASE/login", method: POST, body: '{"user":"${data.users.name}"}' }
                            - think: 50ms
                      data: { users: { csv: users.csv } }
                      load: { users: 2, duration: 1s, warmup: 0s }
                """
                        .replace("BASE", base);
        run(yaml.replace("BINDING", "perUser"));
        // two users, each its own row (the rows of users 0 and 1), however many iterations they ran
        assertThat(shop.users()).containsExactlyInAnyOrder("ada", "grace");
        assertThat(shop.logins()).isGreaterThan(4);
        run(yaml.replace("BINDING", "perIteration"));
        // by the iteration's index the rows move on: all five names come round
        assertThat(shop.users()).containsExactlyInAnyOrder("ada", "grace", "barbara", "edsger", "leslie");
    }
}
