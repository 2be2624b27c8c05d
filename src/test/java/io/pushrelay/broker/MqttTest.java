package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * MQTT (contract §3.1), with Eclipse Paho: a publish to {@code push/requests} is a send request like a JMS send to
 * {@code push.requests}, and a subscriber of {@code push/results} gets every result, while the JMS consumers of the
 * queue {@code push.results} still get each result once.
 */
class MqttTest extends GatewayTest {

    @Test
    void aPublishedRequestIsDeliveredAndItsResultsReachMqttSubscribersAndTheQueue() throws Exception {
        String requestId = "mqtt-" + unique();
        ObjectNode request = (ObjectNode) Json.tree(Files.readString(Path.of(System.getProperty("basedir", "."), "examples", "addresses.json")));
        request.put("RequestId", requestId);
        int targets = request.get("Addresses").size();

        Queue<JsonNode> subscribed = new ConcurrentLinkedQueue<>();
        MqttClient subscriber = client("results-" + unique());
        subscriber.subscribe("push/results", 1, (topic, message) -> {
            JsonNode result = Json.tree(new String(message.getPayload(), StandardCharsets.UTF_8));
            if (requestId.equals(result.path("RequestId").asText())) {
                subscribed.add(result);
            }
        });
        MqttClient publisher = client("requests-" + unique());
        try {
            publisher.publish("push/requests", Json.write(request).getBytes(StandardCharsets.UTF_8), 1, false);

            await().atMost(WAIT).until(() -> subscribed.size() >= targets);
            for (String address : fieldNames(request.get("Addresses"))) {
                assertThat(calls(provider(request, address), address)).as(address).hasSize(1);
            }
            // every result once on the queue too: the copies for subscribers do not come back to it
            List<JsonNode> queued = forRequest("push.results", requestId, targets);
            assertThat(jms.receive("push.results", "RequestId = '" + requestId + "'", 1, Duration.ofSeconds(1)))
                    .as("no second copy on the queue").isEmpty();
            assertThat(queued).extracting(r -> r.get("Address").asText())
                    .containsExactlyInAnyOrderElementsOf(fieldNames(request.get("Addresses")));
            assertThat(subscribed).extracting(r -> r.get("Address").asText())
                    .containsExactlyInAnyOrderElementsOf(fieldNames(request.get("Addresses")));
            assertThat(subscribed).allMatch(r -> r.get("DeliveryStatus").asText().equals("SUCCESSFUL"));
        } finally {
            publisher.disconnect();
            subscriber.disconnect();
        }
    }

    private MqttClient client(String id) throws Exception {
        MqttClient client = new MqttClient(gateway.brokerUrl(), id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return client;
    }

    private static String provider(JsonNode request, String address) {
        return switch (request.get("Addresses").get(address).get("ChannelType").asText()) {
            case "ADM" -> "adm";
            case "GCM" -> "fcm";
            default -> "alexa";
        };
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
