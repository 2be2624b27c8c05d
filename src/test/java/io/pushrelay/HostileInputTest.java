package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/**
 * A thousand malformed or hostile inputs on every input queue: each ends on push.invalid with a reason, the routes
 * stay up, and valid traffic sent in between is delivered.
 */
class HostileInputTest extends GatewayTest {

    static final String[] QUEUES = {"push.requests", "push.endpoints", "push.groups", "push.replay"};

    static List<String> hostile(Random random) {
        String big = "x".repeat(300 * 1024);
        List<String> bodies = new ArrayList<>(List.of(
                "", " ", "null", "42", "\"a string\"", "[]", "[{}]", "{", "{\"Users\":", "{}}", "\u0000\u0001\u0002",
                "{\"Users\":[]}", "{\"Users\":{\"u\":{}},\"MessageConfiguration\":[]}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"SMS\"}},\"MessageConfiguration\":{}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"BAIDU\"}},\"MessageConfiguration\":{}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":7}},\"MessageConfiguration\":{}}",
                "{\"Addresses\":{\"a\":\"GCM\"},\"MessageConfiguration\":{}}",
                "{\"group_name\":\"../../etc/passwd\"}", "{\"group_name\":\"a'; DROP TABLE endpoint; --\"}",
                "{\"group_name\":\"<script>alert(1)</script>\"}", "{\"group_name\":\"" + "g".repeat(10_000) + "\"}",
                "{\"group_name\":12}", "{\"recipients\":\"all\"}", "{\"recipients\":[{\"type\":\"Unit\"}]}",
                "{\"recipients\":[{\"type\":\"Unit\",\"id\":\"u\"}],\"notification\":{}}",
                "{\"RequestId\":{\"$ne\":null},\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"GCMMessage\":{\"TimeToLive\":\"forever\"}}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"ADMMessage\":{\"ExpiresAfter\":-1}}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\",\"RawContent\":\"not json\"}},\"MessageConfiguration\":{}}",
                "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"" + big + "\"}}}",
                "{\"operation\":\"upsert\",\"EndpointId\":\"e\",\"ChannelType\":\"ADM\",\"Address\":\"' OR 1=1 --\"}",
                "{\"operation\":\"create\",\"group_name\":\"g\",\"registration_ids\":\"all\"}",
                "{\"operation\":\"explode\"}", "{\"Channel\":\"SMS\"}", "{\"Limit\":-5}",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            users.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":{}");
        }
        bodies.add("{\"Users\":{" + users + "},\"MessageConfiguration\":{}}");
        while (bodies.size() < 250) {
            byte[] noise = new byte[random.nextInt(200) + 1];
            random.nextBytes(noise);
            bodies.add(new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return bodies;
    }

    static String missing(List<String> sent, List<Message> invalid) {
        List<String> left = new ArrayList<>(sent);
        for (Message m : invalid) {
            try {
                String body = JmsClient.text(m);
                left.stream().filter(b -> b.substring(b.indexOf(' ') + 1).equals(body)).findFirst().ifPresent(left::remove);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return left.stream().map(b -> b.length() > 200 ? b.substring(0, 200) : b).toList().toString();
    }

    @Test
    void aThousandHostileInputsAllEndOnInvalidAndValidTrafficStillFlows() throws Exception {
        List<String> bodies = hostile(new Random(42));
        int sent = 0;
        List<String> valid = new ArrayList<>();
        List<String> sentBodies = new ArrayList<>();
        for (String queue : QUEUES) {
            for (String body : bodies) {
                // the replay queue takes an empty body as "replay everything": not hostile there
                if (queue.equals("push.replay") && (body.isBlank() || body.equals("{}"))) {
                    continue;
                }
                jms.send(queue, body, Map.of());
                sentBodies.add(queue + " " + body);
                sent++;
                if (sent % 100 == 0) {
                    String rid = unique();
                    valid.add(rid);
                    jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"amzn1.adm-registration.v3."
                            + rid + "\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"b\"}}}", Map.of());
                }
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(990);
        List<Message> invalid = jms.receive("push.invalid", sent, WAIT);
        assertThat(invalid).as(() -> "reasons: " + invalid.stream().map(m -> {
            try {
                return m.getStringProperty("Reason");
            } catch (Exception e) {
                return "?";
            }
        }).collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting())) + " missing: "
                + missing(sentBodies, invalid)).hasSize(sent);
        assertThat(invalid).allSatisfy(m -> {
            assertThat(m.getStringProperty("Reason")).isNotBlank().isNotEqualTo("ProcessingFailed");
            assertThat(m.getStringProperty("ReasonText")).isNotBlank();
        });
        for (String rid : valid) {
            JsonNode result = forRequest("push.results", rid, 1).get(0);
            assertThat(result.get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        }
        gateway.context().getRoutes().forEach(r -> assertThat(gateway.context().getRouteController()
                .getRouteStatus(r.getRouteId())).isEqualTo(ServiceStatus.Started));
        assertThat(JmsClient.text(jms.receive("push.invalid", java.time.Duration.ofMillis(300)))).isNull();
    }
}
