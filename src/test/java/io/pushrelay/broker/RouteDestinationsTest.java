package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.pushrelay.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * routes/ alone tells where messages go: every queue the gateway deploys is named by a route (consumed or sent to),
 * every queue a route names is one the gateway deploys, and no route builds an endpoint per message.
 */
class RouteDestinationsTest {

    private static final Pattern QUEUE = Pattern.compile("jms:queue:([^\"?\\s]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    /** Static endpoints whose destination each message names in camel-jms's destination header. */
    private static final Set<String> BY_HEADER = Set.of("push.work", "push.answer");
    /** The broker's own: nothing in the gateway sends there or consumes them. */
    private static final Set<String> BROKER_OWN = Set.of(BrokerAddresses.DEAD_LETTERS, BrokerAddresses.EXPIRED);

    @Test
    void routesNameEveryQueueTheGatewayDeploysAndNoOther() throws IOException {
        Settings settings = Settings.load(Map.of());
        Set<String> named = new TreeSet<>();
        Set<String> providers = new TreeSet<>();
        String all = routes();
        Matcher provider = Pattern.compile("name: provider\\s+value: (\\w+)").matcher(all);
        while (provider.find()) {
            providers.add(provider.group(1));
        }
        Matcher m = QUEUE.matcher(all);
        while (m.find()) {
            String queue = m.group(1);
            if (queue.contains("{{provider}}")) {
                providers.forEach(p -> named.add(queue.replace("{{provider}}", p)));
            } else {
                named.add(resolve(queue, settings));
            }
        }
        named.removeAll(BY_HEADER);
        Set<String> deployed = new TreeSet<>(BrokerAddresses.of(settings).queues());
        deployed.removeAll(BROKER_OWN);
        assertThat(providers).as("the providers with a delivery route").isNotEmpty();
        assertThat(named).isEqualTo(deployed);
    }

    @Test
    void noRouteBuildsAnEndpointPerMessage() throws IOException {
        assertThat(routes()).doesNotContain("toD:").doesNotContain("toD\n").doesNotContain("recipientList");
    }

    private static String resolve(String queue, Settings settings) {
        Matcher m = PLACEHOLDER.matcher(queue);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(settings.get(m.group(1))));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    private static String routes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("basedir", "."), "routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
