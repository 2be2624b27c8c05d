package io.pushrelay.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.broker.QueueDepths;
import io.pushrelay.config.Settings;
import io.pushrelay.message.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print how many messages every push.* queue holds (asked of the broker) and the state of the "
                + "broker, the database and each provider (asked of the gateway's /observe/health).")
class StatsCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** What Camel adds to every check's data about the checking itself, not about what is checked. */
    private static final Pattern CAMEL_BOOKKEEPING = Pattern.compile("(invocation|failure|success|check)\\.");

    @ParentCommand
    PushRelayCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL",
            description = "the gateway's HTTP address (default http://127.0.0.1:<pushrelay.http.port>)")
    String gateway;

    @Option(names = "--json", description = "print {\"Queues\": {name: depth}, \"Health\": {\"Url\", \"Reachable\", "
            + "\"Status\", \"Checks\": {name: {\"Status\", \"Message\", \"Details\"}}}} on one line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Settings settings = cli.settings();
        Map<String, Long> queues;
        try (BrokerClient broker = new BrokerClient(settings)) {
            queues = new QueueDepths(broker.factory(), TIMEOUT).of("push.");
        }
        ObjectNode health = health(healthUrl(settings));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode stats = Json.MAPPER.createObjectNode();
            stats.set("Queues", Json.MAPPER.valueToTree(queues));
            stats.set("Health", health);
            out.println(stats);
            return 0;
        }
        out.println("Queues (broker " + settings.get("pushrelay.broker.url") + ")");
        int width = queues.keySet().stream().mapToInt(String::length).max().orElse(0);
        queues.forEach((name, depth) -> out.printf("  %-" + width + "s %10d%n", name, depth));
        out.println();
        if (!health.path("Reachable").asBoolean()) {
            out.println("Providers: gateway not reachable at " + health.path("Url").asText() + " ("
                    + health.path("Error").asText() + ")");
            return 0;
        }
        out.println("Health (" + health.path("Url").asText() + "): " + health.path("Status").asText());
        health.path("Checks").fields().forEachRemaining(check -> out.println("  " + check.getKey() + " "
                + check.getValue().path("Status").asText()
                + (check.getValue().has("Message") ? " — " + check.getValue().path("Message").asText() : "")
                + (check.getValue().has("Details") ? " " + check.getValue().get("Details") : "")));
        if (!hasProvider(health)) {
            out.println("  (no provider-* checks: this gateway reports no provider state)");
        }
        return 0;
    }

    private String healthUrl(Settings settings) {
        String base = gateway != null ? gateway : "http://127.0.0.1:" + settings.get("pushrelay.http.port");
        return base.replaceAll("/+$", "") + "/observe/health";
    }

    private static boolean hasProvider(JsonNode health) {
        for (var names = health.path("Checks").fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("provider-")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The gateway's health checks that say something to an operator (its own: broker, database, provider-*; not
     * Camel's per-route and per-consumer ones), or why the gateway could not be asked.
     */
    static ObjectNode health(String url) throws InterruptedException {
        ObjectNode health = Json.MAPPER.createObjectNode().put("Url", url);
        JsonNode answer;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException | IllegalArgumentException e) {
            return health.put("Reachable", false).put("Error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        health.put("Reachable", true).put("Status", answer.path("status").asText());
        ObjectNode checks = health.putObject("Checks");
        for (JsonNode check : answer.path("checks")) {
            String name = check.path("name").asText();
            if (name.equals("context") || name.contains(":")) {
                continue;
            }
            ObjectNode shown = checks.putObject(name).put("Status", check.path("status").asText());
            if (check.hasNonNull("message")) {
                shown.put("Message", check.path("message").asText());
            }
            ObjectNode details = Json.MAPPER.createObjectNode();
            check.path("data").fields().forEachRemaining(d -> {
                if (!CAMEL_BOOKKEEPING.matcher(d.getKey()).lookingAt()) {
                    details.set(d.getKey(), d.getValue());
                }
            });
            if (!details.isEmpty()) {
                shown.set("Details", details);
            }
        }
        return health;
    }
}
