package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** samples/grafana/perf-dashboard.json: valid, and every query names series perf exports. */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("samples/grafana/perf-dashboard.json");

    /** Every panel query, with the dashboard's variables matching everything. */
    static List<String> expressions() throws IOException {
        JsonNode d = Json.mapper().readTree(Files.readString(DASHBOARD));
        List<String> out = new ArrayList<>();
        for (JsonNode panel : d.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(t.path("expr").asText().replaceAll("\\$(suite|run_id|loop)", ".*"));
            }
        }
        return out;
    }

    @Test
    void everyQuery_namesOnlySeriesPerfExports() throws IOException {
        JsonNode d = Json.mapper().readTree(Files.readString(DASHBOARD));
        assertThat(d.path("uid").asText()).isEqualTo("perf-live");
        Set<String> exported = new HashSet<>();
        for (Family f : MetricsStateTest.sample().families()) {
            f.samples().forEach(s -> exported.add(s.name()));
        }
        List<String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        Set<String> used = new HashSet<>();
        for (String e : expressions) {
            Matcher m = Pattern.compile("\\bperf_[a-z_]+").matcher(e);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(exported).containsAll(used);
        assertThat(used)
                .contains(
                        "perf_load_achieved_rate",
                        "perf_load_target_rate",
                        "perf_load_requests_total",
                        "perf_load_response_time_seconds_bucket",
                        "perf_generator_bound",
                        "perf_host_cpu_ratio");
        for (JsonNode panel : d.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("title").asText()).isNotBlank();
        }
    }
}
