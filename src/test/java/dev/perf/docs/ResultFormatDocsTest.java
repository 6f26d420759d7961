package dev.perf.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.Json;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.JsonSchemaSubset;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/result-format.md and its JSON Schema exact: every file perf writes conforms to the schema,
 * and every field the schema names is described in the Markdown.
 */
class ResultFormatDocsTest {
    private static final Path SCHEMA = Path.of("docs/result-format.schema.json");
    private static final Path DOC = Path.of("docs/result-format.md");

    @Test
    void writtenResults_conformToTheSchema() throws IOException {
        JsonNode schema = Json.mapper().readTree(SCHEMA.toFile());
        for (RunResult result : List.of(SampleResults.demo(), SampleResults.withScores(Double.NaN, 1.0))) {
            JsonNode instance = Json.mapper().readTree(ResultFiles.serialize(result));
            List<String> problems = new ArrayList<>();
            JsonSchemaSubset.validate(schema, schema, instance, "$", problems);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void everySchemaFieldIsDocumented() throws IOException {
        JsonNode schema = Json.mapper().readTree(SCHEMA.toFile());
        String doc = Files.readString(DOC);
        List<String> fields = new ArrayList<>();
        collectFields(schema, fields);
        // a field is documented when it appears in code style, alone or in a dotted path (`git.commit`)
        assertThat(fields).isNotEmpty().allSatisfy(f -> assertThat(doc)
                .containsPattern("`([\\w]+\\.)*" + f + "(\\.[\\w]+)*`"));
    }

    private static void collectFields(JsonNode node, List<String> out) {
        JsonNode props = node.path("properties");
        props.fieldNames().forEachRemaining(out::add);
        props.forEach(child -> collectFields(child, out));
        if (node.has("items")) {
            collectFields(node.get("items"), out);
        }
        node.path("$defs").forEach(child -> collectFields(child, out));
    }
}
