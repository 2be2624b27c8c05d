package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.junit.jupiter.api.Test;

/**
 * Requests waiting on push.requests are taken many per transaction: each valid one is delivered once, each bad one
 * and each duplicate RequestId is parked on its own with its reason, and none holds back the others in its batch.
 */
class BatchedIntakeTest extends GatewayTest {

    static final String MESSAGE = "{\"DefaultPushNotificationMessage\":{\"Title\":\"T\",\"Body\":\"B\"}}";
    static final String[][] CHANNELS = {{"ADM", "amzn1.adm-registration.v3.Batched"}, {"GCM", "fBatched:APA91b"},
        {"ALEXA", "amzn1.alexa.unit.did.Batched"}};

    static String request(String requestId, String channel, String address) {
        return "{\"RequestId\":\"" + requestId + "\",\"Addresses\":{\"" + address + "\":{\"ChannelType\":\"" + channel
                + "\"}},\"MessageConfiguration\":" + MESSAGE + "}";
    }

    @Test
    void aBatchDeliversEveryValidRequestOnceAndParksEachBadOneAlone() throws Exception {
        String run = unique().substring(0, 8);
        // RequestIds that fanned out before the batch: a message that names one again is a duplicate
        List<String> earlier = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            String requestId = "earlier-" + run + "-" + k;
            jms.send("push.requests", request(requestId, "ADM", CHANNELS[0][1] + run + "e" + k), Map.of());
            earlier.add(requestId);
        }
        assertThat(jms.receive("push.results", "RequestId LIKE 'earlier-" + run + "-%'", earlier.size(), WAIT)).hasSize(earlier.size());

        gateway.context().getRouteController().stopRoute("intake");
        Map<String, String> valid = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        int invalid = 0;
        for (int i = 0; i < 120; i++) {
            String[] channel = CHANNELS[i % 3];
            String probe = "batched-" + run + "-" + i;
            if (i % 10 == 3) {
                jms.send("push.requests", "{\"RequestId\":\"" + probe + "\",\"Addresses\":" + i + "}", Map.of("Probe", probe));
                invalid++;
            } else if (i % 10 == 7) {
                jms.send("push.requests", request(earlier.get(i / 10), channel[0], channel[1] + run + "dup" + i), Map.of("Probe", probe));
                duplicates.add(probe);
            } else {
                String address = channel[1] + run + "x" + i;
                valid.put(probe, address);
                jms.send("push.requests", request(probe, channel[0], address), Map.of("Probe", probe));
            }
        }
        gateway.context().getRouteController().startRoute("intake");

        List<Message> results = jms.receive("push.results", "RequestId LIKE 'batched-" + run + "-%'", valid.size(), WAIT);
        assertThat(results).hasSize(valid.size());
        Map<String, JsonNode> byRequest = new HashMap<>();
        for (Message m : results) {
            assertThat(byRequest.put(m.getStringProperty("RequestId"), Json.tree(JmsClient.text(m)))).as("one result per request").isNull();
        }
        valid.forEach((requestId, address) -> {
            assertThat(byRequest.get(requestId).path("DeliveryStatus").asText()).as(requestId).isEqualTo("SUCCESSFUL");
            assertThat(byRequest.get(requestId).path("Address").asText()).isEqualTo(address);
        });
        for (int p = 0; p < 3; p++) {
            String prefix = CHANNELS[p][1] + run + "x";
            assertThat(sandbox.calls(List.of("adm", "fcm", "alexa").get(p)).stream()
                    .filter(c -> c.path().contains(prefix) || c.body().contains(prefix)))
                    .as("one call per valid target").hasSize((int) valid.values().stream().filter(a -> a.startsWith(prefix)).count());
        }
        assertThat(jms.receive("push.results", "RequestId LIKE 'earlier-" + run + "-%'", 1, Duration.ofMillis(500)))
                .as("no duplicate is delivered").isEmpty();

        List<Message> parked = jms.receive("push.invalid", "Probe LIKE 'batched-" + run + "-%'", invalid + duplicates.size(), WAIT);
        assertThat(parked).hasSize(invalid + duplicates.size());
        Map<String, String> reasons = new HashMap<>();
        for (Message m : parked) {
            reasons.put(m.getStringProperty("Probe"), m.getStringProperty("Reason"));
        }
        duplicates.forEach(d -> assertThat(reasons.get(d)).as(d).isEqualTo("DuplicateRequest"));
        assertThat(reasons.values().stream().filter(r -> r.equals("InvalidField"))).hasSize(invalid);

        assertThat(batchesClaimed(run)).as("requests claimed together, one ledger statement per batch")
                .isLessThan(valid.size() / 2);
    }

    /** How many ledger statements claimed this run's requests: all rows of one batch share their received_at. */
    int batchesClaimed(String run) throws Exception {
        DataSource db = gateway.context().getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT received_at) FROM push_request WHERE request_id LIKE 'batched-"
                        + run + "-%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
