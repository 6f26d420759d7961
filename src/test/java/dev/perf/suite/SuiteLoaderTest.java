package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
    @TempDir
    Path dir;

    private static Suite parse(String text) {
        return SuiteLoader.parse(text.getBytes(StandardCharsets.UTF_8), "perf.yaml");
    }

    private static String error(String text) {
        try {
            parse(text);
        } catch (PerfException e) {
            assertThat(e.kind()).isEqualTo(PerfException.Kind.BAD_INPUT);
            return e.getMessage();
        }
        throw new AssertionError("expected a bad-input failure for:\n" + text);
    }

    /** A message about a value inside a loop names the loop first: entries are known by name, not by place. */
    @Test
    void aProblemInsideALoop_namesTheLoop_inAParallelEntryAndAMatrixToo() {
        String parallel =
                """
                name: s
                benchmarks:
                  - parallel:
                      - load: { name: a, target: { java: { class: X } }, load: { users: 1 } }
                      - load: { name: b, target: { java: { class: X } }, load: { users: 1, bogus: 1 } }
                """;
        assertThatThrownBy(() -> SuiteLoader.parse(parallel.getBytes(StandardCharsets.UTF_8), "f"))
                .hasMessageContaining("unknown key 'bogus' in load b, benchmarks[0].parallel[1].load.load;");
        String matrix =
                """
                name: s
                benchmarks:
                  - load:
                      name: db
                      matrix: { pool: [1, 0] }
                      target: { sql: { url: "jdbc:postgresql://h/x", pool: "${param.pool}", statement: SELECT 1 } }
                      load: { users: 1 }
                """;
        assertThatThrownBy(() -> SuiteLoader.parse(matrix.getBytes(StandardCharsets.UTF_8), "f"))
                .hasMessageContaining(
                        "load db[pool=0], benchmarks[1].load.target.sql: sql.pool must be between 1 and 1000");
    }

    @Test
    void parse_readsEveryFieldOfAFullSuite() {
        Suite s = parse(
                """
                name: checkout
                profiles:
                  quick: { jmh: { forks: 2, warmupIterations: 1, warmupTime: 500ms, iterations: 4, time: 2s, threads: 2, jvmArgs: [-Xmx1g], gcProfiler: false } }
                  nightly: { jmh: { forks: 5 } }
                thresholds:
                  time: { warn: 5%, fail: 10% }
                benchmarks:
                  - jmh: { include: "TenantCache.*", jar: target/benchmarks.jar }
                  - jmh:
                      include: "Codec.*"
                      exclude: "Slow"
                      classpath: [target/classes, lib/dep.jar]
                      params: { size: [10, 100] }
                """);
        assertThat(s.name()).isEqualTo("checkout");
        JmhOptions quick = s.profile("quick").jmh();
        assertThat(quick)
                .isEqualTo(new JmhOptions(
                        2, 1, Duration.ofMillis(500), 4, Duration.ofSeconds(2), 2, List.of("-Xmx1g"), false));
        assertThat(s.profile("nightly").jmh().forks()).isEqualTo(5);
        assertThat(s.profile("nightly").jmh().iterations())
                .isEqualTo(Profile.QUICK.jmh().iterations());
        assertThat(s.profile("full")).isEqualTo(Profile.FULL);
        assertThat(s.thresholds().time().warnFraction()).isEqualTo(0.05);
        assertThat(s.thresholds().memory()).isEqualTo(Thresholds.DEFAULTS.memory());
        assertThat(s.benchmarks()).hasSize(2);
        assertThat(s.benchmarks().get(0).jmh().jar()).isEqualTo("target/benchmarks.jar");
        JmhSpec codec = s.benchmarks().get(1).jmh();
        assertThat(codec.classpath()).containsExactly("target/classes", "lib/dep.jar");
        assertThat(codec.params()).containsEntry("size", List.of("10", "100"));
        assertThat(codec.exclude()).isEqualTo("Slow");
    }

    @Test
    void parse_acceptsJson() {
        Suite s = parse("{\"name\": \"j\", \"benchmarks\": [{\"jmh\": {\"include\": \"X\"}}]}");
        assertThat(s.benchmarks().get(0).jmh().include()).isEqualTo("X");
    }

    @Test
    void parse_unknownKeyNamesLineColumnPathAndAllowedKeys() {
        String message = error("name: x\nbenchmarks:\n  - jmh: { include: X, jarr: a.jar }\n");
        assertThat(message)
                .startsWith("perf.yaml:3:")
                .contains("unknown key 'jarr' in benchmarks[0].jmh")
                .endsWith("allowed: classpath, exclude, include, jar, params");
    }

    @Test
    void parse_unknownTopLevelKeyListsTopLevelKeys() {
        assertThat(error("name: x\nbenchmark: []\n"))
                .contains("allowed: benchmarks, metrics, name, observe, profiles, seed, thresholds");
    }

    @Test
    void parse_typoOfARequiredKeyIsReportedAsUnknownKey() {
        assertThat(error("name: x\nbenchmarks:\n  - jmh:\n      inclde: X\n"))
                .startsWith("perf.yaml:4:7: unknown key 'inclde' in benchmarks[0].jmh; allowed: classpath, exclude");
    }

    @Test
    void parse_unknownKeyInsideAProfileMap() {
        assertThat(error("name: x\nprofiles:\n  nightly: { jmh: { fork: 1 } }\nbenchmarks:\n  - jmh: { include: X }\n"))
                .contains("perf.yaml:3:")
                .contains("unknown key 'fork' in profiles.nightly.jmh");
    }

    @Test
    void parse_badDurationNamesLineColumnAndAcceptedForms() {
        String message =
                error("name: x\nprofiles:\n  quick:\n    jmh: { time: 5x }\nbenchmarks:\n  - jmh: { include: X }\n");
        assertThat(message)
                .startsWith("perf.yaml:4:")
                .contains("invalid duration '5x'")
                .contains("500ms, 5s");
    }

    @Test
    void parse_syntaxErrorNamesLineAndColumn() {
        assertThat(error("name: x\n benchmarks: y\n")).matches("perf\\.yaml:2:\\d+: syntax error: .*");
    }

    @Test
    void parse_validationFailuresAreOneLine() {
        assertThat(error("name: x\nbenchmarks:\n  - jmh: { jar: a.jar }\n")).contains("jmh.include is required");
        assertThat(error("name: x\nbenchmarks:\n  - jmh: { include: '(' }\n")).contains("not a valid regex");
        assertThat(error("name: x\nbenchmarks:\n  - jmh: { include: X, jar: a.jar, classpath: [b] }\n"))
                .contains("both jar and classpath");
        assertThat(error("name: x\nbenchmarks: []\n")).contains("benchmarks is empty");
        assertThat(error("benchmarks:\n  - jmh: { include: X }\n")).contains("name is required");
        assertThat(error(
                        "name: x\nprofiles: { quick: { jmh: { forks: -1 } } }\nbenchmarks:\n  - jmh: { include: X }\n"))
                .contains("forks must be at least 0");
        assertThat(
                        error(
                                "name: x\nthresholds: { time: { warn: 30%, fail: 20% } }\nbenchmarks:\n  - jmh: { include: X }\n"))
                .contains("warn 30% is above fail 20%");
        assertThat(error("name: x\nbenchmarks:\n  - {}\n")).contains("needs exactly one kind");
        assertThat(error("")).contains("the suite is empty");
    }

    @Test
    void load_missingFileSaysWhatToDo() {
        assertThatThrownBy(() -> SuiteLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("nope.yaml: no such file");
    }

    @Test
    void load_resolvesRelativePathsAgainstTheSuiteDirectory() throws IOException {
        Path file = Files.writeString(
                dir.resolve("perf.yaml"), "name: x\nbenchmarks:\n  - jmh: { include: X, jar: t/b.jar }\n");
        SuiteSource source = SuiteLoader.load(file);
        assertThat(source.resolve("t/b.jar")).isEqualTo(dir.toAbsolutePath().resolve("t/b.jar"));
    }

    @Test
    void demo_isTheSameSuiteAsSamplesPerfYaml() {
        Suite demo = SuiteLoader.demo().suite();
        Suite sample = SuiteLoader.load(Path.of("samples/perf.yaml")).suite();
        assertThat(sample).isEqualTo(demo);
    }

    @Test
    void profile_unknownNameIsUsageErrorListingKnownOnes() {
        Suite s = parse("name: x\nprofiles: { nightly: {} }\nbenchmarks:\n  - jmh: { include: X }\n");
        assertThatThrownBy(() -> s.profile("weekly"))
                .hasMessageContaining("unknown profile 'weekly'")
                .hasMessageContaining("full, nightly, quick");
    }

    @Test
    void parse_loadEntriesWithEveryShape() {
        Suite s = parse(
                """
                name: l
                benchmarks:
                  - load:
                      name: a
                      target: { java: { class: com.acme.W, params: { k: v } } }
                      load: { rate: 1000/s, duration: 2s, warmup: 500ms, maxInFlight: 8, timeout: 1s, poissonSeed: 7 }
                      targets: { p99: { target: 50ms, acceptable: 100ms }, throughput: { acceptable: 900/s }, errorRate: { acceptable: 1% } }
                  - load: { name: b, target: { java: { class: com.acme.W } }, load: { ramp: { from: 10/s, to: 100/s } } }
                  - load: { name: c, target: { java: { class: com.acme.W } }, load: { stages: [ { duration: 1s, rate: 10/s }, { duration: 2s, rate: 50/s } ] } }
                  - load: { name: d, target: { java: { class: com.acme.W } }, load: { spike: { base: 10/s, peak: 100/s, at: 1s, hold: 1s } } }
                  - load: { name: e, target: { java: { class: com.acme.W } }, load: { burst: { base: 10/s, rate: 100/s, every: 1s, length: 100ms } } }
                  - load: { name: f, target: { java: { class: com.acme.W } }, load: { users: 4, thinkTime: 10ms } }
                """);
        LoadSpec a = s.benchmarks().get(0).load();
        assertThat(a.target().java().className()).isEqualTo("com.acme.W");
        assertThat(a.target().java().params()).containsEntry("k", "v");
        assertThat(a.load().maxInFlight()).isEqualTo(8);
        assertThat(a.targets()).containsKeys("p99", "throughput", "errorRate");
        assertThat(s.benchmarks().get(5).load().load().closed()).isTrue();
        assertThat(s.benchmarks()).hasSize(6);
    }

    @Test
    void parse_loadEntryProblemsAreOneLine() {
        String head = "name: l\nbenchmarks:\n  - load: { name: a, target: { java: { class: com.acme.W } }, ";
        assertThat(error(head + "load: { rate: 10/s }, targets: { p42: { target: 1ms } } }\n"))
                .contains("unknown target 'p42'");
        assertThat(error(head + "load: { rate: 10/s }, targets: { p99: { target: 10/s } } }\n"))
                .contains("invalid duration '10/s'");
        assertThat(error(head + "load: { duration: 1s } }\n")).contains("needs a shape");
        assertThat(error(head + "load: { rate: 10/s, users: 2 } }\n")).contains("give one load shape");
        assertThat(error(head + "load: { rate: fast } }\n")).contains("invalid rate 'fast'");
        assertThat(
                        error(
                                "name: l\nbenchmarks:\n  - load: { name: a, target: { http: { url: x } }, load: { rate: 1/s } }\n"))
                .contains("invalid URL 'x'");
    }

    @Test
    void loadPatternsSample_loadsWithEveryPatternAndTargetKind() {
        Suite s = SuiteLoader.load(Path.of("samples/load-patterns.yaml")).suite();
        List<LoadSpec> loads = s.benchmarks().stream()
                .map(BenchmarkEntry::load)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(loads).anyMatch(l -> l.load().poissonSeed() != null);
        assertThat(loads).anyMatch(l -> l.load().ramp() != null);
        assertThat(loads).anyMatch(l -> l.load().stages() != null);
        assertThat(loads).anyMatch(l -> l.load().spike() != null);
        assertThat(loads).anyMatch(l -> l.load().burst() != null);
        assertThat(loads).anyMatch(l -> l.load().closed());
        assertThat(loads).anyMatch(l -> l.mix() != null && l.mix().size() == 2);
        assertThat(loads).anyMatch(l -> l.findMaxRate() != null);
        assertThat(loads).anyMatch(l -> l.target() != null && l.target().exec() != null);
        assertThat(loads).anyMatch(l -> l.target() != null && l.target().http() != null);
        assertThat(loads).anyMatch(l -> l.target() != null && l.target().java() != null);
    }

    private static final String LOOP = "  - load: { name: %s, target: { java: { class: a.B } }, load: { %s } }\n";

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "rate: 0/s|rate 0/s is out of range: give a rate above 0/s and at most 10000000/s",
                "rate: 1000000000000/s|rate 1000000000000/s is out of range",
                "'rate: 10/s, timeout: 0s'|timeout 0s is out of range: give more than 0s up to 24h",
                "'rate: 10/s, duration: 2562047h'|duration 2562047h is out of range",
            })
    void parse_absurdRatesAndDurations_areBadInputWithTheLimits(String load, String message) {
        assertThat(error("name: s\nbenchmarks:\n" + LOOP.formatted("a", load))).contains(message);
    }

    @Test
    void parse_duplicateLoopNames_duplicateKeys_trailingJson_invertedSlo_areBadInput() {
        assertThat(error(
                        "name: s\nbenchmarks:\n" + LOOP.formatted("a", "rate: 1/s") + LOOP.formatted("a", "rate: 1/s")))
                .contains("two load loops are named 'a'");
        assertThat(error("name: s\nname: t\nbenchmarks:\n" + LOOP.formatted("a", "rate: 1/s")))
                .contains("Duplicate field 'name'");
        assertThat(error("{\"name\": \"s\", \"benchmarks\": [{\"jmh\": {\"include\": \"x\"}}]} trailing"))
                .isNotBlank();
        assertThat(error(
                        "name: s\nbenchmarks:\n  - load: { name: a, target: { java: { class: a.B } }, load: { rate: 1/s },"
                                + " targets: { p99: { target: 50ms, acceptable: 10ms } } }\n"))
                .contains("targets.p99: target 50ms is above acceptable 10ms");
    }

    private static String http(String target) {
        return "name: s\nbenchmarks:\n  - load: { name: a, target: { http: " + target + " }, load: { rate: 1/s } }\n";
    }

    @Test
    void parse_httpTargetsThatWouldSplitRequestsOrLeakSecrets_areBadInputNamingTheKey() {
        assertThat(error(http("{ url: 'http://127.0.0.1:8080/', headers: { X-A: \"a\\r\\nX-Evil: 1\" } }")))
                .contains("http.headers.X-A: the value has a line break at position 2");
        assertThat(error(http("{ url: 'http://127.0.0.1:8080/', headers: { X-A: \"caf\u00e9\" } }")))
                .contains("http.headers.X-A: the value has the character U+00E9");
        assertThat(error(http("{ url: 'http://127.0.0.1:8080/', method: \"GET /x HTTP/1.1\\r\\n\" }")))
                .contains("is not an HTTP method");
        assertThat(error(http("{ url: 'http://127.0.0.1:0/' }"))).contains("port 0 is not a port");
        String secret = error(http("{ url: 'ftp://user:hunter2@127.0.0.1:8080/' }"));
        assertThat(secret).contains("user:***@").doesNotContain("hunter2");
    }

    @Test
    void aDirectory_offersPerfYamlThenPerfYmlThenPerfJson_elseTheDemo() throws IOException {
        Path d = Files.createDirectories(dir.resolve("project"));
        assertThat(SuiteLoader.inDirectory(d).label()).isEqualTo(SuiteSource.BUILT_IN);
        String yaml = "name: %s\nbenchmarks:\n  - jmh: { include: x }\n";
        Files.writeString(
                d.resolve("perf.json"), "{\"name\": \"json\", \"benchmarks\": [{\"jmh\": {\"include\": \"x\"}}]}");
        assertThat(SuiteLoader.inDirectory(d).suite().name()).isEqualTo("json");
        Files.writeString(d.resolve("perf.yml"), yaml.formatted("yml"));
        assertThat(SuiteLoader.inDirectory(d).suite().name()).isEqualTo("yml");
        Files.writeString(d.resolve("perf.yaml"), yaml.formatted("yaml"));
        assertThat(SuiteLoader.inDirectory(d).suite().name()).isEqualTo("yaml");
    }

    /** The suite's observe: reaches every loop (parallel ones too); a loop's own adds series and replaces URLs. */
    @Test
    void aSuiteLevelObserve_isEveryLoops_andALoopsOwnBlockExtendsIt() {
        Suite suite = parse(
                """
                name: s
                observe:
                  scrape: http://127.0.0.1:8080/metrics
                  prometheus: http://127.0.0.1:9090
                  series:
                    hitRate: { metric: cache_hit_ratio, unit: ratio, better: higher }
                    errors: { query: 'sum(rate(errors_total[5s]))', unit: /s, better: lower }
                benchmarks:
                  - load:
                      name: plain
                      target: { http: { url: "http://127.0.0.1:8080/a" } }
                      load: { rate: 10/s }
                      targets: { hitRate: { min: 0.8 } }
                  - load:
                      name: own
                      target: { http: { url: "http://127.0.0.1:8081/b" } }
                      load: { rate: 10/s }
                      observe:
                        scrape: http://127.0.0.1:8081/metrics
                        series:
                          dbP95: { metric: db_seconds, quantile: 0.95, unit: s, better: lower }
                          errors: { query: 'sum(rate(b_errors_total[5s]))', unit: /s, better: lower }
                      targets: { dbP95: { target: 50ms, acceptable: 100ms }, hitRate: { min: 0.5 } }
                  - parallel:
                      - load: { name: p1, target: { http: { url: "http://127.0.0.1:8080/c" } }, load: { rate: 1/s } }
                      - load: { name: p2, target: { http: { url: "http://127.0.0.1:8080/d" } }, load: { rate: 1/s } }
                  - jmh: { include: X }
                """);
        List<LoadSpec> loops =
                suite.benchmarks().stream().flatMap(e -> e.loads().stream()).toList();
        assertThat(loops).extracting(LoadSpec::name).containsExactly("plain", "own", "p1", "p2");
        LoadSpec plain = loops.get(0);
        assertThat(plain.observe().scrape()).isEqualTo("http://127.0.0.1:8080/metrics");
        assertThat(plain.observe().series()).containsOnlyKeys("hitRate", "errors");
        assertThat(plain.observedTargets()).containsOnlyKeys("hitRate");
        LoadSpec own = loops.get(1);
        assertThat(own.observe().scrape()).isEqualTo("http://127.0.0.1:8081/metrics");
        assertThat(own.observe().prometheus()).isEqualTo("http://127.0.0.1:9090");
        assertThat(own.observe().series()).containsOnlyKeys("hitRate", "errors", "dbP95");
        assertThat(own.observe().series().get("errors").query()).isEqualTo("sum(rate(b_errors_total[5s]))");
        assertThat(own.observedTargets()).containsOnlyKeys("dbP95", "hitRate");
        assertThat(loops.get(3).observe().series()).containsOnlyKeys("hitRate", "errors");
        assertThat(suite.observe().series()).containsOnlyKeys("hitRate", "errors");

        // addresses once for the suite, series per loop
        Suite urlsOnly = parse(
                """
                name: s
                observe: { prometheus: http://127.0.0.1:9090 }
                benchmarks:
                  - load:
                      name: a
                      target: { http: { url: "http://127.0.0.1:8080/a" } }
                      load: { rate: 10/s }
                      observe: { series: { errors: { query: 'sum(rate(e[5s]))', better: lower } } }
                """);
        assertThat(urlsOnly.benchmarks().get(0).load().observe().prometheus()).isEqualTo("http://127.0.0.1:9090");
        assertThat(
                        error(
                                """
                        name: s
                        observe: { prometheus: http://127.0.0.1:9090 }
                        benchmarks:
                          - load: { name: a, target: { http: { url: "http://127.0.0.1:8080/a" } }, load: { rate: 1/s } }
                        """))
                .contains("benchmarks[0].load: observe.series is empty");
        assertThat(
                        error(
                                """
                        name: s
                        observe: { series: { hits: { metric: hits_total, better: higher } } }
                        benchmarks:
                          - load: { name: a, target: { http: { url: "http://127.0.0.1:8080/a" } }, load: { rate: 1/s } }
                        """))
                .contains("observe.scrape");
    }
}
