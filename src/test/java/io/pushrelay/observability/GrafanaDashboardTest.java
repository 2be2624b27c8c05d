package io.pushrelay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/pushrelay.json imports as is: a dashboard with a Prometheus data-source input that every panel and
 * variable uses, and only series that docs/observability.md documents.
 */
class GrafanaDashboardTest {

    private static final Pattern SERIES = Pattern.compile("\\bpushrelay_[a-z_]+");

    @Test
    void theDashboardUsesItsPrometheusInputAndOnlyDocumentedSeries() throws Exception {
        JsonNode dashboard = Json.tree(Files.readString(Path.of(System.getProperty("basedir", "."), "docs", "grafana", "pushrelay.json")));
        assertThat(dashboard.path("title").asText()).isEqualTo("pushrelay");
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        JsonNode input = dashboard.path("__inputs").get(0);
        assertThat(input.path("type").asText()).isEqualTo("datasource");
        assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        String datasource = "${" + input.path("name").asText() + "}";
        Set<String> used = new TreeSet<>();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(datasource);
            assertThat(panel.path("targets")).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(datasource);
                Matcher m = SERIES.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group().replaceAll("_(bucket|count|sum)$", ""));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(datasource);
        }
        String documented = Files.readString(Path.of(System.getProperty("basedir", "."), "docs", "observability.md"));
        assertThat(used).contains("pushrelay_notifications_total", "pushrelay_dead_letters_total",
                "pushrelay_provider_request_seconds", "pushrelay_queue_depth", "pushrelay_circuit_open");
        assertThat(used).allSatisfy(series -> assertThat(documented).contains("| `" + series + "` |"));
    }
}
