package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSource;
import dev.perf.testing.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sql target against a real PostgreSQL started by the test (initdb in a temporary directory, stopped by its
 * PID). The database's own rows are the truth perf's counts are held to: every operation perf counts as
 * committed is a row, every failure is one the database refused.
 */
@Tag("slow") // load loops against the wall clock and a real server
class SqlTargetTest {
    private static Postgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        if (Postgres.binaries() == null) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "PostgreSQL is not installed");
            throw new IllegalStateException("PostgreSQL is not installed: .ci/run must install it");
        }
        pg = Postgres.start(40);
        pg.create(
                "shop",
                "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT i, 'item-' || i FROM generate_series(1, 100) i",
                "CREATE TABLE orders (id bigint PRIMARY KEY, item bigint NOT NULL, who text NOT NULL)",
                "CREATE TABLE stock (item bigint PRIMARY KEY, sold bigint NOT NULL)",
                "INSERT INTO stock SELECT i, 0 FROM generate_series(1, 100) i",
                "CREATE TABLE once (id bigint PRIMARY KEY)",
                "CREATE TABLE seen (seq bigint PRIMARY KEY, id bigint NOT NULL)",
                "CREATE TABLE locked (id int)",
                "INSERT INTO locked VALUES (1)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private Map<String, BenchmarkResult> run(String target, String load) throws IOException {
        return run(target, load, "{}");
    }

    private Map<String, BenchmarkResult> run(String target, String load, String targets) throws IOException {
        Path file = dir.resolve("perf.yaml");
        String yaml = "name: db\nbenchmarks:\n  - load:\n      name: db\n      target:\n        sql:\n"
                + target.indent(10)
                + "      load: " + load + "\n"
                + "      targets: " + targets + "\n";
        Files.writeString(file, yaml);
        SuiteSource source = SuiteLoader.load(file);
        LoadSpec spec = source.suite().benchmarks().get(0).load();
        List<BenchmarkResult> results = new LoadEngine()
                .runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), LoadListener.NONE);
        return results.stream().collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = pg.connect("shop");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static LoadDetails.Counters counters(BenchmarkResult r) {
        return r.load().counters();
    }

    @Test
    void aQueryAt500PerSecond_everyOperationSucceeds_withAcquisitionAndQueryTimedApart() throws IOException {
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                pool: 4
                statement: SELECT name FROM items WHERE id = ?
                params: ["${random(1,100)}"]
                """
                        .replace("URL", pg.url("shop")),
                "{ rate: 500/s, duration: 1s, warmup: 1s }",
                "{ errorRate: { target: 0% }, steps.query.p99: { target: 1s } }");
        BenchmarkResult loop = r.get("db");
        assertThat(loop.status()).as("%s", loop.error()).isEqualTo(BenchmarkResult.Status.ok);
        assertThat(loop.load().target())
                .isEqualTo("sql:" + pg.url("shop") + " SELECT name FROM items WHERE id = ? (pool 4)");
        assertThat(counters(loop).sent()).isEqualTo(500);
        assertThat(counters(loop).ok()).isEqualTo(500);
        for (String part : List.of("acquire", "query")) {
            BenchmarkResult p = r.get("db/" + part);
            assertThat(p).as(part).isNotNull();
            assertThat(counters(p).ok()).as(part).isEqualTo(500);
        }
        assertThat(r.get("db/query").load().targets()).singleElement().satisfies(t -> assertThat(t.status())
                .isIn("pass", "inconclusive"));
        // an operation is its parts: the median of the whole is at least each part's
        double whole = loop.load().overall().get("p50");
        assertThat(r.get("db/query").load().overall().get("p50")).isLessThanOrEqualTo(whole);
    }

    @Test
    void aTransaction_commitsExactlyTheOperationsCountedOk_andRollsBackTheRest() throws Exception {
        long before = count("SELECT count(*) FROM orders");
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                pool: 3
                transaction:
                  - name: order
                    statement: INSERT INTO orders (id, item, who) VALUES (?, ?, ?)
                    params: ["${seq}", "${random(1,100)}", "user-${random(1,9)}"]
                  - name: sell
                    statement: UPDATE stock SET sold = sold + 1 WHERE item = (SELECT item FROM orders WHERE id = ?)
                    params: ["${seq}"]
                """
                        .replace("URL", pg.url("shop")),
                "{ users: 3, duration: 2s, warmup: 0s }");
        BenchmarkResult loop = r.get("db");
        long ok = counters(loop).ok();
        assertThat(ok).isPositive();
        assertThat(counters(loop).failures()).isZero();
        assertThat(count("SELECT count(*) FROM orders") - before).isEqualTo(ok);
        assertThat(count("SELECT sum(sold) FROM stock")).isEqualTo(count("SELECT count(*) FROM orders"));
        for (String part : List.of("acquire", "order", "sell", "commit")) {
            assertThat(counters(r.get("db/" + part)).ok()).as(part).isEqualTo(ok);
            assertThat(counters(r.get("db/" + part)).sent()).as(part).isEqualTo(ok); // so that compare has its n
        }
    }

    @Test
    void csvRowsReachTheDatabaseInOrder_oneOperationEach() throws Exception {
        long[] ids = {70, 10, 50, 30, 20, 60, 40};
        StringBuilder csv = new StringBuilder("id\n");
        for (long id : ids) {
            csv.append(id).append('\n');
        }
        Files.writeString(dir.resolve("ids.csv"), csv);
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                statement: INSERT INTO seen (seq, id) VALUES (?, ?)
                params: ["${seq}", "${data.ids.id}"]
                types: [BIGINT, BIGINT]
                """
                        .replace("URL", pg.url("shop")),
                "{ rate: 70/s, duration: 1s, warmup: 0s }\n      data: { ids: { csv: ids.csv } }");
        assertThat(counters(r.get("db")).ok()).isEqualTo(70);
        try (Connection c = pg.connect("shop");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, id FROM seen ORDER BY seq")) {
            int rows = 0;
            while (rs.next()) {
                assertThat(rs.getLong("id"))
                        .as("seq %d", rs.getLong("seq"))
                        .isEqualTo(ids[(int) (rs.getLong("seq") % 7)]);
                rows++;
            }
            assertThat(rows).isEqualTo(70);
        }
        assertThat(count("SELECT count(DISTINCT id) FROM seen")).isEqualTo(7);
    }

    @Test
    void aLockHeldByAnotherSession_showsInTheTail_andInTheWaitForAConnection() throws Exception {
        // 0.6 s into the run another session takes the table for 0.5 s: the statements queue behind its lock,
        // and with a pool of 2 the operations behind them queue for a connection
        Thread locker = new Thread(() -> {
            try (Connection c = pg.connect("shop");
                    Statement s = c.createStatement()) {
                Thread.sleep(600);
                c.setAutoCommit(false);
                s.execute("LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
                Thread.sleep(500);
                c.commit();
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        locker.start();
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                pool: 2
                statement: SELECT count(*) FROM locked
                """
                        .replace("URL", pg.url("shop")),
                "{ rate: 50/s, duration: 2s, warmup: 0s }");
        locker.join();
        assertThat(counters(r.get("db")).failures()).isZero();
        assertThat(r.get("db").load().overall().get("p99")).isGreaterThanOrEqualTo(300.0);
        assertThat(r.get("db/query").load().overall().get("max")).isGreaterThanOrEqualTo(300.0);
        assertThat(r.get("db/acquire").load().overall().get("max")).isGreaterThanOrEqualTo(200.0);
    }

    @Test
    void aStatementTheDatabaseRefuses_isCountedByItsSqlState_andNothingElseFails() throws Exception {
        // 60 inserts of ids drawn from 1..20: the first of each id is stored, every other one is a duplicate key
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                pool: 2
                statement: INSERT INTO once (id) VALUES (?)
                params: ["${random(1,20)}"]
                """
                        .replace("URL", pg.url("shop")),
                "{ rate: 60/s, duration: 1s, warmup: 0s }");
        LoadDetails.Counters c = counters(r.get("db"));
        long stored = count("SELECT count(*) FROM once");
        assertThat(c.sent()).isEqualTo(60);
        assertThat(c.ok()).isEqualTo(stored);
        assertThat(c.errors()).isEqualTo(60 - stored);
        assertThat(c.ioErrors() + c.timeouts()).isZero();
        assertThat(c.checks()).containsOnlyKeys("sqlstate.23505");
        assertThat(c.checks().get("sqlstate.23505").failed()).isEqualTo(60 - stored);
        assertThat(c.checks().get("sqlstate.23505").first()).contains("duplicate key");
    }

    @Test
    void aPoolSmallerThanTheUsers_showsAsAcquisitionTime_notAsQueryTime() throws IOException {
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                pool: 1
                statement: SELECT pg_sleep(0.02)
                """
                        .replace("URL", pg.url("shop")),
                "{ users: 4, duration: 2s, warmup: 0s }");
        Map<String, Double> acquire = r.get("db/acquire").load().overall();
        Map<String, Double> query = r.get("db/query").load().overall();
        // four users share one connection: a query takes its 20 ms, and the users wait about three others'
        // queries for the connection. The pool need not be fair (HikariCP gives a returned connection back to
        // the thread that returns it when no waiter is ready), so the medians may go either way on a busy
        // machine; the means cannot: together the users wait about three times as long as the queries take.
        assertThat(query.get("p50")).isGreaterThanOrEqualTo(19.0);
        assertThat(acquire.get("mean")).isGreaterThan(1.5 * query.get("mean"));
        assertThat(counters(r.get("db")).failures()).isZero();
    }

    @Test
    void inAMixWithHttp_theStatementsRunBesideTheRequests_andEachKeepsItsParts() throws Exception {
        try (dev.perf.demo.DemoShop shop = dev.perf.demo.DemoShop.start(0, 2)) {
            Path file = dir.resolve("perf.yaml");
            Files.writeString(
                    file,
                    """
                    name: db
                    benchmarks:
                      - load:
                          name: db
                          mix:
                            - name: read
                              weight: 3
                              target:
                                sql:
                                  url: URL
                                  user: perf
                                  pool: 2
                                  statement: SELECT name FROM items WHERE id = ?
                                  params: ["${seq}"]
                            - name: stats
                              weight: 1
                              target: { http: { url: "http://SHOP/stats" } }
                          load: { rate: 80/s, duration: 2s, warmup: 0s }
                    """
                            .replace("URL", pg.url("shop"))
                            .replace("SHOP", shop.address()));
            SuiteSource source = SuiteLoader.load(file);
            LoadSpec spec = source.suite().benchmarks().get(0).load();
            Map<String, BenchmarkResult> r = new LoadEngine()
                    .runAll(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), LoadListener.NONE).stream()
                            .collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
            assertThat(counters(r.get("db")).ok()).isEqualTo(160);
            assertThat(counters(r.get("db/read")).ok()).isEqualTo(120);
            assertThat(counters(r.get("db/stats")).ok()).isEqualTo(40);
            assertThat(counters(r.get("db/read/acquire")).ok()).isEqualTo(120);
            assertThat(counters(r.get("db/read/query")).ok()).isEqualTo(120);
        }
    }

    /**
     * A JDBC driver that is on no classpath of perf's: compiled here into a jar of its own (it serves {@code
     * jdbc:perftest:} URLs by PostgreSQL's driver), and named by {@code sql.driver}.
     */
    @Test
    void aDriverFromTheSuitesJar_isFoundByItsUrl_andCarriesTheLoad() throws Exception {
        Path src = dir.resolve("src/perftest/Driver.java");
        Files.createDirectories(src.getParent());
        Files.writeString(
                src,
                """
                package perftest;
                public final class Driver implements java.sql.Driver {
                    private final java.sql.Driver pg = new org.postgresql.Driver();
                    public java.sql.Connection connect(String url, java.util.Properties p) throws java.sql.SQLException {
                        return acceptsURL(url) ? pg.connect("jdbc:postgresql:" + url.substring(14), p) : null;
                    }
                    public boolean acceptsURL(String url) { return url.startsWith("jdbc:perftest:"); }
                    public java.sql.DriverPropertyInfo[] getPropertyInfo(String u, java.util.Properties p) {
                        return new java.sql.DriverPropertyInfo[0];
                    }
                    public int getMajorVersion() { return 1; }
                    public int getMinorVersion() { return 0; }
                    public boolean jdbcCompliant() { return false; }
                    public java.util.logging.Logger getParentLogger() { return null; }
                }
                """);
        Path classes = dir.resolve("classes");
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        src.toString()))
                .isZero();
        Path jar = dir.resolve("perftest-driver.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("perftest/Driver.class"));
            out.write(Files.readAllBytes(classes.resolve("perftest/Driver.class")));
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/java.sql.Driver"));
            out.write("perftest.Driver\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, BenchmarkResult> r = run(
                """
                url: URL
                user: perf
                driver: perftest-driver.jar
                statement: SELECT name FROM items WHERE id = ?
                params: ["${random(1,100)}"]
                """
                        .replace("URL", pg.url("shop").replace("jdbc:postgresql:", "jdbc:perftest:")),
                "{ rate: 50/s, duration: 1s, warmup: 0s }");
        assertThat(r.get("db").status()).as("%s", r.get("db").error()).isEqualTo(BenchmarkResult.Status.ok);
        assertThat(counters(r.get("db")).ok()).isEqualTo(50);
        String url = pg.url("shop").replace("jdbc:postgresql:", "jdbc:perftest:");
        String withoutJar =
                """
                url: URL
                user: perf
                statement: SELECT 1
                """
                        .replace("URL", url);
        // the same jar as --classpath (the planning thread's context class loader, as perf run sets it)
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (java.net.URLClassLoader classpath =
                new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(classpath);
            assertThat(counters(run(withoutJar, "{ rate: 50/s, duration: 1s, warmup: 0s }")
                                    .get("db"))
                            .ok())
                    .isEqualTo(50);
        } finally {
            thread.setContextClassLoader(previous);
        }
        // without the jar: no driver of perf's takes the URL, and the plan says so before anything runs
        assertThatThrownBy(() -> run(withoutJar, "{ rate: 50/s, duration: 1s, warmup: 0s }"))
                .isInstanceOf(dev.perf.result.PerfException.class)
                .hasMessageContaining("no JDBC driver accepts jdbc:perftest:")
                .hasMessageContaining("sql.driver: FILE or with --classpath JAR");
    }

    @Test
    void aDatabaseThatIsNotThere_failsTheLoopWithOneClearLine() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, BenchmarkResult> r = run(
                """
                url: jdbc:postgresql://127.0.0.1:PORT/shop?connectTimeout=2
                password: s3cret-pw
                statement: SELECT 1
                """
                        .replace("PORT", Integer.toString(closed)),
                "{ rate: 10/s, duration: 1s, warmup: 0s }");
        BenchmarkResult loop = r.get("db");
        assertThat(loop.status()).isEqualTo(BenchmarkResult.Status.failed);
        assertThat(loop.error())
                .startsWith("setUp failed: load db: cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/shop:")
                .contains("is the database running")
                .doesNotContain("s3cret-pw")
                .doesNotContain("\n");
    }
}
