package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perf.result.Json;
import dev.perf.suite.Suite;
import dev.perf.suite.SuiteLoader;
import dev.perf.suite.SuiteSchema;
import dev.perf.testing.CliRun;
import dev.perf.testing.JsonSchemaSubset;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perf init} and perf.yaml's JSON Schema (docs/perf.schema.json), checked against every sample suite. */
class InitAndSchemaTest {
    private static final Path SCHEMA = Path.of("docs/perf.schema.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private static List<String> problems(String yaml) throws Exception {
        JsonNode schema = Json.mapper().readTree(SCHEMA.toFile());
        List<String> problems = new ArrayList<>();
        JsonSchemaSubset.validate(schema, schema, YAML.readTree(yaml), "$", problems);
        return problems;
    }

    @Test
    void theSchemaFile_isTheOneTheRecordsGive() throws Exception {
        String made = Json.write(SuiteSchema.of()) + "\n";
        if (Boolean.getBoolean("perf.updateGolden")) {
            Files.writeString(SCHEMA, made);
        }
        assertThat(SCHEMA).as("regenerate with -Dperf.updateGolden=true").hasContent(made);
    }

    @Test
    void everySampleSuite_andTheDemo_conformToTheSchema() throws Exception {
        List<Path> suites = List.of(
                Path.of("samples/perf.yaml"),
                Path.of("samples/load-patterns.yaml"),
                Path.of("samples/https/perf.yaml"),
                Path.of("samples/jmh-project/perf.yaml"));
        for (Path s : suites) {
            assertThat(problems(Files.readString(s))).as(s.toString()).isEmpty();
        }
        try (InputStream demo = SuiteLoader.class.getResourceAsStream("/dev/perf/suite/demo.yaml")) {
            assertThat(problems(new String(demo.readAllBytes(), StandardCharsets.UTF_8)))
                    .isEmpty();
        }
        assertThat(problems("name: x\nbenchmarks:\n  - load: { name: a, targett: {} }\n"))
                .containsExactly("$.benchmarks[0].load: undocumented field targett");
        assertThat(problems("name: x\nseed: many\nbenchmarks: []\n")).hasSize(1);
    }

    @Test
    void init_withoutAJar_writesALoadLoopThatLoads_andRefusesToOverwrite() throws Exception {
        Path suite = dir.resolve("perf.yaml");
        CliRun r = CliRun.perf(
                "init",
                "-o",
                suite.toString(),
                "--schema",
                dir.resolve("perf.schema.json").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(suite);
        assertThat(text)
                .startsWith("# yaml-language-server: $schema=perf.schema.json\n")
                .contains("{demo-server}");
        Suite loaded = SuiteLoader.load(suite).suite();
        assertThat(loaded.benchmarks()).hasSize(1);
        assertThat(problems(text)).isEmpty();
        assertThat(dir.resolve("perf.schema.json")).hasContent(Json.write(SuiteSchema.of()) + "\n");

        CliRun again = CliRun.perf("init", "-o", suite.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("exists; keep it, or replace it with perf init --force");
        assertThat(CliRun.perf("init", "-o", suite.toString(), "--force").exitCode())
                .isZero();
    }

    @Test
    void init_findsTheProjectsJmhUberJar() throws Exception {
        Path jar = Files.createDirectories(dir.resolve("target")).resolve("benchmarks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream list = InitAndSchemaTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            out.putNextEntry(new ZipEntry("META-INF/BenchmarkList"));
            list.transferTo(out);
            out.putNextEntry(new ZipEntry("org/openjdk/jmh/Main.class"));
            out.closeEntry();
        }
        Files.createFile(dir.resolve("target/original-benchmarks.jar")); // not a jar: skipped
        Path suite = dir.resolve("perf.yaml");
        assertThat(CliRun.perf("init", "-o", suite.toString()).exitCode()).isZero();
        String text = Files.readString(suite);
        assertThat(text).contains("  - jmh:\n", "      jar: target/benchmarks.jar\n");
        assertThat(SuiteLoader.load(suite).suite().benchmarks().get(0).jmh().jar())
                .isEqualTo("target/benchmarks.jar");
        assertThat(problems(text)).isEmpty();
    }
}
