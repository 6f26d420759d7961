package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** samples/k8s/perf-job.yaml: a valid Indexed Job whose shards and merge agree, naming only perf's real flags. */
class KubernetesSampleTest {
    private static List<JsonNode> documents() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory()
                .createParser(Path.of("samples/k8s/perf-job.yaml").toFile())) {
            var it = yaml.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static List<String> perfArgs(JsonNode container) {
        assertThat(container.path("command").toString()).contains("\"-jar\"", "/perf.jar");
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText().replace("$(JOB_COMPLETION_INDEX)", "0")));
        return args;
    }

    @Test
    void theShardJob_isIndexed_itsCountIsPerfShards_andItsFlagsParse() throws Exception {
        List<JsonNode> docs = documents();
        assertThat(docs).hasSize(2);
        JsonNode spec = docs.get(0).path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.path("completions").asInt();
        assertThat(spec.path("parallelism").asInt()).isEqualTo(completions);
        JsonNode container =
                spec.path("template").path("spec").path("containers").get(0);
        String shards = null;
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals("PERF_SHARDS")) {
                shards = env.path("value").asText();
            }
        }
        assertThat(shards).isEqualTo(Integer.toString(completions));
        // parses as perf's own command line would (a flag renamed or removed fails here)
        new CommandLine(new Perf()).parseArgs(perfArgs(container).toArray(String[]::new));
        assertThat(perfArgs(container)).contains("--start-at");

        JsonNode merge = docs.get(1)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        List<String> mergeArgs = perfArgs(merge);
        new CommandLine(new Perf()).parseArgs(mergeArgs.toArray(String[]::new));
        assertThat(mergeArgs.stream().filter(a -> a.matches("/results/shard-\\d+\\.json")))
                .hasSize(completions);
    }
}
