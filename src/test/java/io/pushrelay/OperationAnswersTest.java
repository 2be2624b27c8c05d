package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.junit.jupiter.api.Test;

/**
 * The operation queues answer through the shared answer route: an answer that is not a rejection (NotFound) is only
 * answered; a rejected operation is parked once on push.invalid as it came, and answered with its reason.
 */
class OperationAnswersTest extends GatewayTest {

    private static final Duration NONE = Duration.ofSeconds(1);

    Message reply(String queue, String body, String marker) throws Exception {
        Message reply = jms.request(queue, body, Map.of("Marker", marker), WAIT);
        assertThat(reply).as("a reply from " + queue).isNotNull();
        return reply;
    }

    @Test
    void anEndpointThatIsNotThereIsAnsweredNotFoundAndNotParked() throws Exception {
        String marker = unique();
        JsonNode answer = Json.tree(JmsClient.text(reply("push.endpoints",
                "{\"operation\":\"get\",\"EndpointId\":\"nobody-" + marker + "\"}", marker)));
        assertThat(answer.get("Reason").asText()).isEqualTo("NotFound");
        assertThat(jms.receive("push.invalid", "Marker = '" + marker + "'", 1, NONE)).isEmpty();
    }

    @Test
    void aRejectedOperationOnEachOperationQueueIsParkedOnceAsItCameAndAnsweredWithItsReason() throws Exception {
        Map<String, String> rejected = Map.of(
                "push.endpoints", "{\"operation\":\"rename\",\"EndpointId\":\"x\"}",
                "push.groups", "{\"operation\":\"retrieve\",\"group_name\":\"no-such-group-%s\"}",
                "push.campaigns", "{\"operation\":\"run-now\",\"CampaignId\":\"no-such-campaign-%s\"}",
                "push.replay", "{\"Channel\":\"SMS-%s\"}");
        for (Map.Entry<String, String> operation : rejected.entrySet()) {
            String marker = unique();
            String body = operation.getValue().formatted(marker);
            Message answer = reply(operation.getKey(), body, marker);
            String reason = Json.tree(JmsClient.text(answer)).get("Reason").asText();
            assertThat(reason).as(operation.getKey()).isNotBlank();
            List<Message> parked = jms.receive("push.invalid", "Marker = '" + marker + "'", 2, NONE);
            assertThat(parked).as(operation.getKey() + " parked once").hasSize(1);
            assertThat(JmsClient.text(parked.get(0))).isEqualTo(body);
            assertThat(parked.get(0).getStringProperty("Reason")).isEqualTo(reason);
        }
    }
}
