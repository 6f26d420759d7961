package dev.perf.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perf.result.Json;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The native image needs to know every class Jackson binds by reflection. Those are the records reachable
 * from the files perf reads and writes; this test walks them from the roots and checks that {@code
 * reflect-config.json} lists exactly them. After adding a record, run it with {@code -Dperf.updateGolden=true}
 * to rewrite the file.
 */
class ReflectionMetadataTest {
    private static final Path CONFIG =
            Path.of("src/main/resources/META-INF/native-image/dev.perf/perf/reflect-config.json");

    /** What perf reads or writes as JSON/YAML. */
    private static final List<Class<?>> ROOTS = List.of(
            dev.perf.result.RunResult.class,
            dev.perf.suite.Suite.class,
            dev.perf.compare.Comparison.class,
            dev.perf.compare.ComparisonTable.class,
            dev.perf.report.RunReport.class,
            dev.perf.report.History.class,
            dev.perf.profile.ProfileSummary.class);

    static TreeSet<String> boundClasses() {
        TreeSet<String> out = new TreeSet<>();
        Deque<Type> todo = new ArrayDeque<>(ROOTS);
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                for (Type a : p.getActualTypeArguments()) {
                    todo.push(a);
                }
                continue;
            }
            if (t instanceof GenericArrayType g) {
                todo.push(g.getGenericComponentType());
                continue;
            }
            if (!(t instanceof Class<?> c) || !c.getName().startsWith("dev.perf.")) {
                continue;
            }
            if ((c.isRecord() || c.isEnum()) && out.add(c.getName()) && c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    todo.push(rc.getGenericType());
                }
            }
        }
        return out;
    }

    private static String render(TreeSet<String> classes) throws IOException {
        ArrayNode array = Json.mapper().createArrayNode();
        for (String name : classes) {
            ObjectNode entry = array.addObject();
            entry.put("name", name);
            entry.put("allDeclaredConstructors", true);
            entry.put("allDeclaredMethods", true);
            entry.put("allDeclaredFields", true);
            entry.put("allRecordComponents", true);
        }
        return Json.mapper().writeValueAsString(array) + "\n";
    }

    @Test
    void reflectConfig_listsEveryRecordPerfBindsToJson() throws IOException {
        TreeSet<String> expected = boundClasses();
        assertThat(expected).contains("dev.perf.result.LoadDetails$Counters", "dev.perf.suite.LoadSpec$MixEntry");
        if (Boolean.getBoolean("perf.updateGolden")) {
            Files.createDirectories(CONFIG.getParent());
            Files.writeString(CONFIG, render(expected), StandardCharsets.UTF_8);
        }
        TreeSet<String> listed = new TreeSet<>();
        for (JsonNode n : Json.mapper().readTree(CONFIG.toFile())) {
            listed.add(n.get("name").asText());
        }
        assertThat(listed).isEqualTo(expected);
    }

    @Test
    void resourceConfig_coversTheResourcesPerfLoadsByName() throws IOException {
        String config = Files.readString(CONFIG.resolveSibling("resource-config.json"), StandardCharsets.UTF_8);
        for (String resource : List.of("dev/perf/version.properties", "dev/perf/suite/demo.yaml", "flame.html")) {
            assertThat(config).contains("\\\\Q" + resource + "\\\\E");
            assertThat(ReflectionMetadataTest.class.getClassLoader().getResource(resource))
                    .as(resource)
                    .isNotNull();
        }
    }
}
